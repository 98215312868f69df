package search

import (
	"sort"
	"strconv"
	"strings"
)

// Facets, in the order of docMeta.vals.
const (
	facetType = iota
	facetRegion
	facetCountry
	facetTag
	facetPublisher
	facetLang
	facetYear
	numFacets
)

// FacetNames are the keys of Result.Facets, in facet order.
var FacetNames = [numFacets]string{"type", "region", "country", "tag", "publisher", "lang", "year"}

// docMeta is a document in the in-memory table of a generation: its
// metadata, and its facet values as given and folded for comparisons.
type docMeta struct {
	Document
	ord      int
	maxPage  int          // highest page number indexed
	contents map[int]bool // pages that look like a table of contents
	work     string
	workOrd  int                 // work as a number from 0, for grouping without maps
	vals     [numFacets][]string // as stored
	folded   [numFacets][]string // lower case, accents folded
	valIDs   [numFacets][]int32  // vals as indexes into generation.facetVals
	titleKey string
	// edKey, current and supersededBy place the document among its
	// work's editions (see editions.go).
	edKey        editionKey
	current      bool
	supersededBy string // id of the newest edition in its language, when older
}

func fold(s string) string {
	return string(foldTerm([]byte(strings.ToLower(strings.Join(strings.Fields(s), " ")))))
}

func newDocMeta(ord int, sd storedDoc) *docMeta {
	d := sd.Document
	m := &docMeta{Document: d, ord: ord, maxPage: max(sd.MaxPage, d.PageCount), work: groupKey(d), titleKey: fold(d.Title)}
	for _, n := range sd.Contents {
		if m.contents == nil {
			m.contents = map[int]bool{}
		}
		m.contents[n] = true
	}
	m.vals[facetType] = d.Types
	m.vals[facetRegion] = d.Regions
	m.vals[facetCountry] = d.Countries
	m.vals[facetTag] = d.Tags
	m.vals[facetPublisher] = d.Publishers
	if d.Language != "" {
		m.vals[facetLang] = []string{d.Language}
	}
	if d.Year != 0 {
		m.vals[facetYear] = []string{strconv.Itoa(d.Year)}
	}
	for f := range m.vals {
		for _, v := range m.vals[f] {
			m.folded[f] = append(m.folded[f], fold(v))
		}
	}
	return m
}

// groupKey is the work a document belongs to, for grouping hits: its Work
// when the catalog gives one, else its title and publisher, so that
// uncatalogued editions of one document (same title, same publisher) are
// still shown as one result.
func groupKey(d Document) string {
	if d.Work != "" {
		return "work:" + d.Work
	}
	if d.Title == "" {
		return "id:" + d.ID
	}
	p := ""
	if len(d.Publishers) > 0 {
		p = fold(d.Publishers[0])
	}
	return "title:" + fold(d.Title) + "|" + p
}

// filterSet is Request.Filters in folded form: per facet the accepted
// values (nil: no filter), and the year range.
type filterSet struct {
	vals             [numFacets]map[string]bool
	yearFrom, yearTo int
}

func newFilterSet(f Filters) *filterSet {
	fs := &filterSet{yearFrom: f.YearFrom, yearTo: f.YearTo}
	add := func(facet int, vs []string) {
		for _, v := range vs {
			if v = fold(v); v != "" {
				if fs.vals[facet] == nil {
					fs.vals[facet] = map[string]bool{}
				}
				fs.vals[facet][v] = true
			}
		}
	}
	add(facetType, f.Types)
	add(facetRegion, f.Regions)
	add(facetCountry, f.Countries)
	add(facetTag, f.Tags)
	add(facetPublisher, f.Publishers)
	add(facetLang, f.Languages)
	return fs
}

// fails returns a bit mask of the facets whose filter d does not pass.
func (fs *filterSet) fails(d *docMeta) uint {
	var mask uint
	for f := 0; f < facetYear; f++ {
		if fs.vals[f] == nil {
			continue
		}
		ok := false
		for _, v := range d.folded[f] {
			if fs.vals[f][v] {
				ok = true
				break
			}
		}
		if !ok {
			mask |= 1 << f
		}
	}
	if (fs.yearFrom != 0 || fs.yearTo != 0) && !inYears(d.Year, fs.yearFrom, fs.yearTo) {
		mask |= 1 << facetYear
	}
	return mask
}

