package cite

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
)

// cslItem is a CSL-JSON item (the input format of citeproc processors and
// of Zotero's and Mendeley's imports).
type cslItem struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Title     string    `json:"title"`
	Author    []cslName `json:"author,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Issued    *cslDate  `json:"issued,omitempty"`
	Edition   string    `json:"edition,omitempty"`
	Language  string    `json:"language,omitempty"`
	Keyword   string    `json:"keyword,omitempty"`
	Abstract  string    `json:"abstract,omitempty"`
	URL       string    `json:"URL,omitempty"`
	Genre     string    `json:"genre,omitempty"`
	Note      string    `json:"note,omitempty"`
}

// cslName is an institutional author: a literal name, never split.
type cslName struct {
	Literal string `json:"literal"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

func cslType(k Kind) string {
	switch k {
	case Report:
		return "report"
	case Book:
		return "book"
	}
	return "document"
}

// cslWriter writes a JSON array of items, one item per line.
type cslWriter struct {
	w   *bufio.Writer
	n   int
	err error
}

func newCSLWriter(w io.Writer) *cslWriter { return &cslWriter{w: bufio.NewWriter(w)} }

func (cw *cslWriter) Write(r Record) error {
	it := cslItem{
		ID: r.ID, Type: cslType(KindOf(r.Types)), Title: oneLine(r.Title),
		Edition: oneLine(r.Edition), Language: oneLine(r.Language),
		Keyword: strings.Join(cleanList(r.Tags), ", "), Abstract: oneLine(r.Summary),
		URL: oneLine(r.URL()), Genre: strings.Join(cleanList(r.Types), ", "),
	}
	pubs := cleanList(r.Publishers)
	for _, p := range pubs {
		it.Author = append(it.Author, cslName{Literal: p})
	}
	it.Publisher = strings.Join(pubs, "; ")
	if r.Year != 0 {
		it.Issued = &cslDate{DateParts: [][]int{{r.Year}}}
	}
	b, err := json.Marshal(it)
	if err != nil {
		return err
	}
	if cw.n == 0 {
		cw.w.WriteString("[\n")
	} else {
		cw.w.WriteString(",\n")
	}
	cw.n++
	cw.w.Write(b)
	return cw.flush()
}

func (cw *cslWriter) flush() error {
	if err := cw.w.Flush(); err != nil && cw.err == nil {
		cw.err = err
	}
	return cw.err
}

func (cw *cslWriter) Close() error {
	if cw.n == 0 {
		cw.w.WriteString("[")
	}
	cw.w.WriteString("\n]\n")
	return cw.flush()
}
