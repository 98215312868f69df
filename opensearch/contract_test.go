package opensearch

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"handbooks/search"
)

// contractCases are requests whose answers must agree on both backends:
// always the totals, facet counts, did-you-mean, editions and paging; in
// the same order for sorts other than relevance. Ranked by relevance, the
// two engines' scores differ (BM25 over different field combinations), so
// agreement on the documents shown, the first hit and its best page is
// counted, reported, and must hold for minAgreement of those cases.
var contractCases = []struct {
	name    string
	req     search.Request
	ordered bool // unused for relevance: see above
}{
	{"all newest", search.Request{}, true},
	{"word", search.Request{Query: "labour"}, true},
	{"two words", search.Request{Query: "duty notify"}, false},
	{"phrase", search.Request{Query: `"duty to notify"`}, false},
	{"prefix", search.Request{Query: "interview*"}, true},
	{"stemmed", search.Request{Query: "interviews"}, true},
	{"title field", search.Request{Query: "title:responder"}, false},
	{"type prefix", search.Request{Query: "type:toolkit"}, false},
	{"region prefix of a longer value", search.Request{Query: "region:europe", Sort: "title"}, true},
	{"year range", search.Request{Query: "year:2016..2020", Sort: "oldest"}, true},
	{"not", search.Request{Query: "guidance -labour", Sort: "newest"}, true},
	{"or", search.Request{Query: "children OR bondage", Sort: "title"}, true},
	{"group", search.Request{Query: "(duty notify) OR bondage", Sort: "title"}, true},
	{"only an exclusion", search.Request{Query: "-labour", Sort: "title"}, true},
	{"NOT a phrase", search.Request{Query: `guidance NOT "forced labour"`, Sort: "newest"}, true},
	{"excluded metadata", search.Request{Query: "-type:guidance", Sort: "title"}, true},
	{"accents folded es", search.Request{Query: "protección"}, true},
	{"french stemmer", search.Request{Query: "victime"}, false},
	{"russian", search.Request{Query: "торговля"}, true},
	{"arabic", search.Request{Query: "الاتجار"}, true},
	{"filter type", search.Request{Filters: search.Filters{Types: []string{"Guidance"}}, Sort: "newest"}, true},
	{"filter two facets", search.Request{Filters: search.Filters{Regions: []string{"europe"}, Languages: []string{"en", "fr"}}, Sort: "title"}, true},
	{"filter years", search.Request{Filters: search.Filters{YearFrom: 2018, YearTo: 2021}, Sort: "oldest"}, true},
	{"words and filter", search.Request{Query: "victims", Filters: search.Filters{Countries: []string{"United Kingdom"}}}, true},
	{"second page", search.Request{Sort: "title", Page: 2, PerPage: 3}, true},
	{"added", search.Request{Query: "guidance", Sort: "added"}, true},
	{"typo", search.Request{Query: "trafficing"}, false},
	{"nothing", search.Request{Query: "zyxwvut"}, true},
}

// minAgreement is the share of relevance-ranked cases whose ranking must
// agree.
const minAgreement = 0.8

func TestContract(t *testing.T) {
	bx, ox, _ := openBoth(t)
	ctx := context.Background()
	ranked, agreed := 0, 0
	for _, tc := range contractCases {
		t.Run(tc.name, func(t *testing.T) {
			want, err := bx.Search(ctx, tc.req)
			if err != nil {
				t.Fatalf("bleve: %v", err)
			}
			got, err := ox.Search(ctx, tc.req)
			if err != nil {
				t.Fatalf("opensearch: %v", err)
			}
			relevance := tc.req.Query != "" && (tc.req.Sort == "" || tc.req.Sort == "relevance")
			compareResults(t, want, got, tc.ordered && !relevance)
			if relevance {
				ranked++
				if diff := rankingDiff(want, got); diff != "" {
					t.Logf("ranking differs: %s", diff)
				} else {
					agreed++
				}
			}
		})
	}
	t.Logf("relevance ranking agrees on %d of %d cases", agreed, ranked)
	if ranked > 0 && float64(agreed) < minAgreement*float64(ranked) {
		t.Errorf("relevance ranking agrees on %d of %d cases, want at least %.0f%%", agreed, ranked, 100*minAgreement)
	}
}

// rankingDiff says how two relevance rankings differ: the documents on the
// page, the first hit, its best page ("" when they agree).
func rankingDiff(want, got *search.Result) string {
	w, g := hitIDs(want), hitIDs(got)
	sw, sg := slices.Clone(w), slices.Clone(g)
	slices.Sort(sw)
	slices.Sort(sg)
	switch {
	case !slices.Equal(sw, sg):
		return fmt.Sprintf("hits %v, want %v", g, w)
	case len(w) > 0 && w[0] != g[0]:
		return fmt.Sprintf("first hit %s, want %s", g[0], w[0])
	case len(w) > 0 && len(want.Hits[0].Pages) > 0 && !slices.Contains(pageNumbers(got.Hits[0].Pages), want.Hits[0].Pages[0].Page):
		return fmt.Sprintf("%s: pages %v, want best page %d among them", w[0], pageNumbers(got.Hits[0].Pages), want.Hits[0].Pages[0].Page)
	}
	return ""
}

