package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func search(t *testing.T, x *Index, r Request) *Result {
	t.Helper()
	res, err := x.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%+v): %v", r, err)
	}
	return res
}

func hitIDs(res *Result) []string {
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func facetCount(res *Result, facet, value string) (int, bool) {
	for _, f := range res.Facets[facet] {
		if f.Value == value {
			return f.Count, f.Selected
		}
	}
	return 0, false
}

func wantErr(t *testing.T, err error, code Code, param string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != code || e.Param != param {
		t.Fatalf("error %v; want *Error code %s param %s", err, code, param)
	}
}

func TestDutyToNotifyPage(t *testing.T) {
	x := openFixture(t)
	res := search(t, x, Request{Query: "duty to notify"})
	if len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].ID, "frg-") {
		t.Fatalf("hits %v; want the first responder guide first", hitIDs(res))
	}
	h := res.Hits[0]
	want := map[string]int{"frg-2025": 3, "frg-2024": 2}[h.ID]
	if len(h.Pages) == 0 || h.Pages[0].Page != want {
		t.Fatalf("pages %+v; want page %d first", h.Pages, want)
	}
	if !strings.Contains(h.Pages[0].Snippet, "<mark>duty</mark> to <mark>notify</mark>") {
		t.Errorf("snippet %q lacks the marked phrase", h.Pages[0].Snippet)
	}
}

func TestEditionsGrouped(t *testing.T) {
	x := openFixture(t)
	res := search(t, x, Request{Query: "first responder"})
	if res.Total != 1 || len(res.Hits) != 1 || res.Documents != 2 {
		t.Fatalf("hits %v total %d documents %d; want the two editions as one hit of two documents", hitIDs(res), res.Total, res.Documents)
	}
	h := res.Hits[0]
	if len(h.OtherEditions) != 1 || h.OtherEditions[0].ID == h.ID {
		t.Fatalf("other editions %+v", h.OtherEditions)
	}
	// Facet counts are documents: both editions count.
	if n, _ := facetCount(res, "type", "Guidance"); n != 2 {
		t.Errorf("type Guidance count %d, want 2 documents", n)
	}
}

func TestFacetCountsDocumentsNotPages(t *testing.T) {
	x := openFixture(t)
	// frg-2025 mentions victims on two pages; it counts once (frg-2024 has none).
	res := search(t, x, Request{Query: "victim", Filters: Filters{Publishers: []string{"Home Office"}}})
	if n, _ := facetCount(res, "publisher", "Home Office"); n != 1 {
		t.Errorf("publisher Home Office count %d, want 1", n)
	}
	for _, h := range res.Hits {
		if h.ID == "frg-2025" && h.MatchingPages != 2 {
			t.Errorf("frg-2025 matching pages %d, want 2", h.MatchingPages)
		}
	}
}

func TestDisjunctiveFacets(t *testing.T) {
	x := openFixture(t)
	all := search(t, x, Request{Query: ""})
	goodAll, _ := facetCount(all, "type", "Good Practices")
	res := search(t, x, Request{Query: "", Filters: Filters{Types: []string{"guidance"}}, PerPage: 50})
	for _, h := range res.Hits {
		if !slices.Contains(h.Types, "Guidance") {
			t.Errorf("hit %s of types %v passed the Guidance filter", h.ID, h.Types)
		}
	}
	n, sel := facetCount(res, "type", "Guidance")
	if !sel || n != 5 {
		t.Errorf("Guidance: count %d selected %v; want 5, true", n, sel)
	}
	// Its own filter does not apply to the type facet...
	if good, sel := facetCount(res, "type", "Good Practices"); good != goodAll || good == 0 || sel {
		t.Errorf("Good Practices count %d (selected %v) under a type filter; want %d", good, sel, goodAll)
	}
	// ...but applies to the others: Africa has only a Good Practices document.
	if n, _ := facetCount(res, "region", "Africa"); n != 0 {
		t.Errorf("Africa count %d under the Guidance filter, want 0", n)
	}
	// OR within a facet, AND across facets.
	res = search(t, x, Request{Filters: Filters{Types: []string{"Guidance", "Toolkit"}, Regions: []string{"Europe"}}, PerPage: 50})
	got := hitIDs(res)
	slices.Sort(got)
	if want := []string{"frg-2025", "ru-guide"}; !slices.Equal(got, want) {
		t.Errorf("Guidance|Toolkit & Europe: %v, want %v", got, want)
	}
	// A selected value with no documents is still listed, so it can be unticked.
	// It keeps the library's spelling.
	res = search(t, x, Request{Query: "labour", Filters: Filters{Countries: []string{"kenya"}}})
	if n, sel := facetCount(res, "country", "Kenya"); !sel || n != 0 || res.Total != 0 {
		t.Errorf("selected value without documents: %v", res.Facets["country"])
	}
	// Year range filter and facet.
	res = search(t, x, Request{Filters: Filters{YearFrom: 2018, YearTo: 2021}, PerPage: 50})
	for _, h := range res.Hits {
		if h.Year < 2018 || h.Year > 2021 {
			t.Errorf("hit %s of %d outside 2018–2021", h.ID, h.Year)
		}
	}
	if n, sel := facetCount(res, "year", "2016"); n != 1 || sel {
		t.Errorf("year 2016 under a year filter: %d %v, want 1 false", n, sel)
	}
}

