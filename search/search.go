package search

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// fewResults: with fewer results than this, a query gets a did-you-mean and
// is searched again with corrections of its longer words.
const fewResults = 3

// pagesPerHit is how many pages each hit shows.
const pagesPerHit = 3

// scored is a document that matched phase one.
type scored struct {
	d     *docMeta
	score float64
}

// group is a work in a result: its best-placed edition and the others.
type group struct {
	head scored
}

// Search runs a request: rank documents, count facets, group editions,
// then find the best pages of the hits shown and their passages.
func (x *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	if err := x.limits.Check(r); err != nil {
		return nil, err
	}
	g, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer x.release(g)
	ctx, cancel := context.WithTimeout(ctx, x.limits.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, bsearch.MaxTermSearchersKey, x.limits.MaxTermSearchers)

	tree := ParseQuery(r.Query)
	if len(tree.Children) == 0 && strings.TrimSpace(r.Query) != "" {
		return nil, invalid("q", "nothing to search for: give words, \"phrases\", word* or filters such as type:Guidance (regular expressions and lone wildcards are not supported)")
	}
	c := compile(g, x.thes, tree, nil)
	if err := x.checkQuery(c); err != nil {
		return nil, err
	}
	res := &Result{Query: r.Query, AlsoSearched: []string{}, Hits: []Hit{}}
	if r.Within != "" {
		err = x.searchWithin(ctx, g, c, &r, res)
	} else {
		err = x.searchDocs(ctx, g, c, &r, res)
	}
	if err != nil {
		return nil, searchError(ctx, err)
	}
	if res.AlsoSearched == nil {
		res.AlsoSearched = []string{}
	}
	if res.Relaxed == nil {
		res.Relaxed = []string{}
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// checkQuery enforces the limits on the parsed query.
func (x *Index) checkQuery(c *compiled) error {
	if c.terms > x.limits.MaxTerms {
		return overLimit("q", "the query has %d terms; the limit is %d", c.terms, x.limits.MaxTerms)
	}
	for _, p := range c.prefixes {
		if n := len([]rune(p.Text)); n < x.limits.MinPrefix {
			return overLimit("q", "%s* is too short a prefix: give at least %d letters before *", p.Text, x.limits.MinPrefix)
		}
	}
	return nil
}

func (x *Index) searchDocs(ctx context.Context, g *generation, c *compiled, r *Request, res *Result) error {
	matched, err := x.rankDocs(ctx, g, c)
	if err != nil {
		return err
	}
	fs := newFilterSet(r.Filters)
	hits, facets := filterAndCount(g, matched, c, fs)
	res.AlsoSearched = c.also
	if len(hits) < fewResults && len(c.words) > 0 {
		fix := x.corrections(g, c.words)
		if len(fix) > 0 {
			dym := didYouMean(r.Query, fix)
			c2 := compile(g, x.thes, c.tree, fix)
			matched2, err := x.rankDocs(ctx, g, c2)
			if err != nil {
				return err
			}
			hits2, facets2 := filterAndCount(g, matched2, c2, fs)
			if len(hits2) > len(hits) {
				hits, facets, c = hits2, facets2, c2
				res.AlsoSearched = c2.also
				for _, w := range sortedValues(fix) {
					res.AlsoSearched = append(res.AlsoSearched, w)
				}
			}
			if dym != r.Query {
				res.DidYouMean = &dym
			}
		}
	}
	if len(hits) == 0 && len(c.units) > 1 {
		c2, hits2, facets2, left, err := x.relax(ctx, g, c, fs)
		if err != nil {
			return err
		}
		if c2 != nil {
			c, hits, facets, res.Relaxed = c2, hits2, facets2, left
		}
	}
	res.Facets = facets.result(fs, g.parents)
	sortHits(hits, r.Sort, c.hasText)
	var found map[string][]pageScore
	if sortName(r.Sort, c.hasText) == "relevance" {
		var err error
		if found, err = rerank(ctx, g, c, hits); err != nil {
			return err
		}
		sortHits(hits, r.Sort, c.hasText)
	}
	groups := groupWorks(hits, sortName(r.Sort, c.hasText), g.numWorks)
	res.Total = len(groups)
	res.Documents = len(hits)

	per := r.PerPage
	if per == 0 {
		per = x.limits.DefaultPerPage
	}
	from := (max(r.Page, 1) - 1) * per
	if r.Cursor != "" {
		cur, err := decodeCursor(r.Cursor, sortName(r.Sort, c.hasText))
		if err != nil {
			return err
		}
		from = sort.Search(len(groups), func(i int) bool {
			return cur.before(groups[i].head, sortName(r.Sort, c.hasText))
		})
	}
	from = min(from, len(groups))
	to := min(from+per, len(groups))
	shown := groups[from:to]
	if to < len(groups) && to > 0 {
		s := encodeCursor(groups[to-1].head, sortName(r.Sort, c.hasText))
		res.NextCursor = &s
	}
	for _, gr := range shown {
		h := hitOf(gr.head)
		h.OtherEditions = g.otherEditions(gr.head.d)
		res.Hits = append(res.Hits, h)
	}
	if c.pages != nil && len(res.Hits) > 0 {
		return x.addPages(ctx, g, c, res.Hits, pagesPerHit, found)
	}
	return nil
}

// rankDocs runs phase one: every document matching the text of the query,
// with its score. A query without text matches every document.
func (x *Index) rankDocs(ctx context.Context, g *generation, c *compiled) ([]scored, error) {
	if c.docs == nil {
		out := make([]scored, len(g.docs))
		for i, d := range g.docs {
			out[i] = scored{d: d}
		}
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(c.docs, max(len(g.docs), 1), 0, false)
	res, err := g.ix.docs.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make([]scored, 0, len(res.Hits))
	for _, h := range res.Hits {
		if d := g.byID[h.ID]; d != nil {
			out = append(out, scored{d: d, score: h.Score})
		}
	}
	return out, nil
}

// filterAndCount applies the query's metadata restrictions and the
// request's filters, counting facets disjunctively on the way.
func filterAndCount(g *generation, matched []scored, c *compiled, fs *filterSet) ([]scored, *facetCounter) {
	counter := newFacetCounter(g)
	hits := make([]scored, 0, len(matched))
next:
	for _, m := range matched {
		for _, p := range c.preds {
			if !p(m.d) {
				continue next
			}
		}
		fails := fs.fails(m.d)
		counter.add(m.d, fails)
		if fails == 0 {
			hits = append(hits, m)
		}
	}
	return hits, counter
}

func sortName(s string, hasText bool) string {
	if s == "" || s == "relevance" {
		if !hasText {
			return "newest"
		}
		return "relevance"
	}
	return s
}

// less orders hits for a sort; every order ends with the id, so it is total.
func less(a, b scored, sortBy string) bool {
	switch sortBy {
	case "newest", "oldest":
		ya, yb := a.d.Year, b.d.Year
		if ya != yb {
			if ya == 0 || yb == 0 {
				return yb == 0 // unknown years last
			}
			if sortBy == "newest" {
				return ya > yb
			}
			return ya < yb
		}
		if a.score != b.score {
			return a.score > b.score
		}
	case "title":
		if a.d.titleKey != b.d.titleKey {
			return a.d.titleKey < b.d.titleKey
		}
	default:
		if a.score != b.score {
			return a.score > b.score
		}
		if a.d.Year != b.d.Year {
			return a.d.Year > b.d.Year
		}
	}
	return a.d.ID < b.d.ID
}

func sortHits(hits []scored, sortBy string, hasText bool) {
	s := sortName(sortBy, hasText)
	sort.Slice(hits, func(i, j int) bool { return less(hits[i], hits[j], s) })
}

// groupWorks makes one group per work, placed where its best-placed edition
// is. Sorted by relevance, the edition shown is the newest matching one in
// the language of the best-placed edition — every hit holds all the query's
// required words, and a practitioner wants the current guidance, in the
// language they searched in — keeping the group's score; other sorts show
// the best-placed edition.
func groupWorks(hits []scored, sortBy string, numWorks int) []group {
	at := make([]int32, numWorks) // work → 1 + its index in out; 0: not yet
	lead := make([]scored, 0, len(hits))
	out := make([]group, 0, len(hits))
	for _, h := range hits {
		k := at[h.d.workOrd]
		if k == 0 {
			out = append(out, group{head: h})
			lead = append(lead, h)
			at[h.d.workOrd] = int32(len(out))
			continue
		}
		if sortBy != "relevance" {
			continue
		}
		g, l := &out[k-1], lead[k-1]
		if h.d.Language == l.d.Language && h.d.Year > g.head.d.Year {
			g.head = scored{d: h.d, score: l.score}
		}
	}
	return out
}

func hitOf(s scored) Hit {
	d := s.d
	return Hit{
		ID: d.ID, Title: d.Title, File: d.File, URL: documentURL(d.ID),
		Types: nonNil(d.Types), Regions: nonNil(d.Regions), Countries: nonNil(d.Countries),
		Tags: nonNil(d.Tags), Publishers: nonNil(d.Publishers), Year: d.Year, Edition: d.Edition,
		Language: d.Language, Summary: d.Summary, SourceURL: d.URL, Score: s.score,
		Pages: []PageHit{}, OtherEditions: []Edition{},
	}
}

// documentURL is where the service serves a document's PDF.
func documentURL(id string) string { return "/documents/" + url.PathEscape(id) + "/file" }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func sortedValues(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