func hitIDs(r *search.Result) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func facetCounts(r *search.Result) map[string]string {
	out := map[string]string{}
	for name, list := range r.Facets {
		var parts []string
		for _, f := range list {
			parts = append(parts, fmt.Sprintf("%s=%d/%v/%s", f.Value, f.Count, f.Selected, f.Parent))
		}
		slices.Sort(parts)
		out[name] = strings.Join(parts, " ")
	}
	return out
}

func compareResults(t *testing.T, want, got *search.Result, ordered bool) {
	t.Helper()
	if want.Total != got.Total || want.Documents != got.Documents {
		t.Errorf("total %d documents %d, want %d and %d", got.Total, got.Documents, want.Total, want.Documents)
	}
	w, g := hitIDs(want), hitIDs(got)
	if ordered && !slices.Equal(w, g) {
		t.Errorf("hits %v, want %v", g, w)
	}
	wf, gf := facetCounts(want), facetCounts(got)
	for name := range wf {
		if wf[name] != gf[name] {
			t.Errorf("facet %s:\n got %s\nwant %s", name, gf[name], wf[name])
		}
	}
	if (want.DidYouMean == nil) != (got.DidYouMean == nil) || (want.DidYouMean != nil && *want.DidYouMean != *got.DidYouMean) {
		t.Errorf("did you mean %v, want %v", deref(got.DidYouMean), deref(want.DidYouMean))
	}
	if want.Sort != got.Sort {
		t.Errorf("sort %q, want %q", got.Sort, want.Sort)
	}
	if (want.NextCursor == nil) != (got.NextCursor == nil) {
		t.Errorf("next cursor %v, want one: %v", got.NextCursor != nil, want.NextCursor != nil)
	}
	// The best page of each hit shown by both.
	byID := map[string]search.Hit{}
	for _, h := range want.Hits {
		byID[h.ID] = h
	}
	for _, h := range got.Hits {
		wh, ok := byID[h.ID]
		if !ok {
			continue
		}
		if h.Current != wh.Current || h.SupersededBy != wh.SupersededBy {
			t.Errorf("%s: current %v superseded by %q, want %v %q", h.ID, h.Current, h.SupersededBy, wh.Current, wh.SupersededBy)
		}
		if !slices.EqualFunc(h.OtherEditions, wh.OtherEditions, func(a, b search.Edition) bool { return a == b }) {
			t.Errorf("%s: other editions %v, want %v", h.ID, h.OtherEditions, wh.OtherEditions)
		}
		for _, p := range h.Pages {
			if strings.Contains(p.Snippet, "<script>") {
				t.Errorf("%s: snippet not escaped: %s", h.ID, p.Snippet)
			}
		}
	}
}

func pageNumbers(ps []search.PageHit) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.Page)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestContractErrors: bad input gets the same error (code and parameter)
// on both backends.
func TestContractErrors(t *testing.T) {
	bx, ox, _ := openBoth(t)
	ctx := context.Background()
	for _, req := range []search.Request{
		{Query: "ab*"},
		{Query: "*"},
		{Query: strings.Repeat("word ", 40)},
		{PerPage: 1000},
		{Page: 500, PerPage: 100},
		{Cursor: "not-a-cursor"},
		{Sort: "sideways"},
		{Filters: search.Filters{YearFrom: 2020, YearTo: 2010}},
	} {
		_, werr := bx.Search(ctx, req)
		_, gerr := ox.Search(ctx, req)
		var we, ge *search.Error
		if !errors.As(werr, &we) || !errors.As(gerr, &ge) {
			t.Errorf("%+v: errors %v and %v, want a *search.Error from both", req, werr, gerr)
			continue
		}
		if we.Code != ge.Code || we.Param != ge.Param {
			t.Errorf("%+v: %v %q, want %v %q", req, ge.Code, ge.Param, we.Code, we.Param)
		}
	}
	if _, err := ox.Document(ctx, "no-such-doc"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Document of an unknown id: %v, want ErrNotFound", err)
	}
	for _, q := range []string{"", "notify"} {
		wp, err := bx.Page(ctx, "frg-2025", 3, q)
		if err != nil {
			t.Fatal(err)
		}
		gp, err := ox.Page(ctx, "frg-2025", 3, q)
		if err != nil {
			t.Fatalf("Page with %q: %v", q, err)
		}
		if gp.Text != wp.Text || gp.Label != wp.Label || gp.Pages != wp.Pages || (q != "") != strings.Contains(gp.HTML, "<mark>") {
			t.Errorf("Page 3 with %q: %+v, want %+v", q, gp, wp)
		}
	}
	within := search.Request{Query: "duty notify", Within: "frg-2025"}
	wr, err := bx.Search(ctx, within)
	if err != nil {
		t.Fatal(err)
	}
	gr, err := ox.Search(ctx, within)
	if err != nil {
		t.Fatalf("within: %v", err)
	}
	if gr.Total != wr.Total || len(gr.Hits) != 1 || !slices.Equal(pageNumbers(gr.Hits[0].Pages), pageNumbers(wr.Hits[0].Pages)) {
		t.Errorf("within: total %d pages %v, want %d and %v", gr.Total, pageNumbers(gr.Hits[0].Pages), wr.Total, pageNumbers(wr.Hits[0].Pages))
	}
	if _, err := ox.Page(ctx, "frg-2025", 99, ""); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Page 99 of a 4-page document: %v, want ErrNotFound", err)
	}
}
