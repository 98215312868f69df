package server

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"handbooks/search"
)

// The bounds of every value (query length, per_page, the result window,
// years, sorts, cursors, filter values) are the search package's
// (search.Limits); this file parses a request's syntax only: names, UTF-8,
// repetition and whole numbers.

// maxNumberDigits bounds the digits of a whole-number parameter, so that
// parsing never overflows; search.Limits bounds its value.
const maxNumberDigits = 12

// apiFilterParams are the repeatable filter parameters of a search.
var apiFilterParams = []string{"type", "region", "country", "tag", "publisher", "lang"}

// Parameters each route accepts; any other is a 400. openapi_test checks
// these against openapi.json.
var routeParams = map[string][]string{
	"/api/search":                   {"q", "type", "region", "country", "tag", "publisher", "lang", "year_from", "year_to", "sort", "page", "per_page", "cursor", "within"},
	"/api/documents/{id}/pages/{n}": {"q"},
	"/api/suggest":                  {"q", "limit"},
}

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
			return query{}, newError(codeUnknownParameter, safeName(k), msg, nil)
		}
		vs := vals[k]
		if len(vs) > 1 && !contains(repeatable, k) {
			return query{}, badParam(k, "given more than once; give it once")
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

// number returns the whole-number parameter k, 0 when absent, and a 400
// when it is not a whole number from 1. Its upper bound is search's.
func (q query) number(k string) (int, error) {
	if !q.Has(k) {
		return 0, nil
	}
	return parseNumber(k, q.Get(k))
}

// parseNumber parses v, the value of parameter k, as a whole number from 1.
func parseNumber(k, v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || len(v) > maxNumberDigits || strings.IndexFunc(v, notDigit) >= 0 || n < 1 {
		return 0, badParam(k, "not a whole number from 1")
	}
	return n, nil
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

// parseSearch turns the parameters of /api/search (and of the search page)
// into a search request. Absent parameters stay zero (search's defaults);
// the search checks every bound.
func parseSearch(raw string) (search.Request, error) {
	q, err := parseQuery(raw, routeParams["/api/search"], apiFilterParams...)
	if err != nil {
		return search.Request{}, err
	}
	return searchRequest(q)
}

func searchRequest(q query) (search.Request, error) {
	req := search.Request{Query: q.Get("q"), Sort: q.Get("sort"), Cursor: q.Get("cursor"), Within: q.Get("within")}
	f := &req.Filters
	f.Types, f.Regions, f.Countries = q.Values["type"], q.Values["region"], q.Values["country"]
	f.Tags, f.Publishers, f.Languages = q.Values["tag"], q.Values["publisher"], q.Values["lang"]
	var err error
	for _, p := range []struct {
		name string
		dst  *int
	}{
		{"year_from", &f.YearFrom}, {"year_to", &f.YearTo}, {"per_page", &req.PerPage}, {"page", &req.Page},
	} {
		if *p.dst, err = q.number(p.name); err != nil {
			return req, err
		}
	}
	for _, k := range []string{"sort", "cursor", "within"} {
		if q.Has(k) && q.Get(k) == "" {
			return req, badParam(k, "empty; leave the parameter out or give a value")
		}
	}
	return req, nil
}
