package search

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// pageTable maps the page index's document numbers to documents and page
// numbers and back, so that the page phase restricts its queries to the
// pages of a few documents by number (numbersQuery) and reads its hits
// without loading their ids.
type pageTable struct {
	row   []int32  // page document number → row of its document; -1: none
	page  []int32  // page document number → page number (from 1)
	start []uint32 // row r's page numbers (document numbers) are nums[start[r]:start[r+1]], ascending
	nums  []uint64
}

// buildPageTable reads the id of every page once.
func (g *generation) buildPageTable(ctx context.Context) error {
	pt := &pageTable{}
	counts := make([]uint32, len(g.docs)+1)
	err := visitNumbers(ctx, g.ix.pages, func(id string, num uint64) {
		for uint64(len(pt.row)) <= num {
			pt.row = append(pt.row, -1)
			pt.page = append(pt.page, 0)
		}
		doc, n, ok := splitPageID(id)
		if d := g.byID[doc]; ok && d != nil {
			pt.row[num], pt.page[num] = int32(d.ord), int32(n)
			counts[d.ord+1]++
		}
	})
	if err != nil {
		return err
	}
	pt.start = counts
	for r := 1; r < len(pt.start); r++ {
		pt.start[r] += pt.start[r-1]
	}
	pt.nums = make([]uint64, pt.start[len(pt.start)-1])
	next := slices.Clone(pt.start[:len(pt.start)-1])
	for num, r := range pt.row { // ascending numbers: each row's list comes out sorted
		if r >= 0 {
			pt.nums[next[r]] = uint64(num)
			next[r]++
		}
	}
	g.pageTab = pt
	return nil
}

// visitNumbers calls fn with the id and document number of every document
// of idx.
func visitNumbers(ctx context.Context, idx bleve.Index, fn func(id string, num uint64)) error {
	ctx = context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(
		func(sc *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
			return func(m *bsearch.DocumentMatch) error {
				if m == nil {
					return nil
				}
				fn(m.ID, m.IndexInternalID.Value())
				sc.DocumentMatchPool.Put(m)
				return nil
			}, true, nil
		}))
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	req.Score = "none"
	_, err := idx.SearchInContext(ctx, req)
	return err
}

// at returns the row and page number of a page's document number; row -1:
// none.
func (pt *pageTable) at(num uint64) (int32, int) {
	if num >= uint64(len(pt.row)) {
		return -1, 0
	}
	return pt.row[num], int(pt.page[num])
}

// visitMatches runs q on idx and calls fn with the document number and
// score of every match, in document-number order, keeping nothing and
// loading no ids (Bleve calls the handler from its collector).
func visitMatches(ctx context.Context, idx bleve.Index, q query.Query, fn func(num uint64, score float64)) error {
	ctx = context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(
		func(sc *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
			return func(m *bsearch.DocumentMatch) error {
				if m == nil {
					return nil
				}
				fn(m.IndexInternalID.Value(), m.Score)
				sc.DocumentMatchPool.Put(m)
				return nil
			}, false, nil
		}))
	_, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	return err
}

// of returns the document numbers of the pages of docs, ascending.
func (pt *pageTable) of(docs []*docMeta) []uint64 {
	var out []uint64
	for _, d := range docs {
		out = append(out, pt.nums[pt.start[d.ord]:pt.start[d.ord+1]]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ofFound returns the document numbers of the pages of docs listed in
// found (a document missing from found: none), ascending.
func (pt *pageTable) ofFound(docs []*docMeta, found map[string][]pageScore) []uint64 {
	var out []uint64
	for _, d := range docs {
		ps := found[d.ID]
		if len(ps) == 0 {
			continue
		}
		want := make(map[int]bool, len(ps))
		for _, p := range ps {
			want[p.n] = true
		}
		for _, num := range pt.nums[pt.start[d.ord]:pt.start[d.ord+1]] {
			if want[int(pt.page[num])] {
				out = append(out, num)
			}
		}
	}
	slices.Sort(out)
	return out
}

// number returns the document number of page n of d.
func (pt *pageTable) number(d *docMeta, n int) (uint64, bool) {
	for _, num := range pt.nums[pt.start[d.ord]:pt.start[d.ord+1]] {
		if pt.page[num] == int32(n) {
			return num, true
		}
	}
	return 0, false
}

// numbersQuery matches the documents with the given numbers (ascending),
// with no score of its own: it restricts a conjunction to them and is
// walked in the order of the numbers, so the conjunction's cost follows
// their count rather than the posting lists it restricts.
type numbersQuery struct{ nums []uint64 }

func (q *numbersQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return &numbersSearcher{nums: q.nums}, nil
}

var _ query.Query = (*numbersQuery)(nil)

type numbersSearcher struct {
	nums []uint64
	i    int
}

func (s *numbersSearcher) match(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	if s.i >= len(s.nums) {
		return nil
	}
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = index.NewIndexInternalID(m.IndexInternalID, s.nums[s.i])
	s.i++
	return m
}

func (s *numbersSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.match(ctx), nil
}

func (s *numbersSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	v := id.Value()
	k, _ := slices.BinarySearch(s.nums[s.i:], v)
	s.i += k
	return s.match(ctx), nil
}

func (s *numbersSearcher) Close() error               { return nil }
func (s *numbersSearcher) Weight() float64            { return 0 }
func (s *numbersSearcher) SetQueryNorm(float64)       {}
func (s *numbersSearcher) Count() uint64              { return uint64(len(s.nums)) }
func (s *numbersSearcher) Min() int                   { return 0 }
func (s *numbersSearcher) Size() int                  { return 48 + 8*len(s.nums) }
func (s *numbersSearcher) DocumentMatchPoolSize() int { return 1 }
