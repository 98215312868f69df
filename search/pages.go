package search

import (
	"context"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// contentsWeight scales the score of a table-of-contents page: it names
// the section the reader wants, but is not it.
const contentsWeight = 0.3

type pageScore struct {
	n     int
	score float64
}

// matchingPages runs the page query restricted to the given documents and
// returns each document's matching pages, best first.
func matchingPages(ctx context.Context, g *generation, pq query.Query, docs []*docMeta) (map[string][]pageScore, error) {
	pt := g.pageTab
	byRow := make(map[int32][]pageScore, len(docs))
	err := visitMatches(ctx, g.ix.pages, restrictToDocs(g, pq, docs), func(num uint64, score float64) {
		r, n := pt.at(num)
		if r < 0 {
			return
		}
		if g.docs[r].contents[n] {
			score *= contentsWeight
		}
		byRow[r] = append(byRow[r], pageScore{n: n, score: score})
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]pageScore, len(byRow))
	for r, ps := range byRow {
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].score != ps[j].score {
				return ps[i].score > ps[j].score
			}
			return ps[i].n < ps[j].n
		})
		out[g.docs[r].ID] = ps
	}
	return out, nil
}

// restrictToDocs restricts a page query to the pages of docs, walked by
// their document numbers.
func restrictToDocs(g *generation, pq query.Query, docs []*docMeta) query.Query {
	return bleve.NewConjunctionQuery(pq, &numbersQuery{nums: g.pageTab.of(docs)})
}

// passage is a page's label and its snippet (or marked text).
type passage struct {
	label, text, html string
	source            string
	confidence        *float64
}

