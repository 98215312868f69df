package search

// FoldAccents folds accented letters as the index's analyzers do
// ("protección" → "proteccion", "straße" → "strasse", Russian ё → е). It
// is the one accent-folding rule of the project: the indexer compares
// catalog values with its vocabulary through it, so that a value, the
// index and a query agree on which words are the same.
func FoldAccents(s string) string { return string(foldTerm([]byte(s))) }
