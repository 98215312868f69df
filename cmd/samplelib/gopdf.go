package main

import (
	"bytes"
	"crypto/md5"
	"fmt"

	"github.com/go-pdf/fpdf"
)

// A4 in millimetres, and the layout of every page written by fpdf.
const (
	mmW, mmH   = 210.0, 297.0
	mmMargin   = 20.0
	mmBodyTop  = 26.0
	mmBodyEnd  = 277.0
	mmColGap   = 8.0
	mmColWidth = (mmW - 2*mmMargin - mmColGap) / 2
)

// writeGoPDF lays out d with fpdf and returns the PDF.
func writeGoPDF(d *doc, fontDir string) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", fontDir)
	f.SetCatalogSort(true)
	f.SetCreationDate(d.Info.Date)
	f.SetModificationDate(d.Info.Date)
	f.SetCompression(true)
	f.SetTitle(d.Info.Title, true)
	f.SetAuthor(d.Info.Author, true)
	f.SetSubject(d.Info.Subject, true)
	f.SetKeywords(d.Info.Keywords, true)
	f.SetCreator("samplelib", true)
	f.SetLang(d.Lang)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(mmMargin, mmBodyTop, mmMargin)

	family := "Helvetica"
	tr := func(s string) string { return s }
	if d.Font == "dejavu" {
		family = "DejaVu"
		f.AddUTF8Font(family, "", "DejaVuSans.ttf")
		f.AddUTF8Font(family, "B", "DejaVuSans-Bold.ttf")
	} else {
		tr = f.UnicodeTranslatorFromDescriptor("")
	}
	w := &fpdfWriter{f: f, family: family, tr: tr}
	for i, pgx := range d.Pages {
		n := i + 1
		f.AddPage()
		w.furniture(d, n)
		w.page(pgx)
		if y := w.maxY(); y > mmBodyEnd {
			return nil, fmt.Errorf("%s page %d overflows (y=%.0fmm)", d.File, n, y)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", d.File, err)
	}
	return withID(buf.Bytes()), nil
}

// withID adds to the trailer a document ID derived from the content (fpdf
// writes none). qpdf keeps its first half when it encrypts the file, which
// lets make.sh tell whether an encrypted file is still current.
func withID(pdf []byte) []byte {
	id := fmt.Sprintf("<%X>", md5.Sum(pdf))
	return bytes.Replace(pdf, []byte("trailer\n<<\n"), []byte("trailer\n<<\n/ID ["+id+id+"]\n"), 1)
}

type fpdfWriter struct {
	f      *fpdf.Fpdf
	family string
	tr     func(string) string
	colMax float64 // bottom of the left column on a two-column page
}

func (w *fpdfWriter) maxY() float64 { return max(w.f.GetY(), w.colMax) }

// furniture draws the running header and footer of page n.
func (w *fpdfWriter) furniture(d *doc, n int) {
	f := w.f
	f.SetTextColor(90, 90, 90)
	f.SetDrawColor(150, 150, 150)
	if n > 1 && d.Header != "" {
		f.SetFont(w.family, "", 8)
		f.SetXY(mmMargin, 10)
		f.CellFormat(mmW-2*mmMargin, 5, w.tr(d.Header), "", 0, "L", false, 0, "")
		f.Line(mmMargin, 16, mmW-mmMargin, 16)
	}
	f.SetFont(w.family, "", 8)
	f.Line(mmMargin, 282, mmW-mmMargin, 282)
	f.SetXY(mmMargin, 284)
	f.CellFormat(mmW-2*mmMargin, 5, w.tr(d.footer(n)), "", 0, "C", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetXY(mmMargin, mmBodyTop)
}

func (w *fpdfWriter) page(pg page) {
	w.colMax = 0
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
	f := w.f
	top := f.GetY()
	f.SetLeftMargin(mmMargin)
	f.SetRightMargin(mmW - mmMargin - mmColWidth)
	f.SetXY(mmMargin, top)
	for _, b := range blocks {
		if b.Kind == kColumnBreak {
			w.colMax = f.GetY()
			left := mmMargin + mmColWidth + mmColGap
			f.SetLeftMargin(left)
			f.SetRightMargin(mmMargin)
			f.SetXY(left, top)
			continue
		}
		w.block(b)
	}
	f.SetLeftMargin(mmMargin)
	f.SetRightMargin(mmMargin)
}

func (w *fpdfWriter) block(b block) {
	f := w.f
	lm, _, _, _ := f.GetMargins()
	switch b.Kind {
	case kTitle:
		f.Ln(30)
		f.SetFont(w.family, "B", 22)
		f.MultiCell(0, 10, w.tr(b.Text), "", "L", false)
		f.Ln(4)
	case kSubtitle:
		f.SetFont(w.family, "", 13)
		f.MultiCell(0, 6.5, w.tr(b.Text), "", "L", false)
		f.Ln(3)
	case kH1:
		f.Ln(2)
		f.SetFont(w.family, "B", 14)
		f.MultiCell(0, 7, w.tr(b.Text), "", "L", false)
		f.Ln(1.5)
	case kH2:
		f.Ln(1)
		f.SetFont(w.family, "B", 11)
		f.MultiCell(0, 5.5, w.tr(b.Text), "", "L", false)
		f.Ln(0.5)
	case kPara:
		f.SetFont(w.family, "", 10)
		f.MultiCell(0, 5, w.tr(b.Text), "", "L", false)
		f.Ln(2)
	case kNote:
		f.SetFont(w.family, "", 9.5)
		f.SetFillColor(235, 238, 242)
		f.MultiCell(0, 5, w.tr(b.Text), "1", "L", true)
		f.Ln(2.5)
	case kBullets, kNumbered:
		f.SetFont(w.family, "", 10)
		for i, it := range b.Items {
			mark := w.tr("•")
			if b.Kind == kNumbered {
				mark = fmt.Sprintf("%d.", i+1)
			}
			f.SetX(lm)
			f.CellFormat(6, 5, mark, "", 0, "L", false, 0, "")
			f.SetLeftMargin(lm + 6)
			f.MultiCell(0, 5, w.tr(it), "", "L", false)
			f.SetLeftMargin(lm)
			f.Ln(0.8)
		}
		f.Ln(1.5)
	case kSpace:
		f.Ln(8)
	}
}
