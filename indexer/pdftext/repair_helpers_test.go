package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixturePDF describes a small PDF for tests. Objects are numbered from 1 in
// the order given; a stream object is written from its dict and data.
type fixturePDF struct {
	header  string // default "%PDF-1.4\n"
	objects []fixtureObj
	trailer string // extra trailer entries
	xref    string // "" (a correct table), "none", "garbage" (wrong offsets)
}

type fixtureObj struct {
	body   string // dictionary or other value
	stream []byte // when not nil, the object is a stream with this data
}

func (p fixturePDF) bytes() []byte {
	var b bytes.Buffer
	h := p.header
	if h == "" {
		h = "%PDF-1.4\n"
	}
	b.WriteString(h)
	offs := make([]int, len(p.objects))
	for i, o := range p.objects {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s", i+1, o.body)
		if o.stream != nil {
			b.WriteString("\nstream\n")
			b.Write(o.stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	if p.xref != "none" {
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.objects)+1)
		for _, off := range offs {
			if p.xref == "garbage" {
				off = off*7 + 13
			}
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(p.objects)+1, p.trailer, xref)
	return b.Bytes()
}

// fixtureOnePage is a document with one page showing text in Helvetica; content
// is the page's content stream object.
func fixtureOnePage(content fixtureObj) fixturePDF {
	return fixturePDF{objects: []fixtureObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{body: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"},
		content,
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
	}}
}

// fixtureContent is an unfiltered content stream showing text.
func fixtureContent(text string) fixtureObj {
	data := []byte("BT /F1 12 Tf 20 100 Td (" + text + ") Tj ET")
	return fixtureObj{body: fmt.Sprintf("<< /Length %d >>", len(data)), stream: data}
}

func fixtureZlib(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// fixtureFile writes data to a file in a test directory.
func fixtureFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// openFixture opens data with openReader and returns the plain text of every
// page as the PDF library reads it.
func openFixture(t *testing.T, data []byte) ([]string, error) {
	t.Helper()
	r, c, err := openReader(t.Context(), fixtureFile(t, data))
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var pages []string
	for i := 1; i <= r.NumPage(); i++ {
		s, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		pages = append(pages, strings.TrimSpace(s))
	}
	return pages, nil
}

// lzwEncode writes data as PDF LZW codes (with early change when early is
// set), emitting a clear code first and an end code last.
func lzwEncode(data []byte, early bool) []byte {
	var out []byte
	var acc uint32
	nacc := 0
	width := 9
	put := func(code int) {
		acc = acc<<width | uint32(code)
		nacc += width
		for nacc >= 8 {
			out = append(out, byte(acc>>(nacc-8)))
			nacc -= 8
		}
	}
	ext := 0
	if early {
		ext = 1
	}
	dict := map[string]int{}
	next := 258
	put(256)
	w := ""
	for _, c := range data {
		wc := w + string([]byte{c})
		if _, ok := dict[wc]; ok || len(wc) == 1 {
			w = wc
			continue
		}
		put(lzwCode(dict, w))
		if next < 4096 {
			dict[wc] = next
			next++
			// The decoder learns each entry one code later, so the
			// width grows when the entry before this one fills it.
			if next-1+ext >= 1<<width && width < 12 {
				width++
			}
		}
		w = string([]byte{c})
	}
	if w != "" {
		put(lzwCode(dict, w))
	}
	put(257)
	if nacc > 0 {
		out = append(out, byte(acc<<(8-nacc)))
	}
	return out
}

func lzwCode(dict map[string]int, w string) int {
	if len(w) == 1 {
		return int(w[0])
	}
	return dict[w]
}
