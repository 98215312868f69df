package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"handbooks/search"
)

// Error codes of the API. Each has one status; clients switch on the code.
const (
	codeInvalidParameter = "invalid_parameter" // 400: a value the caller can fix
	codeUnknownParameter = "unknown_parameter" // 400: a parameter this route does not take
	codeLimitExceeded    = "limit_exceeded"    // 400: a value over a documented limit
	codeNotFound         = "not_found"         // 404
	codeMethodNotAllowed = "method_not_allowed"
	codeTooLarge         = "request_too_large" // 413
	codeURITooLong       = "uri_too_long"      // 414
	codeNoIndex          = "no_index"          // 503: no index has been built yet
	codeNotReady         = "not_ready"         // 503: the index cannot be read
	codeOverloaded       = "overloaded"        // 503: too many searches at once
	codeTimeout          = "timeout"           // 503: the request ran out of time; 400 from search: too expensive
	codeInternal         = "internal_error"    // 500: details are logged, never shown
)

// errorCodes are every code a response may carry (openapi.json lists them).
var errorCodes = []string{codeInvalidParameter, codeUnknownParameter, codeLimitExceeded, codeTimeout,
	codeNotFound, codeMethodNotAllowed, codeTooLarge, codeURITooLong, codeNoIndex, codeNotReady,
	codeOverloaded, codeInternal}

// apiError is an error with the status, code and message the client sees.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Param   string `json:"param,omitempty"`
	Message string `json:"message"`
	// cause is logged for 5xx errors and never shown.
	cause error
}

func (e *apiError) Error() string {
	if e.Param != "" {
		return e.Param + ": " + e.Message
	}
	return e.Message
}

func (e *apiError) Unwrap() error { return e.cause }

// badParam is a 400 naming the parameter and saying what to fix.
func badParam(param, msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeInvalidParameter, Param: param, Message: msg}
}

// overLimit is a 400 for a value over a documented limit.
func overLimit(param, msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeLimitExceeded, Param: param, Message: msg}
}

func notFound(msg string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeNotFound, Message: msg}
}

var errOverloaded = &apiError{Status: http.StatusServiceUnavailable, Code: codeOverloaded,
	Message: "too many searches are running; retry in a moment"}

// classify maps any error a handler returns to what the client sees. It is
// the one place where errors become statuses.
func classify(err error) *apiError {
	var ae *apiError
	var se *search.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &se):
		code := se.Code
		if code == "" {
			code = codeInvalidParameter
		}
		return &apiError{Status: http.StatusBadRequest, Code: code, Param: se.Param, Message: se.Message}
	case errors.Is(err, search.ErrNotFound):
		return notFound("no such document or page")
	case errors.Is(err, search.ErrNoIndex):
		return &apiError{Status: http.StatusServiceUnavailable, Code: codeNoIndex,
			Message: "the index is being built; retry in a moment", cause: err}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout,
			Message: "the request ran out of time", cause: err}
	default:
		return &apiError{Status: http.StatusInternalServerError, Code: codeInternal,
			Message: "internal error", cause: err}
	}
}

// writeError renders err as the API's JSON error body with its status.
// Internal details of 5xx errors go to the log only.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	ae := classify(err)
	if ae.Status >= 500 {
		lvl := slog.LevelError
		if ae.Status == http.StatusServiceUnavailable {
			lvl = slog.LevelWarn
		}
		detail := err.Error()
		if !s.logQ {
			detail = redactQuery(detail, r)
		}
		s.log.Log(r.Context(), lvl, "request failed", "method", r.Method,
			"route", routeOf(r), "status", ae.Status, "code", ae.Code, "err", detail)
	}
	h := w.Header()
	if ae.Status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "1")
	}
	if ae.Status == http.StatusMethodNotAllowed {
		h.Set("Allow", "GET, HEAD")
	}
	h.Del("Content-Disposition")
	h.Del("ETag")
	h.Del("Last-Modified")
	writeJSONStatus(w, ae.Status, struct {
		Error *apiError `json:"error"`
	}{ae})
}

// redactQuery removes from an error's text the values of r's query
// parameters, so that an index error quoting the query does not put it in
// the log.
func redactQuery(detail string, r *http.Request) string {
	vals, _ := url.ParseQuery(r.URL.RawQuery)
	for _, vs := range vals {
		for _, v := range vs {
			if len(v) >= 3 {
				detail = strings.ReplaceAll(detail, v, "[redacted]")
			}
		}
	}
	return detail
}

// writeJSON writes v as a 200 JSON response.
func writeJSON(w http.ResponseWriter, v any) {
	writeJSONStatus(w, http.StatusOK, v)
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	b, err := marshalJSON(v)
	if err != nil {
		// Only a programming error gets here; the body is fixed.
		b = []byte(`{"error":{"code":"internal_error","message":"internal error"}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // snippets carry <mark>; nosniff and the content type keep it inert
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
