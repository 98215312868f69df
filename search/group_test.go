package search

import "testing"

// A work is shown by its newest edition in the language of its
// best-placed one, at the best-placed one's place; sorted oldest first, by
// the best-placed edition.
func TestGroupWorksShowsNewestEdition(t *testing.T) {
	meta := func(id, lang string, year, work int) *docMeta {
		return &docMeta{Document: Document{ID: id, Language: lang, Year: year}, workOrd: work, edKey: parseEdition(year, "")}
	}
	old := meta("guide-2019", "en", 2019, 0)
	current := meta("guide-2025", "en", 2025, 0)
	french := meta("guide-2026-fr", "fr", 2026, 0)
	other := meta("toolkit", "en", 2020, 1)
	hits := []scored{{old, 9}, {other, 5}, {french, 4}, {current, 3}}

	got := groupWorks(hits, "relevance", 2)
	if len(got) != 2 || got[0].head.d != current || got[0].head.score != 9 || got[1].head.d != other {
		t.Fatalf("relevance: %s (%v), %d groups; want guide-2025 at score 9, then toolkit", got[0].head.d.ID, got[0].head.score, len(got))
	}
	got = groupWorks(hits, "oldest", 2)
	if got[0].head.d != old {
		t.Fatalf("oldest: %s; want the best-placed guide-2019", got[0].head.d.ID)
	}
}
