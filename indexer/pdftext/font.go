package pdftext

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// A font decodes the codes of a text string into glyphs: text and advance
// width. Fonts are built once per font dictionary and cached by the document.
type font struct {
	composite bool
	vertical  bool

	// simple fonts: one-byte codes
	text  [256]string
	width [256]float64 // advance in text space per unit of font size

	// composite fonts
	space   []codeRange
	toUni   *cmap
	enc     *cmap // code → CID, nil for Identity
	ucs2    bool  // codes are UTF-16 (Uni*-UCS2 / UTF16 CMaps)
	cidW    map[int]float64
	cidWRng []cidWidth
	dw      float64
	// the embedded program's text of a CID, for codes without ToUnicode
	progText func(cid int) string

	heightScale float64 // glyph height per unit of font size (Type3 differs from 1)
}

type cidWidth struct {
	lo, hi int
	w      float64
}

// glyphCode is one decoded code of a string.
type glyphCode struct {
	text  string
	w     float64 // advance in text space per unit of font size
	space bool    // single-byte code 32: word spacing applies
}

// decode appends the glyphs of s to dst.
func (f *font) decode(dst []glyphCode, s []byte) []glyphCode {
	if !f.composite {
		for _, c := range s {
			dst = append(dst, glyphCode{text: f.text[c], w: f.width[c], space: c == 32})
		}
		return dst
	}
	for len(s) > 0 {
		n := codeLen(f.space, s)
		if n == 0 {
			n = 2
			if len(f.space) > 0 {
				n = len(f.space[0].lo)
			}
			if n > len(s) {
				n = len(s)
			}
		}
		v := codeValue(s[:n])
		var g glyphCode
		found := false
		if f.toUni != nil {
			g.text, found = f.toUni.lookupText(n, v)
		}
		if !found && f.ucs2 {
			g.text = utf16Text(string(s[:n]))
		}
		cid := int(v)
		if f.enc != nil {
			cid, _ = f.enc.lookupCID(n, v)
		}
		if !found && !f.ucs2 && f.progText != nil {
			g.text = f.progText(cid)
		}
		g.w = f.cidWidth(cid)
		g.space = n == 1 && v == 32
		dst = append(dst, g)
		s = s[n:]
	}
	return dst
}

func (f *font) cidWidth(cid int) float64 {
	if w, ok := f.cidW[cid]; ok {
		return w
	}
	for _, r := range f.cidWRng {
		if cid >= r.lo && cid <= r.hi {
			return r.w
		}
	}
	return f.dw
}

// fallbackFont stands in when a text operator has no usable font.
func fallbackFont() *font {
	f := &font{heightScale: 1}
	for i := range f.text {
		if r := standardEnc[i]; r != 0 {
			f.text[i] = string(r)
		}
		f.width[i] = 0.5
	}
	return f
}

// loadFont builds the decoder of a font dictionary. It never panics: a
// fault gives a fallback font.
func loadFont(v pdf.Value) (f *font) {
	defer func() {
		if recover() != nil {
			f = fallbackFont()
		}
	}()
	if v.Kind() != pdf.Dict {
		return fallbackFont()
	}
	if v.Key("Subtype").Name() == "Type0" {
		return loadComposite(v)
	}
	return loadSimple(v)
}

func loadSimple(v pdf.Value) *font {
	f := &font{heightScale: 1}
	subtype := v.Key("Subtype").Name()
	std := stdFontName(v.Key("BaseFont").Name())
	desc := v.Key("FontDescriptor")

	var base *[256]rune
	switch std {
	case "Symbol":
		base = &symbolEnc
	case "ZapfDingbats":
		base = &[256]rune{}
	}
	if base == nil && subtype == "TrueType" {
		base = &winAnsiEnc
	}
	if base == nil {
		if builtin := builtinEncoding(desc); builtin != nil {
			base = builtin
		} else {
			base = &standardEnc
		}
	}
	enc := v.Key("Encoding")
	if t := namedEncoding(enc.Name()); t != nil {
		base = t
	} else if enc.Kind() == pdf.Dict {
		if t := namedEncoding(enc.Key("BaseEncoding").Name()); t != nil {
			base = t
		}
	}
	for i, r := range base {
		if r != 0 {
			f.text[i] = string(r)
		}
	}
	if enc.Kind() == pdf.Dict {
		diff := enc.Key("Differences")
		code := 0
		for i := 0; i < diff.Len(); i++ {
			x := diff.Index(i)
			switch x.Kind() {
			case pdf.Integer, pdf.Real:
				code = int(x.Float64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					if t := glyphText(x.Name()); t != "" {
						f.text[code] = t
					} else if !looksNumericGlyph(x.Name()) {
						f.text[code] = ""
					}
				}
				code++
			}
		}
	}
	if subtype == "TrueType" && enc.Kind() == pdf.Null && desc.Key("Flags").Int64()&4 != 0 {
		symbolicTrueTypeText(f, desc)
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		m := parseCMap(tu)
		for c := 0; c < 256; c++ {
			if s, ok := m.lookupText(1, uint32(c)); ok {
				f.text[c] = s
			}
		}
		if len(m.text) == 0 && len(m.ranges) == 0 {
			// a two-byte ToUnicode on a simple font: take the low byte
			for c := 0; c < 256; c++ {
				if s, ok := m.lookupText(2, uint32(c)); ok {
					f.text[c] = s
				}
			}
		}
	}

	// widths
	scale := 0.001
	if subtype == "Type3" {
		fm := v.Key("FontMatrix")
		if fm.Len() == 6 {
			scale = fm.Index(0).Float64()
			d := math.Abs(fm.Index(3).Float64())
			bb := v.Key("FontBBox")
			h := math.Abs(bb.Index(3).Float64() - bb.Index(1).Float64())
			if h > 0 && d > 0 {
				f.heightScale = clamp(h*d, 0.2, 5)
			} else if d > 0 {
				f.heightScale = clamp(d*1000, 0.2, 5)
			}
		}
		if scale == 0 {
			scale = 0.001
		}
	}
	missing := desc.Key("MissingWidth").Float64()
	first := int(v.Key("FirstChar").Float64())
	widths := v.Key("Widths")
	nw := widths.Len()
	for c := 0; c < 256; c++ {
		w := -1.0
		if i := c - first; i >= 0 && i < nw {
			w = widths.Index(i).Float64()
		}
		if w < 0 || (w == 0 && nw == 0) {
			w = 0
			if std == "ZapfDingbats" {
				w = float64(dingbatWidths[c])
			} else if std != "" {
				if r := []rune(f.text[c]); len(r) == 1 {
					w = stdWidth(std, r[0])
				}
			}
			if w == 0 {
				w = missing
			}
			if w == 0 && nw == 0 && std == "" {
				w = 500
			}
		}
		f.width[c] = w * scale
	}
	return f
}

