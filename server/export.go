package server

import (
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"handbooks/cite"
	"handbooks/search"
)

func init() { routeParams["/api/export"] = exportParams }

// DefaultMaxExport bounds the results of one export of a whole result
// list (Limits.MaxExport); a search with more is a 400 that says to narrow
// it, or to export it a page at a time with page and per_page.
const DefaultMaxExport = 10000

// exportParams are the parameters of /api/export: the format, and either
// id (one document) or the parameters of /api/search.
var exportParams = append([]string{"format", "id"}, routeParams["/api/search"]...)

// handleExport serves GET /api/export?format=ris|bibtex|csljson|csv with
// id= (one document) or the parameters of /api/search (its results, all of
// them up to MaxExport, or one page when page, per_page or cursor is
// given). The body is written as the results come, a page of 100 at a time.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r.URL.RawQuery, exportParams, apiFilterParams...)
	if err != nil {
		return err
	}
	if !q.Has("format") {
		return badParam("format", "required; give one of ris, bibtex, csljson, csv")
	}
	f, err := cite.ParseFormat(q.Get("format"))
	if err != nil {
		return badParam("format", "unknown format; give one of ris, bibtex, csljson, csv")
	}
	base := baseURL(r)
	if q.Has("id") {
		return s.exportDocument(w, r, q, f, base)
	}
	req, err := searchRequest(query{dropParams(q.Values, "format")})
	if err != nil {
		return err
	}
	onePage := q.Has("page") || q.Has("per_page") || q.Has("cursor")
	if !onePage {
		req.Page, req.PerPage = 1, search.DefaultLimits().MaxPerPage
	}
	res, err := s.searchOnce(r.Context(), req)
	if err != nil {
		return err
	}
	limit := s.limits.MaxExport
	if !onePage && res.Total > limit {
		return newError(codeLimitExceeded, "", fmt.Sprintf("the search has %s results and an export holds at most %s; narrow it with filters, or export a page at a time with page and per_page",
			groupDigits(res.Total), groupDigits(limit)), nil)
	}
	startExport(w, f, "handbooks-search")
	if r.Method == http.MethodHead {
		return nil
	}
	// A long export may take longer than a page: the file downloads' limit.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.limits.FileWriteTimeout))
	out := cite.NewWriter(f, w)
	for n := 0; ; {
		for _, h := range res.Hits {
			if n++; n > limit {
				break
			}
			if err := out.Write(recordOfHit(base, h)); err != nil {
				return s.abortExport(r, err)
			}
		}
		if onePage || res.NextCursor == nil || n >= limit {
			break
		}
		req.Page, req.Cursor = 0, *res.NextCursor
		if res, err = s.searchOnce(r.Context(), req); err != nil {
			return s.abortExport(r, err)
		}
	}
	if err := out.Close(); err != nil {
		return s.abortExport(r, err)
	}
	return nil
}

// exportDocument writes one document; id takes no search parameter.
func (s *Server) exportDocument(w http.ResponseWriter, r *http.Request, q query, f cite.Format, base string) error {
	for k := range q.Values {
		if k != "id" && k != "format" {
			return badParam(k, "not with id: id exports one document; leave out the search parameters, or id to export a search")
		}
	}
	id := q.Get("id")
	if strings.TrimSpace(id) == "" {
		return badParam("id", "empty document id")
	}
	doc, err := s.document(r.Context(), id)
	if err != nil {
		return err
	}
	startExport(w, f, id)
	if r.Method == http.MethodHead {
		return nil
	}
	out := cite.NewWriter(f, w)
	if err := out.Write(recordOfDocument(base, doc)); err != nil {
		return s.abortExport(r, err)
	}
	if err := out.Close(); err != nil {
		return s.abortExport(r, err)
	}
	return nil
}

// startExport sends the headers of an export download.
func startExport(w http.ResponseWriter, f cite.Format, name string) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fileName(name) + f.Ext()}))
	h.Set("Cache-Control", "private, no-cache")
	w.WriteHeader(http.StatusOK)
}

// fileName reduces s to a safe file name.
func fileName(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 || b.Len() > 100 {
		return "handbooks-export"
	}
	return b.String()
}

// abortExport ends an export that failed after its status was sent (the
// reader went away, or a later page failed): the connection is cut with
// net/http's ErrAbortHandler, so that a client never takes a truncated
// file for a complete one. The search slot is already released.
func (s *Server) abortExport(r *http.Request, err error) error {
	if r.Context().Err() == nil {
		s.log.Warn("export cut short", "route", routeOf(r), "err", err)
	}
	panic(http.ErrAbortHandler)
}

// dropParams is vals without the keys ks.
func dropParams(vals map[string][]string, ks ...string) map[string][]string {
	out := make(map[string][]string, len(vals))
	for k, v := range vals {
		out[k] = v
	}
	for _, k := range ks {
		delete(out, k)
	}
	return out
}
