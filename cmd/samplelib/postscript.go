package main

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
)

// A4 in points, and the layout of every page written as PostScript.
const (
	ptW, ptH    = 595.0, 842.0
	ptMargin    = 60.0
	ptBodyTop   = 78.0  // from the top edge
	ptBodyEnd   = 790.0 // from the top edge
	ptColGap    = 22.0
	ptTextWidth = ptW - 2*ptMargin
)

// psFont is a PostScript font re-encoded to ISO Latin-1 and the core font
// whose metrics fpdf knows, used to wrap lines.
type psFont struct {
	name, base, family, style string
}

var (
	psBody    = psFont{"TR", "Times-Roman", "Times", ""}
	psBold    = psFont{"TB", "Times-Bold", "Times", "B"}
	psHead    = psFont{"HB", "Helvetica-Bold", "Helvetica", "B"}
	psSans    = psFont{"HR", "Helvetica", "Helvetica", ""}
	psTyped   = psFont{"CR", "Courier", "Courier", ""}
	psFontSet = []psFont{psBody, psBold, psHead, psSans, psTyped}
)

// psWriter lays out pages as PostScript.
type psWriter struct {
	b       strings.Builder
	metrics *fpdf.Fpdf
	tr      func(string) string
	typed   bool    // typewriter look: one font, no justification
	left    float64 // current column
	width   float64
	y       float64 // from the top edge
	colMax  float64
}

func newPSWriter() *psWriter {
	m := fpdf.New("P", "pt", "A4", "")
	return &psWriter{metrics: m, tr: m.UnicodeTranslatorFromDescriptor("")}
}

// writePostScript returns d as a PostScript program with pdfmarks for the
// Info dictionary and, when d has front matter, the page labels.
func writePostScript(d *doc) (string, error) {
	w := newPSWriter()
	w.prolog(len(d.Pages))
	fmt.Fprintf(&w.b, "[ /Title %s /Author %s /Subject %s /Keywords %s /Creator (samplelib) /CreationDate (%s) /ModDate (%s) /DOCINFO pdfmark\n",
		psUTF16(d.Info.Title), psUTF16(d.Info.Author), psUTF16(d.Info.Subject), psUTF16(d.Info.Keywords),
		d.Info.Date.Format("D:20060102150405Z"), d.Info.Date.Format("D:20060102150405Z"))
	if d.FrontMatter > 0 {
		fmt.Fprintf(&w.b, "[ {Catalog} << /PageLabels << /Nums [ 0 << /S /r >> %d << /S /D >> ] >> >> /PUT pdfmark\n", d.FrontMatter)
	}
	for i, pgx := range d.Pages {
		n := i + 1
		fmt.Fprintf(&w.b, "%%%%Page: %s %d\n", d.label(n), n)
		w.furniture(d, n)
		w.page(pgx)
		if y := max(w.y, w.colMax); y > ptBodyEnd {
			return "", fmt.Errorf("%s page %d overflows (y=%.0fpt)", d.File, n, y)
		}
		w.b.WriteString("showpage\n")
	}
	w.b.WriteString("%%EOF\n")
	return w.b.String(), nil
}

func (w *psWriter) prolog(pages int) {
	fmt.Fprintf(&w.b, "%%!PS-Adobe-3.0\n%%%%Pages: %d\n%%%%BoundingBox: 0 0 595 842\n%%%%EndComments\n", pages)
	w.b.WriteString("<< /PageSize [595 842] >> setpagedevice\n")
	for _, f := range psFontSet {
		fmt.Fprintf(&w.b, "/%s /%s findfont dup length dict begin { 1 index /FID ne { def } { pop pop } ifelse } forall /Encoding ISOLatin1Encoding 256 array copy dup 45 /hyphen put def currentdict end definefont pop\n", f.name, f.base)
	}
}

func (w *psWriter) setFont(f psFont, size float64) {
	if w.typed {
		f = psTyped
	}
	fmt.Fprintf(&w.b, "/%s findfont %.1f scalefont setfont\n", f.name, size)
	w.metrics.SetFont(f.family, f.style, size)
}

