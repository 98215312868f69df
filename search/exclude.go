package search

import (
	"context"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Exclusions work on pages. "referral -child" means pages about referral
// that are not about children: pages holding an excluded word or phrase
// are left out of the page queries, and a document is found only while
// it keeps at least one page with some of the query's words and none of
// the excluded ones. Excluded metadata (-type:x) and text restricted to
// titles (-title:x) still leave out whole documents.

// withoutPages leaves the pages holding excluded text out of q.
func (c *compiled) withoutPages(q query.Query) query.Query {
	if len(c.pageNot) == 0 {
		return q
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(c.pageNot...)
	return b
}

// excludePages restricts c to the documents with a page that holds some
// of its words (any page, when it has none) and none of its excluded text.
func excludePages(ctx context.Context, g *generation, c *compiled) error {
	if len(c.pageNot) == 0 {
		return nil
	}
	q := c.pages // already without the excluded pages
	if q == nil {
		q = c.withoutPages(bleve.NewMatchAllQuery())
	}
	req := bleve.NewSearchRequestOptions(q, max(g.pages, 1), 0, false)
	req.Score = "none"
	res, err := g.ix.pages.SearchInContext(ctx, req)
	if err != nil {
		return err
	}
	keep := make(map[*docMeta]bool)
	for _, h := range res.Hits {
		if doc, _, ok := splitPageID(h.ID); ok {
			if d := g.byID[doc]; d != nil {
				keep[d] = true
			}
		}
	}
	c.preds = append(c.preds[:len(c.preds):len(c.preds)], func(d *docMeta) bool { return keep[d] })
	return nil
}

// Removal is a part of a query or a filter that left the result empty,
// with the query to search without it and how many results that gives.
type Removal struct {
	Kind  string // "exclusion" (-word), "restriction" (type:x in the query) or "filter"
	Term  string // as written: "-child", "type:Guidance", or the filter's value
	Facet string // the filter's facet, for Kind "filter"
	Query string // the query without the term (the same query for a filter)
	Total int    // results without it
}

// maxRemovals bounds the searches run to say what emptied a result.
const maxRemovals = 8

// removals searches again without each exclusion and metadata
// restriction of the query, and without each filter value, and returns
// those that give results, most first.
func (x *Index) removals(ctx context.Context, g *generation, tree *And, r *Request) ([]Removal, error) {
	var cands []Removal
	var reqs []Request
	for i, n := range tree.Children {
		kind := ""
		switch n.(type) {
		case *Not:
			kind = "exclusion"
		case *FieldValue, *YearRange:
			kind = "restriction"
		}
		if kind == "" {
			continue
		}
		rest := &And{Children: append(append([]Node{}, tree.Children[:i]...), tree.Children[i+1:]...)}
		q := queryString(rest)
		cands = append(cands, Removal{Kind: kind, Term: queryString(&And{Children: []Node{n}}), Query: q})
		r2 := *r
		r2.Query = q
		reqs = append(reqs, r2)
	}
	for _, f := range r.Filters.each() {
		cands = append(cands, Removal{Kind: "filter", Term: f.value, Facet: f.facet, Query: r.Query})
		r2 := *r
		r2.Filters = r.Filters.without(f.facet, f.value)
		reqs = append(reqs, r2)
	}
	var out []Removal
	for i, rm := range cands {
		if i == maxRemovals || ctx.Err() != nil {
			break
		}
		fs := newFilterSet(reqs[i].Filters)
		tree := ParseQuery(reqs[i].Query)
		c := compile(g, x.thes, tree, nil)
		if err := excludePages(ctx, g, c); err != nil {
			return nil, err
		}
		sc := g.getScratch()
		hits, _, err := collectDocs(ctx, g, c, fs, sc)
		n := countWorks(hits, sc)
		g.putScratch(sc)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			rm.Total = n
			out = append(out, rm)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Total > out[j-1].Total; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// joinQueryStrings writes the children of an And or Or joined by sep, a
// child And in parentheses.
func joinQueryStrings(children []Node, sep string) string {
	s := make([]string, len(children))
	for i, ch := range children {
		s[i] = queryString(ch)
		if _, ok := ch.(*And); ok {
			s[i] = "(" + s[i] + ")"
		}
	}
	return strings.Join(s, sep)
}

// queryString writes a tree back in the query language.
func queryString(n Node) string {
	switch n := n.(type) {
	case *And:
		return joinQueryStrings(n.Children, " ")
	case *Or:
		return joinQueryStrings(n.Children, " OR ")
	case *Not:
		switch n.Child.(type) {
		case *And, *Or:
			return "-(" + queryString(n.Child) + ")"
		}
		return "-" + queryString(n.Child)
	case *Word:
		return fieldPrefix(n.Field) + n.Text
	case *Phrase:
		return fieldPrefix(n.Field) + `"` + n.Text + `"`
	case *Prefix:
		return fieldPrefix(n.Field) + n.Text + "*"
	case *FieldValue:
		if strings.ContainsAny(n.Value, " \"") {
			return n.Field + `:"` + n.Value + `"`
		}
		return n.Field + ":" + n.Value
	case *YearRange:
		switch {
		case n.From == n.To:
			return "year:" + strconv.Itoa(n.From)
		case n.To == 0:
			return "year:>=" + strconv.Itoa(n.From)
		case n.From == 0:
			return "year:<=" + strconv.Itoa(n.To)
		}
		return "year:" + strconv.Itoa(n.From) + ".." + strconv.Itoa(n.To)
	}
	return ""
}

// filterValue is one value of one facet filter.
type filterValue struct{ facet, value string }

// each lists the filter's values; a year range is one value of "year"
// (2015-2020, 2015-, -2020).
func (f Filters) each() []filterValue {
	var out []filterValue
	for _, v := range []struct {
		facet  string
		values []string
	}{{"type", f.Types}, {"region", f.Regions}, {"country", f.Countries}, {"tag", f.Tags}, {"publisher", f.Publishers}, {"lang", f.Languages}} {
		for _, x := range v.values {
			out = append(out, filterValue{v.facet, x})
		}
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		out = append(out, filterValue{"year", yearSpan(f.YearFrom, f.YearTo)})
	}
	return out
}

func yearSpan(from, to int) string {
	s := func(y int) string {
		if y == 0 {
			return ""
		}
		return strconv.Itoa(y)
	}
	return s(from) + "-" + s(to)
}

// without returns the filters without one value.
func (f Filters) without(facet, value string) Filters {
	drop := func(vs []string) []string {
		var out []string
		for _, v := range vs {
			if v != value {
				out = append(out, v)
			}
		}
		return out
	}
	switch facet {
	case "type":
		f.Types = drop(f.Types)
	case "region":
		f.Regions = drop(f.Regions)
	case "country":
		f.Countries = drop(f.Countries)
	case "tag":
		f.Tags = drop(f.Tags)
	case "publisher":
		f.Publishers = drop(f.Publishers)
	case "lang":
		f.Languages = drop(f.Languages)
	case "year":
		f.YearFrom, f.YearTo = 0, 0
	}
	return f
}
