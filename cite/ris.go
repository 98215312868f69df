package cite

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// risWriter writes RIS: one "TG  - value" line per field, CRLF line ends, a
// record from TY to ER. A value is one line (line breaks become spaces);
// repeated fields (AU, KW, UR) take one line per value.
type risWriter struct {
	w   *bufio.Writer
	err error
}

func newRISWriter(w io.Writer) *risWriter { return &risWriter{w: bufio.NewWriter(w)} }

func risType(k Kind) string {
	switch k {
	case Report:
		return "RPRT"
	case Book:
		return "BOOK"
	}
	return "GEN"
}

func (rw *risWriter) line(tag, v string) {
	v = oneLine(v)
	if v == "" && tag != "ER" {
		return
	}
	rw.w.WriteString(tag)
	rw.w.WriteString("  - ")
	rw.w.WriteString(v)
	rw.w.WriteString("\r\n")
}

func (rw *risWriter) Write(r Record) error {
	rw.line("TY", risType(KindOf(r.Types)))
	rw.line("TI", r.Title)
	for _, p := range cleanList(r.Publishers) {
		// A corporate author: a trailing comma keeps readers from
		// splitting it into a family and a given name.
		rw.line("AU", p+",")
	}
	if len(r.Publishers) > 0 {
		rw.line("PB", strings.Join(cleanList(r.Publishers), "; "))
	}
	if r.Year != 0 {
		rw.line("PY", strconv.Itoa(r.Year))
	}
	rw.line("ET", r.Edition)
	rw.line("LA", r.Language)
	for _, t := range cleanList(r.Tags) {
		rw.line("KW", t)
	}
	rw.line("AB", r.Summary)
	rw.line("UR", r.URL())
	if r.SourceURL != "" {
		rw.line("UR", r.Link)
	}
	rw.line("L1", r.FileURL)
	rw.line("ID", r.ID)
	rw.line("ER", "")
	rw.w.WriteString("\r\n")
	return rw.flush()
}

func (rw *risWriter) flush() error {
	if err := rw.w.Flush(); err != nil && rw.err == nil {
		rw.err = err
	}
	return rw.err
}

func (rw *risWriter) Close() error { return rw.flush() }
