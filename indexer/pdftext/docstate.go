package pdftext

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// docState holds what is shared by the pages of one document: decoded
// fonts and Form XObjects, each read once.
type docState struct {
	fontByKey  map[string]*font // resource dictionary + name → font
	fontByDict map[string]*font // font dictionary → font
	forms      map[string]*form // XObject dictionary + name → form (nil: not a form)
	formBytes  int
	fallback   *font
	glyphBuf   []glyph               // reused from page to page: layout copies what it keeps
	images     map[string]*imageInfo // XObject dictionary + name → image (nil: not an image)
}

type form struct {
	id     string // the stream's header and offset: unique in the file
	data   []byte
	matrix matrix
	res    pdf.Value
	hasRes bool
}

func newDocState() *docState {
	return &docState{
		fontByKey:  map[string]*font{},
		fontByDict: map[string]*font{},
		forms:      map[string]*form{},
		images:     map[string]*imageInfo{},
		fallback:   fallbackFont(),
	}
}

func (d *docState) font(fonts pdf.Value, fontsKey, name string) *font {
	key := fontsKey + "\x00" + name
	if f, ok := d.fontByKey[key]; ok {
		return f
	}
	v := fonts.Key(name)
	dictKey := v.String()
	f, ok := d.fontByDict[dictKey]
	if !ok {
		f = loadFont(v)
		d.fontByDict[dictKey] = f
	}
	d.fontByKey[key] = f
	return f
}

func readMatrix(v pdf.Value) matrix {
	if v.Len() != 6 {
		return identity
	}
	var m matrix
	for i := range m {
		m[i] = v.Index(i).Float64()
	}
	return m
}

// loadForm reads a Form XObject once; other XObjects give nil.
func (d *docState) loadForm(v pdf.Value) *form {
	if v.Kind() != pdf.Stream || v.Key("Subtype").Name() != "Form" {
		return nil
	}
	f := &form{id: v.String(), matrix: readMatrix(v.Key("Matrix"))}
	f.res = v.Key("Resources")
	f.hasRes = f.res.Kind() == pdf.Dict
	f.data = readStream(v, maxStreamBytes)
	return f
}

// doXObject runs a Form XObject named in the current resources.
func (r *runner) doXObject(xobjs pdf.Value, key, name string, res pdf.Value, gs gstate) {
	f, ok := r.doc.forms[key]
	if !ok {
		f = r.doc.loadForm(xobjs.Key(name))
		if f != nil && r.doc.formBytes+len(f.data) > maxFormCache {
			r.runForm(f, key, res, gs) // too big to keep
			return
		}
		if f != nil {
			r.doc.formBytes += len(f.data)
		}
		r.doc.forms[key] = f
	}
	if f != nil {
		r.runForm(f, key, res, gs)
		return
	}
	r.pics.image(r.doc, xobjs, key, name, gs.ctm)
}

func (r *runner) runForm(f *form, _ string, res pdf.Value, gs gstate) {
	key := f.id
	if r.depth >= maxFormDepth || r.active[key] {
		return // too deep, or a form that draws itself
	}
	if r.active == nil {
		r.active = map[string]bool{}
	}
	r.active[key] = true
	r.depth++
	defer func() {
		r.depth--
		delete(r.active, key)
	}()
	gs.ctm = f.matrix.mul(gs.ctm)
	if f.hasRes {
		res = f.res
	}
	r.run(f.data, res, gs)
}

