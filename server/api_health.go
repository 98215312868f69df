package server

import (
	_ "embed"
	"errors"
	"net/http"
	"strconv"
	"time"

	"handbooks/search"
)

//go:embed openapi.json
var openAPI []byte

// handleOpenAPI serves GET /api/openapi.json: the OpenAPI 3 document of
// every route of the API.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(openAPI)))
	w.Write(openAPI)
	return nil
}

// handleHealth serves GET /healthz: 200 while the process is serving.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	writeJSON(w, healthResponse{Status: "ok"})
	return nil
}

// readyResponse is the body of GET /readyz when ready.
type readyResponse struct {
	Status     string    `json:"status"`
	Generation string    `json:"generation"`
	Documents  int       `json:"documents"`
	Pages      int       `json:"pages"`
	LastRun    time.Time `json:"last_run"`
}

// handleReady serves GET /readyz: 200 when an index is open and
// searchable, 503 before (no_index) or when it cannot be read (not_ready).
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	st, err := s.search.Stats()
	if err != nil {
		if errors.Is(err, search.ErrNoIndex) {
			return err
		}
		return newError(codeNotReady, "", "the index cannot be read", err)
	}
	writeJSON(w, readyResponse{Status: "ready", Generation: st.Generation,
		Documents: st.Documents, Pages: st.Pages, LastRun: st.LastRun.Finished})
	return nil
}