func (w *psWriter) furniture(d *doc, n int) {
	w.b.WriteString("0.35 setgray 0.4 setlinewidth\n")
	if n > 1 && d.Header != "" {
		w.setFont(psSans, 7.5)
		w.show(ptMargin, 38, d.Header, 0)
		fmt.Fprintf(&w.b, "%.1f %.1f moveto %.1f %.1f lineto stroke\n", ptMargin, ptH-44, ptW-ptMargin, ptH-44)
	}
	w.setFont(psSans, 7.5)
	fmt.Fprintf(&w.b, "%.1f %.1f moveto %.1f %.1f lineto stroke\n", ptMargin, 48.0, ptW-ptMargin, 48.0)
	ft := d.footer(n)
	w.show((ptW-w.width0(ft))/2, ptH-36, ft, 0)
	w.b.WriteString("0 setgray\n")
	w.left, w.width, w.y, w.colMax = ptMargin, ptTextWidth, ptBodyTop, 0
}

func (w *psWriter) width0(s string) float64 { return w.metrics.GetStringWidth(w.tr(latin1(s))) }

// show draws s with its baseline at y points from the top edge; extra is
// added to every space (justification).
func (w *psWriter) show(x, y float64, s string, extra float64) {
	if extra > 0.01 {
		fmt.Fprintf(&w.b, "%.2f %.2f moveto %.3f 0 32 %s widthshow\n", x, ptH-y, extra, psString(s))
		return
	}
	fmt.Fprintf(&w.b, "%.2f %.2f moveto %s show\n", x, ptH-y, psString(s))
}

func (w *psWriter) page(pg page) {
	blocks := pg.Blocks
	if pg.TwoColumn && len(blocks) > 0 && blocks[0].Kind <= kH1 {
		w.block(blocks[0])
		blocks = blocks[1:]
	}
	if !pg.TwoColumn {
		for _, b := range blocks {
			w.block(b)
		}
		return
	}
	top := w.y
	w.width = (ptTextWidth - ptColGap) / 2
	for _, b := range blocks {
		if b.Kind == kColumnBreak {
			w.colMax = w.y
			w.left += w.width + ptColGap
			w.y = top
			continue
		}
		w.block(b)
	}
}

func (w *psWriter) block(b block) {
	switch b.Kind {
	case kTitle:
		w.y += 80
		w.text(psHead, 22, 27, b.Text, 0, false)
		w.y += 10
	case kSubtitle:
		w.text(psSans, 13, 17, b.Text, 0, false)
		w.y += 8
	case kH1:
		w.y += 6
		w.text(psHead, 13, 17, b.Text, 0, false)
		w.y += 4
	case kH2:
		w.y += 3
		w.text(psBold, 11, 14, b.Text, 0, false)
		w.y += 1
	case kPara, kNote:
		w.text(psBody, 10.5, 13.5, b.Text, 0, !w.typed)
		w.y += 6
	case kBullets, kNumbered:
		for i, it := range b.Items {
			w.setFont(psBody, 10.5)
			if b.Kind == kNumbered {
				w.show(w.left, w.y+13.5, fmt.Sprintf("%d.", i+1), 0)
			} else {
				fmt.Fprintf(&w.b, "%.2f %.2f 1.8 0 360 arc fill\n", w.left+4, ptH-(w.y+13.5)+3.3)
			}
			w.text(psBody, 10.5, 13.5, it, 16, false)
			w.y += 2
		}
		w.y += 4
	case kSpace:
		w.y += 20
	}
}

// text wraps s to the column (less indent) and draws it line by line.
func (w *psWriter) text(f psFont, size, lead float64, s string, indent float64, justify bool) {
	w.setFont(f, size)
	width := w.width - indent
	lines := w.wrap(s, width)
	for i, ln := range lines {
		w.y += lead
		extra := 0.0
		if justify && i < len(lines)-1 {
			if sp := strings.Count(ln, " "); sp > 0 {
				extra = (width - w.width0(ln)) / float64(sp)
			}
		}
		w.show(w.left+indent, w.y, ln, extra)
	}
}

func (w *psWriter) wrap(s string, width float64) []string {
	var lines []string
	var cur string
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && w.width0(try) > width {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// latin1 replaces the punctuation that ISO Latin-1 lacks.
func latin1(s string) string {
	return strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", " - ", "…", "...", "•", "-").Replace(s)
}

// psString is s as a PostScript string literal in ISO Latin-1.
func psString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, r := range latin1(s) {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 128:
			b.WriteRune(r)
		case r < 256:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	b.WriteByte(')')
	return b.String()
}

// psUTF16 is s as a PDF text string (UTF-16BE with a byte order mark) for pdfmark.
func psUTF16(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}
