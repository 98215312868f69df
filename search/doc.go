// Package search is the index of handbooks: its document model, the query
// language, ranking, facets and passages. It is the only package that
// imports Bleve.
//
// # Document model
//
// A generation (see Store) holds two Bleve indexes, both scored with BM25,
// with static mappings (no dynamic fields) and nothing in the _all field:
//
//   - docs: one entry per document (handbook), id = Document.ID. It holds the
//     metadata as keyword fields with doc values (type, region, country, tag,
//     publisher, lang, year as a keyword; year_n as a number; work), the
//     title, summary and the text of all pages in per-language text fields
//     (title_en, summary_en, body_en, ...), not stored and without
//     positions (only titles keep them, for title:"..."); the same text as
//     pairs of adjacent words (pairs_en, ...: shingles, a removed stop
//     word leaving "_"), where phrases and the phrase boost are matched as
//     plain terms, far cheaper than positional phrase matching over whole
//     handbooks; a "words" field (everything, folded but unstemmed) that
//     feeds suggestions and did-you-mean, and the document's metadata as
//     JSON in the stored-only field "meta". Ranking, filters and facets run
//     here.
//   - pages: one entry per physical page, id "<docid>#<page>" (page counted
//     from 1, as a PDF viewer's #page=N). It holds the document id ("doc"),
//     the printed label and the text, stored once ("text") and indexed with
//     term vectors in the field of the document's language (text_en, ...),
//     and the page's heading-like lines (head_en, ...). Passages come from
//     here. Pages that look like a table of contents are listed in the
//     document's metadata and weigh less when pages are chosen.
//
// Why counts are documents: facets and totals are computed over the
// document-level index, where one entry is one handbook, so a handbook
// that mentions a term on forty pages counts once. (Counting over pages
// would need a distinct count of document ids, and a document matching "a
// b" with a and b on different pages would match no page at all.)
//
// How pages are found: a search first ranks documents in docs (the query's
// parts must occur somewhere in the document; see soft matching below). For the best documents
// (the 30 re-ranked, and any others shown), a second query runs over
// pages restricted to their pages, with OR
// semantics (a page matching any word counts, pages matching more rank
// higher), so every document hit gets pages even when its words are spread
// over several pages. The best one to three pages of each hit are kept and
// only those (at most 30) are turned into passages, from the stored page
// text and the term locations of that page.
//
// # Languages
//
// English, French, Spanish, Russian and Arabic text is analysed with stop
// words and a stemmer of its language; other languages get a generic
// analyzer (lower case, accent folding, no stemming). Every analyzer folds
// Latin accents to ASCII before stemming, so "protección" and "proteccion"
// are the same term; folding is a token filter (not a char filter) so term
// offsets still point into the stored text. A document's text goes to the
// fields of its language (body_fr, text_fr, ...); a query is analysed once
// per language field and run on all of them, so a French document is
// matched by the French stemmer of the query.
//
// # A search
//
// Search parses the query (ParseQuery: a typed tree, never an error; NOT,
// AND, OR and parentheses are operators) and compiles it into parts
// (units): a word with its thesaurus equivalents (thesaurus.txt, embedded;
// Options.ThesaurusFile replaces it; reported in AlsoSearched), a run of
// words the thesaurus knows, a phrase, a prefix, an OR group. Stop words
// and the words of a question that name no subject ("how", "can", "I",
// "someone": questionwords.go) are optional. Each part is searched in
// title, tags, summary or body with weights 3, 3, 1.5 and 1 on BM25, the
// plain words together as an optional phrase boost; metadata prefixes
// (type:, year:...) become restrictions evaluated on the in-memory table.
//
// Soft matching (soft.go): with one or two parts a document needs both;
// with three or more, half of them (Elasticsearch's minimum_should_match;
// documents holding more of them, weighed by their rarity, rank higher). When even that leaves nothing, the least
// informative parts are left out one at a time (those the library lacks,
// then the most frequent) until something matches. Result.Relaxed names
// the parts the best result was found without when no result has them
// all. This shape was measured against Meilisearch's (all words, then
// drop words only when nothing matches) on the judged set and kept.
//
// Exclusions (exclude.go) leave out pages: "referral -child" finds the
// documents with a page about referral that does not mention children,
// and shows those pages. When an exclusion, a restriction typed in the
// query or a filter leaves no result, Result.Removals names each whose
// removal gives results, with the query without it.
//
// Phase one visits every matching document once; Go applies the filters,
// counts the facets (disjunctively: a document counts for facet f when it
// passes every filter but f's), orders only the best hits, groups editions
// by work (by title and publisher when the catalog gives none), and cuts
// the page (see "Cost of a query"). Sorting by relevance then ranks the best 30 documents again:
// the document's score (scaled to the best hit's) times the square of the
// idf-weighted share of the parts it holds, plus 0.6 × the score of its
// best page. Pages are ranked in two steps: page-level BM25 over the
// pages of those documents (with boosts for the words in a heading of the
// page and for the plain words together), then the best pages of each
// (evidence.go) are read back with the positions of the query's words and
// scored on coverage (the idf-weighted share of the parts on the page),
// proximity (parts typed side by side found within a few words, and the
// share of the parts inside one passage of 30 words), exact form ("forced"
// as typed scores above its stem found in "force") and place (parts in
// the page's opening lines, where its heading is), added to the scaled
// BM25. A table of contents weighs less. So a long handbook with a page
// that answers is not buried by BM25's length penalty under short
// documents that mention the words, and within a handbook the page where
// the words stand together comes first. The weights were tuned on the
// tune half of the judged set (judged_test.go) and are reported on the
// held-out half. Phase two reuses those pages for the hits shown and makes
// their passages; a hit's MatchingPages counts its pages with every
// required word (any word only when no page has them all). With fewer
// than three results, words the library does not have are corrected from
// its own vocabulary (did-you-mean) and searched as well.
//
// # Cost of a query
//
// What a query costs follows what it shows, and only gently the size of
// the library:
//
//   - Phase one does not collect hits in Bleve: a handler that Bleve's
//     collector calls for each matching document (collect.go) reads the
//     document's number, looks up its row in the generation's columnar
//     table (table.go: row per document number, facet value ids per row as
//     flat arrays, a roaring bitmap of rows per facet value, years, works)
//     and there tests the filters (a bitmap per filtered facet, the union
//     of its accepted values), adds the row to the exact disjunctive facet
//     counts, and keeps the passing rows unsorted in a pooled buffer. No
//     id is loaded and nothing is sorted per match.
//   - Ordering: only the best k hits are ordered (a bounded heap), with k
//     the end of the page asked for and at least the 30 re-ranked; the
//     re-rank scores those 30 and the others keep their scaled score, which
//     cannot pass them. Works are placed by their best-placed edition, so
//     the groups made from the best k are exactly the first groups of the
//     whole order; when grouping or a cursor leaves the page short, k grows
//     fourfold. Totals count works with a pooled bit set; the newest
//     matching edition shown for a work is looked for among the other hits
//     without ordering them. A cursor holds the sort keys of the last
//     group's best-placed edition.
//   - The page phase runs only for the re-ranked and shown documents. The
//     page index's document numbers are mapped to documents and page
//     numbers once, when a generation opens (pagetable.go), so the page
//     queries are restricted to the pages of those documents by walking
//     their numbers (numbersQuery), not by a disjunction over document ids,
//     and their hits are read by number through the same kind of handler.
//     Pages holding every required word are looked for only among the pages
//     already found to match any; the pages the evidence pass reads back
//     (text, label, offsets of the query's words) are kept for the search's
//     passages (pagecache.go), so a page shown is read once.
//
// On a 100,000-page synthetic library, after this change phase one is
// about 7% of a query's CPU and the page phase (the page query, the
// evidence pass over the best candidate pages, the pages with every word)
// about 70%: most of it Bleve advancing the postings of the query's words
// to the candidate pages. BENCHMARKS.md has the figures.
//
// A generation is force-merged to one segment per index when it is
// written, and compaction waits until Bleve has dropped the snapshots the
// merge made obsolete: closed before, the index kept their segment files,
// which more than tripled the page index on disk at 100,000 pages.
//
// Paging: page/per_page up to Limits.MaxWindow results, then NextCursor,
// which carries the sort keys of the last hit. Limits are checked before
// any search runs; expensive constructs are bounded up front (prefixes need
// Limits.MinPrefix letters, fuzzy matching is done against the vocabulary
// rather than by expanding automata at query time, there are no regular
// expressions or wildcards inside words, Bleve's MaxTermSearchers caps the
// rest) because a deadline only takes effect between documents.
package search
