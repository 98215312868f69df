package reliability

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"testing"
)

// pdfWriter writes a PDF object by object, then the cross-reference
// table and trailer. Object 1 must be the catalog.
type pdfWriter struct {
	w    io.Writer
	n    int64
	offs []int64
}

func newPDF(w io.Writer) *pdfWriter {
	p := &pdfWriter{w: w}
	p.raw("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return p
}

func (p *pdfWriter) raw(s string) {
	n, _ := io.WriteString(p.w, s)
	p.n += int64(n)
}

// obj writes the next object (numbered from 1) and returns its number.
func (p *pdfWriter) obj(body string) int {
	p.offs = append(p.offs, p.n)
	num := len(p.offs)
	p.raw(fmt.Sprintf("%d 0 obj\n%s\nendobj\n", num, body))
	return num
}

// stream writes a stream object whose data is produced by write.
func (p *pdfWriter) stream(dict string, length int64, write func(io.Writer) int64) int {
	p.offs = append(p.offs, p.n)
	num := len(p.offs)
	p.raw(fmt.Sprintf("%d 0 obj\n<<%s/Length %d>>\nstream\n", num, dict, length))
	p.n += write(p.w)
	p.raw("\nendstream\nendobj\n")
	return num
}

// finish writes the cross-reference table and the trailer.
func (p *pdfWriter) finish() {
	xref := p.n
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.offs)+1)
	for _, o := range p.offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(p.offs)+1, xref)
	p.raw(b.String())
}

// textPDF is a one-page PDF showing text.
func textPDF(text string) []byte {
	var b bytes.Buffer
	p := newPDF(&b)
	p.obj("<</Type/Catalog/Pages 2 0 R>>")
	p.obj("<</Type/Pages/Kids[3 0 R]/Count 1>>")
	p.obj("<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>")
	p.obj("<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>")
	content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	p.stream("", int64(len(content)), func(w io.Writer) int64 {
		n, _ := io.WriteString(w, content)
		return int64(n)
	})
	p.finish()
	return b.Bytes()
}

// writePDF writes a PDF made by build to path.
func writePDF(t *testing.T, path string, build func(p *pdfWriter)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	bw := &countingWriter{w: f}
	build(newPDF(bw))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// deflateZeros returns n zero bytes compressed with Flate (zlib framing).
func deflateZeros(n int64) []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	chunk := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, int64(len(chunk)))
		zw.Write(chunk[:k])
		n -= k
	}
	zw.Close()
	return b.Bytes()
}
