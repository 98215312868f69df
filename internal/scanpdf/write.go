package scanpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/jpeg"
	"io"
)

// Codecs of the page images.
const (
	JPEG  = "jpeg"  // DCTDecode, quality 75
	G4    = "g4"    // CCITTFaxDecode K -1, thresholded at mid grey
	Flate = "flate" // 8-bit grey samples, FlateDecode
)

// Turns: how a page's picture is stored and drawn.
const (
	Upright   = ""       // stored as seen, drawn with a plain matrix
	TurnedCTM = "ctm"    // stored a quarter turn clockwise, drawn upright by the matrix
	TurnedRot = "rotate" // stored a quarter turn counter-clockwise on a landscape page with /Rotate 90
)

// Page is one scanned page.
type Page struct {
	Image *image.Gray
	DPI   float64 // resolution of Image on the page
	Codec string  // JPEG, G4 or Flate
	Turn  string  // Upright, TurnedCTM or TurnedRot
	// Header, when set, is drawn as real text at the top of the page over
	// the picture (a running header added to a scan).
	Header string
}

// Write writes an image-only PDF with the pages.
func Write(w io.Writer, pages []Page) error {
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("")
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for i, p := range pages {
		b := p.Image.Bounds()
		wpt, hpt := float64(b.Dx())*72/p.DPI, float64(b.Dy())*72/p.DPI
		stored := p.Image
		var ctm string
		media := fmt.Sprintf("[0 0 %.2f %.2f]", wpt, hpt)
		rotate := ""
		switch p.Turn {
		case TurnedCTM:
			stored = turnCW(p.Image)
			ctm = fmt.Sprintf("0 %.4f %.4f 0 %.4f 0", hpt, -wpt, wpt)
		case TurnedRot:
			stored = turnCCW(p.Image)
			media = fmt.Sprintf("[0 0 %.2f %.2f]", hpt, wpt)
			rotate = " /Rotate 90"
			ctm = fmt.Sprintf("%.4f 0 0 %.4f 0 0", hpt, wpt)
		default:
			ctm = fmt.Sprintf("%.4f 0 0 %.4f 0 0", wpt, hpt)
		}
		img, err := imageObject(stored, p.Codec)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		im := add(img)
		content := fmt.Sprintf("q %s cm /Im0 Do Q", ctm)
		if p.Header != "" {
			content += fmt.Sprintf("\nBT /F1 9 Tf 36 %.2f Td (%s) Tj ET", hpt-24, pdfEscape(p.Header))
			if p.Turn == TurnedRot {
				content = fmt.Sprintf("q %s cm /Im0 Do Q", ctm) // no header on a turned page
			}
		}
		c := add(streamObj("", []byte(content)))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox %s%s /Resources << /XObject << /Im0 %d 0 R >> /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>",
			media, rotate, im, font, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", join(kids), len(kids))
	_, err := w.Write(Objects(objs, ""))
	return err
}

// Objects writes a PDF file of the objects given, numbered from 1 in
// order (object 1 must be the catalog), with its cross-reference table;
// trailer holds further trailer entries, e.g. "/Info 4 0 R".
func Objects(objs []string, trailer string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	if trailer != "" {
		trailer = " " + trailer
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return buf.Bytes()
}

// imageObject encodes a grey image as an image XObject.
func imageObject(img *image.Gray, codec string) (string, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch codec {
	case JPEG:
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 75}); err != nil {
			return "", err
		}
		return streamObj(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", w, h), buf.Bytes()), nil
	case G4:
		rows := make([][]bool, h)
		for y := range rows {
			rows[y] = make([]bool, w)
			off := img.PixOffset(b.Min.X, b.Min.Y+y)
			for x := range rows[y] {
				rows[y][x] = img.Pix[off+x] < 128
			}
		}
		return streamObj(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d >>", w, h, w, h), encodeG4(rows, w)), nil
	case Flate, "":
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			off := img.PixOffset(b.Min.X, y)
			zw.Write(img.Pix[off : off+w])
		}
		zw.Close()
		return streamObj(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", w, h), buf.Bytes()), nil
	}
	return "", fmt.Errorf("unknown codec %q", codec)
}

func streamObj(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
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

func pdfEscape(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		if c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// turnCW turns an image a quarter clockwise.
func turnCW(src *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dst.Pix[x*dst.Stride+(h-1-y)] = src.Pix[src.PixOffset(b.Min.X+x, b.Min.Y+y)]
		}
	}
	return dst
}

// turnCCW turns an image a quarter counter-clockwise.
func turnCCW(src *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dst.Pix[(w-1-x)*dst.Stride+y] = src.Pix[src.PixOffset(b.Min.X+x, b.Min.Y+y)]
		}
	}
	return dst
}
