package search

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// One search reads some pages twice: their words and term locations to
// weigh the evidence of the best candidates (readPageWords), then the same
// locations and text to make passages of the pages shown. The first read
// is kept for the second, in a cache that lives as long as the search's
// context, so that passages are built from what is already in memory.

type pageCacheKey struct{}

// pageRead is what one read of a page returned: its stored text and
// label, and the offsets of the query's words in the text.
type pageRead struct {
	text, label string
	spans       []span
	source      string   // "ocr" for text read from a scan
	confidence  *float64 // the OCR engine's, for such text
}

// withSource adds a page's stored source and OCR confidence (fSource and
// fConfidence, when they were among the fields fetched).
func withSource(p pageRead, fields map[string]interface{}) pageRead {
	p.source, _ = fields[fSource].(string)
	if c, ok := fields[fConfidence].(string); ok {
		if f, err := strconv.ParseFloat(c, 64); err == nil {
			p.confidence = &f
		}
	}
	return p
}

type pageCache struct {
	mu    sync.Mutex
	pages map[string]pageRead // by page id
}

// withPageCache returns a context that carries an empty page cache.
func withPageCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, pageCacheKey{}, &pageCache{pages: map[string]pageRead{}})
}

func cacheOf(ctx context.Context) *pageCache {
	pc, _ := ctx.Value(pageCacheKey{}).(*pageCache)
	return pc
}

// keepPage records a page read with the locations of the query's words.
func keepPage(ctx context.Context, id string, p pageRead) {
	if pc := cacheOf(ctx); pc != nil {
		pc.mu.Lock()
		pc.pages[id] = p
		pc.mu.Unlock()
	}
}

// keptPage returns a page kept by keepPage.
func keptPage(ctx context.Context, id string) (pageRead, bool) {
	pc := cacheOf(ctx)
	if pc == nil {
		return pageRead{}, false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	p, ok := pc.pages[id]
	return p, ok
}

// textSpans are the locations of a hit in the page text fields (text_en,
// ...), as spans; offsets into other fields (headings) are left out.
func textSpans(locs bsearch.FieldTermLocationMap) []span {
	var spans []span
	for field, tlm := range locs {
		if !strings.HasPrefix(field, "text_") {
			continue
		}
		for term, ls := range tlm {
			for _, l := range ls {
				spans = append(spans, span{start: int(l.Start), end: int(l.End), term: term})
			}
		}
	}
	return spans
}

// pageNumbers returns the page index's document numbers of the pages with
// the given ids, ascending; unknown ids are left out.
func (g *generation) pageNumbers(ids []string) []uint64 {
	var nums []uint64
	for _, id := range ids {
		doc, n, ok := splitPageID(id)
		if d := g.byID[doc]; ok && d != nil {
			if num, ok := g.pageTab.number(d, n); ok {
				nums = append(nums, num)
			}
		}
	}
	slices.Sort(nums)
	return slices.Compact(nums)
}
