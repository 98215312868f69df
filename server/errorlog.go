package server

import (
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// logFailure is the one place where a failed request is logged: 5xx
// errors only (a 4xx is the client's to fix, and the access log has it),
// with the cause, for the API and the pages alike. Queries are never
// logged unless LogQueries is set: the words of every query parameter are
// removed from the cause first, since an index error may quote them.
func (s *Server) logFailure(r *http.Request, ae *apiError, err error) {
	if ae.Status < 500 {
		return
	}
	lvl := slog.LevelError
	if ae.Status == http.StatusServiceUnavailable {
		lvl = slog.LevelWarn
	}
	detail := err.Error()
	if !s.logQ {
		detail = redactQuery(detail, r.URL.RawQuery)
	}
	s.log.Log(r.Context(), lvl, "request failed", "method", r.Method,
		"route", routeOf(r), "status", ae.Status, "code", ae.Code, "err", detail)
}

// redactQuery removes from an error's text the values of the query
// parameters of rawQuery, whole and word by word, in any case.
func redactQuery(detail, rawQuery string) string {
	vals, _ := url.ParseQuery(rawQuery)
	var words []string
	for _, vs := range vals {
		for _, v := range vs {
			words = append(words, v)
			words = append(words, strings.FieldsFunc(v, isWordSeparator)...)
		}
	}
	// Longest first, so that a whole value goes before its words.
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	for _, w := range words {
		if len(w) < 2 {
			continue // a single letter would cut every word of the message
		}
		detail = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(w)).ReplaceAllString(detail, "[redacted]")
	}
	return detail
}

func isWordSeparator(r rune) bool {
	return r == ' ' || r == '"' || r == '\'' || r == ':' || r == '(' || r == ')' || r == '*' || r == '-' || r == '+' || r == ','
}