// passages fetches the given pages with the locations of pq's matches and
// makes their snippets (whole=false) or marks their whole text.
func passages(ctx context.Context, g *generation, pq query.Query, ids []string, whole bool) (map[string]passage, error) {
	out := make(map[string]passage, len(ids))
	make1 := func(id string, p pageRead) {
		pa := passage{label: p.label, text: p.text, source: p.source, confidence: p.confidence}
		if whole {
			pa.html = markAll(p.text, p.spans)
		} else {
			pa.html = snippet(p.text, p.spans)
		}
		out[id] = pa
	}
	var missing []string
	for _, id := range ids {
		if p, ok := keptPage(ctx, id); ok && pq != nil {
			make1(id, p)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	var q query.Query = &numbersQuery{nums: g.pageNumbers(missing)}
	if pq != nil {
		q = bleve.NewConjunctionQuery(q, pq)
	}
	req := bleve.NewSearchRequestOptions(q, len(missing), 0, false)
	req.Fields = []string{fText, fLabel, fSource, fConfidence}
	req.IncludeLocations = pq != nil
	res, err := g.ix.pages.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		text, _ := h.Fields[fText].(string)
		label, _ := h.Fields[fLabel].(string)
		make1(h.ID, withSource(pageRead{text: text, label: label, spans: textSpans(h.Locations)}, h.Fields))
	}
	return out, nil
}

// addPages gives each hit its best pages with passages and its number of
// matching pages. found holds the pages already found for some documents
// (by rerank); the others are looked up here.
func (x *Index) addPages(ctx context.Context, g *generation, c *compiled, hits []Hit, perHit int, found map[string][]pageScore) error {
	if found == nil {
		found = map[string][]pageScore{}
	}
	var docs, missing []*docMeta
	for _, h := range hits {
		d := g.byID[h.ID]
		docs = append(docs, d)
		if _, ok := found[h.ID]; !ok {
			missing = append(missing, d)
		}
	}
	c = c.forDocs(g, docs)
	if len(missing) > 0 {
		more, err := matchingPages(ctx, g, c.pages, missing)
		if err != nil {
			return err
		}
		if err := rescorePages(ctx, g, c, more); err != nil {
			return err
		}
		for id, ps := range more {
			found[id] = ps
		}
	}
	all, err := pagesWithAll(ctx, g, c, docs, found)
	if err != nil {
		return err
	}
	var ids []string
	for _, h := range hits {
		ps := found[h.ID]
		for _, p := range ps[:min(perHit, len(ps))] {
			ids = append(ids, pageID(h.ID, p.n))
		}
	}
	pass, err := passages(ctx, g, c.marks, ids, false)
	if err != nil {
		return err
	}
	for i := range hits {
		ps := found[hits[i].ID]
		hits[i].MatchingPages = len(ps)
		if n := len(all[hits[i].ID]); n > 0 {
			hits[i].MatchingPages = n
		}
		for _, p := range ps[:min(perHit, len(ps))] {
			hits[i].Pages = append(hits[i].Pages, pageHit(pass, hits[i].ID, p))
		}
	}
	return nil
}

// pagesWithAll returns, for each of docs, the pages that match every
// required word of the query (each word, or one of its equivalents, on the
// page itself).
//
// found, when not nil, holds every page of docs that matches the query's
// OR (matchingPages): a page with every required word is one of them, so
// only those are looked at.
func pagesWithAll(ctx context.Context, g *generation, c *compiled, docs []*docMeta, found map[string][]pageScore) (map[string]map[int]bool, error) {
	out := map[string]map[int]bool{}
	if c.pageAll == nil || len(docs) == 0 {
		return out, nil
	}
	q := restrictToDocs(g, c.pageAll, docs)
	if found != nil {
		q = bleve.NewConjunctionQuery(c.pageAll, &numbersQuery{nums: g.pageTab.ofFound(docs, found)})
	}
	err := visitMatches(ctx, g.ix.pages, q, func(num uint64, _ float64) {
		if r, n := g.pageTab.at(num); r >= 0 {
			doc := g.docs[r].ID
			if out[doc] == nil {
				out[doc] = map[int]bool{}
			}
			out[doc][n] = true
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func pageHit(pass map[string]passage, doc string, p pageScore) PageHit {
	pa := pass[pageID(doc, p.n)]
	label := pa.label
	if label == "" {
		label = strconv.Itoa(p.n)
	}
	return PageHit{Page: p.n, Label: label, Snippet: pa.html, Score: p.score, Source: pa.source, Confidence: pa.confidence}
}

// searchWithin searches inside one document: Total is its number of
// matching pages, and the one hit lists them (page/per_page, then cursor),
// best first.
func (x *Index) searchWithin(ctx context.Context, g *generation, c *compiled, r *Request, res *Result) error {
	d := g.byID[r.Within]
	if d == nil {
		// The search exists; its parameter names nothing: a mistake in
		// the request, not a missing page.
		return invalid("within", "no document has the id %q", r.Within)
	}
	res.AlsoSearched = c.also
	h := hitOf(scored{d: d})
	h.OtherEditions = g.otherEditions(d)
	res.Hits = []Hit{h}
	res.Facets = map[string][]Facet{}
	if c.pages == nil {
		res.Total = 0
		return nil
	}
	found, err := matchingPages(ctx, g, c.pages, []*docMeta{d})
	if err != nil {
		return err
	}
	if err := rescorePages(ctx, g, c, found); err != nil {
		return err
	}
	ps := found[d.ID]
	// The pages that match the query: with every required word when
	// there are such pages, else with any.
	all, err := pagesWithAll(ctx, g, c, []*docMeta{d}, found)
	if err != nil {
		return err
	}
	if with := all[d.ID]; len(with) > 0 {
		kept := ps[:0:0]
		for _, p := range ps {
			if with[p.n] {
				kept = append(kept, p)
			}
		}
		ps = kept
	}
	res.Total = len(ps)
	res.Hits[0].MatchingPages = len(ps)
	per := r.PerPage
	if per == 0 {
		per = x.limits.DefaultPerPage
	}
	from := (max(r.Page, 1) - 1) * per
	if r.Cursor != "" {
		cur, err := decodeCursor(r.Cursor, "within")
		if err != nil {
			return err
		}
		from = cur.Year
	}
	from = min(from, len(ps))
	to := min(from+per, len(ps))
	if to < len(ps) {
		s := encodeCursor(scored{d: &docMeta{Document: Document{ID: d.ID, Year: to}}}, "within")
		res.NextCursor = &s
	}
	var ids []string
	for _, p := range ps[from:to] {
		ids = append(ids, pageID(d.ID, p.n))
	}
	pass, err := passages(ctx, g, c.marks, ids, false)
	if err != nil {
		return err
	}
	for _, p := range ps[from:to] {
		res.Hits[0].Pages = append(res.Hits[0].Pages, pageHit(pass, d.ID, p))
	}
	return nil
}

// Page returns the text of page n (from 1) of a document; with q, its
// matches are marked in HTML. A page without text (a scanned image) has
// empty text.
func (x *Index) Page(ctx context.Context, id string, n int, q string) (*PageText, error) {
	if err := x.limits.CheckID(id); err != nil {
		return nil, err
	}
	if err := x.limits.CheckPageNumber(n); err != nil {
		return nil, err
	}
	if err := x.limits.CheckPageQuery(q); err != nil {
		return nil, err
	}
	g, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer x.release(g)
	d := g.byID[id]
	if d == nil || n < 1 || n > max(d.maxPage, d.PageCount) {
		return nil, ErrNotFound
	}
	ctx, cancel := context.WithTimeout(ctx, x.limits.Timeout)
	defer cancel()
	pid := pageID(id, n)
	out := &PageText{ID: id, Page: n, Label: strconv.Itoa(n), Pages: max(d.PageCount, d.maxPage)}
	var pq query.Query
	if q != "" {
		c := compile(g, x.thes, ParseQuery(q), nil)
		if err := x.checkQuery(c); err != nil {
			return nil, err
		}
		pq = c.marks
	}
	pass, err := passages(ctx, g, pq, []string{pid}, true)
	if err == nil && pq != nil && pass[pid].label == "" {
		pass, err = passages(ctx, g, nil, []string{pid}, true) // no match on this page
	}
	if err != nil {
		return nil, searchError(ctx, err)
	}
	if p, ok := pass[pid]; ok {
		out.Text = p.text
		out.Source, out.Confidence = p.source, p.confidence
		if p.label != "" {
			out.Label = p.label
		}
		if q != "" {
			out.HTML = p.html
		}
	}
	return out, nil
}
