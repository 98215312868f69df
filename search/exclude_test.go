package search

import (
	"slices"
	"testing"
)

func TestExclusionsArePageLevel(t *testing.T) {
	x := openFixture(t)
	res := search(t, x, Request{Query: "children -online"})
	if got := hitIDs(res); !slices.Equal(got, []string{"child-prot"}) {
		t.Fatalf("hits %v, want child-prot (its pages without \"online\")", got)
	}
	for _, p := range res.Hits[0].Pages {
		if p.Page == 3 {
			t.Errorf("page 3 (about children online) shown for children -online")
		}
	}
	for _, q := range []string{"children NOT online", "children -(online)"} {
		if got := hitIDs(search(t, x, Request{Query: q})); !slices.Equal(got, []string{"child-prot"}) {
			t.Errorf("%q: hits %v, want child-prot", q, got)
		}
	}
}

func TestRemovalsWhenEmpty(t *testing.T) {
	x := openFixture(t)
	tests := []struct {
		r    Request
		want []Removal
	}{
		{Request{Query: "online -children"}, []Removal{{Kind: "exclusion", Term: "-children", Query: "online", Total: 1}}},
		{Request{Query: "bondage type:guidance"}, []Removal{{Kind: "restriction", Term: "type:guidance", Query: "bondage", Total: 1}}},
		{Request{Query: "bondage", Filters: Filters{Types: []string{"Guidance"}}}, []Removal{{Kind: "filter", Term: "Guidance", Facet: "type", Query: "bondage", Total: 1}}},
		// Nothing to remove that would help.
		{Request{Query: "zebra -children"}, []Removal{}},
		// Results: nothing to say.
		{Request{Query: "bondage -zebra"}, []Removal{}},
	}
	for _, tt := range tests {
		res := search(t, x, tt.r)
		if !slices.Equal(res.Removals, tt.want) {
			t.Errorf("%+v: removals %+v, want %+v", tt.r, res.Removals, tt.want)
		}
	}
}

func TestQueryString(t *testing.T) {
	for _, q := range []string{
		"referral -child",
		`"duty to notify" type:Guidance`,
		`region:"South Asia" year:2015..2020 year:>=2018 year:2019`,
		"(forced labour) OR trafficking",
		"referral -(child OR minor)",
		"title:guide traffick*",
	} {
		if got := queryString(ParseQuery(q)); got != q {
			t.Errorf("queryString(ParseQuery(%q)) = %q", q, got)
		}
	}
}
