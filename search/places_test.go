package search

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixturePlaces is the region tree written with test indexes: the shape of
// the indexer's vocabulary, with the regions the fixture documents carry.
var fixturePlaces = Places{
	RegionParent: map[string]string{
		"Global": "", "Europe": "", "Asia": "", "Africa": "", "Americas": "", "Middle East": "",
		"Western Europe": "Europe", "Eastern Europe": "Europe",
	},
	CountryRegion: map[string]string{
		"United Kingdom": "Western Europe", "France": "Western Europe", "Ukraine": "Eastern Europe",
		"Thailand": "Asia", "Kenya": "Africa", "Mexico": "Americas", "Jordan": "Middle East",
	},
}

// misleadingDocs are documents whose regions co-occur so that a tree
// guessed from them would be wrong: every Southern Europe document is also
// in Eastern Europe, and one document spans two continents.
func misleadingDocs() []Document {
	doc := func(id string, regions, countries []string) Document {
		return Document{ID: id, Title: id, Regions: regions, Countries: countries, Language: "en",
			PageCount: 1, Pages: pages("Guidance on trafficking in human beings.")}
	}
	eu := []string{"Europe", "Eastern Europe", "Southern Europe"}
	return []Document{
		doc("bg-it", eu, []string{"Bulgaria", "Italy"}),
		doc("ro-es", eu, []string{"Romania", "Spain"}),
		doc("md-gr", eu, []string{"Moldova", "Greece"}),
		doc("pl", []string{"Europe", "Eastern Europe"}, []string{"Poland"}),
		doc("sn-mx", []string{"Africa", "Sub-Saharan Africa", "Western Africa", "Americas",
			"Latin America and the Caribbean", "Central America"}, []string{"Senegal", "Mexico"}),
	}
}

var misleadingPlaces = Places{
	RegionParent: map[string]string{
		"Europe": "", "Eastern Europe": "Europe", "Southern Europe": "Europe",
		"Africa": "", "Sub-Saharan Africa": "Africa", "Western Africa": "Sub-Saharan Africa",
		"Americas": "", "Latin America and the Caribbean": "Americas", "Central America": "Latin America and the Caribbean",
	},
	CountryRegion: map[string]string{
		"Bulgaria": "Eastern Europe", "Romania": "Eastern Europe", "Moldova": "Eastern Europe", "Poland": "Eastern Europe",
		"Italy": "Southern Europe", "Spain": "Southern Europe", "Greece": "Southern Europe",
		"Senegal": "Western Africa", "Mexico": "Central America",
	},
}

func facetParents(t *testing.T, x *Index) map[string]string {
	t.Helper()
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

func TestFacetParentsFromPlaces(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenStore(dir, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	up, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := up.Put(ctx, misleadingDocs()...); err != nil {
		t.Fatal(err)
	}
	up.SetPlaces(misleadingPlaces)
	if err := up.Commit(ctx, RunInfo{}, nil); err != nil {
		t.Fatal(err)
	}
	if !st.HasPlaces() {
		t.Error("HasPlaces is false after a commit with places")
	}
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	got := facetParents(t, x)
	for key, want := range misleadingPlaces.facetParents() {
		if got[key] != want {
			t.Errorf("%s: parent %q, want %q", key, got[key], want)
		}
	}
	// Equal counts: a region comes before the sub-regions it contains.
	f, _ := x.Facets(ctx)
	var order []string
	for _, v := range f["region"] {
		order = append(order, v.Value)
	}
	if want := []string{"Europe", "Eastern Europe", "Southern Europe", "Africa", "Americas",
		"Latin America and the Caribbean", "Sub-Saharan Africa", "Central America", "Western Africa"}; strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("region facet order %q, want %q", order, want)
	}
	for _, top := range []string{"region:Europe", "region:Africa", "region:Americas"} {
		if got[top] != "" {
			t.Errorf("%s: parent %q, want none", top, got[top])
		}
	}

	// An incremental update that does not set places keeps the tree.
	up, err = st.Begin(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := up.Commit(ctx, RunInfo{}, nil); err != nil {
		t.Fatal(err)
	}
	if !st.HasPlaces() {
		t.Error("an update without SetPlaces dropped the region tree")
	}
}

// A generation written without a tree lists regions flat: nothing guessed.
func TestFacetsWithoutPlaces(t *testing.T) {
	dir := writeIndex(t, misleadingDocs()...)
	gen, err := currentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, gen, placesFile)); err != nil {
		t.Fatal(err)
	}
	st, _ := OpenStore(dir, discardLogger())
	if st.HasPlaces() {
		t.Error("HasPlaces is true without places.json")
	}
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for key, p := range facetParents(t, x) {
		if p != "" {
			t.Errorf("%s: parent %q from an index without a region tree", key, p)
		}
	}
}
