package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"handbooks/search"
)

// Error codes of the API; clients switch on the code.
const (
	codeInvalidParameter = "invalid_parameter" // a value the caller can fix
	codeUnknownParameter = "unknown_parameter" // a parameter this route does not take
	codeLimitExceeded    = "limit_exceeded"    // a value over a documented limit
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeTooLarge         = "request_too_large"
	codeURITooLong       = "uri_too_long"
	codeNoIndex          = "no_index"  // no index has been built yet
	codeNotReady         = "not_ready" // the index cannot be read
	codeOverloaded       = "overloaded"
	codeTimeout          = "timeout"        // the request or its search ran out of time
	codeInternal         = "internal_error" // details are logged, never shown
)

// statusOf is the one table of error codes and their statuses: each code
// has one status, and openapi.json lists every code.
var statusOf = map[string]int{
	codeInvalidParameter: http.StatusBadRequest,
	codeUnknownParameter: http.StatusBadRequest,
	codeLimitExceeded:    http.StatusBadRequest,
	codeNotFound:         http.StatusNotFound,
	codeMethodNotAllowed: http.StatusMethodNotAllowed,
	codeTooLarge:         http.StatusRequestEntityTooLarge,
	codeURITooLong:       http.StatusRequestURITooLong,
	codeNoIndex:          http.StatusServiceUnavailable,
	codeNotReady:         http.StatusServiceUnavailable,
	codeOverloaded:       http.StatusServiceUnavailable,
	codeTimeout:          http.StatusServiceUnavailable,
	codeInternal:         http.StatusInternalServerError,
}

// searchCodes names the API code of each code of a *search.Error.
var searchCodes = map[search.Code]string{
	search.Invalid:   codeInvalidParameter,
	search.OverLimit: codeLimitExceeded,
	search.Timeout:   codeTimeout,
}

// errorResponse is the body of every error of the API.
type errorResponse struct {
	Error *apiError `json:"error"`
}

// apiError is an error with the status, code and message the client sees.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Param   string `json:"param,omitempty"`
	Message string `json:"message"`
	// cause is logged for 5xx errors and never shown.
	cause error
}

// newError is an error with code, its status from statusOf.
func newError(code, param, msg string, cause error) *apiError {
	status, ok := statusOf[code]
	if !ok {
		code, status = codeInternal, http.StatusInternalServerError
	}
	return &apiError{Status: status, Code: code, Param: param, Message: msg, cause: cause}
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
	return newError(codeInvalidParameter, param, msg, nil)
}

func notFound(msg string) *apiError {
	return newError(codeNotFound, "", msg, nil)
}

var errOverloaded = newError(codeOverloaded, "", "too many searches are running; retry in a moment", nil)

// classify maps any error a handler returns to what the client sees. It is
// the one place where errors become codes.
func classify(err error) *apiError {
	var ae *apiError
	var se *search.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &se):
		return newError(searchCodes[se.Code], se.Param, se.Message, err)
	case errors.Is(err, search.ErrNotFound):
		return notFound("no such document or page")
	case errors.Is(err, search.ErrNoIndex):
		return newError(codeNoIndex, "", "the index is being built; retry in a moment", err)
	case errors.Is(err, search.ErrUnavailable):
		return newError(codeNotReady, "", "the index cannot be reached; retry in a moment", err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return newError(codeTimeout, "", "the request ran out of time", err)
	default:
		return newError(codeInternal, "", "internal error", err)
	}
}

// writeError renders err as the API's JSON error body with its status.
// Internal details of 5xx errors go to the log only.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	ae := classify(err)
	s.logFailure(r, ae, err)
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
	writeJSONStatus(w, ae.Status, errorResponse{ae})
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
