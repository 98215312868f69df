package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
)

// docTable is the columnar form of a generation's metadata that phase one
// reads for every matching document, so that filtering and counting a
// match costs a few array reads rather than stored fields or strings:
//
//   - rowOf maps a document number of the docs index (Bleve's internal id,
//     stable while a read-only generation is open) to its row, the
//     document's position in generation.docs (docMeta.ord);
//   - per facet, the value ids of each row, as one flat array with offsets
//     (row r's values of facet f are vals[f][start[f][r]:start[f][r+1]]);
//   - per facet value, the rows that have it, as a roaring bitmap: a
//     filter is the union of the bitmaps of its accepted values;
//   - years by row, and each row's work as a number.
type docTable struct {
	rowOf  []int32 // document number → row; -1: none (deleted)
	start  [numFacets][]uint32
	vals   [numFacets][]int32
	rows   [numFacets][]*roaring.Bitmap  // value id → rows
	byFold [numFacets]map[string][]int32 // folded value → value ids
	year   []int32
	work   []int32
}

// buildTable fills the table from the generation's documents and the
// document numbers of the docs index.
func (g *generation) buildTable(ctx context.Context) error {
	t := &docTable{year: make([]int32, len(g.docs)), work: make([]int32, len(g.docs))}
	for f := 0; f < numFacets; f++ {
		t.start[f] = make([]uint32, len(g.docs)+1)
		t.rows[f] = make([]*roaring.Bitmap, len(g.facetVals[f]))
		for v := range t.rows[f] {
			t.rows[f][v] = roaring.New()
		}
		t.byFold[f] = map[string][]int32{}
		for v, s := range g.facetVals[f] {
			k := fold(s)
			t.byFold[f][k] = append(t.byFold[f][k], int32(v))
		}
	}
	for r, d := range g.docs {
		t.year[r] = int32(d.Year)
		t.work[r] = int32(d.workOrd)
		for f := 0; f < numFacets; f++ {
			for _, v := range d.valIDs[f] {
				t.vals[f] = append(t.vals[f], v)
				t.rows[f][v].Add(uint32(r))
			}
			t.start[f][r+1] = uint32(len(t.vals[f]))
		}
	}
	for f := range t.rows {
		for _, b := range t.rows[f] {
			b.RunOptimize()
		}
	}
	err := visitNumbers(ctx, g.ix.docs, func(id string, num uint64) {
		for uint64(len(t.rowOf)) <= num {
			t.rowOf = append(t.rowOf, -1)
		}
		if d := g.byID[id]; d != nil {
			t.rowOf[num] = int32(d.ord)
		}
	})
	if err != nil {
		return err
	}
	g.table = t
	return nil
}

// row returns the table row of a document number, or -1.
func (t *docTable) row(num uint64) int32 {
	if num >= uint64(len(t.rowOf)) {
		return -1
	}
	return t.rowOf[num]
}

// tableFilter is a request's filters against the table: per facet, the
// rows accepted (nil: no filter on that facet), and the year range.
type tableFilter struct {
	accept           [numFacets]*roaring.Bitmap
	yearFrom, yearTo int32
	years            bool
}

// filterFor turns a filterSet into bitmaps of accepted rows.
func (t *docTable) filterFor(fs *filterSet) *tableFilter {
	tf := &tableFilter{yearFrom: int32(fs.yearFrom), yearTo: int32(fs.yearTo), years: fs.yearFrom != 0 || fs.yearTo != 0}
	for f := 0; f < facetYear; f++ {
		if fs.vals[f] == nil {
			continue
		}
		var bs []*roaring.Bitmap
		for v := range fs.vals[f] {
			for _, id := range t.byFold[f][v] {
				bs = append(bs, t.rows[f][id])
			}
		}
		tf.accept[f] = roaring.FastOr(bs...)
	}
	return tf
}

// fails returns the bit mask of the facets whose filter row r does not pass.
func (tf *tableFilter) fails(t *docTable, r int32) uint {
	var mask uint
	for f := 0; f < facetYear; f++ {
		if b := tf.accept[f]; b != nil && !b.Contains(uint32(r)) {
			mask |= 1 << f
		}
	}
	if tf.years {
		y := t.year[r]
		if y == 0 || (tf.yearFrom != 0 && y < tf.yearFrom) || (tf.yearTo != 0 && y > tf.yearTo) {
			mask |= 1 << facetYear
		}
	}
	return mask
}

// count adds row r to the facet counts, given the mask of filters it fails:
// it counts for facet f when it passes every filter but f's own.
func (t *docTable) count(c *facetCounter, r int32, fails uint) {
	for f := 0; f < numFacets; f++ {
		if fails&^(1<<f) != 0 {
			continue
		}
		for _, v := range t.vals[f][t.start[f][r]:t.start[f][r+1]] {
			c.counts[f][v]++
		}
	}
}