func TestQuerySyntax(t *testing.T) {
	x := openFixture(t)
	tests := []struct {
		q    string
		want []string // sorted document ids (group heads)
	}{
		{"title:guide", []string{"frg-2025"}},
		{"type:toolkit", []string{"labour-insp", "supply"}},
		{"type:toolkit bondage", []string{"labour-insp"}},
		{"year:2015..2017", []string{"proteccion-es", "ru-guide"}},
		{"year:>=2021", []string{"child-prot", "frg-2025"}},
		{"year:2024", []string{"frg-2024"}},
		{"lang:fr", []string{"support-fr"}},
		{`region:"western europe" -type:guidance`, []string{"support-fr"}},
		{"fishing OR workplaces", []string{"labour-insp"}},
		{"bondage OR interview", []string{"child-prot", "labour-insp"}},
		{"children -online", []string{"child-prot"}}, // pages without "online"
		{"online -children", nil},                    // its one page has both
		{"(debt bondage) OR remediation", []string{"labour-insp", "supply"}},
		{"fishing AND bondage", []string{"labour-insp"}},
		{`"trauma informed interview"`, []string{"child-prot"}},
		{`"interview informed trauma"`, nil},
		{"remedia*", []string{"supply"}},
		{"publisher:unicef", []string{"child-prot"}},
		{"country:kenya OR country:thailand", []string{"child-prot", "labour-insp"}},
	}
	for _, tt := range tests {
		res := search(t, x, Request{Query: tt.q, PerPage: 50})
		got := hitIDs(res)
		slices.Sort(got)
		if len(tt.want) == 0 && len(got) == 0 {
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestLanguagesAndAccents(t *testing.T) {
	x := openFixture(t)
	for q, want := range map[string]string{
		"protección":     "proteccion-es",
		"proteccion":     "proteccion-es",
		"albergue":       "proteccion-es",
		"hebergement":    "support-fr",
		"торговля":       "ru-guide",
		"жертва":         "ru-guide",
		"الاتجار":        "ar-guide",
		"menschenhandel": "scanned",
	} {
		res := search(t, x, Request{Query: q})
		if len(res.Hits) == 0 || res.Hits[0].ID != want {
			t.Errorf("%q: %v, want %s first", q, hitIDs(res), want)
		}
	}
}

func TestThesaurus(t *testing.T) {
	x := openFixture(t)
	res := search(t, x, Request{Query: "THB"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "labour-insp" {
		t.Fatalf("THB: %v", hitIDs(res))
	}
	if !slices.Contains(res.AlsoSearched, "trafficking in human beings") {
		t.Errorf("also searched %v", res.AlsoSearched)
	}
	if len(res.Hits[0].Pages) == 0 || res.Hits[0].Pages[0].Page != 3 {
		t.Errorf("THB pages %+v, want page 3", res.Hits[0].Pages)
	}
	// Multi-word entries: "CSEC" finds the phrase, and the phrase the acronym's equivalents.
	res = search(t, x, Request{Query: "CSEC"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "child-prot" {
		t.Errorf("CSEC: %v", hitIDs(res))
	}
	// Short acronyms only match in capitals: "tip" is a word.
	res = search(t, x, Request{Query: "tip"})
	if len(res.AlsoSearched) != 0 {
		t.Errorf("tip expanded to %v", res.AlsoSearched)
	}
	// An edited thesaurus file.
	file := t.TempDir() + "/th.txt"
	writeFile(t, file, "# test\nbondage, servitude\n")
	dir := writeIndex(t, fixtureDocs()...)
	y, err := Open(dir, Options{ThesaurusFile: file, ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	res = search(t, y, Request{Query: "servitude"})
	if len(res.Hits) != 1 || res.Hits[0].ID != "labour-insp" || !slices.Equal(res.AlsoSearched, []string{"bondage"}) {
		t.Errorf("servitude with edited thesaurus: %v also %v", hitIDs(res), res.AlsoSearched)
	}
	if _, err := parseThesaurus("lonely\n"); err == nil {
		t.Error("a one-term group parsed")
	}
}

func TestDidYouMeanAndFuzzy(t *testing.T) {
	x := openFixture(t)
	// A correction that finds more is searched and said once, in
	// AlsoSearched: not again as "Did you mean".
	res := search(t, x, Request{Query: "trafficing"})
	if res.DidYouMean != nil || !slices.Contains(res.AlsoSearched, "trafficking") {
		t.Fatalf("did you mean %v beside also searched %q", res.DidYouMean, res.AlsoSearched)
	}
	// One that finds nothing more is offered, not searched.
	res2 := search(t, x, Request{Query: "trafficing", Filters: Filters{Types: []string{"Leaflet"}}})
	if res2.DidYouMean == nil || *res2.DidYouMean != "trafficking" || slices.Contains(res2.AlsoSearched, "trafficking") {
		t.Errorf("with a filter leaving nothing: did you mean %v, also searched %q", res2.DidYouMean, res2.AlsoSearched)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "labour-insp" {
		t.Errorf("fuzzy hits %v", hitIDs(res))
	}
	// Enough results: no suggestion; short words are not corrected.
	if res := search(t, x, Request{Query: "guidance"}); res.DidYouMean != nil {
		t.Errorf("did you mean %q for a frequent word", *res.DidYouMean)
	}
	if res := search(t, x, Request{Query: "chld"}); res.DidYouMean != nil {
		t.Errorf("short word corrected to %q", *res.DidYouMean)
	}
}

func TestRanking(t *testing.T) {
	filler := strings.Repeat("Assistance measures for people in need of support. ", 20)
	dir := writeIndex(t,
		Document{ID: "title", Title: "Debt Bondage", Language: "en", PageCount: 1, Pages: pages(filler)},
		Document{ID: "body", Title: "Other Things", Language: "en", PageCount: 1, Pages: pages(filler + " debt bondage " + filler)},
		Document{ID: "scattered", Title: "Report", Language: "en", PageCount: 1, Pages: pages("duty of care. " + filler + " notify the police. " + filler)},
		Document{ID: "phrase", Title: "Manual", Language: "en", PageCount: 1, Pages: pages(filler + " the duty to notify. " + filler)},
		Document{ID: "tags", Title: "Handbook", Tags: []string{"bondage"}, Language: "en", PageCount: 1, Pages: pages(filler)},
	)
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	res := search(t, x, Request{Query: "bondage"})
	if ids := hitIDs(res); len(ids) != 3 || ids[2] != "body" {
		t.Errorf("bondage: %v; want title and tag matches above the body match", ids)
	}
	res = search(t, x, Request{Query: "duty notify"})
	if ids := hitIDs(res); len(ids) != 2 || ids[0] != "phrase" {
		t.Errorf("duty notify: %v; want the document with the words together first", ids)
	}
}

func TestSorts(t *testing.T) {
	x := openFixture(t)
	years := func(res *Result) []int {
		var ys []int
		for _, h := range res.Hits {
			ys = append(ys, h.Year)
		}
		return ys
	}
	newest := years(search(t, x, Request{Sort: "newest", PerPage: 50}))
	if !slices.IsSortedFunc(newest[:len(newest)-1], func(a, b int) int { return b - a }) || newest[len(newest)-1] != 0 {
		t.Errorf("newest: %v", newest)
	}
	oldest := years(search(t, x, Request{Sort: "oldest", PerPage: 50}))
	if !slices.IsSorted(oldest[:len(oldest)-1]) || oldest[len(oldest)-1] != 0 {
		t.Errorf("oldest: %v", oldest)
	}
	var titles []string
	for _, h := range search(t, x, Request{Sort: "title", PerPage: 50}).Hits {
		titles = append(titles, fold(h.Title))
	}
	if !slices.IsSorted(titles) {
		t.Errorf("title: %v", titles)
	}
	_, err := x.Search(context.Background(), Request{Sort: "random"})
	wantErr(t, err, Invalid, "sort")
}

func TestPagingAndCursor(t *testing.T) {
	x := openFixture(t)
	all := hitIDs(search(t, x, Request{Sort: "title", PerPage: 50}))
	var got []string
	r := Request{Sort: "title", PerPage: 3}
	for i := 0; ; i++ {
		res := search(t, x, r)
		got = append(got, hitIDs(res)...)
		if res.NextCursor == nil {
			break
		}
		if i > 10 {
			t.Fatal("cursor does not end")
		}
		r.Cursor = *res.NextCursor
	}
	if !slices.Equal(got, all) {
		t.Errorf("cursor pages %v, want %v", got, all)
	}
	p2 := hitIDs(search(t, x, Request{Sort: "title", PerPage: 3, Page: 2}))
	if !slices.Equal(p2, all[3:6]) {
		t.Errorf("page 2: %v, want %v", p2, all[3:6])
	}
	_, err := x.Search(context.Background(), Request{Page: 200, PerPage: 10})
	wantErr(t, err, OverLimit, "page")
	_, err = x.Search(context.Background(), Request{Cursor: "garbage"})
	wantErr(t, err, Invalid, "cursor")
	res := search(t, x, Request{Sort: "title", PerPage: 3})
	_, err = x.Search(context.Background(), Request{Sort: "newest", Cursor: *res.NextCursor})
	wantErr(t, err, Invalid, "cursor")
}

func TestLimits(t *testing.T) {
	x := openFixture(t)
	ctx := context.Background()
	_, err := x.Search(ctx, Request{Query: strings.Repeat("a", 600)})
	wantErr(t, err, OverLimit, "q")
	_, err = x.Search(ctx, Request{PerPage: 100000})
	wantErr(t, err, OverLimit, "per_page")
	_, err = x.Search(ctx, Request{Query: "tr*"})
	wantErr(t, err, OverLimit, "q")
	_, err = x.Search(ctx, Request{Query: strings.Repeat("word ", 40)})
	wantErr(t, err, OverLimit, "q")
	_, err = x.Search(ctx, Request{Filters: Filters{YearFrom: 2020, YearTo: 2010}})
	wantErr(t, err, Invalid, "year_to")
	for _, q := range []string{"/.*/", "*", "???", `""`} {
		_, err = x.Search(ctx, Request{Query: q})
		wantErr(t, err, Invalid, "q")
	}
	if _, err = x.Search(ctx, Request{Query: "  "}); err != nil {
		t.Errorf("a blank query lists every document, got %v", err)
	}

	dir := writeIndex(t, fixtureDocs()...)
	small, _ := Open(dir, Options{ReloadInterval: -1, Limits: Limits{MaxTermSearchers: 5}})
	defer small.Close()
	_, err = small.Search(ctx, Request{Query: "labour"})
	wantErr(t, err, OverLimit, "q")

	slow, _ := Open(dir, Options{ReloadInterval: -1, Limits: Limits{Timeout: time.Nanosecond}})
	defer slow.Close()
	_, err = slow.Search(ctx, Request{Query: "labour"})
	wantErr(t, err, Timeout, "q")
}

func TestWithin(t *testing.T) {
	x := openFixture(t)
	res := search(t, x, Request{Query: "victim", Within: "frg-2025"})
	if res.Total != 2 || len(res.Hits) != 1 || len(res.Hits[0].Pages) != 2 {
		t.Fatalf("within: total %d hits %+v", res.Total, res.Hits)
	}
	res = search(t, x, Request{Query: "general guidance", Within: "frg-2025", PerPage: 1})
	if res.Total != 4 || len(res.Hits[0].Pages) != 1 || res.NextCursor == nil {
		t.Fatalf("within, paged: total %d, pages %d, cursor %v", res.Total, len(res.Hits[0].Pages), res.NextCursor)
	}
	seen := map[int]bool{res.Hits[0].Pages[0].Page: true}
	for res.NextCursor != nil {
		res = search(t, x, Request{Query: "general guidance", Within: "frg-2025", PerPage: 1, Cursor: *res.NextCursor})
		seen[res.Hits[0].Pages[0].Page] = true
	}
	if len(seen) != 4 {
		t.Errorf("cursor over pages saw %v", seen)
	}
	// The search exists: an unknown document is a mistake in within, not
	// a missing page.
	var e *Error
	if _, err := x.Search(context.Background(), Request{Query: "x", Within: "nope"}); !errors.As(err, &e) || e.Code != Invalid || e.Param != "within" {
		t.Errorf("within unknown document: %v", err)
	}
}

func TestSnippetsAreEscaped(t *testing.T) {
	x := openFixture(t)
	res := search(t, x, Request{Query: "remediation"})
	if len(res.Hits) == 0 || len(res.Hits[0].Pages) == 0 {
		t.Fatalf("no page: %+v", res)
	}
	s := res.Hits[0].Pages[0].Snippet
	if strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, "&amp;") {
		t.Errorf("snippet not escaped: %q", s)
	}
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(rest, "<>") {
		t.Errorf("markup other than <mark>: %q", s)
	}
}

func TestDocumentPageFacetsSuggestStats(t *testing.T) {
	x := openFixture(t)
	ctx := context.Background()
	d, err := x.Document(ctx, "frg-2025")
	if err != nil || d.Title != "First Responder Guide" || len(d.OtherEditions) != 1 || d.OtherEditions[0].ID != "frg-2024" {
		t.Fatalf("Document: %+v, %v", d, err)
	}
	if _, err := x.Document(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(nope): %v", err)
	}
	p, err := x.Page(ctx, "frg-2025", 3, "notify")
	if err != nil || !strings.Contains(p.HTML, "<mark>notify</mark>") || p.Pages != 4 || !strings.Contains(p.Text, "duty to notify") {
		t.Fatalf("Page: %+v, %v", p, err)
	}
	p, err = x.Page(ctx, "frg-2025", 1, "notify") // no match on this page
	if err != nil || p.Text == "" || strings.Contains(p.HTML, "<mark>") {
		t.Fatalf("Page without match: %+v, %v", p, err)
	}
	p, err = x.Page(ctx, "scanned", 1, "")
	if err != nil || p.Text != "" || p.Label != "1" {
		t.Errorf("page without text: %+v, %v", p, err)
	}
	p, err = x.Page(ctx, "scanned", 2, "")
	if err != nil || p.Label != "ii" || p.HTML != "" {
		t.Errorf("labelled page: %+v, %v", p, err)
	}
	if _, err := x.Page(ctx, "frg-2025", 5, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("Page 5 of 4: %v", err)
	}
	for _, n := range []int{0, MaxPageNumber + 1} {
		var e *Error
		if _, err := x.Page(ctx, "frg-2025", n, ""); !errors.As(err, &e) || e.Code != Invalid || e.Param != "n" {
			t.Errorf("Page %d: %v, want an invalid n", n, err)
		}
	}
	f, err := x.Facets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 7 || f["type"][0].Value != "Guidance" || f["type"][0].Count != 5 {
		t.Errorf("Facets: %v", f["type"])
	}
	for _, c := range f["country"] {
		if c.Value == "Kenya" && c.Parent != "Africa" {
			t.Errorf("Kenya's parent %q", c.Parent)
		}
	}
	s, err := x.Suggest(ctx, "traff", 5)
	if err != nil || !slices.Contains(s, "trafficking") {
		t.Errorf("Suggest(traff) = %v, %v", s, err)
	}
	s, _ = x.Suggest(ctx, "first resp", 5)
	if len(s) == 0 || s[0] != "First Responder Guide" {
		t.Errorf("Suggest(first resp) = %v", s)
	}
	st, err := x.Stats()
	if err != nil || st.Documents != 10 || st.Pages != 22 || st.Generation == "" {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}
