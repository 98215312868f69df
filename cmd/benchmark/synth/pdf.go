package synth

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
)

// Line is one line of text on a page.
type Line struct {
	Text    string
	Heading bool // set in bold at a larger size
}

// PDFDoc is what WritePDF needs: a title and pages of lines.
type PDFDoc struct {
	Title string
	Lang  string
	Pages [][]Line
}

// TextBytes is the size of the document's text: each line and a newline.
func (d PDFDoc) TextBytes() int64 {
	var n int64
	for _, p := range d.Pages {
		for _, l := range p {
			n += int64(len(l.Text)) + 1
		}
	}
	return n
}

// Page geometry in points (A4) and type sizes.
const (
	pageW, pageH   = 595, 842
	marginX        = 64
	topY           = 780
	bodySize       = 10
	bodyLeading    = 15
	headingSize    = 15
	headingLeading = 22
)

// PDFWriter writes minimal PDF 1.4 files: standard-14 Helvetica fonts with
// WinAnsiEncoding and one Flate-compressed content stream per page. It keeps
// its buffers between files, so one writer per goroutine is cheap.
type PDFWriter struct {
	w       *bufio.Writer
	n       int64   // bytes written so far
	offsets []int64 // offsets[i] is the offset of object i+1
	content bytes.Buffer
	zbuf    bytes.Buffer
	zw      *zlib.Writer
}

// NewPDFWriter returns a writer.
func NewPDFWriter() *PDFWriter {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return &PDFWriter{zw: zw}
}

func (p *PDFWriter) printf(format string, a ...any) {
	n, _ := fmt.Fprintf(p.w, format, a...)
	p.n += int64(n)
}

func (p *PDFWriter) write(b []byte) {
	n, _ := p.w.Write(b)
	p.n += int64(n)
}

// beginObj starts object number id (objects are written in order 1, 2, ...).
func (p *PDFWriter) beginObj(id int) {
	for len(p.offsets) < id {
		p.offsets = append(p.offsets, 0)
	}
	p.offsets[id-1] = p.n
	p.printf("%d 0 obj\n", id)
}

// Write writes doc as a PDF to w.
//
// Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then for page i
// (from 0) its page object 6+2i and content stream 7+2i.
func (p *PDFWriter) Write(w io.Writer, doc PDFDoc) error {
	if p.w == nil {
		p.w = bufio.NewWriterSize(w, 64<<10)
	} else {
		p.w.Reset(w)
	}
	p.n = 0
	p.offsets = p.offsets[:0]
	p.printf("%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n")

	p.beginObj(1)
	lang := ""
	if doc.Lang != "" {
		lang = " /Lang " + pdfString(doc.Lang)
	}
	p.printf("<< /Type /Catalog /Pages 2 0 R%s >>\nendobj\n", lang)
	p.beginObj(2)
	p.printf("<< /Type /Pages /Count %d /Kids [", len(doc.Pages))
	for i := range doc.Pages {
		p.printf(" %d 0 R", 6+2*i)
	}
	p.printf(" ] >>\nendobj\n")
	for i, name := range []string{"Helvetica", "Helvetica-Bold"} {
		p.beginObj(3 + i)
		p.printf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>\nendobj\n", name)
	}
	p.beginObj(5)
	p.printf("<< /Title %s /Producer (handbooks benchmark synth) /CreationDate (D:20240101000000Z) >>\nendobj\n",
		pdfString(doc.Title))

	for i, lines := range doc.Pages {
		p.beginObj(6 + 2*i)
		p.printf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>\nendobj\n",
			pageW, pageH, 7+2*i)
		stream := p.pageContent(lines)
		p.beginObj(7 + 2*i)
		p.printf("<< /Length %d /Filter /FlateDecode >>\nstream\n", len(stream))
		p.write(stream)
		p.printf("\nendstream\nendobj\n")
	}

	xref := p.n
	p.printf("xref\n0 %d\n0000000000 65535 f \n", len(p.offsets)+1)
	for _, off := range p.offsets {
		p.printf("%010d 00000 n \n", off)
	}
	p.printf("trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(p.offsets)+1, xref)
	return p.w.Flush()
}

// pageContent returns the compressed content stream of one page.
func (p *PDFWriter) pageContent(lines []Line) []byte {
	c := &p.content
	c.Reset()
	c.WriteString("BT\n")
	fmt.Fprintf(c, "%d %d Td\n", marginX, topY)
	font := ""
	for i, l := range lines {
		f, size, leading := "/F1", bodySize, bodyLeading
		if l.Heading {
			f, size, leading = "/F2", headingSize, headingLeading
		}
		if f != font {
			fmt.Fprintf(c, "%s %d Tf\n", f, size)
			font = f
		}
		if i > 0 {
			fmt.Fprintf(c, "0 -%d Td\n", leading)
		}
		c.WriteString(pdfString(l.Text))
		c.WriteString(" Tj\n")
	}
	c.WriteString("ET\n")
	p.zbuf.Reset()
	p.zw.Reset(&p.zbuf)
	p.zw.Write(c.Bytes())
	p.zw.Close()
	return p.zbuf.Bytes()
}

// pdfString encodes s as a PDF literal string in WinAnsiEncoding; runes the
// encoding lacks become '?'.
func pdfString(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '(')
	for _, r := range s {
		c := winAnsi(r)
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		default:
			if c < 0x20 || c >= 0x80 {
				b = append(b, '\\')
				b = append(b, strconv.FormatInt(int64(c)+0o1000, 8)[1:]...)
			} else {
				b = append(b, c)
			}
		}
	}
	return string(append(b, ')'))
}

var winAnsiExtra = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, 'Œ': 0x8C, '‘': 0x91, '’': 0x92,
	'“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, 'œ': 0x9C, 'Ÿ': 0x9F,
}

func winAnsi(r rune) byte {
	switch {
	case r == '\t' || r == '\n':
		return ' '
	case r < 0x80 || (r >= 0xA0 && r <= 0xFF):
		return byte(r)
	}
	if c, ok := winAnsiExtra[r]; ok {
		return c
	}
	return '?'
}
