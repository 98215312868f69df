package search

import (
	"context"
	"slices"
	"testing"
)

func TestSoftMatching(t *testing.T) {
	x := openFixture(t)
	tests := []struct {
		q       string
		relaxed []string // words left out
		first   string   // first hit
	}{
		{"debt bondage fishing", nil, "labour-insp"},
		// A word the library does not have is left out.
		{"debt bondage fishing zebra", []string{"zebra"}, "labour-insp"},
		{"my client was kept in debt bondage", []string{"client", "kept"}, "labour-insp"},
		// Every word is in the library, but never together: the most
		// frequent goes first.
		{"children debt bondage", []string{"children"}, "labour-insp"},
		// Thesaurus groups are one part: "forced labour" stays whole.
		{"forced labour zebra", []string{"zebra"}, "labour-insp"},
		// A word the library lacks but whose thesaurus equivalent it has
		// ("kid": child) is kept; the number it lacks is left out.
		{"kid zebra", []string{"zebra"}, "child-prot"},
		// Quoted phrases are left out after plain words.
		{`"trauma informed interview" bondage`, []string{"bondage"}, "child-prot"},
	}
	for _, tt := range tests {
		res := search(t, x, Request{Query: tt.q})
		if !slices.Equal(res.Relaxed, append([]string{}, tt.relaxed...)) {
			t.Errorf("%q: relaxed %q, want %q", tt.q, res.Relaxed, tt.relaxed)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tt.first {
			t.Errorf("%q: hits %v, want %s first", tt.q, hitIDs(res), tt.first)
		}
	}
}

func TestSoftMatchingKeepsFilters(t *testing.T) {
	x := openFixture(t)
	// Filters are never relaxed: the words are.
	res := search(t, x, Request{Query: "bondage workplaces zebra", Filters: Filters{Types: []string{"Guidance"}}})
	if res.Total != 0 {
		t.Errorf("hits %v; a filter that excludes every document with the words must leave none", hitIDs(res))
	}
	res = search(t, x, Request{Query: "zebra"})
	if res.Total != 0 || len(res.Relaxed) != 0 {
		t.Errorf("one word the library lacks: %d hits, relaxed %q; want none", res.Total, res.Relaxed)
	}
}

func TestDropOrder(t *testing.T) {
	x := openFixture(t)
	g, err := x.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer x.release(g)
	c := compile(g, x.thes, ParseQuery(`"potential victim" guidance zebra bondage`), nil)
	order, missing := dropOrder(context.Background(), g, c)
	var got []string
	for _, i := range order {
		got = append(got, c.units[i].text)
	}
	want := []string{"zebra", "guidance", "bondage", `"potential victim"`}
	if !slices.Equal(got, want) || missing != 1 {
		t.Errorf("drop order %q (%d missing), want %q (1 missing)", got, missing, want)
	}
}
