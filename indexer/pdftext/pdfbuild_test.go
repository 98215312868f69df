package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/ledongthuc/pdf"

	"handbooks/internal/scanpdf"
)

// A tiny PDF writer for tests: objects are numbered from 1 in the order
// given; object 1 must be the catalog.
type testPDF struct {
	objs []string
	info string // trailer /Info object, e.g. "7 0 R"
}

// add appends an object and returns its number.
func (p *testPDF) add(obj string) int {
	p.objs = append(p.objs, obj)
	return len(p.objs)
}

// stream formats a stream object with its dictionary entries and data.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func (p *testPDF) bytes() []byte {
	info := ""
	if p.info != "" {
		info = "/Info " + p.info
	}
	return scanpdf.Objects(p.objs, info)
}

const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// pagesPDF builds a document with one page per content stream, all using
// the resources given (Helvetica as /F1 when res is empty).
func pagesPDF(res string, contents ...string) *testPDF {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("") // page tree, filled below
	if res == "" {
		f := p.add(helvetica)
		res = fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f)
	}
	var kids []string
	for _, c := range contents {
		s := p.add(stream("", c))
		pg := p.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>", res, s))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	p.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", join(kids), len(kids))
	return p
}

func join(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

func openBytes(t testing.TB, data []byte) *pdf.Reader {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("open test PDF: %v", err)
	}
	return r
}

// extractBytes extracts a PDF held in memory.
func extractBytes(t testing.TB, data []byte) *Result {
	t.Helper()
	return extractReader(context.Background(), openBytes(t, data))
}

// pageGlyphs interprets page 1 and returns its glyphs.
func pageGlyphs(t testing.TB, data []byte) []glyph {
	t.Helper()
	r := openBytes(t, data)
	pages := collectPages(r)
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	run := &runner{ctx: context.Background(), doc: newDocState(), box: pages[0].box}
	run.run(readContents(pages[0].v.Key("Contents"), maxStreamBytes), pages[0].res, gstate{ctm: identity, scale: 1})
	run.runAnnotations(pages[0].v, pages[0].res)
	return run.glyphs
}
