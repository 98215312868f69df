package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"handbooks/search"
)

// routePages registers the routes of the web page. They come after the API
// routes, so /documents/{id}/file stays the API's.
func (s *Server) routePages(r *mux.Router) {
	get := func(path string, h handlerFunc) {
		r.Handle(path, s.page(h)).Methods(http.MethodGet, http.MethodHead)
	}
	get("/", s.handleSearchPage)
	get("/documents/{id}", s.handleDocumentPage)
	get("/documents/{id}/pages", s.handlePageJump)
	get("/documents/{id}/pages/{n}", s.handlePageText)
	get("/documents/{id}/pages/{n}/view", s.handleViewer)
	r.Handle("/static/{name}", http.HandlerFunc(serveStatic)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/static/pdfjs/{name}", http.HandlerFunc(serveStatic)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/static/pdfjs/images/{name}", http.HandlerFunc(serveStatic)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/static/pdfjs/wasm/{name}", http.HandlerFunc(serveStatic)).Methods(http.MethodGet, http.MethodHead)
	// Browsers ask for /favicon.ico on their own (a PDF viewer does).
	r.Handle("/favicon.ico", http.HandlerFunc(serveFavicon)).Methods(http.MethodGet, http.MethodHead)
}

// page adapts h for HTML: a returned error becomes an HTML error page.
func (s *Server) page(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writePageError(w, r, err)
		}
	})
}

// writePageError renders err as an HTML page with the status the API would
// give it. Details of 5xx errors are logged, never shown.
func (s *Server) writePageError(w http.ResponseWriter, r *http.Request, err error) {
	ae := classify(err)
	s.logFailure(r, ae, err)
	p := &errorPage{Title: "Error", Heading: "Something went wrong", Message: "The page could not be shown. Please try again in a moment."}
	switch {
	case ae.Status == http.StatusNotFound:
		p.Title, p.Heading = "Not found", "Page not found"
		p.Message = "There is no such document or page in the library. It may have been removed when the library was last indexed."
	case ae.Status == http.StatusServiceUnavailable && ae.Code == codeNoIndex:
		p.Title, p.Heading = "Not ready", "The library is being indexed"
		p.Message = "Searching will be possible once the first index is built. Please try again in a minute."
	case ae.Code == codeTimeout:
		p.Title, p.Heading = "Too slow", "The search took too long"
		p.Message = "Please try again with fewer or more specific words."
	case ae.Status == http.StatusServiceUnavailable:
		p.Title, p.Heading = "Busy", "The library is busy"
		p.Message = "Too many searches are running at once. Please try again in a moment."
	case ae.Status < 500:
		p.Title, p.Heading, p.Message = "Error", "Please check the address", ae.Error()
	}
	if ae.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	if err := renderPage(w, r, ae.Status, "error.html", p); err != nil {
		s.log.Error("render error page", "err", err)
	}
}

// searchOnce runs one index call in a search slot.
func (s *Server) searchOnce(ctx context.Context, req search.Request) (*search.Result, error) {
	if err := s.enterSearch(ctx); err != nil {
		return nil, err
	}
	defer s.leaveSearch()
	return s.search.Search(ctx, req)
}

// pageParams are the parameters the search page reads; it ignores others
// (a tracking parameter on a shared link must not break the page).
var pageParams = append(append([]string(nil), stateParams...), "page")

// handleSearchPage serves GET /: the search page, and with parameters (the
// same as /api/search) its results, facets and suggestions.
func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	vals, _ := url.ParseQuery(r.URL.RawQuery) // a malformed pair is dropped, as a browser would
	st := newSearchState(vals)
	p := newSearchPage(st)
	p.Base = baseURL(r)
	clean := url.Values(st.clone())
	if pg := strings.TrimSpace(vals.Get("page")); pg != "" && pg != "1" {
		clean.Set("page", pg)
	}
	req, err := parseSearch(clean.Encode())
	if err == nil {
		err = p.fill(r.Context(), s.searchOnce, req)
	}
	status := http.StatusOK
	if err != nil {
		ae := classify(err)
		if ae.Status >= 500 {
			return err
		}
		// A mistake the reader can fix: show it above a search without
		// the parameters, so that the form and facets stay usable.
		status = ae.Status
		p.Error = pageErrorText(ae)
		if ferr := p.fill(r.Context(), s.searchOnce, search.Request{Query: req.Query, Sort: "relevance"}); ferr != nil {
			p.Result = nil
		}
	}
	return renderPage(w, r, status, "search.html", p)
}

