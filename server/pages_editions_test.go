package server

import (
	"context"
	"strings"
	"testing"

	"handbooks/search"
)

func TestEditionsView(t *testing.T) {
	v2 := search.Edition{ID: "v2", Title: "Guide", Year: 2026, Edition: "v2 April 2026", Language: "en", Current: true}
	v1 := search.Edition{ID: "v1", Title: "Guide", Year: 2026, Edition: "v1 March 2026", Language: "en", SupersededBy: "v2"}
	fr := search.Edition{ID: "fr", Title: "Guide (fr)", Year: 2025, Language: "fr", Current: true}

	v := newEditionsView("q", v2, []search.Edition{v1, fr})
	if !v.Current || v.SupersededBy != nil || len(v.Others) != 2 ||
		v.Others[0].Note != "superseded by this edition" || v.Others[1].Note != "current French edition" {
		t.Errorf("current shown: %+v", v)
	}
	v = newEditionsView("q", v1, []search.Edition{v2, fr})
	if v.Current || v.SupersededBy == nil || v.SupersededBy.ID != "v2" || v.SupersededBy.Name != "v2 April 2026, English" ||
		v.Others[0].Note != "current edition" {
		t.Errorf("superseded shown: %+v", v)
	}
	if v := newEditionsView("q", search.Edition{ID: "alone", Current: true}, nil); v.Current || v.Others != nil {
		t.Errorf("a work of one edition is not labelled: %+v", v)
	}
}

// TestEditionPagesSampleLibrary reads the sample library's two toolkit
// editions over the real index: the results show the 2025 one as current
// with the 2021 one superseded by it, and the 2021 page says so.
func TestEditionPagesSampleLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the sample library")
	}
	lib, x := indexLibrary(t, "testdata/library")
	s, err := New(Config{Searcher: x, Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		url  string
		want []string
	}{
		{"/?q=duty+to+notify", []string{
			`<a href="/documents/ho-frt-2025?q=duty&#43;to&#43;notify">First Responder Toolkit`,
			`<p class="edition-status current"><strong>Current edition</strong></p>`,
			`<a href="/documents/ho-frt-2021?q=duty&#43;to&#43;notify">1st edition, 2021, English</a> <span class="muted">(superseded by this edition)</span>`,
		}},
		{"/?q=duty+to+notify&sort=oldest", []string{
			`<strong>Superseded</strong> by <a href="/documents/ho-frt-2025?q=duty&#43;to&#43;notify">2nd edition, September 2025, English</a>`,
		}},
		{"/documents/ho-frt-2021", []string{
			`<strong>Superseded:</strong> a newer edition exists, <a href="/documents/ho-frt-2025">2nd edition, September 2025, English</a>`,
			`<span class="muted">2nd edition, September 2025, English · current edition</span>`,
		}},
		{"/documents/ho-frt-2025", []string{
			`<strong>Current edition</strong>`,
			`<span class="muted">1st edition, 2021, English · superseded by this edition</span>`,
		}},
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
	}
}

// TestRegionTreeSampleLibrary checks the sidebar's region tree over the real
// index of the sample library: UN M49's, whatever regions the catalog
// gives together (its shelter standards are catalogued in Southern and
// Eastern Europe at once).
func TestRegionTreeSampleLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the sample library")
	}
	_, x := indexLibrary(t, "testdata/library")
	facets, err := x.Facets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	groups := searchState{}.facetGroups(facets)
	paths := map[string]string{} // value → its ancestors, top first
	var walk func(items []facetItem, above string)
	walk = func(items []facetItem, above string) {
		for _, it := range items {
			paths[it.Param+":"+it.Value] = above
			walk(it.Children, strings.TrimPrefix(above+" > "+it.Value, " > "))
		}
	}
	for _, g := range groups {
		if g.Param == "region" {
			walk(append(g.Items, g.More...), "")
		}
	}
	for key, want := range map[string]string{
		"region:Europe":             "",
		"region:Southern Europe":    "Europe",
		"region:Eastern Europe":     "Europe",
		"country:Bulgaria":          "Europe > Eastern Europe",
		"country:Moldova":           "Europe > Eastern Europe",
		"country:Romania":           "Europe > Eastern Europe",
		"country:Albania":           "Europe > Southern Europe",
		"region:Western Africa":     "Africa > Sub-Saharan Africa",
		"country:Senegal":           "Africa > Sub-Saharan Africa > Western Africa",
		"country:Mexico":            "Americas > Latin America and the Caribbean > Central America",
		"region:Central Asia":       "Asia",
		"region:South-eastern Asia": "Asia",
	} {
		got, ok := paths[key]
		if !ok {
			t.Errorf("%s is not in the sidebar (%v)", key, paths)
			continue
		}
		if got != want {
			t.Errorf("%s is under %q, want %q", key, got, want)
		}
	}
}
