package search

import (
	"context"
	"testing"
)

func TestCompareEditions(t *testing.T) {
	for _, c := range []struct {
		newer, older   string
		newerY, olderY int
	}{
		{"v2 April 2026", "v1 March 2026", 2026, 2026},
		{"v2 April 2026", "v1 March 2026", 0, 0}, // year from the label
		{"Version 10", "Version 9", 2024, 2024},
		{"Version 3.10", "Version 3.9", 2024, 2024},
		{"v1.2", "v1", 2024, 2024},
		{"2nd edition", "1st edition", 2020, 2020},
		{"Second edition", "First edition", 2020, 2020},
		{"segunda edición", "primera edición", 2016, 2016},
		{"2e édition", "1re édition", 2013, 2013},
		{"12 April 2026", "3 April 2026", 2026, 2026},
		{"April 12, 2026", "April 3, 2026", 2026, 2026},
		{"2026-04-12", "2026-04-03", 2026, 2026},
		{"published 1 December 2025", "published 30 January 2025", 2025, 2025},
		{"", "Draft for consultation", 2020, 2020},
		{"v1", "v9", 2026, 2025}, // the year first
		{"", "", 2021, 0},        // an unknown year is oldest
	} {
		a, b := parseEdition(c.newerY, c.newer), parseEdition(c.olderY, c.older)
		if compareEditions(a, b) != 1 || compareEditions(b, a) != -1 {
			t.Errorf("%q (%d) should be newer than %q (%d): %+v vs %+v", c.newer, c.newerY, c.older, c.olderY, a, b)
		}
	}
	if k := parseEdition(0, "Version 3 March 2026"); k.day != 0 || k.month != 3 || at(k.version, 0) != 3 {
		t.Errorf("Version 3 March 2026: %+v; the 3 is the version, not the day", k)
	}
	for _, c := range [][2]string{{"", ""}, {"2021", ""}, {"English edition", "Edition anglaise"}} {
		if got := compareEditions(parseEdition(2021, c[0]), parseEdition(2021, c[1])); got != 0 {
			t.Errorf("%q vs %q: %d, want 0 (nothing tells them apart)", c[0], c[1], got)
		}
	}
}

// screeningEditions is a work in three editions of one year and a translation.
// The first edition says most about "screening", so a search ranks it
// first; the second is current.
func screeningEditions() []Document {
	doc := func(id, edition, lang, text string) Document {
		return Document{ID: id, Title: "Screening Guide", Edition: edition, Year: 2026, Language: lang,
			Work: "screening", Publishers: []string{"Home Office"}, PageCount: 1, Pages: pages(text)}
	}
	return []Document{
		doc("a-guide-v1", "v1 March 2026", "en", "Screening interviews. Screening questions for screening officers."),
		doc("b-guide-v2", "v2 April 2026", "en", "Screening interviews and the referral of potential victims."),
		doc("c-guide-v10", "v10 January 2026", "en", "Screening interviews, an early draft numbered oddly."),
		doc("d-guide-fr", "version 1", "fr", "Entretiens de dépistage (screening)."),
	}
}

func TestCurrentEdition(t *testing.T) {
	dir := writeIndex(t, screeningEditions()...)
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()

	for _, sort := range []string{"", "title", "newest"} {
		res, err := x.Search(ctx, Request{Query: "screening interviews", Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var en *Hit
		for i := range res.Hits {
			if res.Hits[i].Language == "en" {
				en = &res.Hits[i]
			}
		}
		if en == nil || en.ID != "b-guide-v2" || !en.Current || en.SupersededBy != "" {
			t.Fatalf("sort %q: the English hit is %+v; want the current b-guide-v2", sort, en)
		}
		want := map[string]string{"a-guide-v1": "b-guide-v2", "c-guide-v10": "b-guide-v2", "d-guide-fr": ""}
		if len(en.OtherEditions) != 3 {
			t.Fatalf("other editions %+v", en.OtherEditions)
		}
		for _, e := range en.OtherEditions {
			if e.SupersededBy != want[e.ID] || e.Current != (want[e.ID] == "") {
				t.Errorf("edition %s: current %v, superseded by %q; want %q", e.ID, e.Current, e.SupersededBy, want[e.ID])
			}
		}
	}

	// Words only an old edition holds show that edition, saying what
	// supersedes it.
	res, err := x.Search(ctx, Request{Query: "questions officers"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "a-guide-v1" || res.Hits[0].Current || res.Hits[0].SupersededBy != "b-guide-v2" {
		t.Fatalf("old edition hit: %+v", res.Hits)
	}

	d, err := x.Document(ctx, "c-guide-v10")
	if err != nil {
		t.Fatal(err)
	}
	if d.Current || d.SupersededBy != "b-guide-v2" {
		t.Errorf("document c-guide-v10: current %v, superseded by %q", d.Current, d.SupersededBy)
	}
	if len(d.OtherEditions) != 3 || d.OtherEditions[0].ID != "b-guide-v2" {
		t.Errorf("other editions of c-guide-v10, newest first: %+v", d.OtherEditions)
	}
	d, err = x.Document(ctx, "d-guide-fr")
	if err != nil || !d.Current || d.SupersededBy != "" {
		t.Errorf("a translation is current in its language: %+v, %v", d, err)
	}
}
