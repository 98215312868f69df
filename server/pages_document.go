package server

import (
	"context"
	"fmt"
	"strconv"

	"handbooks/search"
)

// documentPage is what the document template shows: a document's metadata
// and, when a query is given, its matching pages.
type documentPage struct {
	Title      string
	Base       string // scheme and host, for the absolute links of citations
	Doc        *search.DocumentInfo
	Q          string
	Error      string // a mistake in the query, said so that it can be fixed
	Unreadable string // why the text could not be extracted, when it could not
	Inside     *passageList
	Matching   int
}

func newDocumentPage(doc *search.DocumentInfo, q string) *documentPage {
	p := &documentPage{Title: doc.Title, Doc: doc, Q: q}
	if doc.Outcome != "" && doc.Outcome != "indexed" {
		p.Unreadable = doc.Outcome
		if doc.Reason != "" {
			p.Unreadable += ": " + doc.Reason
		}
	}
	return p
}

// insidePages is how many matching pages a document page lists.
const insidePages = 20

// fillInside searches the document for the page's query: every matching
// page, best first.
func (p *documentPage) fillInside(ctx context.Context, run searchFunc) error {
	if p.Q == "" {
		return nil
	}
	res, err := run(ctx, search.Request{Query: p.Q, Within: p.Doc.ID, Page: 1, PerPage: insidePages})
	if err != nil {
		return err
	}
	p.Inside = &passageList{ID: p.Doc.ID, Lang: p.Doc.Language, Q: p.Q}
	for _, h := range res.Hits {
		if h.ID == p.Doc.ID {
			p.Inside.Pages = h.Pages
			p.Matching = max(h.MatchingPages, len(h.Pages))
		}
	}
	return nil
}

// InsideCount says how many pages match, for the live region.
func (p *documentPage) InsideCount() string {
	if p.Matching == 0 {
		return "No page of this document contains “" + p.Q + "”."
	}
	s := fmt.Sprintf("%d %s “%s”", p.Matching, plural(p.Matching, "page contains", "pages contain"), p.Q)
	if n := len(p.Inside.Pages); n < p.Matching {
		s += "; " + plural(n, "the best is listed", fmt.Sprintf("the best %d are listed", n))
	}
	return s + "."
}

// searchURL is the results page of a query: where a document page reached
// from a search leads back to.
func searchURL(q string) string {
	if q == "" {
		return "/"
	}
	return searchState{"q": {q}}.URL()
}

// link is a labelled address.
type link struct{ Label, URL string }

// facetLinks links each value of a document's facet to the search for it.
func facetLinks(param string, values []string) []link {
	ls := make([]link, len(values))
	for i, v := range values {
		ls[i] = link{Label: v, URL: searchState{param: {v}}.URL()}
	}
	return ls
}

// pageTextPage is what the page text template shows: one page as text.
type pageTextPage struct {
	Title    string
	ID       string
	DocTitle string
	Lang     string
	Q        string
	Text     *search.PageText
	HTML     string // escaped text with <mark>, when a query marked something
	Printed  string // the printed page label, when it differs from the number
	Citation string // of the page, in a readable style
	Share    string // the page in the viewer with the words marked
	Prev     string
	Next     string
}

func newPageTextPage(doc *search.DocumentInfo, pt *search.PageText, q string) *pageTextPage {
	p := &pageTextPage{
		Title:    fmt.Sprintf("Page %d of %s", pt.Page, doc.Title),
		ID:       doc.ID,
		DocTitle: doc.Title,
		Lang:     doc.Language,
		Q:        q,
		Text:     pt,
	}
	if q != "" {
		p.HTML = pt.HTML
	}
	if pt.Label != "" && pt.Label != strconv.Itoa(pt.Page) {
		p.Printed = pt.Label
	}
	if pt.Page > 1 {
		p.Prev = pageURL(doc.ID, pt.Page-1, q)
	}
	if pt.Page < pt.Pages {
		p.Next = pageURL(doc.ID, pt.Page+1, q)
	}
	return p
}

// errorPage is what the error template shows.
type errorPage struct {
	Title   string
	Heading string
	Message string
}
