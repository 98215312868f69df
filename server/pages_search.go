package server

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"handbooks/search"
)

// searchFunc runs one search; the pages need nothing else of a Searcher to
// build a results page.
type searchFunc func(context.Context, search.Request) (*search.Result, error)

// searchPage is what the search template shows.
type searchPage struct {
	Title    string
	Base     string // scheme and host, for the absolute links of citations
	State    searchState
	Q        string
	PerPage  string
	Searched bool   // a query or a filter was given
	Error    string // a mistake in the request, said so that it can be fixed
	Result   *search.Result
	Chips    []chip
	ClearAll string
	Facets   []facetGroup
	Years    yearRange
	Sorts    []option
	// DidYouMean is a corrected query and the page that searches for it.
	DidYouMean, DidYouMeanURL string
	Relax                     []relaxation
	Removals                  []removalLink // exclusions of the query that emptied it
	Pager                     pager
}

// relaxation names a filter whose removal gives more results. It counts
// documents, every edition apart, as the facets beside it do.
type relaxation struct {
	Chip      chip
	Documents int
}

// pager links the pages of a result.
type pager struct {
	Page, Pages  int
	Start        int    // rank of the first hit on the page
	Prev, Next   string // "" at either end
	First, Last  string
	ShowControls bool
}

// defaultPerPage is the number of results on a page unless per_page says:
// the search's default.
var defaultPerPage = search.DefaultLimits().DefaultPerPage

// maxRelaxations bounds the extra searches made to say which filter to drop.
const maxRelaxations = 8

// fewResults is the total at or below which the page suggests what to change.
const fewResults = 2

func newSearchPage(st searchState) *searchPage {
	p := &searchPage{
		Title:    "Search",
		State:    st,
		Q:        st.get("q"),
		PerPage:  st.get("per_page"),
		Searched: len(st) > 0 && (st.get("q") != "" || st.filtered()),
		Chips:    st.chips(),
		Sorts:    st.sortOptions(""),
	}
	if p.Q != "" {
		p.Title = p.Q
	}
	if len(p.Chips) > 0 {
		p.ClearAll = searchState{"q": st["q"], "sort": st["sort"], "per_page": st["per_page"]}.URL()
		if p.Q == "" {
			p.ClearAll = "/"
		}
	}
	return p
}

// fill runs the search for the page and everything derived from it. It
// returns the search's error unchanged, for the caller to map to a status.
func (p *searchPage) fill(ctx context.Context, run searchFunc, req search.Request) error {
	if req.PerPage <= 0 {
		req.PerPage = defaultPerPage
	}
	if req.Page <= 0 {
		req.Page = 1
	}
	res, err := run(ctx, req)
	if err != nil {
		return err
	}
	p.Result = res
	p.Sorts = p.State.sortOptions(res.Sort)
	p.Facets = p.State.facetGroups(res.Facets)
	p.Years = p.State.yearRange(res.Facets["year"])
	if res.DidYouMean != nil && *res.DidYouMean != "" && *res.DidYouMean != p.Q {
		p.DidYouMean = *res.DidYouMean
		p.DidYouMeanURL = p.State.with("q", *res.DidYouMean).URL()
	}
	p.Removals = p.removalLinks(res.Removals)
	p.Pager = newPager(p.State, req.Page, req.PerPage, res.Total)
	if res.Total <= fewResults && len(p.Chips) > 0 {
		p.Relax = relaxations(ctx, run, req, p.Chips, res.Documents)
	}
	return nil
}

// relaxations re-runs the search without each active filter in turn and
// reports those whose removal gives more documents than the result's,
// most first.
func relaxations(ctx context.Context, run searchFunc, req search.Request, chips []chip, documents int) []relaxation {
	var out []relaxation
	for i, c := range chips {
		if i == maxRelaxations || ctx.Err() != nil {
			break
		}
		r := req
		r.Page, r.PerPage, r.Cursor = 1, 1, ""
		r.Filters = withoutFilter(req.Filters, c.param, c.value)
		res, err := run(ctx, r)
		if err != nil || res.Documents <= documents {
			continue
		}
		out = append(out, relaxation{Chip: c, Documents: res.Documents})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Documents > out[j].Documents })
	return out
}

// withoutFilter copies f without one value of a filter, or without the
// year range when param is "year".
func withoutFilter(f search.Filters, param, value string) search.Filters {
	if param == "year" {
		f.YearFrom, f.YearTo = 0, 0
		return f
	}
	for _, fp := range filterParams {
		if fp.Param != param {
			continue
		}
		field := fp.field(&f)
		var keep []string
		for _, v := range *field {
			if v != value {
				keep = append(keep, v)
			}
		}
		*field = keep
	}
	return f
}

func newPager(st searchState, page, perPage, total int) pager {
	pages := (total + perPage - 1) / perPage
	pg := pager{Page: page, Pages: pages, Start: (page-1)*perPage + 1, ShowControls: pages > 1 || page > 1}
	link := func(n int) string {
		if n == 1 {
			return st.URL()
		}
		return st.with("page", strconv.Itoa(n)).URL()
	}
	if page > 1 {
		pg.Prev, pg.First = link(min(page-1, max(pages, 1))), link(1)
	}
	if page < pages {
		pg.Next, pg.Last = link(page+1), link(pages)
	}
	return pg
}

// countText says how many documents a result has, for the live region.
func (p *searchPage) CountText() string {
	if p.Result == nil {
		return ""
	}
	n := p.Result.Total
	s := fmt.Sprintf("%s %s", groupDigits(n), plural(n, "document", "documents"))
	if d := p.Result.Documents; d > n {
		// Editions are grouped: say so, or the facet counts look wrong.
		s = fmt.Sprintf("%s %s (%s documents, counting editions and translations)", groupDigits(n), plural(n, "result", "results"), groupDigits(d))
	}
	if p.Q != "" {
		s += " for “" + p.Q + "”"
	}
	if p.Pager.Pages > 1 {
		s += fmt.Sprintf(", page %d of %d", p.Pager.Page, p.Pager.Pages)
	}
	return s
}

func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
