package server

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"handbooks/search"
)

// fixesDocs is a library for the page details of the search and document
// pages: a document without a publisher, a work in two editions, a
// document with many matching pages.
func fixesDocs() []search.Document {
	pages := func(n int, text string) []search.Page {
		ps := make([]search.Page, n)
		for i := range ps {
			ps[i] = search.Page{Number: i + 1, Label: strconv.Itoa(i + 1), Text: text}
		}
		return ps
	}
	doc := func(id, title, typ, region string, pubs []string, year int, work string, n int, text string) search.Document {
		return search.Document{ID: id, File: id + ".pdf", Title: title, Types: []string{typ}, Regions: []string{region},
			Countries: []string{}, Tags: []string{}, Publishers: pubs, Year: year, Language: "en", Work: work,
			PageCount: n, Outcome: "indexed", Pages: pages(n, text)}
	}
	ho := []string{"Home Office"}
	return []search.Document{
		doc("anon", "Shelter Standards", "Standards", "Europe", nil, 2020, "", 2, "Minimum standards for shelters of trafficking survivors."),
		doc("guide-1", "Referral Guide", "Guidance", "Global", ho, 2019, "guide", 2, "Referral of victims of trafficking to support."),
		doc("guide-2", "Referral Guide", "Guidance", "Global", ho, 2024, "guide", 2, "Referral of victims of trafficking to support."),
		doc("tools", "Screening Tools", "Tools", "Global", ho, 2022, "", 2, "Screening tools for trafficking indicators."),
		doc("manual", "Inspection Manual", "Handbook", "Asia", ho, 2018, "", 25, "Labour inspection and trafficking, page after page."),
	}
}

func TestPageFixes(t *testing.T) {
	s := newIndexServer(t, fixesDocs(), Limits{})
	for _, c := range []struct {
		url      string
		want     []string
		not      []string
		notFound bool
	}{
		// A correction searched is said once: not also as "Did you mean".
		{url: "/?q=trafficing", want: []string{"Also searched for: trafficking"}, not: []string{"Did you mean"}},
		// Without words the result is newest first, and the box says so.
		// (Its value is the default, so that a query typed next is ranked
		// by relevance.)
		{url: "/?type=Guidance", want: []string{`<option value="" selected>Newest first</option><option value="oldest">`},
			not: []string{"Best match", `value="newest"`}},
		{url: "/?type=Guidance&sort=relevance", want: []string{`<option value="" selected>Newest first</option>`}, not: []string{"Best match"}},
		{url: "/?type=Guidance&sort=oldest", want: []string{`<option value="oldest" selected>Oldest first</option>`}},
		{url: "/?q=referral", want: []string{`<option value="relevance" selected>Best match</option>`}},
		// No publisher: the line starts with the year, not a separator.
		{url: "/?q=shelter", want: []string{`<p class="meta">2020<span class="sep"> · </span>English</p>`},
			not: []string{`<p class="meta"><span class="sep">`}},
		{url: "/documents/anon", want: []string{`<p class="meta">2020<span class="sep"> · </span>English</p>`}},
		// The query goes to the document and its pages, and back.
		{url: "/documents/anon?q=shelter", want: []string{`<p class="crumbs"><a href="/?q=shelter">Results for “shelter”</a></p>`}},
		{url: "/documents/anon/pages/1?q=shelter", want: []string{`<p class="crumbs"><a href="/?q=shelter">Results for “shelter”</a> › `}},
		{url: "/documents/anon", want: []string{`<p class="crumbs"><a href="/">Search</a></p>`}},
		// Inside a document: the best pages are listed, said in good English.
		{url: "/documents/manual?q=inspection", want: []string{"25 pages contain “inspection”; the best 20 are listed."}},
		// Counts agree: removing a filter gives documents, as facets count
		// them (the Global guide has two editions: 3 documents, 2 works).
		{url: "/?region=Global&type=Handbook", want: []string{`Remove Type: Handbook</a> <span class="muted">(3 documents)</span>`}},
		{url: "/?region=Global", want: []string{`>Global <span class="n">3<`}},
	} {
		w := fetchPage(s, c.url)
		body := w.Body.String()
		if w.Code != 200 {
			t.Errorf("%s: status %d", c.url, w.Code)
			continue
		}
		for _, want := range c.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s: missing %q", c.url, want)
			}
		}
		for _, not := range c.not {
			if strings.Contains(body, not) {
				t.Errorf("%s: has %q", c.url, not)
			}
		}
	}
}

func TestInsideCountGrammar(t *testing.T) {
	one := &documentPage{Q: "x", Matching: 3, Inside: &passageList{Pages: []search.PageHit{{Page: 1}}}}
	if got := one.InsideCount(); got != "3 pages contain “x”; the best is listed." {
		t.Errorf("InsideCount = %q", got)
	}
	all := &documentPage{Q: "x", Matching: 1, Inside: &passageList{Pages: []search.PageHit{{Page: 1}}}}
	if got := all.InsideCount(); got != "1 page contains “x”." {
		t.Errorf("InsideCount = %q", got)
	}
}

// Values the library cannot mean are 400s naming the parameter; a known
// value keeps the library's spelling in the facets.
func TestAPIValuesTheLibraryLacks(t *testing.T) {
	s := newIndexServer(t, fixesDocs(), Limits{})
	for _, c := range []struct{ query, param, say string }{
		{"region=Atlantis", "region", `no document in the library has the region "Atlantis"`},
		{"q=shelter&type=Guidence", "type", `did you mean "Guidance"?`},
		{"q=year:abc", "q", "year:2015..2020"},
		{"q=shelter&within=abc", "within", `"abc"`},
	} {
		w := get(s, "GET", "/api/search?"+c.query)
		checkError(t, w, 400, codeInvalidParameter, c.param)
		if !strings.Contains(w.Body.String(), strings.ReplaceAll(c.say, `"`, `\"`)) {
			t.Errorf("%s: %s does not say %q", c.query, w.Body, c.say)
		}
	}
	// The page says the same, once.
	page := fetchPage(s, "/?region=Atlantis")
	if body := page.Body.String(); page.Code != 400 || !strings.Contains(body, "no document in the library has the region &#34;Atlantis&#34;. Values in the library: Asia, Europe, Global.</p>") {
		t.Errorf("/?region=Atlantis: %d %s", page.Code, body)
	}
	w := get(s, "GET", "/api/search?q=shelter&region=asia")
	var res struct {
		Total  int                       `json:"total"`
		Facets map[string][]search.Facet `json:"facets"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != 200 {
		t.Fatalf("%d %s: %v", w.Code, w.Body, err)
	}
	found := false
	for _, f := range res.Facets["region"] {
		if strings.EqualFold(f.Value, "asia") {
			found = f.Value == "Asia" && f.Selected && f.Count == 0
		}
	}
	if res.Total != 0 || !found {
		t.Errorf("region=asia, no result: facets %v; want Asia selected at 0", res.Facets["region"])
	}
}
