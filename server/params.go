package server

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"handbooks/search"
)

// Documented bounds of the API's parameters (see openapi.json). A value
// outside them is a 400 naming the parameter; nothing is clamped.
const (
	MaxQueryBytes   = 500 // q (the index has the same limit)
	MaxFilterValues = 20  // values of one repeated filter parameter
	MaxValueBytes   = 200 // one filter value, an id
	MaxCursorBytes  = 1024
	DefaultPerPage  = 10
	MaxPerPage      = 100
	MaxWindow       = 1000 // page × per_page; beyond it, use cursor
	MinYear         = 1000
	MaxYear         = 9999
	DefaultSuggest  = 8
	MaxSuggest      = 20
	MaxPageNumber   = 1000000
)

// apiFilterParams are the repeatable filter parameters of a search.
var apiFilterParams = []string{"type", "region", "country", "tag", "publisher", "lang"}

// Parameters each route accepts; any other is a 400. openapi_test checks
// these against openapi.json.
var routeParams = map[string][]string{
	"/api/search":                   {"q", "type", "region", "country", "tag", "publisher", "lang", "year_from", "year_to", "sort", "page", "per_page", "cursor", "within"},
	"/api/documents/{id}/pages/{n}": {"q"},
	"/api/suggest":                  {"q", "limit"},
}

var sorts = []string{"relevance", "newest", "oldest", "title"}

// query is a parsed query string: every key and value is valid UTF-8, only
// allowed keys are present, and scalar keys appear at most once.
type query struct{ url.Values }

// parseQuery parses raw, allowing only the keys in allowed; keys in
// repeatable may appear more than once.
func parseQuery(raw string, allowed []string, repeatable ...string) (query, error) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return query{}, badParam("", "the query string is malformed: "+queryErrText(err))
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !utf8.ValidString(k) {
			return query{}, badParam("", "a parameter name is not valid UTF-8")
		}
		if !contains(allowed, k) {
			msg := "unknown parameter"
			if len(allowed) > 0 {
				msg += "; this route accepts " + strings.Join(allowed, ", ")
			} else {
				msg += "; this route takes no parameters"
			}
			return query{}, &apiError{Status: 400, Code: codeUnknownParameter, Param: safeName(k), Message: msg}
		}
		vs := vals[k]
		if len(vs) > 1 && !contains(repeatable, k) {
			return query{}, badParam(k, "given more than once; give it once")
		}
		if len(vs) > MaxFilterValues {
			return query{}, overLimit(k, fmt.Sprintf("at most %d values", MaxFilterValues))
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return query{}, badParam(k, "not valid UTF-8")
			}
			if i := strings.IndexFunc(v, isControl); i >= 0 {
				return query{}, badParam(k, "contains a control character")
			}
		}
	}
	return query{vals}, nil
}

// queryErrText names what is wrong without echoing the input.
func queryErrText(err error) string {
	if strings.Contains(err.Error(), "semicolon") {
		return "semicolons are not separators; use &"
	}
	return "a percent-escape is invalid"
}

// safeName is a parameter name fit to be echoed in an error message.
func safeName(k string) string {
	if len(k) > 64 {
		return k[:64] + "…"
	}
	return k
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// text returns the parameter k (or "" when absent), at most maxBytes long.
func (q query) text(k string, maxBytes int) (string, error) {
	v := q.Get(k)
	if len(v) > maxBytes {
		return "", overLimit(k, fmt.Sprintf("longer than %d bytes", maxBytes))
	}
	return v, nil
}

// int returns the integer parameter k, def when absent, and a 400 when it
// is not an integer within [lo, hi].
func (q query) int(k string, def, lo, hi int) (int, error) {
	if !q.Has(k) {
		return def, nil
	}
	v := q.Get(k)
	n, err := strconv.Atoi(v)
	if err != nil || len(v) > 12 {
		return 0, badParam(k, fmt.Sprintf("not an integer; give a whole number from %d to %d", lo, hi))
	}
	if n < lo || n > hi {
		return 0, badParam(k, fmt.Sprintf("out of range; give a whole number from %d to %d", lo, hi))
	}
	return n, nil
}

// list returns the values of the repeatable parameter k; each must be
// non-empty and at most MaxValueBytes long.
func (q query) list(k string) ([]string, error) {
	vs := q.Values[k]
	for _, v := range vs {
		if strings.TrimSpace(v) == "" {
			return nil, badParam(k, "empty value; leave the parameter out to not filter")
		}
		if len(v) > MaxValueBytes {
			return nil, overLimit(k, fmt.Sprintf("a value is longer than %d bytes", MaxValueBytes))
		}
	}
	return vs, nil
}

// parseSearch turns the parameters of /api/search (and of the search page)
// into a search request, checking every documented bound.
func parseSearch(raw string) (search.Request, error) {
	q, err := parseQuery(raw, routeParams["/api/search"], apiFilterParams...)
	if err != nil {
		return search.Request{}, err
	}
	return searchRequest(q)
}

func searchRequest(q query) (search.Request, error) {
	var req search.Request
	var err error
	if req.Query, err = q.text("q", MaxQueryBytes); err != nil {
		return req, err
	}
	f := &req.Filters
	for _, p := range []struct {
		name string
		dst  *[]string
	}{
		{"type", &f.Types}, {"region", &f.Regions}, {"country", &f.Countries},
		{"tag", &f.Tags}, {"publisher", &f.Publishers}, {"lang", &f.Languages},
	} {
		if *p.dst, err = q.list(p.name); err != nil {
			return req, err
		}
	}
	if f.YearFrom, err = q.int("year_from", 0, MinYear, MaxYear); err != nil {
		return req, err
	}
	if f.YearTo, err = q.int("year_to", 0, MinYear, MaxYear); err != nil {
		return req, err
	}
	if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
		return req, badParam("year_to", "earlier than year_from")
	}
	req.Sort = "relevance"
	if q.Has("sort") {
		req.Sort = q.Get("sort")
		if !contains(sorts, req.Sort) {
			return req, badParam("sort", "unknown order; give one of "+strings.Join(sorts, ", "))
		}
	}
	if req.PerPage, err = q.int("per_page", DefaultPerPage, 1, MaxPerPage); err != nil {
		return req, err
	}
	if req.Page, err = q.int("page", 1, 1, MaxWindow); err != nil {
		return req, err
	}
	if req.Page*req.PerPage > MaxWindow {
		return req, overLimit("page", fmt.Sprintf("page × per_page may not exceed %d; continue with cursor", MaxWindow))
	}
	if req.Cursor, err = q.text("cursor", MaxCursorBytes); err != nil {
		return req, err
	}
	if q.Has("cursor") && (req.Cursor == "" || q.Has("page")) {
		return req, badParam("cursor", "give a non-empty cursor from next_cursor, without page")
	}
	if req.Within, err = q.text("within", MaxValueBytes); err != nil {
		return req, err
	}
	if q.Has("within") && req.Within == "" {
		return req, badParam("within", "empty document id")
	}
	return req, nil
}
