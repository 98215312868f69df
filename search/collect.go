package search

import (
	"context"
	"sort"
)

// Phase one visits every matching document once, in document-number
// order, through a handler Bleve calls for each match (its collector keeps
// nothing and loads no ids): the table gives the row, the filters and the
// facet counts, and the row joins the hits when it passes every filter.
// Hits stay unsorted; only the best k are ordered (selectTop), where k
// grows with the page asked for, not with the number of matches.

// scratch holds the per-query buffers whose size follows the library, so
// that a query allocates none of them.
type scratch struct {
	hits    []scored
	works   []uint64 // bit set over work numbers
	groupOf []int32  // work number → 1 + group index; 0: none
}

func (g *generation) getScratch() *scratch {
	if s, ok := g.scratchPool.Get().(*scratch); ok {
		return s
	}
	return &scratch{works: make([]uint64, (g.numWorks+63)/64), groupOf: make([]int32, g.numWorks)}
}

func (g *generation) putScratch(s *scratch) {
	clear(s.hits) // drop the pointers
	s.hits = s.hits[:0]
	g.scratchPool.Put(s)
}

// collectDocs runs phase one: the documents matching the text of the query
// (every document when it has none) that pass its metadata restrictions
// and the request's filters, with their scores, unsorted; and the facet
// counts, disjunctive and exact.
func collectDocs(ctx context.Context, g *generation, c *compiled, fs *filterSet, sc *scratch) ([]scored, *facetCounter, error) {
	t := g.table
	tf := t.filterFor(fs)
	counter := newFacetCounter(g)
	hits := sc.hits[:0]
	visit := func(r int32, score float64) {
		d := g.docs[r]
		for _, p := range c.preds {
			if !p(d) {
				return
			}
		}
		fails := tf.fails(t, r)
		t.count(counter, r, fails)
		if fails == 0 {
			hits = append(hits, scored{d: d, score: score})
		}
	}
	if c.docs == nil {
		for r := range g.docs {
			visit(int32(r), 0)
		}
		sc.hits = hits
		return hits, counter, nil
	}
	err := visitMatches(ctx, g.ix.docs, c.docs, func(num uint64, score float64) {
		if r := t.row(num); r >= 0 {
			visit(r, score)
		}
	})
	sc.hits = hits
	return hits, counter, err
}

// selectTop moves the best k hits (in the order of sortBy) to the front of
// hits, sorted, and returns them; the rest stay behind in no order. It
// costs O(n log k) rather than a sort of all n.
func selectTop(hits []scored, k int, sortBy string) []scored {
	if k >= len(hits) {
		sort.Slice(hits, func(i, j int) bool { return less(hits[i], hits[j], sortBy) })
		return hits
	}
	if k <= 0 {
		return hits[:0]
	}
	// A heap of the k best so far, the worst of them at the root.
	h := hits[:k]
	worse := func(i, j int) bool { return less(h[j], h[i], sortBy) }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= k {
				return
			}
			w := l
			if r := l + 1; r < k && worse(r, l) {
				w = r
			}
			if !worse(w, i) {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := k; i < len(hits); i++ {
		if less(hits[i], h[0], sortBy) {
			h[0], hits[i] = hits[i], h[0]
			down(0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return less(h[i], h[j], sortBy) })
	return h
}

// countWorks returns the number of distinct works among hits.
func countWorks(hits []scored, sc *scratch) int {
	n := 0
	for _, h := range hits {
		w := h.d.workOrd
		if bit := uint64(1) << (w % 64); sc.works[w/64]&bit == 0 {
			sc.works[w/64] |= bit
			n++
		}
	}
	clear(sc.works)
	return n
}

// newestBeyond completes groupWorks for hits beyond the top ones: unless
// sorted oldest first, a work is shown by its newest matching edition in
// the language of its best-placed one, and that edition may rank below the
// top hits (rest, in no order; all of them placed after the top ones).
func newestBeyond(groups []group, rest []scored, sc *scratch) {
	if len(rest) == 0 || len(groups) == 0 {
		return
	}
	for i, gr := range groups {
		sc.groupOf[gr.head.d.workOrd] = int32(i + 1)
	}
	best := make(map[int]scored)
	for _, h := range rest {
		k := sc.groupOf[h.d.workOrd]
		if k == 0 {
			continue
		}
		gi := int(k - 1)
		if h.d.Language != groups[gi].lead.d.Language || !newerEdition(h.d, groups[gi].head.d) {
			continue
		}
		if b, ok := best[gi]; !ok || newerEdition(h.d, b.d) || !newerEdition(b.d, h.d) && less(h, b, "relevance") {
			best[gi] = h
		}
	}
	for gi, b := range best {
		groups[gi].head = scored{d: b.d, score: groups[gi].lead.score}
	}
	for _, gr := range groups {
		sc.groupOf[gr.head.d.workOrd] = 0
	}
}
