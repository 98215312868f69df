package cite

import (
	"strconv"
	"strings"
)

// Record is one document as it is cited: its catalog metadata and where to
// find it. The publishers are its authors (institutions, not persons).
type Record struct {
	ID         string
	Title      string
	Publishers []string
	Year       int // 0 when unknown
	Edition    string
	Language   string // ISO 639-1 code
	Types      []string
	Regions    []string
	Countries  []string
	Tags       []string
	Summary    string
	SourceURL  string // the publisher's copy, when the catalog gives it
	Link       string // the document's page on this service (absolute URL)
	FileURL    string // the PDF on this service (absolute URL)
	Pages      []Page // pages of a search that match, best first (CSV only)
}

// Page is a page of a document: its physical number in the PDF and its
// printed label, when the document prints another one.
type Page struct {
	Number int
	Label  string
}

// Printed is the label a reader sees on the page: the printed label when
// the PDF has one, else the number.
func (p Page) Printed() string {
	if l := strings.TrimSpace(p.Label); l != "" {
		return l
	}
	return strconv.Itoa(p.Number)
}

// String is how a page is cited: "p. 8", or "p. 5 (PDF p. 8)" when the
// printed label differs from the page's place in the PDF.
func (p Page) String() string {
	n := strconv.Itoa(p.Number)
	if l := p.Printed(); l != n {
		return "p. " + l + " (PDF p. " + n + ")"
	}
	return "p. " + n
}

// URL is where a reader finds the document: the publisher's copy when
// known, else this service's page.
func (r Record) URL() string {
	if r.SourceURL != "" {
		return r.SourceURL
	}
	return r.Link
}

// Kind is the bibliographic type of a document, derived from its catalog
// types.
type Kind int

const (
	Document Kind = iota // anything else: guidance, forms, tools
	Report               // a research or monitoring report
	Book                 // a handbook, manual or toolkit
)

// KindOf classifies a document by the words of its catalog types.
func KindOf(types []string) Kind {
	k := Document
	for _, t := range types {
		t = strings.ToLower(t)
		switch {
		case strings.Contains(t, "report") || strings.Contains(t, "research") || strings.Contains(t, "study"):
			return Report
		case strings.Contains(t, "handbook") || strings.Contains(t, "manual") || strings.Contains(t, "toolkit") || strings.Contains(t, "book"):
			k = Book
		}
	}
	return k
}

// oneLine collapses every run of white space (line breaks and tabs
// included) to one space and drops other control characters.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			space = b.Len() > 0
			continue
		case r < 0x20 || r == 0x7f:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanList is the non-empty values of vs, each on one line.
func cleanList(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = oneLine(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
