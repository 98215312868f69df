package server

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"
)

// params parses r's query string against the parameters its route accepts
// (routeParams; none when the route is not listed).
func params(r *http.Request, repeatable ...string) (query, error) {
	return parseQuery(r.URL.RawQuery, routeParams[routeOf(r)], repeatable...)
}

// pathVar returns the path variable k, checked to be a plausible value.
func pathVar(r *http.Request, k string) (string, error) {
	v := mux.Vars(r)[k]
	switch {
	case v == "":
		return "", badParam(k, "empty")
	case !utf8.ValidString(v):
		return "", badParam(k, "not valid UTF-8")
	case strings.IndexFunc(v, isControl) >= 0:
		return "", badParam(k, "contains a control character")
	}
	return v, nil
}

// handleSearch serves GET /api/search: ranked documents with their best
// pages, facets and paging.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) error {
	req, err := parseSearch(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if err := s.enterSearch(r.Context()); err != nil {
		return err
	}
	defer s.leaveSearch()
	res, err := s.search.Search(r.Context(), req)
	if err != nil {
		return err
	}
	writeJSON(w, newSearchResponse(res))
	return nil
}

// handleFacets serves GET /api/facets: every facet value with its
// document count over the whole library.
func (s *Server) handleFacets(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	if err := s.enterSearch(r.Context()); err != nil {
		return err
	}
	defer s.leaveSearch()
	f, err := s.search.Facets(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, facetsResponse{Facets: newFacets(f)})
	return nil
}

// handleSuggest serves GET /api/suggest?q=&limit=: completions of a
// partly typed query from titles and frequent terms.
func (s *Server) handleSuggest(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r)
	if err != nil {
		return err
	}
	text := q.Get("q")
	if strings.TrimSpace(text) == "" {
		return badParam("q", "required; give the text typed so far")
	}
	n, err := q.number("limit")
	if err != nil {
		return err
	}
	if err := s.enterSearch(r.Context()); err != nil {
		return err
	}
	defer s.leaveSearch()
	sug, err := s.search.Suggest(r.Context(), text, n)
	if err != nil {
		return err
	}
	if sug == nil {
		sug = []string{}
	}
	writeJSON(w, suggestResponse{Query: text, Suggestions: sug})
	return nil
}