// runAnnotations draws the normal appearance streams of the page's visible
// annotations (form fields, stamps, free text). A text field whose
// appearance shows nothing (a form saved with NeedAppearances) gets its
// value written in its rectangle, as a viewer would.
func (r *runner) runAnnotations(page pdf.Value, pageRes pdf.Value) {
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < 2000 && r.stop == nil; i++ {
		a := annots.Index(i)
		if flags := a.Key("F").Int64(); flags&2 != 0 || flags&32 != 0 {
			continue // hidden, or not for viewing
		}
		rect := readRect(a.Key("Rect"))
		if rect[2]-rect[0] <= 0 || rect[3]-rect[1] <= 0 {
			continue
		}
		before := len(r.glyphs)
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			ap = ap.Key(a.Key("AS").Name())
		}
		if ap.Kind() == pdf.Stream {
			r.runAppearance(ap, rect, pageRes)
		}
		if len(r.glyphs) == before && a.Key("Subtype").Name() == "Widget" {
			r.fieldValue(a, rect)
		}
	}
}

func (r *runner) runAppearance(ap pdf.Value, rect [4]float64, pageRes pdf.Value) {
	f := r.doc.loadForm(ap)
	if f == nil {
		return
	}
	bbox := readRect(ap.Key("BBox"))
	// the bounding box transformed by the form matrix, fitted to Rect
	x0, y0, x1, y1 := transformRect(f.matrix, bbox)
	var a2 matrix
	if x1-x0 <= 0 || y1-y0 <= 0 {
		a2 = matrix{1, 0, 0, 1, rect[0] - x0, rect[1] - y0}
	} else {
		sx := (rect[2] - rect[0]) / (x1 - x0)
		sy := (rect[3] - rect[1]) / (y1 - y0)
		a2 = matrix{sx, 0, 0, sy, rect[0] - x0*sx, rect[1] - y0*sy}
	}
	r.runForm(f, "annot", pageRes, gstate{ctm: a2, scale: 1})
}

// fieldValue writes the value of a text or choice field in its rectangle.
func (r *runner) fieldValue(a pdf.Value, rect [4]float64) {
	var ft, da string
	var v pdf.Value
	for n, depth := a, 0; n.Kind() == pdf.Dict && depth < 8; n, depth = n.Key("Parent"), depth+1 {
		if ft == "" {
			ft = n.Key("FT").Name()
		}
		if v.IsNull() {
			v = n.Key("V")
		}
		if da == "" {
			da = n.Key("DA").RawString()
		}
	}
	if ft != "Tx" && ft != "Ch" {
		return
	}
	text := v.Text()
	if v.Kind() == pdf.Array && v.Len() > 0 {
		text = v.Index(0).Text()
	}
	if text == "" {
		return
	}
	h := rect[3] - rect[1]
	size := 0.0
	if f := strings.Fields(da); len(f) >= 2 {
		for k := 1; k < len(f); k++ {
			if f[k] == "Tf" {
				size = parseNumber([]byte(f[k-1]))
			}
		}
	}
	if size <= 0 {
		size = math.Min(12, 0.75*h)
	}
	y := rect[3] - 2 - 0.8*size
	if h < 2*size {
		y = rect[1] + (h-size)/2 + 0.2*size
	}
	for _, ln := range strings.FieldsFunc(text, func(c rune) bool { return c == '\n' || c == '\r' }) {
		x := rect[0] + 2
		for _, c := range ln {
			w := 0.5 * size
			r.emit(string(c), x, y, x+w, y, size, 0)
			x += w
		}
		y -= 1.15 * size
	}
}

// readRect reads a rectangle normalised to x0 <= x1, y0 <= y1.
func readRect(v pdf.Value) [4]float64 {
	var b [4]float64
	if v.Len() < 4 {
		return b
	}
	for i := range b {
		b[i] = v.Index(i).Float64()
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	return b
}

func transformRect(m matrix, b [4]float64) (x0, y0, x1, y1 float64) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, p := range [][2]float64{{b[0], b[1]}, {b[2], b[1]}, {b[0], b[3]}, {b[2], b[3]}} {
		x, y := m.apply(p[0], p[1])
		x0, y0 = math.Min(x0, x), math.Min(y0, y)
		x1, y1 = math.Max(x1, x), math.Max(y1, y)
	}
	return
}
