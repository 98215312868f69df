package indexer

import (
	"testing"

	"handbooks/search"
)

// TestOneAccentFolding checks that vocabulary matching folds accents by the
// index's rule: words the two rules once treated differently match.
func TestOneAccentFolding(t *testing.T) {
	for _, pair := range [][2]string{
		{"Sénégal", "Senegal"}, {"Côte d'Ivoire", "Cote d'Ivoire"}, {"Straße", "Strasse"},
		{"Łódź", "Lodz"}, {"Ørsted", "Orsted"}, {"Ёлка", "елка"}, {"protección", "PROTECCION"},
	} {
		if a, b := matchKey(pair[0]), matchKey(pair[1]); a != b {
			t.Errorf("matchKey(%q) = %q, matchKey(%q) = %q", pair[0], a, pair[1], b)
		}
		if got, want := foldAccents(pair[0]), search.FoldAccents(pair[0]); got != want {
			t.Errorf("foldAccents(%q) = %q, the index folds it to %q", pair[0], got, want)
		}
	}
}