// pageErrorText says what is wrong with a parameter in words for a reader
// of the page rather than a programmer.
func pageErrorText(ae *apiError) string {
	names := map[string]string{
		"q": "The search text", "year_from": "The first year", "year_to": "The last year",
		"page": "The page number", "per_page": "The number of results per page", "sort": "The sort order",
		"type": "A type", "region": "A region", "country": "A country", "tag": "A topic",
		"publisher": "A publisher", "lang": "A language",
	}
	if n, ok := names[ae.Param]; ok {
		return n + " is not valid: " + ae.Message + "."
	}
	return ae.Error()
}

// handleDocumentPage serves GET /documents/{id}?q=: a document's metadata,
// and the pages that match q when given (search inside the document).
func (s *Server) handleDocumentPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathVar(r, "id")
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	doc, err := s.document(r.Context(), id)
	if err != nil {
		return err
	}
	p := newDocumentPage(doc, q)
	p.Base = baseURL(r)
	status := http.StatusOK
	err = p.fillInside(r.Context(), s.searchOnce)
	p.citeInside()
	if err != nil {
		ae := classify(err)
		if ae.Status >= 500 {
			return err
		}
		status, p.Error = ae.Status, pageErrorText(ae)
	}
	return renderPage(w, r, status, "document.html", p)
}

// document looks up a document's metadata; like the API, it takes no
// search slot (it is not a search).
func (s *Server) document(ctx context.Context, id string) (*search.DocumentInfo, error) {
	return s.search.Document(ctx, id)
}

// handlePageJump serves GET /documents/{id}/pages?page=N&q=: a redirect to
// the text of page N, so that a plain form can open a page by number.
func (s *Server) handlePageJump(w http.ResponseWriter, r *http.Request) error {
	id, err := pathVar(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	n, err := parseNumber("page", strings.TrimSpace(q.Get("page")))
	if err != nil {
		return badParam("page", "give a page number from 1")
	}
	http.Redirect(w, r, pageURL(id, n, strings.TrimSpace(q.Get("q"))), http.StatusSeeOther)
	return nil
}

// requestedPage reads the page a request names (/documents/{id}/pages/{n},
// with q): the document, the page's text with the matches of q marked, and
// q. A query the index cannot mark gives the page unmarked.
func (s *Server) requestedPage(r *http.Request) (*search.DocumentInfo, *search.PageText, string, error) {
	id, err := pathVar(r, "id")
	if err != nil {
		return nil, nil, "", err
	}
	n, err := parseNumber("n", mux.Vars(r)["n"])
	if err != nil {
		return nil, nil, "", notFound("no such page")
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	doc, err := s.document(r.Context(), id)
	if err != nil {
		return nil, nil, "", err
	}
	pt, err := s.pageText(r.Context(), id, n, q)
	if err != nil {
		var se *search.Error
		if q == "" || !errors.As(err, &se) {
			return nil, nil, "", err
		}
		if pt, err = s.pageText(r.Context(), id, n, ""); err != nil {
			return nil, nil, "", err
		}
	}
	return doc, pt, q, nil
}

// handlePageText serves GET /documents/{id}/pages/{n}?q=: one page of a
// document as text, with the matches of q marked.
func (s *Server) handlePageText(w http.ResponseWriter, r *http.Request) error {
	doc, pt, q, err := s.requestedPage(r)
	if err != nil {
		return err
	}
	p := newPageTextPage(doc, pt, q)
	p.citePage(baseURL(r), doc)
	return renderPage(w, r, http.StatusOK, "pagetext.html", p)
}

func (s *Server) pageText(ctx context.Context, id string, n int, q string) (*search.PageText, error) {
	if err := s.enterSearch(ctx); err != nil {
		return nil, err
	}
	defer s.leaveSearch()
	return s.search.Page(ctx, id, n, q)
}
