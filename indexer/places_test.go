package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbooks/search"
)

// The region tree of the built-in vocabulary is UN M49's.
func TestPlacesFollowM49(t *testing.T) {
	p := vocab(t).Places()
	for _, c := range []struct{ key, parent string }{
		{"region:Southern Europe", "Europe"},
		{"region:Eastern Europe", "Europe"},
		{"region:Western Europe", "Europe"},
		{"country:Bulgaria", "Eastern Europe"},
		{"country:Moldova", "Eastern Europe"},
		{"country:Romania", "Eastern Europe"},
		{"country:Italy", "Southern Europe"},
		{"region:Sub-Saharan Africa", "Africa"},
		{"region:Northern Africa", "Africa"},
		{"region:Western Africa", "Sub-Saharan Africa"},
		{"region:Eastern Africa", "Sub-Saharan Africa"},
		{"country:Senegal", "Western Africa"},
		{"region:Latin America and the Caribbean", "Americas"},
		{"region:Northern America", "Americas"},
		{"region:Central America", "Latin America and the Caribbean"},
		{"region:South America", "Latin America and the Caribbean"},
		{"region:Caribbean", "Latin America and the Caribbean"},
		{"country:Mexico", "Central America"},
		{"region:Europe", ""},
		{"region:Global", ""},
	} {
		kind, name, _ := strings.Cut(c.key, ":")
		var got string
		var ok bool
		if kind == "region" {
			got, ok = p.RegionParent[name]
		} else {
			got, ok = p.CountryRegion[name]
		}
		if !ok || got != c.parent {
			t.Errorf("%s: parent %q (listed %v), want %q", c.key, got, ok, c.parent)
		}
	}
	// Every country's region is in the tree, and every chain ends at a
	// top-level region.
	for c, r := range p.CountryRegion {
		if _, ok := p.RegionParent[r]; !ok {
			t.Errorf("country %s: region %q is not in the tree", c, r)
		}
	}
	for r := range p.RegionParent {
		seen := map[string]bool{}
		for x := r; x != ""; x = p.RegionParent[x] {
			if seen[x] {
				t.Fatalf("region %s: cycle at %s", r, x)
			}
			seen[x] = true
		}
	}
}

// An indexing run writes the tree into the index, and the facets nest by
// it even where the documents' regions co-occur misleadingly: here every
// Southern Europe document is also in Eastern Europe, and the Senegal
// document is also about Mexico.
func TestRegionTreeInIndex(t *testing.T) {
	lib := t.TempDir()
	page := "Guidance on identifying and referring victims of trafficking in human beings."
	files := map[string]string{"catalog.csv": csvHeader +
		"a.pdf,bg-it,A,Guidance,,Bulgaria; Italy,,,2020,,English,,,,\n" +
		"b.pdf,ro-es,B,Guidance,,Romania; Spain,,,2021,,English,,,,\n" +
		"c.pdf,md-gr,C,Guidance,,Moldova; Greece,,,2022,,English,,,,\n" +
		"d.pdf,pl,D,Guidance,,Poland,,,2022,,English,,,,\n" +
		"e.pdf,sn-mx,E,Guidance,,Senegal; Mexico,,,2023,,English,,,,\n"}
	for _, f := range []string{"a", "b", "c", "d", "e"} {
		files[f+".pdf"] = string(pdfBytes(f, page))
	}
	writeFiles(t, lib, files)
	idx := filepath.Join(t.TempDir(), "index")
	cfg := runConfig(lib, idx)
	mustRun(t, cfg)

	want := map[string]string{
		"region:Europe": "", "region:Southern Europe": "Europe", "region:Eastern Europe": "Europe",
		"country:Bulgaria": "Eastern Europe", "country:Moldova": "Eastern Europe", "country:Romania": "Eastern Europe",
		"country:Italy": "Southern Europe", "country:Greece": "Southern Europe",
		"region:Africa": "", "region:Sub-Saharan Africa": "Africa", "region:Western Africa": "Sub-Saharan Africa",
		"country:Senegal": "Western Africa",
		"region:Americas": "", "region:Latin America and the Caribbean": "Americas",
		"region:Central America": "Latin America and the Caribbean", "country:Mexico": "Central America",
	}
	check := func(when string) {
		t.Helper()
		got := indexFacetParents(t, idx)
		for k, w := range want {
			if p, ok := got[k]; !ok || p != w {
				t.Errorf("%s: %s has parent %q (listed %v), want %q", when, k, p, ok, w)
			}
		}
	}
	check("first run")

	// An index written without a tree gets one from the next run, though
	// nothing else changed.
	st, err := search.OpenStore(idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := os.ReadFile(filepath.Join(idx, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(idx, strings.TrimSpace(string(cur)), "places.json")); err != nil {
		t.Fatal(err)
	}
	if st.HasPlaces() {
		t.Fatal("HasPlaces after removing places.json")
	}
	if rep := mustRun(t, cfg); !rep.Committed {
		t.Error("a run over an index without a region tree did not write one")
	}
	check("after adding the tree")
}

func indexFacetParents(t *testing.T, idx string) map[string]string {
	t.Helper()
	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	f, err := x.Facets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, k := range []string{"region", "country"} {
		for _, v := range f[k] {
			got[k+":"+v.Value] = v.Parent
		}
	}
	return got
}
