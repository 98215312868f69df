package pdftext

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strings"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/ccitt"
)

// decodeImage decodes an image XObject's stored bytes into grey pixels
// (0 black, 255 white), as the image shows: colour spaces, /Decode and
// /BlackIs1 applied. Codecs it does not read give a *NeedsRenderError;
// damaged or oversized data an error wrapping ErrBadImage.
func decodeImage(v pdf.Value, raw []byte) (*image.Gray, error) {
	w, h := int(v.Key("Width").Int64()), int(v.Key("Height").Int64())
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxImagePixels {
		return nil, fmt.Errorf("%w: image of %d × %d pixels", ErrBadImage, w, h)
	}
	names, params := imageFilters(v)
	data := raw
	codec := ""
	for i, n := range names {
		if canDecode(pdfName(n)) {
			out, err := decodeFilter(pdfName(n), params[i], data)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrBadImage, n, err)
			}
			data = out
			continue
		}
		if i != len(names)-1 {
			return nil, &NeedsRenderError{Reason: fmt.Sprintf("unsupported filter chain (%s)", strings.Join(names, ", "))}
		}
		codec = n
	}
	decode := decodeArray(v)
	switch codec {
	case "":
		return decodeSamples(v, data, w, h, decode)
	case "DCTDecode", "DCT":
		return decodeJPEG(data, decode)
	case "CCITTFaxDecode", "CCF":
		return decodeCCITT(params[len(params)-1], data, w, h, decode)
	case "JBIG2Decode":
		return nil, &NeedsRenderError{Reason: "unsupported image (JBIG2)"}
	case "JPXDecode":
		return nil, &NeedsRenderError{Reason: "unsupported image (JPX)"}
	}
	return nil, &NeedsRenderError{Reason: fmt.Sprintf("unsupported image (%s)", codec)}
}

// imageFilters returns the filter names and their parameters.
func imageFilters(v pdf.Value) ([]string, []pdfDict) {
	f, p := v.Key("Filter"), v.Key("DecodeParms")
	var names []string
	var params []pdfDict
	switch f.Kind() {
	case pdf.Name:
		names = []string{f.Name()}
		if p.Kind() == pdf.Array {
			p = p.Index(0)
		}
		params = []pdfDict{paramDict(p)}
	case pdf.Array:
		for i := 0; i < f.Len() && i < 8; i++ {
			names = append(names, f.Index(i).Name())
			q := p
			if p.Kind() == pdf.Array {
				q = p.Index(i)
			} else if i > 0 {
				q = pdf.Value{}
			}
			params = append(params, paramDict(q))
		}
	}
	return names, params
}

// paramDict copies the simple entries of a /DecodeParms dictionary.
func paramDict(v pdf.Value) pdfDict {
	if v.Kind() != pdf.Dict {
		return pdfDict{}
	}
	d := pdfDict{}
	for _, k := range v.Keys() {
		x := v.Key(k)
		switch x.Kind() {
		case pdf.Integer:
			d[pdfName(k)] = x.Int64()
		case pdf.Real:
			d[pdfName(k)] = x.Float64()
		case pdf.Bool:
			d[pdfName(k)] = x.Bool()
		case pdf.Name:
			d[pdfName(k)] = pdfName(x.Name())
		}
	}
	return d
}

// decodeArray reads /Decode; for one-component images, whether it inverts.
func decodeArray(v pdf.Value) []float64 {
	d := v.Key("Decode")
	var out []float64
	for i := 0; i < d.Len() && i < 32; i++ {
		out = append(out, d.Index(i).Float64())
	}
	return out
}

func inverted(decode []float64) bool { return len(decode) >= 2 && decode[0] > decode[1] }

