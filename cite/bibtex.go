package cite

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// bibtexWriter writes BibTeX entries. Text fields are escaped for TeX
// (tex), titles and corporate authors are braced so that styles neither
// change their case nor split them into given and family names, and keys
// are made unique within the output.
type bibtexWriter struct {
	w    *bufio.Writer
	keys map[string]int
	err  error
}

func newBibTeXWriter(w io.Writer) *bibtexWriter {
	return &bibtexWriter{w: bufio.NewWriter(w), keys: map[string]int{}}
}

func (bw *bibtexWriter) Write(r Record) error {
	kind := KindOf(r.Types)
	typ, pubField := "misc", "publisher"
	switch kind {
	case Report:
		typ, pubField = "techreport", "institution"
	case Book:
		typ = "book"
	}
	bw.w.WriteString("@" + typ + "{" + bw.key(r) + ",\n")
	bw.field("title", "{"+tex(oneLine(r.Title))+"}")
	pubs := cleanList(r.Publishers)
	if len(pubs) > 0 {
		names := make([]string, len(pubs))
		for i, p := range pubs {
			names[i] = "{" + tex(p) + "}"
		}
		bw.field("author", strings.Join(names, " and "))
		bw.field(pubField, tex(strings.Join(pubs, "; ")))
	}
	if r.Year != 0 {
		bw.field("year", strconv.Itoa(r.Year))
	}
	bw.field("edition", tex(oneLine(r.Edition)))
	bw.field("language", tex(oneLine(r.Language)))
	bw.field("keywords", tex(strings.Join(cleanList(r.Tags), ", ")))
	bw.field("abstract", tex(oneLine(r.Summary)))
	bw.field("url", texURL(r.URL()))
	bw.w.WriteString("}\n\n")
	if err := bw.w.Flush(); err != nil && bw.err == nil {
		bw.err = err
	}
	return bw.err
}

func (bw *bibtexWriter) field(name, v string) {
	if v == "" || v == "{}" {
		return
	}
	bw.w.WriteString("  " + name + " = {" + v + "},\n")
}

// key is the citation key of r: its id reduced to the characters every
// BibTeX program accepts, with a suffix when an earlier entry has it.
func (bw *bibtexWriter) key(r Record) string {
	var b strings.Builder
	for _, c := range r.ID {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == ':', c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	k := b.String()
	if k == "" || k[0] >= '0' && k[0] <= '9' {
		k = "doc" + k
	}
	bw.keys[k]++
	if n := bw.keys[k]; n > 1 {
		k += "-" + strconv.Itoa(n)
	}
	return k
}

func (bw *bibtexWriter) Close() error {
	if err := bw.w.Flush(); err != nil && bw.err == nil {
		bw.err = err
	}
	return bw.err
}

// texURL keeps a URL verbatim (url fields are read that way) but
// percent-encodes the characters that would unbalance the entry or end it.
func texURL(u string) string {
	u = oneLine(u)
	return strings.NewReplacer("{", "%7B", "}", "%7D", "\\", "%5C", " ", "%20").Replace(u)
}
