package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// placesFile holds a generation's Places, written by Update.Commit.
const placesFile = "places.json"

// Places is the geography the indexer normalised regions and countries
// with: the parent of each region (sub-regions under regions, intermediate
// regions under sub-regions; none for a top-level region) and the smallest
// region of each country. The indexer owns the vocabulary it comes from
// and writes it into every generation, so that facets nest exactly as the
// documents were catalogued, whatever vocabulary the run used.
type Places struct {
	RegionParent  map[string]string `json:"region_parent"`
	CountryRegion map[string]string `json:"country_region"`
}

// SetPlaces records the region tree to save with the generation. An update
// that does not call it keeps the tree of the generation it started from.
func (u *Update) SetPlaces(p Places) { u.places = &p }

// writePlaces saves p in the generation directory dir.
func writePlaces(dir string, p *Places) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return writeFileSync(filepath.Join(dir, placesFile), b)
}

// readPlaces loads the region tree of the generation directory dir; ok is
// false when the generation was written without one.
func readPlaces(dir string) (p Places, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, placesFile))
	if errors.Is(err, os.ErrNotExist) {
		return Places{}, false, nil
	}
	if err != nil {
		return Places{}, false, err
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return Places{}, false, fmt.Errorf("read %s: %w", placesFile, err)
	}
	return p, true, nil
}

// HasPlaces reports whether the live generation carries a region tree, so
// that an indexing run with nothing else to do can still add one to an
// index written before trees were saved.
func (s *Store) HasPlaces() bool {
	gen, err := currentGeneration(s.dir)
	if err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(s.dir, gen, placesFile))
	return err == nil
}

// facetParents keys the tree as Facet.Parent is looked up: "region:NAME"
// and "country:NAME" → the region that contains it.
func (p Places) facetParents() map[string]string {
	out := make(map[string]string, len(p.RegionParent)+len(p.CountryRegion))
	for r, parent := range p.RegionParent {
		if parent != "" {
			out["region:"+r] = parent
		}
	}
	for c, r := range p.CountryRegion {
		if r != "" {
			out["country:"+c] = r
		}
	}
	return out
}