func decodeJPEG(data []byte, decode []float64) (*image.Gray, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: JPEG: %v", ErrBadImage, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return nil, fmt.Errorf("%w: JPEG of %d × %d pixels (a decompression bomb?)", ErrBadImage, cfg.Width, cfg.Height)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		if strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "short") {
			return nil, fmt.Errorf("%w: truncated JPEG", ErrBadImage)
		}
		return nil, fmt.Errorf("%w: JPEG: %v", ErrBadImage, err)
	}
	var g *image.Gray
	switch m := img.(type) {
	case *image.Gray:
		g = m
	case *image.CMYK:
		// PDF writers store Adobe CMYK JPEGs inverted and say so with
		// /Decode [1 0 1 0 1 0 1 0]; Go's decoder already undid the Adobe
		// inversion.
		b := m.Bounds()
		g = image.NewGray(b)
		inv := inverted(decode)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := m.CMYKAt(x, y)
				cc, mm, yy, kk := int(c.C), int(c.M), int(c.Y), int(c.K)
				if inv {
					cc, mm, yy, kk = 255-cc, 255-mm, 255-yy, 255-kk
				}
				lum := 255 - min(255, (cc*30+mm*59+yy*11)/100+kk)
				g.Pix[g.PixOffset(x, y)] = uint8(lum)
			}
		}
		return g, nil
	default:
		b := img.Bounds()
		g = image.NewGray(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				g.Pix[g.PixOffset(x, y)] = color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			}
		}
	}
	if inverted(decode) {
		invert(g.Pix)
	}
	return g, nil
}

func decodeCCITT(p pdfDict, data []byte, w, h int, decode []float64) (*image.Gray, error) {
	k := objInt(p["K"])
	cols := objInt(p["Columns"])
	if cols == 0 {
		cols = 1728
	}
	rows := objInt(p["Rows"])
	if rows <= 0 {
		rows = h
	}
	if cols != w || rows != h {
		return nil, fmt.Errorf("%w: CCITT image of %d × %d in an image of %d × %d", ErrBadImage, cols, rows, w, h)
	}
	sf := ccitt.Group4
	switch {
	case k == 0:
		sf = ccitt.Group3
	case k > 0:
		return nil, &NeedsRenderError{Reason: "unsupported image (CCITT Group 3 2-D)"}
	}
	align, _ := p["EncodedByteAlign"].(bool)
	g := image.NewGray(image.Rect(0, 0, w, h))
	if err := ccitt.DecodeIntoGray(g, bytes.NewReader(data), ccitt.MSB, sf, &ccitt.Options{Align: align}); err != nil {
		return nil, fmt.Errorf("%w: CCITT: %v", ErrBadImage, err)
	}
	blackIs1, _ := p["BlackIs1"].(bool)
	if blackIs1 != inverted(decode) {
		invert(g.Pix)
	}
	return g, nil
}

// decodeSamples reads uncompressed samples (after the general filters) in
// the image's colour space.
func decodeSamples(v pdf.Value, data []byte, w, h int, decode []float64) (*image.Gray, error) {
	bpc := int(v.Key("BitsPerComponent").Int64())
	mask := v.Key("ImageMask").Bool()
	if mask {
		bpc = 1
	}
	if bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16 {
		return nil, fmt.Errorf("%w: %d bits per component", ErrBadImage, bpc)
	}
	cs, err := readColorSpace(v.Key("ColorSpace"), mask)
	if err != nil {
		return nil, err
	}
	n := cs.components
	rowBytes := (w*n*bpc + 7) / 8
	if len(data) < rowBytes*h {
		return nil, fmt.Errorf("%w: image data truncated (%d of %d bytes)", ErrBadImage, len(data), rowBytes*h)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	maxv := float64(int(1)<<bpc - 1)
	comp := make([]float64, n)
	inv := inverted(decode) && n == 1
	for y := 0; y < h; y++ {
		row := data[y*rowBytes : (y+1)*rowBytes]
		for x := 0; x < w; x++ {
			if cs.palette != nil {
				g.Pix[y*g.Stride+x] = cs.palette[min(sample(row, x, bpc), len(cs.palette)-1)]
				continue
			}
			for c := 0; c < n; c++ {
				comp[c] = float64(sample(row, x*n+c, bpc)) / maxv
			}
			if inv {
				comp[0] = 1 - comp[0]
			}
			g.Pix[y*g.Stride+x] = cs.gray(comp)
		}
	}
	return g, nil
}

// sample returns the i-th sample of bpc bits in a row.
func sample(row []byte, i, bpc int) int {
	switch bpc {
	case 8:
		return int(row[i])
	case 16:
		return int(row[2*i])<<8 | int(row[2*i+1])
	}
	bit := i * bpc
	b := row[bit/8]
	shift := 8 - bpc - bit%8
	return int(b>>shift) & (1<<bpc - 1)
}

func invert(p []byte) {
	for i := range p {
		p[i] = 255 - p[i]
	}
}
