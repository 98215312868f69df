package search

import (
	"context"
	"sort"
	"strings"
	"time"

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

// group is a work in a result: the edition shown, and the best-placed
// edition, which gives the group its place (and its cursor).
type group struct {
	head scored
	lead scored // the best-placed edition
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
	ctx = withPageCache(ctx)

	tree := ParseQuery(r.Query)
	if len(tree.Children) == 0 && strings.TrimSpace(r.Query) != "" {
		return nil, invalid("q", "nothing to search for: give words, \"phrases\", word* or filters such as type:Guidance (regular expressions and lone wildcards are not supported)")
	}
	if err := checkYearTerms(tree); err != nil {
		return nil, err
	}
	if err := g.checkFilters(r.Filters); err != nil {
		return nil, err
	}
	c := compile(g, x.thes, tree, nil)
	if err := x.checkQuery(c); err != nil {
		return nil, err
	}
	res := &Result{Query: r.Query, Sort: sortName(r.Sort, c.hasText), AlsoSearched: []string{}, Hits: []Hit{}}
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
	if res.Removals == nil {
		res.Removals = []Removal{}
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
	sc := g.getScratch()
	defer g.putScratch(sc)
	fs := newFilterSet(r.Filters)
	if err := excludePages(ctx, g, c); err != nil {
		return err
	}
	hits, facets, err := collectDocs(ctx, g, c, fs, sc)
	if err != nil {
		return err
	}
	res.AlsoSearched = c.also
	if len(hits) < fewResults && len(c.words) > 0 {
		fix := x.corrections(g, c.words)
		if len(fix) > 0 {
			dym := didYouMean(r.Query, fix)
			c2 := compile(g, x.thes, c.tree, fix)
			if err := excludePages(ctx, g, c2); err != nil {
				return err
			}
			sc2 := g.getScratch()
			defer g.putScratch(sc2)
			hits2, facets2, err := collectDocs(ctx, g, c2, fs, sc2)
			if err != nil {
				return err
			}
			if len(hits2) > len(hits) {
				hits, facets, c = hits2, facets2, c2
				res.AlsoSearched = c2.also
				for _, w := range sortedValues(fix) {
					res.AlsoSearched = append(res.AlsoSearched, w)
				}
			} else if dym != r.Query {
				// Offered only when not searched already: the corrections
				// searched are in AlsoSearched, and a "Did you mean" for
				// them would ask for what the result already holds.
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
	if len(hits) == 0 {
		if res.Removals, err = x.removals(ctx, g, c.tree, r); err != nil {
			return err
		}
	}
	sortBy := sortName(r.Sort, c.hasText)
	res.Documents = len(hits)
	res.Total = countWorks(hits, sc)

	per := r.PerPage
	if per == 0 {
		per = x.limits.DefaultPerPage
	}
	from := (max(r.Page, 1) - 1) * per
	var cur *cursor
	if r.Cursor != "" {
		if cur, err = decodeCursor(r.Cursor, sortBy); err != nil {
			return err
		}
	}
	w, err := x.window(ctx, g, c, hits, sortBy, from, per, cur, sc)
	if err != nil {
		return err
	}
	res.Relaxed = append(res.Relaxed, w.relaxed...)
	if w.to < res.Total && w.to > 0 {
		s := encodeCursor(w.groups[w.to-1].lead, sortBy) // groups are placed by their lead
		res.NextCursor = &s
	}
	for _, gr := range w.groups[w.from:w.to] {
		h := hitOf(gr.head)
		h.OtherEditions = g.otherEditions(gr.head.d)
		res.Hits = append(res.Hits, h)
	}
	if c.pages != nil && len(res.Hits) > 0 {
		return x.addPages(ctx, g, c, res.Hits, pagesPerHit, w.found)
	}
	return nil
}

// shown is the part of a result that is ordered: the groups of the best
// hits, of which groups[from:to] are on the page asked for.
type shown struct {
	groups   []group
	from, to int
	found    map[string][]pageScore // pages of the re-ranked documents
	relaxed  []string               // parts of the query the best document lacks, when none has all
}

// window orders only as many hits as the page asked for needs: the best k
// by the sort (k at least the page's end and rerankDepth), re-ranked and
// grouped by work; when grouping or the cursor leaves the page short and
// more hits exist, k grows fourfold. Groups made from the best k are
// exactly the first groups of the whole order, because a work is placed
// where its best-placed edition is.
func (x *Index) window(ctx context.Context, g *generation, c *compiled, hits []scored, sortBy string, from, per int, cur *cursor, sc *scratch) (shown, error) {
	var w shown
	var reranked map[*docMeta]float64
	maxDoc := 0.0
	if sortBy == "relevance" && len(hits) > 0 {
		top := append([]scored(nil), selectTop(hits, rerankDepth, sortBy)...)
		maxDoc = top[0].score
		cv, err := coverOf(ctx, g, c, top)
		if err != nil {
			return w, err
		}
		w.relaxed = cv.missing
		found, err := rerank(ctx, g, c, top, cv)
		if err != nil {
			return w, err
		}
		if found != nil {
			w.found = found
			reranked = make(map[*docMeta]float64, len(top))
			for _, h := range top {
				reranked[h.d] = h.score
			}
		}
	}
	for k := max(from+per, rerankDepth); ; k *= 4 {
		top := append([]scored(nil), selectTop(hits, k, sortBy)...)
		if reranked != nil {
			for i := range top {
				if s, ok := reranked[top[i].d]; ok {
					top[i].score = s
				} else if maxDoc > 0 {
					top[i].score /= maxDoc
				} else {
					top[i].score = 0
				}
			}
			sort.Slice(top, func(i, j int) bool { return less(top[i], top[j], sortBy) })
		}
		w.groups = groupWorks(top, sortBy, g.numWorks)
		if sortBy != "oldest" {
			newestBeyond(w.groups, hits[len(top):], sc)
		}
		w.from = from
		if cur != nil {
			w.from = sort.Search(len(w.groups), func(i int) bool {
				return cur.before(w.groups[i].lead, sortBy)
			})
		}
		if w.from+per <= len(w.groups) || len(top) == len(hits) {
			break
		}
	}
	w.from = min(w.from, len(w.groups))
	w.to = min(w.from+per, len(w.groups))
	return w, nil
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
	case "added": // newest in the library first; unknown dates last
		if !a.d.Added.Equal(b.d.Added) {
			return a.d.Added.After(b.d.Added)
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

// groupWorks makes one group per work, placed where its best-placed edition
// is. The edition shown is the newest matching one in the language of the
// best-placed edition (the current one, unless filters or the query leave
// it out) — every hit holds all the query's required words, and a
// practitioner wants the current guidance, in the language they searched
// in — keeping the group's place; sorted oldest first, the best-placed
// (oldest) edition is shown.
func groupWorks(hits []scored, sortBy string, numWorks int) []group {
	at := make(map[int]int, min(len(hits), numWorks)) // work → index in out
	out := make([]group, 0, len(hits))
	for _, h := range hits {
		k, ok := at[h.d.workOrd]
		if !ok {
			out = append(out, group{head: h, lead: h})
			at[h.d.workOrd] = len(out) - 1
			continue
		}
		if sortBy == "oldest" {
			continue
		}
		g := &out[k]
		if h.d.Language == g.lead.d.Language && newerEdition(h.d, g.head.d) {
			g.head = scored{d: h.d, score: g.lead.score}
		}
	}
	return out
}

func hitOf(s scored) Hit {
	d := s.d
	return Hit{
		ID: d.ID, Title: d.Title, File: d.File,
		Types: nonNil(d.Types), Regions: nonNil(d.Regions), Countries: nonNil(d.Countries),
		Tags: nonNil(d.Tags), Publishers: nonNil(d.Publishers), Year: d.Year, Edition: d.Edition,
		Language: d.Language, Summary: d.Summary, SourceURL: d.URL, Added: d.Added, Score: s.score,
		Current: d.current, SupersededBy: d.supersededBy,
		Pages: []PageHit{}, OtherEditions: []Edition{},
	}
}

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
