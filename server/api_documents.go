package server

import (
	"net/http"
)

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
	writeJSON(w, newDocumentResponse(doc))
	return nil
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
	writeJSON(w, newPageResponse(p))
	return nil
}
