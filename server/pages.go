package server

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routePages registers the routes of the web page. For now "/" is a short
// page that points to the API; the search page replaces it.
func (s *Server) routePages(r *mux.Router) {
	r.Handle("/", s.api(s.handleHome)).Methods(http.MethodGet, http.MethodHead)
}

const homePage = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handbooks</title>
<h1>Handbooks</h1>
<p>A search over a library of handbooks on human trafficking.</p>
<p>The JSON API is described in <a href="/api/openapi.json">/api/openapi.json</a>;
try <a href="/api/search?q=duty+to+notify">/api/search?q=duty+to+notify</a>.</p>
</html>
`

// handleHome serves GET /.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) error {
	if r.URL.RawQuery != "" {
		return &apiError{Status: http.StatusBadRequest, Code: codeUnknownParameter,
			Message: "this page takes no parameters yet; use /api/search"}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(homePage))
	return nil
}
