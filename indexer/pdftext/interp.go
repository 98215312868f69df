package pdftext

import (
	"context"
	"errors"
	"math"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: the transformation m followed by n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// gstate is the part of the graphics state that matters for text.
type gstate struct {
	ctm   matrix
	font  *font
	size  float64 // Tf
	cs    float64 // Tc
	ws    float64 // Tw
	scale float64 // Tz / 100
	lead  float64 // TL
	rise  float64 // Ts
}

// glyph is one shown glyph in a frame where its text runs left to right:
// x0..x1 along the baseline y. rot says which way the text runs on the
// page: 0 right, 1 up, 2 left, 3 down, and from 4 on, at an angle of
// (rot-4)/2 degrees counter-clockwise (diagonal stamps and watermarks).
type glyph struct {
	s        string
	x0, x1   float64
	y, size  float64
	rot      uint16
	space    bool // a space character: a word break, no text
	fontSize float64
}

// Limits that keep one page from taking the process down.
const (
	maxOpsPerPage    = 4_000_000
	maxGlyphsPerPage = 500_000
	maxStreamBytes   = 64 << 20
	maxFormDepth     = 12
	maxFormCache     = 32 << 20
)

var (
	errTooManyOps    = errors.New("operator limit reached")
	errTooManyGlyphs = errors.New("glyph limit reached")
)

// runner interprets the content of one page.
type runner struct {
	ctx    context.Context
	doc    *docState
	glyphs []glyph
	codes  []glyphCode
	ops    int
	depth  int
	active map[string]bool
	box    [4]float64 // page box: x0 y0 x1 y1
	stop   error      // why interpretation stopped early
	marks  []markedContent
	// pictures: the images drawn on the page and the number of painted
	// paths, to tell scans and vector-drawn text (images.go)
	pics pagePictures
}

type markedContent struct {
	start  int
	actual string
	has    bool
}

// resources resolves a resource dictionary's fonts and XObjects lazily.
type resources struct {
	v          pdf.Value
	fonts      pdf.Value
	fontsKey   string
	fontsDone  bool
	xobjs      pdf.Value
	xobjsKey   string
	xobjsDone  bool
	properties pdf.Value
	propsDone  bool
}

func (rs *resources) font(d *docState, name string) *font {
	if !rs.fontsDone {
		rs.fontsDone = true
		rs.fonts = rs.v.Key("Font")
		rs.fontsKey = rs.fonts.String()
	}
	return d.font(rs.fonts, rs.fontsKey, name)
}

func (rs *resources) xobject(name string) (pdf.Value, string) {
	if !rs.xobjsDone {
		rs.xobjsDone = true
		rs.xobjs = rs.v.Key("XObject")
		rs.xobjsKey = rs.xobjs.String()
	}
	return rs.xobjs, rs.xobjsKey + "\x00" + name
}

func lastNums(args []operand, n int) ([]float64, bool) {
	if len(args) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i, a := range args[len(args)-n:] {
		if a.kind != kNum {
			return nil, false
		}
		out[i] = a.num
	}
	return out, true
}

func lastNum(args []operand) float64 {
	if len(args) == 0 {
		return 0
	}
	return args[len(args)-1].num
}

func lastKind(args []operand, k opKind) *operand {
	for i := len(args) - 1; i >= 0; i-- {
		if args[i].kind == k {
			return &args[i]
		}
	}
	return nil
}

// run interprets one content stream with its resources, starting from gs.
func (r *runner) run(data []byte, res pdf.Value, gs gstate) {
	rs := &resources{v: res}
	var stack []gstate
	var tm, tlm matrix = identity, identity
	args := make([]operand, 0, 16)
	l := lexer{b: data}
	for r.stop == nil {
		var o operand
		op, isOp, ok := l.next(&o, 0)
		if !ok {
			break
		}
		if !isOp {
			if len(args) >= 64 {
				args = append(args[:0], args[32:]...)
			}
			args = append(args, o)
			continue
		}
		r.ops++
		if r.ops&1023 == 0 && r.ctx.Err() != nil {
			r.stop = r.ctx.Err()
			break
		}
		if r.ops > maxOpsPerPage {
			r.stop = errTooManyOps
			break
		}
		switch op {
		case "q":
			if len(stack) < 512 {
				stack = append(stack, gs)
			}
		case "Q":
			if n := len(stack); n > 0 { // an unbalanced Q is ignored
				gs = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if a, ok := lastNums(args, 6); ok {
				gs.ctm = matrix(a).mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Td", "TD":
			if a, ok := lastNums(args, 2); ok {
				if op == "TD" {
					gs.lead = -a[1]
				}
				tlm = matrix{1, 0, 0, 1, a[0], a[1]}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if a, ok := lastNums(args, 6); ok {
				tlm = matrix(a)
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -gs.lead}.mul(tlm)
			tm = tlm
		case "TL":
			gs.lead = lastNum(args)
		case "Tc":
			gs.cs = lastNum(args)
		case "Tw":
			gs.ws = lastNum(args)
		case "Tz":
			gs.scale = lastNum(args) / 100
		case "Ts":
			gs.rise = lastNum(args)
		case "Tf":
			if len(args) >= 2 {
				gs.size = args[len(args)-1].num
				if n := lastKind(args, kName); n != nil {
					gs.font = rs.font(r.doc, string(n.s))
				}
			}
		case "Tj", "'", "\"":
			if op != "Tj" {
				if op == "\"" && len(args) >= 3 {
					gs.ws = args[len(args)-3].num
					gs.cs = args[len(args)-2].num
				}
				tlm = matrix{1, 0, 0, 1, 0, -gs.lead}.mul(tlm)
				tm = tlm
			}
			if s := lastKind(args, kStr); s != nil {
				r.show(s.s, &gs, &tm)
			}
		case "TJ":
			if a := lastKind(args, kArr); a != nil {
				for _, e := range a.arr {
					switch e.kind {
					case kStr:
						r.show(e.s, &gs, &tm)
					case kNum:
						tx := -e.num / 1000 * gs.size * gs.scale
						if gs.font != nil && gs.font.vertical {
							tm = matrix{1, 0, 0, 1, 0, -e.num / 1000 * gs.size}.mul(tm)
						} else {
							tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
						}
					}
				}
			}
		case "Do":
			if n := lastKind(args, kName); n != nil {
				xobjs, key := rs.xobject(string(n.s))
				r.doXObject(xobjs, key, string(n.s), res, gs)
			}
		case "ID":
			l.skipInlineImage()
			r.pics.inlineImage(gs.ctm)
		case "f", "F", "f*", "B", "B*", "b", "b*":
			r.pics.paths++
		case "BMC":
			r.marks = append(r.marks, markedContent{start: len(r.glyphs)})
		case "BDC":
			m := markedContent{start: len(r.glyphs)}
			if d := lastKind(args, kDict); d != nil {
				for i := 0; i+1 < len(d.arr); i += 2 {
					if string(d.arr[i].s) == "ActualText" && d.arr[i+1].kind == kStr {
						m.actual, m.has = textString(d.arr[i+1].s), true
					}
				}
			}
			r.marks = append(r.marks, m)
		case "EMC":
			if n := len(r.marks); n > 0 {
				m := r.marks[n-1]
				r.marks = r.marks[:n-1]
				if m.has {
					r.applyActualText(m)
				}
			}
		}
		args = args[:0]
	}
}

// applyActualText replaces the glyphs shown inside a marked-content
// sequence by its /ActualText, spread over their extent.
func (r *runner) applyActualText(m markedContent) {
	if m.start >= len(r.glyphs) {
		return
	}
	gl := r.glyphs[m.start:]
	first := gl[0]
	x1 := first.x1
	for _, g := range gl {
		if g.rot == first.rot && g.x1 > x1 && math.Abs(g.y-first.y) < first.size {
			x1 = g.x1
		}
	}
	r.glyphs = r.glyphs[:m.start]
	s := cleanText(m.actual)
	if s == "" {
		return
	}
	first.s = s
	first.x1 = x1
	first.space = false
	r.glyphs = append(r.glyphs, first)
}

// show renders a string: one glyph per code, advancing the text matrix.
func (r *runner) show(s []byte, gs *gstate, tm *matrix) {
	f := gs.font
	if f == nil {
		f = r.doc.fallback
	}
	r.codes = f.decode(r.codes[:0], s)
	m := tm.mul(gs.ctm)
	scale := gs.scale
	// height of the font on the page and baseline direction
	hx, hy := gs.size*m[2], gs.size*m[3]
	size := math.Hypot(hx, hy) * f.heightScale
	var dx, dy float64
	if f.vertical {
		dx, dy = -m[2], -m[3]
	} else {
		dx, dy = m[0], m[1]
	}
	rot := rotation(dx, dy)
	for _, c := range r.codes {
		var tx, ty float64
		if f.vertical {
			ty = -gs.size + gs.cs
			if c.space {
				ty += gs.ws
			}
		} else {
			tx = c.w*gs.size + gs.cs
			if c.space {
				tx += gs.ws
			}
			tx *= scale
		}
		ox, oy := m.apply(0, gs.rise)
		ex, ey := m.apply(tx, gs.rise+ty)
		r.emit(c.text, ox, oy, ex, ey, size, rot)
		m[4] += tx*m[0] + ty*m[2]
		m[5] += tx*m[1] + ty*m[3]
		tm[4] += tx*tm[0] + ty*tm[2]
		tm[5] += tx*tm[1] + ty*tm[3]
	}
}

// emit records one glyph given its origin and end on the page.
func (r *runner) emit(s string, ox, oy, ex, ey, size float64, rot uint16) {
	if s == "" || r.stop != nil {
		return
	}
	b := r.box
	if math.Max(ox, ex)+size < b[0] || math.Min(ox, ex)-size > b[2] || math.Max(oy, ey)+size < b[1] || math.Min(oy, ey)-size > b[3] {
		return // off the page
	}
	if len(r.glyphs) >= maxGlyphsPerPage {
		r.stop = errTooManyGlyphs
		return
	}
	space := false
	if s == " " || s == "\u00a0" || s == "\t" {
		space = true
	} else if !plainASCII(s) {
		s = cleanText(s)
		if s == "" {
			return
		}
		if s == " " {
			space = true
		}
	}
	g := glyph{s: s, size: size, rot: rot, space: space}
	fx0, fy := toFrame(rot, ox, oy)
	fx1, _ := toFrame(rot, ex, ey)
	if fx1 < fx0 {
		fx0, fx1 = fx1, fx0
	}
	g.x0, g.x1, g.y = fx0, fx1, fy
	r.glyphs = append(r.glyphs, g)
}

// rotation classifies a baseline direction: the four upright directions
// within a degree, else the angle in half degrees.
func rotation(dx, dy float64) uint16 {
	deg := math.Atan2(dy, dx) * 180 / math.Pi
	if deg < 0 {
		deg += 360
	}
	for q := 0; q <= 4; q++ {
		if math.Abs(deg-float64(q*90)) <= 1 {
			return uint16(q % 4)
		}
	}
	return 4 + uint16(math.Round(deg*2))%720
}

// toFrame rotates a page point into the frame where text of rotation rot
// runs left to right.
func toFrame(rot uint16, x, y float64) (float64, float64) {
	switch rot {
	case 0:
		return x, y
	case 1:
		return y, -x
	case 2:
		return -x, -y
	case 3:
		return -y, x
	}
	a := float64(rot-4) / 2 * math.Pi / 180
	c, s := math.Cos(a), math.Sin(a)
	return x*c + y*s, -x*s + y*c
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// cleanText drops control characters, replacement characters and
// zero-width marks, and expands ligatures and compatibility forms.
func cleanText(s string) string {
	out := make([]rune, 0, len(s))
	for _, c := range s {
		switch {
		case c == utf8.RuneError, c < 0x20, c == 0x7f, c >= 0x80 && c < 0xa0,
			c >= 0x200b && c <= 0x200f, c == 0xfeff:
			continue
		case c == 0xa0 || c == '\t' || c >= 0x2000 && c <= 0x200a || c == 0x202f || c == 0x3000:
			out = append(out, ' ')
			continue
		}
		if d, ok := compat[c]; ok {
			out = append(out, []rune(d)...)
			continue
		}
		if c >= 0xff01 && c <= 0xff5e { // fullwidth ASCII
			out = append(out, c-0xff01+'!')
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// compat holds the compatibility decompositions (NFKC) that matter for
// search: ligatures and a few presentation forms.
var compat = map[rune]string{
	0xfb00: "ff", 0xfb01: "fi", 0xfb02: "fl", 0xfb03: "ffi", 0xfb04: "ffl",
	0xfb05: "st", 0xfb06: "st", 0x0132: "IJ", 0x0133: "ij", 0x01c4: "DŽ",
	0x01c5: "Dž", 0x01c6: "dž", 0x01c7: "LJ", 0x01c8: "Lj", 0x01c9: "lj",
	0x01ca: "NJ", 0x01cb: "Nj", 0x01cc: "nj", 0x2160: "I", 0x2161: "II", 0x2162: "III", 0x2163: "IV",
	0x2164: "V", 0x2165: "VI", 0x2166: "VII", 0x2167: "VIII", 0x2168: "IX",
	0x2169: "X", 0x2170: "i", 0x2171: "ii", 0x2172: "iii", 0x2173: "iv",
	0x2174: "v", 0x2175: "vi", 0x2176: "vii", 0x2177: "viii", 0x2178: "ix",
	0x2179: "x", 0x017f: "s",
}

// textString decodes a PDF text string (UTF-16BE with a byte-order mark,
// else PDFDocEncoding).
func textString(b []byte) string {
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		return utf16Text(string(b[2:]))
	}
	out := make([]rune, 0, len(b))
	for _, c := range b {
		if r := pdfDocEnc[c]; r != 0 {
			out = append(out, r)
		} else {
			out = append(out, rune(c))
		}
	}
	return string(out)
}
