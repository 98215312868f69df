package search

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Soft matching. A query's required parts (units: a word with its
// thesaurus equivalents, a run of words the thesaurus knows, a phrase, a
// prefix, an OR group) must all occur in a document; when no document
// has them all, the least informative are left out one at a time until
// some document matches, and the result says which (Result.Relaxed).
// Least informative: first the parts the library does not have at all
// (they can only empty the result), then the most frequent in the
// library (lowest inverse document frequency); words the user typed
// plainly go before quoted phrases, prefixes and OR groups, which say
// more about intent. The relaxed query keeps every word as optional
// evidence in ranking, so the pages holding more of the words still
// rank first.

// unit is one required part of the query text.
type unit struct {
	text  string      // as typed, reported when left out
	q     query.Query // over documents
	pq    query.Query // over pages; nil: not a page's text (title:...)
	texts []string    // the texts searched: as typed and its equivalents
	plain bool        // plain words (left out before explicit constructs)
}

// required builds the document query and the page query requiring every
// unit not in drop (drop may be nil).
func (c *compiled) required(drop []bool) (docs, pageAll query.Query) {
	var must, pageMust []query.Query
	for i, u := range c.units {
		if drop != nil && drop[i] {
			continue
		}
		must = append(must, u.q)
		if u.pq != nil {
			pageMust = append(pageMust, u.pq)
		}
	}
	should := c.should
	if drop != nil {
		// A unit left out still counts in ranking.
		for i, u := range c.units {
			if drop[i] {
				should = append(should[:len(should):len(should)], u.q)
			}
		}
	}
	if len(must) == 0 && len(c.mustNot) == 0 {
		return nil, nil
	}
	if len(must) == 0 {
		must = []query.Query{bleve.NewMatchAllQuery()}
	}
	b := bleve.NewBooleanQuery()
	if drop == nil && len(must) >= 3 {
		// Three parts or more: half may be missing.
		d := bleve.NewDisjunctionQuery(must...)
		d.SetMin(float64(minShould(len(must))))
		must = []query.Query{d}
	}
	b.AddMust(must...)
	if len(should) > 0 {
		b.AddShould(should...)
	}
	if len(c.mustNot) > 0 {
		b.AddMustNot(c.mustNot...)
	}
	if len(pageMust) > 0 {
		pageAll = c.withoutPages(bleve.NewConjunctionQuery(pageMust...))
	}
	return b, pageAll
}

// relaxed returns a copy of c whose document and page queries require only
// the units not in drop, and the texts of the units left out.
func (c *compiled) relaxed(drop []bool) (*compiled, []string) {
	r := *c
	r.drop = drop
	r.docs, r.pageAll = c.required(drop)
	var left []string
	for i, u := range c.units {
		if drop[i] {
			left = append(left, u.text)
		}
	}
	return &r, left
}

// dropOrder returns the indexes of c's units in the order they are left
// out, and how many of them the library does not have at all (they come
// first): then plain words before explicit constructs, each by decreasing
// document frequency.
func dropOrder(ctx context.Context, g *generation, c *compiled) (order []int, missing int) {
	df := make([]int, len(c.units))
	if r, err := g.reader(); err == nil {
		for i, u := range c.units {
			df[i] = g.unitDocFreq(ctx, r, u)
			if df[i] == 0 {
				missing++
			}
		}
		r.Close()
	}
	order = make([]int, len(c.units))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ua, ub := c.units[order[a]], c.units[order[b]]
		da, db := df[order[a]], df[order[b]]
		if (da == 0) != (db == 0) {
			return da == 0
		}
		if ua.plain != ub.plain {
			return ua.plain
		}
		return da > db
	})
	return order, missing
}