func (fs *filterSet) selected(f int, v string) bool {
	if f == facetYear {
		y, _ := strconv.Atoi(v)
		return (fs.yearFrom != 0 || fs.yearTo != 0) && inYears(y, fs.yearFrom, fs.yearTo)
	}
	return fs.vals[f][fold(v)]
}

func inYears(y, from, to int) bool {
	return y != 0 && (from == 0 || y >= from) && (to == 0 || y <= to)
}

// facetCounter counts documents per facet value, disjunctively: a document
// counts for facet f when it passes every filter except f's own.
type facetCounter struct {
	vals   *[numFacets][]string // the generation's facet values, by id
	counts [numFacets][]int32   // by value id
}

func newFacetCounter(g *generation) *facetCounter {
	c := &facetCounter{vals: &g.facetVals}
	for f := range c.counts {
		c.counts[f] = make([]int32, len(g.facetVals[f]))
	}
	return c
}

// add counts d, given the mask of filters it fails.
func (c *facetCounter) add(d *docMeta, fails uint) {
	for f := 0; f < numFacets; f++ {
		if fails&^(1<<f) != 0 {
			continue
		}
		for _, v := range d.valIDs[f] {
			c.counts[f][v]++
		}
	}
}

// internFacets numbers the facet values of the generation's documents, so
// that counting is indexing a slice rather than hashing strings.
func (g *generation) internFacets() {
	for f := 0; f < numFacets; f++ {
		ids := map[string]int32{}
		for _, d := range g.docs {
			d.valIDs[f] = make([]int32, len(d.vals[f]))
			for i, v := range d.vals[f] {
				id, ok := ids[v]
				if !ok {
					id = int32(len(g.facetVals[f]))
					ids[v] = id
					g.facetVals[f] = append(g.facetVals[f], v)
				}
				d.valIDs[f][i] = id
			}
		}
	}
}

// result lists each facet's values, most documents first (years newest
// first), with the filtered values marked and kept even at zero.
func (c *facetCounter) result(fs *filterSet, parents map[string]string) map[string][]Facet {
	out := make(map[string][]Facet, numFacets)
	for f := 0; f < numFacets; f++ {
		list := make([]Facet, 0, len(c.counts[f]))
		seen := map[string]bool{}
		for id, n32 := range c.counts[f] {
			if n32 == 0 {
				continue
			}
			v, n := c.vals[f][id], int(n32)
			seen[fold(v)] = true
			list = append(list, Facet{Value: v, Count: n, Selected: fs != nil && fs.selected(f, v), Parent: parents[FacetNames[f]+":"+v]})
		}
		if fs != nil {
			for v := range fs.vals[f] {
				if seen[v] {
					continue
				}
				// Selected, but no document of the result has it: listed
				// at zero, spelt as the library spells it.
				for _, known := range c.vals[f] {
					if fold(known) == v {
						v = known
						break
					}
				}
				list = append(list, Facet{Value: v, Selected: true, Parent: parents[FacetNames[f]+":"+v]})
			}
		}
		if f == facetYear {
			sort.Slice(list, func(i, j int) bool { return list[i].Value > list[j].Value })
		} else {
			sort.Slice(list, func(i, j int) bool {
				if list[i].Count != list[j].Count {
					return list[i].Count > list[j].Count
				}
				if f == facetRegion {
					// A region before the sub-regions it contains.
					if di, dj := regionDepth(parents, list[i].Value), regionDepth(parents, list[j].Value); di != dj {
						return di < dj
					}
				}
				return list[i].Value < list[j].Value
			})
		}
		out[FacetNames[f]] = list
	}
	return out
}

func (g *generation) allFacets() map[string][]Facet {
	g.facetsOnce.Do(func() {
		c := newFacetCounter(g)
		for _, d := range g.docs {
			c.add(d, 0)
		}
		g.facetsAll = c.result(nil, g.parents)
	})
	// Copy: callers may modify the slices.
	out := make(map[string][]Facet, len(g.facetsAll))
	for k, v := range g.facetsAll {
		out[k] = append([]Facet(nil), v...)
	}
	return out
}

// regionDepth is the number of regions above region r in the tree.
func regionDepth(parents map[string]string, r string) int {
	n := 0
	for p := parents["region:"+r]; p != "" && n < 8; p = parents["region:"+p] {
		n++
	}
	return n
}
