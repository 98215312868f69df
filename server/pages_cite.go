package server

import (
	"net/url"
	"strconv"
	"strings"

	"handbooks/cite"
	"handbooks/search"
)

// Citations and follow links on the web page: each hit and each page view
// carries a readable citation (copied in one click with JavaScript, shown
// as text without), links to the exports, and the results page links to
// its Atom feed.

// citeHit is the citation of a hit's document.
func citeHit(base string, h search.Hit) string {
	return cite.Reference(recordOfHit(base, h), nil)
}

// citeDocPage is the citation of page p of a document.
func citeDocPage(base string, d *search.DocumentInfo, p cite.Page) string {
	return cite.Reference(recordOfDocument(base, d), &p)
}

// hitPassages is the passage list of a hit, each page with its citation.
func hitPassages(base string, h search.Hit, q string) passageList {
	rec := recordOfHit(base, h)
	return passageList{ID: h.ID, Lang: h.Language, Q: q, Pages: h.Pages, cite: func(p search.PageHit) string {
		return cite.Reference(rec, &cite.Page{Number: p.Page, Label: p.Label})
	}}
}

// Cite is the citation of one page of the list, "" when the list has none.
func (l passageList) Cite(p search.PageHit) string {
	if l.cite == nil {
		return ""
	}
	return l.cite(p)
}

// exportLink is a link to one document's export in a format.
type exportLink struct{ Label, URL string }

// exportLinks are the exports of one document, or of a search when id is "".
func exportLinks(id string, st searchState) []exportLink {
	var out []exportLink
	for _, f := range []struct{ f, label string }{{"ris", "RIS"}, {"bibtex", "BibTeX"}, {"csljson", "CSL-JSON"}, {"csv", "CSV"}} {
		v := url.Values{}
		if id != "" {
			if f.f == "csv" {
				continue // a list format
			}
			v.Set("id", id)
		} else {
			v = url.Values(st.without("per_page", "").clone())
		}
		v.Set("format", f.f)
		out = append(out, exportLink{Label: f.label, URL: "/api/export?" + v.Encode()})
	}
	return out
}

// docExports are the exports of one document.
func docExports(id string) []exportLink { return exportLinks(id, nil) }

// FeedURL is the Atom feed of the search: its filters and words, newest
// documents in the library first.
func (s searchState) FeedURL() string {
	c := s.without("sort", "").without("per_page", "")
	if len(c) == 0 {
		return "/feed"
	}
	return "/feed?" + url.Values(c).Encode()
}

// FeedTitle names the feed for a feed reader's list.
func (s searchState) FeedTitle() string {
	if d := describeSearch(s); d != "" {
		return "New in the library: " + d
	}
	return "New in the library"
}

// Exports are the exports of the whole result list.
func (s searchState) Exports() []exportLink { return exportLinks("", s) }

// viewerURL is the address of page n of a document in the viewer, with
// the words of q highlighted: stable and readable, for sharing.
func viewerURL(id string, n int, q string) string {
	u := "/documents/" + url.PathEscape(id) + "/pages/" + strconv.Itoa(n) + "/view"
	if q = strings.TrimSpace(q); q != "" {
		u += "?" + url.Values{"q": {q}}.Encode()
	}
	return u
}

// citeInside gives the matching pages of a document page their citations.
func (p *documentPage) citeInside() {
	if p.Inside == nil {
		return
	}
	rec := recordOfDocument(p.Base, p.Doc)
	p.Inside.cite = func(h search.PageHit) string {
		return cite.Reference(rec, &cite.Page{Number: h.Page, Label: h.Label})
	}
}

// citePage sets the citation and the share link of a page view.
func (p *pageTextPage) citePage(base string, doc *search.DocumentInfo) {
	p.Citation = citeDocPage(base, doc, cite.Page{Number: p.Text.Page, Label: p.Text.Label})
	p.Share = viewerURL(doc.ID, p.Text.Page, p.Q)
}

// citeDoc is the citation of a document.
func citeDoc(base string, d *search.DocumentInfo) string {
	return cite.Reference(recordOfDocument(base, d), nil)
}

// citationBox is the data of the "cite" template.
type citationBox struct {
	Text    string
	Exports []exportLink
}
