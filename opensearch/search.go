package opensearch

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"sort"
	"time"

	"handbooks/search"
)

// fewResults: with fewer documents than this, words are corrected from the
// library's own vocabulary (did-you-mean) and searched again.
const fewResults = 3

// rerankDepth is how many of the best works are ranked again with the
// score of their best page, as package search does.
const rerankDepth = 30

// Search runs a request: phase one over the docs index (ranking, facets,
// editions collapsed by work), then the page phase over the pages index.
func (x *Index) Search(ctx context.Context, r search.Request) (*search.Result, error) {
	start := time.Now()
	if err := x.limits.Check(r); err != nil {
		return nil, err
	}
	tree := search.ParseQuery(r.Query)
	if err := search.CheckQuery(x.limits, r.Query, tree); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, x.limits.Timeout)
	defer cancel()
	gm, err := x.live(ctx)
	if err != nil {
		return nil, x.searchError(ctx, err)
	}
	res := &search.Result{Query: r.Query, AlsoSearched: []string{}, Relaxed: []string{}, Removals: []search.Removal{}, Hits: []search.Hit{}}
	if r.Within != "" {
		err = x.searchWithin(ctx, compile(tree, x.th), &r, res)
	} else {
		err = x.searchDocs(ctx, gm, tree, &r, res)
	}
	if err != nil {
		return nil, x.searchError(ctx, err)
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
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

func sortClause(name string) []any {
	year := func(order string) any {
		return map[string]any{"year": map[string]any{"order": order, "missing": "_last"}}
	}
	id := map[string]any{"id": "asc"}
	switch name {
	case "newest":
		return []any{year("desc"), "_score", id}
	case "oldest":
		return []any{year("asc"), "_score", id}
	case "title":
		return []any{map[string]any{"title_key": "asc"}, id}
	case "added":
		return []any{map[string]any{"added": map[string]any{"order": "desc", "missing": "_last", "unmapped_type": "date"}}, id}
	}
	return []any{"_score", year("desc"), id}
}

// A cursor here is a position in the result with the sort it belongs to
// (collapsing by work cannot be combined with search_after); see doc.go.
type cursor struct {
	Sort   string `json:"s"`
	Offset int    `json:"o"`
}

func encodeCursor(sortBy string, offset int) string {
	b, _ := json.Marshal(cursor{Sort: sortBy, Offset: offset})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sortBy string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Sort == "" || c.Offset < 0 {
		return 0, invalid("cursor", "not a cursor from next_cursor")
	}
	if c.Sort != sortBy {
		return 0, invalid("cursor", "the cursor belongs to a search sorted by %s", c.Sort)
	}
	return c.Offset, nil
}

// docsPhase is one run of phase one: the works in [0, size) and the facets.
type docsPhase struct {
	ans  *searchAnswer
	docs int // matching documents (every edition)
	c    *compiled
}

func (x *Index) docsQuery(ctx context.Context, c *compiled, fs *filterSet, sortBy string, size int) (*docsPhase, error) {
	if err := x.excludePages(ctx, c); err != nil {
		return nil, err
	}
	q := c.docs
	if q == nil {
		q = map[string]any{"match_all": map[string]any{}}
	}
	body := map[string]any{
		"query": q, "size": size, "track_total_hits": true,
		"sort": sortClause(sortBy),
		// Editions are collapsed by work; which edition a work shows is
		// chosen from the work's editions read in one request afterwards
		// (inner hits would run a search per work).
		"collapse": map[string]any{"field": "work"},
		"aggs":     facetAggs(fs),
	}
	if sortBy != "relevance" {
		body["track_scores"] = true
	}
	if fs.any() {
		body["post_filter"] = fs.except(-1)
	}
	ans, err := x.search(ctx, x.c.docsAlias(), metaFetch(body))
	if err != nil {
		return nil, err
	}
	if err := x.fillMeta(ctx, ans.Hits.Hits); err != nil {
		return nil, err
	}
	return &docsPhase{ans: ans, docs: ans.Hits.Total.Value, c: c}, nil
}

func (x *Index) searchDocs(ctx context.Context, gm *genMeta, tree *search.And, r *search.Request, res *search.Result) error {
	c := compile(tree, x.th)
	sortBy := sortName(r.Sort, c.hasText)
	res.Sort = sortBy
	per := r.PerPage
	if per == 0 {
		per = x.limits.DefaultPerPage
	}
	from := (max(r.Page, 1) - 1) * per
	if r.Cursor != "" {
		var err error
		if from, err = decodeCursor(r.Cursor, sortBy); err != nil {
			return err
		}
	}
	if from+per > maxResultWindow {
		return overLimit("cursor", "results beyond %d cannot be paged on this backend; narrow the search with filters", maxResultWindow)
	}
	size := from + per
	if sortBy == "relevance" && from < rerankDepth {
		size = max(size, rerankDepth)
	}
	fs := newFilterSet(r.Filters)
	ph, err := x.docsQuery(ctx, c, fs, sortBy, size)
	if err != nil {
		return err
	}
	if ph.docs < fewResults && len(c.words) > 0 {
		if fix := x.corrections(ctx, gm, c.words); len(fix) > 0 {
			dym := search.DidYouMean(r.Query, fix)
			c2 := compile(search.ParseQuery(dym), x.th)
			ph2, err := x.docsQuery(ctx, c2, fs, sortBy, size)
			if err != nil {
				return err
			}
			if ph2.docs > ph.docs {
				ph = ph2
				for _, w := range sortedValues(fix) {
					res.AlsoSearched = append(res.AlsoSearched, w)
				}
			} else if dym != r.Query {
				// Offered only when not searched already, as package search.
				res.DidYouMean = &dym
			}
		}
	}
	c = ph.c
	res.AlsoSearched = append(append([]string{}, c.also...), res.AlsoSearched...)
	res.Facets = facetResult(ph.ans.Aggregations, fs, gm.parents())
	res.Documents = ph.docs
	res.Total = ph.ans.Aggregations["all"].Works.Value
	groups := ph.ans.Hits.Hits
	var keys []string
	for _, g := range groups {
		keys = append(keys, search.WorkKey(g.doc()))
	}
	match := ph.c.docs
	if match == nil {
		match = map[string]any{"match_all": map[string]any{}}
	}
	if fs.any() {
		match = map[string]any{"bool": map[string]any{"filter": []any{match, fs.except(-1)}}}
	}
	eds, matched, err := x.editionsOf(ctx, keys, match)
	if err != nil {
		return err
	}
	hits := make([]search.Hit, len(groups))
	works := map[string]string{} // hit id → work key
	for i, g := range groups {
		hits[i] = hitOf(g, sortBy != "oldest", eds[keys[i]], matched)
		works[hits[i].ID] = keys[i]
	}
	var pages map[string]*docPages
	if c.pages != nil && len(hits) > 0 {
		top := hits
		if sortBy == "relevance" {
			top = hits[:min(len(hits), max(rerankDepth, size))]
		} else {
			top = hits[min(from, len(hits)):]
		}
		if pages, err = x.bestPages(ctx, c, top); err != nil {
			return err
		}
		if sortBy == "relevance" {
			rerank(hits[:min(len(hits), rerankDepth)], pages)
		}
	}
	from = min(from, len(hits))
	to := min(from+per, len(hits))
	if to < res.Total && to > 0 && to == from+per {
		s := encodeCursor(sortBy, to)
		res.NextCursor = &s
	}
	shown := hits[from:to]
	addEditions(shown, works, eds)
	for i := range shown {
		if p := pages[shown[i].ID]; p != nil {
			shown[i].Pages = p.pages
			shown[i].MatchingPages = p.matching
		}
	}
	res.Hits = append(res.Hits, shown...)
	return nil
}

// hitOf makes a hit of a work: the newest matching edition in the
// language of the best-placed one, keeping its place and score (sorted
// oldest first, the best-placed one), as package search groups works.
func hitOf(g rawHit, newest bool, eds []search.Document, matched map[string]bool) search.Hit {
	lead := g.doc()
	d := lead
	if newest {
		for _, ed := range eds {
			if matched[ed.ID] && ed.Language == lead.Language && search.NewerEdition(ed, d) {
				d = ed
			}
		}
	}
	return hitFromDoc(d, g.Score)
}

func hitFromDoc(d search.Document, score float64) search.Hit {
	return search.Hit{
		ID: d.ID, Title: d.Title, File: d.File,
		Types: nonNil(d.Types), Regions: nonNil(d.Regions), Countries: nonNil(d.Countries),
		Tags: nonNil(d.Tags), Publishers: nonNil(d.Publishers), Year: d.Year, Edition: d.Edition,
		Language: d.Language, Summary: d.Summary, SourceURL: d.URL, Added: d.Added, Score: score,
		Pages: []search.PageHit{}, OtherEditions: []search.Edition{},
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func sortedValues(m map[string]string) []string {
	var keys []string
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
