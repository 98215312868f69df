package server

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// viewerCSP is the Content-Security-Policy of the viewer page: the site's
// policy, with pdf.js's worker allowed from this origin (worker-src) and
// nothing else added. pdf.js runs without eval (isEvalSupported: false).
const viewerCSP = contentSecurityPolicy + "; worker-src 'self'"

// maxViewerTerms bounds the words the viewer highlights.
const maxViewerTerms = 20

// viewerPage is what the viewer template shows.
type viewerPage struct {
	Title    string
	ID       string
	DocTitle string
	Lang     string
	Q        string
	Page     int
	Pages    int
	Printed  string   // the printed page label, when it differs from the number
	Terms    []string // the words of the page that match q, as marked by the index
	TermJSON string
	Citation string
	Share    string
}

// handleViewer serves GET /documents/{id}/pages/{n}/view?q=: page n of a
// document in the built-in viewer (pdf.js, embedded), opened at that page
// with the words of q that the index finds on it highlighted. Its address
// is the stable link to "page n of this document with these words". The
// page links to the plain PDF, which works without JavaScript.
func (s *Server) handleViewer(w http.ResponseWriter, r *http.Request) error {
	doc, pt, q, err := s.requestedPage(r)
	if err != nil {
		return err
	}
	p := &viewerPage{
		Title: fmt.Sprintf("Page %d of %s", pt.Page, doc.Title), ID: doc.ID, DocTitle: doc.Title,
		Lang: doc.Language, Q: q, Page: pt.Page, Pages: pt.Pages,
	}
	if pt.Label != "" && pt.Label != strconv.Itoa(pt.Page) {
		p.Printed = pt.Label
	}
	if q != "" {
		p.Terms = markedTerms(pt.HTML)
	}
	b, _ := json.Marshal(append([]string{}, p.Terms...))
	p.TermJSON = string(b)
	tp := &pageTextPage{Text: pt, Q: q}
	tp.citePage(baseURL(r), doc)
	p.Citation, p.Share = tp.Citation, tp.Share
	w.Header().Set("Content-Security-Policy", viewerCSP)
	return renderPage(w, r, http.StatusOK, "viewer.html", p)
}

var markRe = regexp.MustCompile(`(?s)<mark>(.*?)</mark>`)

// markedTerms are the distinct texts the index marked on a page (its
// words in the page's own spelling: stems, accents and synonyms resolved),
// longest first, so that the viewer finds exactly what the text view marks.
func markedTerms(pageHTML string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range markRe.FindAllStringSubmatch(pageHTML, -1) {
		t := strings.Join(strings.Fields(html.UnescapeString(m[1])), " ")
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
		if len(out) == maxViewerTerms {
			break
		}
	}
	return out
}