func (g *generation) reader() (index.IndexReader, error) {
	adv, err := g.ix.docs.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// unitDocFreq estimates how many documents hold a unit: the most frequent
// of its texts, a text of several words counting as its rarest word.
func (g *generation) unitDocFreq(ctx context.Context, r index.IndexReader, u unit) int {
	best := 0
	for _, t := range u.texts {
		n := math.MaxInt
		words := 0
		for _, w := range strings.Fields(t) {
			f, ok := g.wordDocFreq(ctx, r, w)
			if !ok {
				continue // a stop word
			}
			words++
			n = min(n, f)
		}
		if words > 0 {
			best = max(best, n)
		}
	}
	return best
}

// wordDocFreq is the number of documents whose title or body holds the
// word, in the language where it is most frequent; ok is false when every
// language's analyzer drops it (a stop word).
func (g *generation) wordDocFreq(ctx context.Context, r index.IndexReader, w string) (int, bool) {
	m := g.ix.docs.Mapping()
	best, ok := 0, false
	for _, l := range g.langs {
		a := m.AnalyzerNamed(analyzerFor(l))
		if a == nil {
			continue
		}
		toks := a.Analyze([]byte(strings.Trim(w, "*")))
		if len(toks) == 0 {
			continue
		}
		ok = true
		for _, field := range []string{bodyField(l), titleField(l)} {
			n := math.MaxInt
			for _, tok := range toks {
				tfr, err := r.TermFieldReader(ctx, tok.Term, field, false, false, false)
				if err != nil {
					n = 0
					break
				}
				n = min(n, int(tfr.Count()))
				tfr.Close()
			}
			best = max(best, n)
		}
	}
	return best, ok
}

// relax leaves out the least informative units of c until some document
// passes the filters; it returns the query searched, its hits and facets
// and the texts left out (nil when nothing matched with any).
func (x *Index) relax(ctx context.Context, g *generation, c *compiled, fs *filterSet) (*compiled, []scored, *facetCounter, []string, error) {
	order, missing := dropOrder(ctx, g, c)
	drop := make([]bool, len(c.units))
	for k, i := range order[:len(order)-1] {
		drop[i] = true
		if k+1 < missing {
			continue // the library has none of these: leave them all out at once
		}
		c2, left := c.relaxed(drop)
		sc := g.getScratch()
		hits, facets, err := collectDocs(ctx, g, c2, fs, sc)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if len(hits) > 0 {
			return c2, hits, facets, left, nil // hits live in sc, left to the collector
		}
		g.putScratch(sc)
	}
	return nil, nil, nil, nil, nil
}

// minShould is how many of n required parts a document must hold: both
// of two, else half, rounded down (measured on the tune half of the
// judged set: all but a third missed documents whose answer uses other
// words for one part, "notify" for "notification").
func minShould(n int) int {
	if n < 3 {
		return n
	}
	return max(1, n-(n+1)/2)
}

// coverage is what the best documents hold of the query's units.
type coverage struct {
	share map[string]float64 // document → idf-weighted share of the units it holds
	// missing: when no document holds every unit, the texts of those the
	// best one lacks (what the best result was found without).
	missing []string
}

// coverOf finds which units each of docs (best first) holds: one search
// per unit, restricted to these documents.
func coverOf(ctx context.Context, g *generation, c *compiled, docs []scored) (*coverage, error) {
	cv := &coverage{share: map[string]float64{}}
	if len(c.units) < 2 || len(docs) == 0 {
		return cv, nil
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.d.ID
	}
	idf := unitIDFs(ctx, g, c)
	total := 0.0
	all := map[string]int{}
	kept := 0
	for i, u := range c.units {
		if c.drop != nil && c.drop[i] {
			continue
		}
		kept++
		total += idf[i]
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), u.q), len(ids), 0, false)
		req.Score = "none"
		res, err := g.ix.docs.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		first := false
		for _, h := range res.Hits {
			cv.share[h.ID] += idf[i]
			all[h.ID]++
			first = first || h.ID == ids[0]
		}
		if !first {
			cv.missing = append(cv.missing, u.text)
		}
	}
	for id := range cv.share {
		cv.share[id] /= total
		if all[id] == kept {
			cv.missing = nil
		}
	}
	return cv, nil
}

// unitIDFs returns the inverse document frequency of each unit.
func unitIDFs(ctx context.Context, g *generation, c *compiled) []float64 {
	out := make([]float64, len(c.units))
	n := float64(max(len(g.docs), 1))
	r, err := g.reader()
	if err != nil {
		for i := range out {
			out[i] = 1
		}
		return out
	}
	defer r.Close()
	for i, u := range c.units {
		df := float64(g.unitDocFreq(ctx, r, u))
		out[i] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	return out
}

// lookup returns the share of the units a document holds; ok is false
// when it was not looked at.
func (cv *coverage) lookup(id string) (float64, bool) {
	if cv == nil {
		return 0, false
	}
	s, ok := cv.share[id]
	return s, ok
}