func clamp(x, lo, hi float64) float64 {
	return math.Max(lo, math.Min(hi, x))
}

func namedEncoding(name string) *[256]rune {
	switch name {
	case "WinAnsiEncoding":
		return &winAnsiEnc
	case "MacRomanEncoding":
		return &macRomanEnc
	case "StandardEncoding", "MacExpertEncoding":
		return &standardEnc
	case "PDFDocEncoding":
		return &pdfDocEnc
	}
	return nil
}

// looksNumericGlyph reports glyph names like g12, cid34, index5 whose text
// cannot be known from the name: the base encoding is kept for them.
func looksNumericGlyph(n string) bool {
	n = strings.TrimLeft(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_#")
	if n == "" {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// type1Encoding reads the built-in encoding of an embedded Type 1 font
// program ("dup 65 /A put" lines in its clear-text part).
func type1Encoding(desc pdf.Value) *[256]rune {
	ff := desc.Key("FontFile")
	if ff.Kind() != pdf.Stream {
		return nil
	}
	n := int(ff.Key("Length1").Int64())
	if n <= 0 || n > 1<<20 {
		n = 1 << 16
	}
	data := readStream(ff, n)
	s := string(data)
	i := strings.Index(s, "/Encoding")
	if i < 0 {
		return nil
	}
	s = s[i:]
	if strings.HasPrefix(s, "/Encoding StandardEncoding") {
		return nil
	}
	if j := strings.Index(s, "readonly def"); j > 0 {
		s = s[:j]
	} else if j := strings.Index(s, "eexec"); j > 0 {
		s = s[:j]
	}
	var enc [256]rune
	found := false
	fields := strings.Fields(s)
	for k := 0; k+3 < len(fields); k++ {
		if fields[k] != "dup" || fields[k+3] != "put" || !strings.HasPrefix(fields[k+2], "/") {
			continue
		}
		code := 0
		okNum := true
		for _, c := range fields[k+1] {
			if c < '0' || c > '9' {
				okNum = false
				break
			}
			code = code*10 + int(c-'0')
		}
		if !okNum || code > 255 {
			continue
		}
		if t := []rune(glyphText(fields[k+2][1:])); len(t) == 1 {
			enc[code] = t[0]
			found = true
		}
	}
	if !found {
		return nil
	}
	return &enc
}

func loadComposite(v pdf.Value) *font {
	f := &font{composite: true, heightScale: 1, dw: 1}
	desc := v.Key("DescendantFonts").Index(0)
	if desc.Kind() != pdf.Dict {
		desc = v.Key("DescendantFonts")
	}
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Name:
		name := enc.Name()
		f.vertical = strings.HasSuffix(name, "-V")
		if strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16") {
			f.ucs2 = true
			f.enc = &cmap{} // CIDs unknown: default width
		}
	case pdf.Stream:
		m := parseCMap(enc)
		f.enc = m
		f.space = m.space
		f.vertical = enc.Key("WMode").Int64() == 1
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUni = parseCMap(tu)
		if len(f.space) == 0 {
			f.space = f.toUni.space
		}
	}
	if len(f.space) == 0 {
		f.space = []codeRange{{[]byte{0, 0}, []byte{0xff, 0xff}}}
	}
	f.progText = cidProgramText(desc)
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64() / 1000
	}
	f.cidW = map[int]float64{}
	w := desc.Key("W")
	n := w.Len()
	for i := 0; i < n; {
		c1 := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			start := int(c1.Float64())
			for j := 0; j < next.Len() && j < 1<<16; j++ {
				f.cidW[start+j] = next.Index(j).Float64() / 1000
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi := int(c1.Float64()), int(next.Float64())
		wd := w.Index(i+2).Float64() / 1000
		if hi >= lo {
			if hi-lo < 256 {
				for c := lo; c <= hi; c++ {
					f.cidW[c] = wd
				}
			} else {
				f.cidWRng = append(f.cidWRng, cidWidth{lo, hi, wd})
			}
		}
		i += 3
	}
	return f
}
