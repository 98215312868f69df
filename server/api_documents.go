package server

import (
	"net/http"
	"net/url"
	"strconv"

	"handbooks/search"
)

// fileURL is where this server serves the PDF of document id.
func fileURL(id string) string {
	return "/documents/" + url.PathEscape(id) + "/file"
}

// documentResponse is the body of GET /api/documents/{id}.
type documentResponse struct {
	*search.DocumentInfo
	FileURL string `json:"url"`
}

// handleDocument serves GET /api/documents/{id}: a document's metadata,
// page count, extraction outcome and other editions.
func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	id, err := pathVar(r, "id")
	if err != nil {
		return err
	}
	doc, err := s.search.Document(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, documentResponse{DocumentInfo: doc, FileURL: fileURL(doc.ID)})
	return nil
}

// pageResponse is the body of GET /api/documents/{id}/pages/{n}.
type pageResponse struct {
	*search.PageText
	FileURL string `json:"url"` // the PDF, opened at this page
}

// handlePage serves GET /api/documents/{id}/pages/{n}?q=: the text of one
// physical page, with the matches of q marked when q is given.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) error {
	q, err := params(r)
	if err != nil {
		return err
	}
	id, err := pathVar(r, "id")
	if err != nil {
		return err
	}
	nv, err := pathVar(r, "n")
	if err != nil {
		return err
	}
	n, err := parseNumber("n", nv)
	if err != nil {
		return err
	}
	text := q.Get("q")
	if err := s.enterSearch(r.Context()); err != nil {
		return err
	}
	defer s.leaveSearch()
	p, err := s.search.Page(r.Context(), id, n, text)
	if err != nil {
		return err
	}
	writeJSON(w, pageResponse{PageText: p, FileURL: fileURL(p.ID) + "#page=" + strconv.Itoa(p.Page)})
	return nil
}
