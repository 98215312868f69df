package indexer

import "handbooks/search"

// Places is the region tree of the vocabulary, as the index keeps it for
// nesting facets: every region with its parent (regions.tsv) and every
// country with its smallest region (countries.tsv).
func (v *Vocabulary) Places() search.Places {
	p := search.Places{RegionParent: map[string]string{}, CountryRegion: map[string]string{}}
	for _, r := range v.regions {
		p.RegionParent[r] = v.parent[r]
	}
	for c, r := range v.countryRegion {
		p.CountryRegion[c] = r
	}
	return p
}
