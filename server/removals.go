package server

import "handbooks/search"

// removalJSON is an exclusion, restriction or filter that emptied a
// result, with the query without it (GET /api/search "removals").
type removalJSON struct {
	Kind  string `json:"kind"`
	Term  string `json:"term"`
	Facet string `json:"facet,omitempty"`
	Query string `json:"query"`
	Total int    `json:"total"`
}

func newRemovals(rs []search.Removal) []removalJSON {
	out := make([]removalJSON, len(rs))
	for i, r := range rs {
		out[i] = removalJSON{Kind: r.Kind, Term: r.Term, Facet: r.Facet, Query: r.Query, Total: r.Total}
	}
	return out
}

// removalLink offers the search without an exclusion or restriction of
// the query that left it empty (filters have their own links).
type removalLink struct {
	Term  string
	URL   string
	Total int
}

func (p *searchPage) removalLinks(rs []search.Removal) []removalLink {
	var out []removalLink
	for _, r := range rs {
		if r.Kind == "filter" {
			continue
		}
		out = append(out, removalLink{Term: r.Term, URL: p.State.with("q", r.Query).URL(), Total: r.Total})
	}
	return out
}
