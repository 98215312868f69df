package pdftext

import (
	"math"
	"sort"
	"unicode"
	"unicode/utf8"
)

// line is a run of words on one baseline, not crossing a column gap.
type line struct {
	words  []word
	x0, x1 float64
	y      float64 // baseline
	size   float64 // largest font size
	rot    uint16
	text   string
}

// block is a group of lines read together (a paragraph, a cell).
type block struct{ lines []*line }

// pageLayout is a page's text in reading order.
type pageLayout struct {
	blocks []block
	box    [4]float64
}

// layoutPage assembles the glyphs of a page into blocks in reading order.
func layoutPage(gl []glyph, box [4]float64) pageLayout {
	pl := pageLayout{box: box}
	if oneRotation(gl) { // the common case: no copies
		if len(gl) > 0 {
			pl.blocks = orderLines(buildLines(buildWords(gl), gl[0].rot))
		}
		return pl
	}
	byRot := map[uint16][]glyph{}
	var rots []uint16
	for _, g := range gl {
		if _, ok := byRot[g.rot]; !ok {
			rots = append(rots, g.rot)
		}
		byRot[g.rot] = append(byRot[g.rot], g)
	}
	// the main direction first; ties in the order first drawn
	sort.SliceStable(rots, func(i, j int) bool { return len(byRot[rots[i]]) > len(byRot[rots[j]]) })
	for _, rot := range rots {
		ws := buildWords(byRot[rot])
		lines := buildLines(ws, rot)
		pl.blocks = append(pl.blocks, orderLines(lines)...)
	}
	return pl
}

func oneRotation(gl []glyph) bool {
	for i := 1; i < len(gl); i++ {
		if gl[i].rot != gl[0].rot {
			return false
		}
	}
	return true
}

func medianSize(ws []word) float64 {
	if len(ws) == 0 {
		return 10
	}
	s := make([]float64, len(ws))
	for i, w := range ws {
		s[i] = w.size
	}
	sort.Float64s(s)
	m := s[len(s)/2]
	if m <= 0 {
		m = 10
	}
	return m
}

// buildLines groups words into lines: by baseline, then split where a
// horizontal gap is wide enough to be a column gutter.
func buildLines(ws []word, rot uint16) []*line {
	if len(ws) == 0 {
		return nil
	}
	idx := make([]int, len(ws))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ws[idx[a]].y > ws[idx[b]].y })
	var out []*line
	for i := 0; i < len(idx); {
		first := ws[idx[i]]
		j := i + 1
		for j < len(idx) {
			w := ws[idx[j]]
			if first.y-w.y > 0.5*math.Max(first.size, w.size) {
				break
			}
			j++
		}
		group := make([]word, 0, j-i)
		for _, k := range idx[i:j] {
			group = append(group, ws[k])
		}
		sort.SliceStable(group, func(a, b int) bool { return group[a].x0 < group[b].x0 })
		start := 0
		for k := 1; k <= len(group); k++ {
			if k < len(group) {
				gap := group[k].x0 - group[k-1].x1
				sz := math.Max(group[k].size, group[k-1].size)
				if gap <= 1.5*sz {
					continue
				}
			}
			out = append(out, newLine(group[start:k], rot))
			start = k
		}
		i = j
	}
	return out
}

func newLine(ws []word, rot uint16) *line {
	l := &line{words: ws, x0: ws[0].x0, x1: ws[0].x1, rot: rot}
	// the baseline of the line is that of its largest text
	for _, w := range ws {
		l.x0 = math.Min(l.x0, w.x0)
		l.x1 = math.Max(l.x1, w.x1)
		if w.size > l.size {
			l.size = w.size
			l.y = w.y
		}
	}
	l.text = joinWords(ws)
	if hasRTL(l.text) {
		l.text = expandPresentationForms(visualToLogical(l.text))
	}
	return l
}

// orderLines puts lines in reading order by recursive cuts: first across
// the page where a vertical gap is wider than the line spacing, then down
// the page at column gutters.
func orderLines(lines []*line) []block {
	if len(lines) == 0 {
		return nil
	}
	lead := typicalLeading(lines)
	var out []block
	cut(lines, lead, 0, &out)
	return out
}

// typicalLeading is the usual baseline distance between consecutive lines
// as a multiple of the font size.
func typicalLeading(lines []*line) float64 {
	ls := append([]*line(nil), lines...)
	sort.SliceStable(ls, func(a, b int) bool { return ls[a].y > ls[b].y })
	var ratios []float64
	for i := 0; i+1 < len(ls) && len(ratios) < 2000; i++ {
		a := ls[i]
		for j := i + 1; j < len(ls) && j < i+8; j++ {
			b := ls[j]
			if b.x0 > a.x1 || a.x0 > b.x1 || math.Abs(a.size-b.size) > 0.2*a.size {
				continue
			}
			r := (a.y - b.y) / a.size
			if r > 0.8 && r < 3 {
				ratios = append(ratios, r)
			}
			break
		}
	}
	if len(ratios) == 0 {
		return 1.2
	}
	sort.Float64s(ratios)
	return ratios[len(ratios)/2]
}

func cut(ls []*line, lead float64, depth int, out *[]block) {
	if len(ls) > 1 && depth < 60 {
		if parts := cutAcross(ls, lead); len(parts) > 1 {
			for _, p := range parts {
				cut(p, lead, depth+1, out)
			}
			return
		}
		if parts := cutDown(ls); len(parts) > 1 {
			for _, p := range parts {
				cut(p, lead, depth+1, out)
			}
			return
		}
	}
	*out = append(*out, block{lines: sortRows(ls)})
}

// cutAcross splits lines into bands separated by vertical space larger
// than the line spacing.
func cutAcross(ls []*line, lead float64) [][]*line {
	sorted := append([]*line(nil), ls...)
	top := func(l *line) float64 { return l.y + 0.8*l.size }
	bottom := func(l *line) float64 {
		g := math.Max(1.3, 1.15*lead) * l.size
		return l.y - (g - 0.8*l.size)
	}
	sort.SliceStable(sorted, func(a, b int) bool { return top(sorted[a]) > top(sorted[b]) })
	var parts [][]*line
	start := 0
	low := bottom(sorted[0])
	for i := 1; i < len(sorted); i++ {
		if top(sorted[i]) < low {
			parts = append(parts, sorted[start:i])
			start = i
			low = bottom(sorted[i])
			continue
		}
		low = math.Min(low, bottom(sorted[i]))
	}
	return append(parts, sorted[start:])
}

// cutDown splits lines at column gutters: vertical strips with no text,
// keeping only cuts that leave columns of substantial width on each side.
func cutDown(ls []*line) [][]*line {
	sorted := append([]*line(nil), ls...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].x0 < sorted[b].x0 })
	var sizes []float64
	for _, l := range ls {
		sizes = append(sizes, l.size)
	}
	sort.Float64s(sizes)
	med := sizes[len(sizes)/2]
	var parts [][]*line
	start := 0
	right := sorted[0].x1
	partX0 := sorted[0].x0
	for i := 1; i < len(sorted); i++ {
		l := sorted[i]
		if l.x0 > right+0.8*med && right-partX0 >= 6*med {
			parts = append(parts, sorted[start:i])
			start = i
			partX0 = l.x0
		}
		right = math.Max(right, l.x1)
	}
	parts = append(parts, sorted[start:])
	if len(parts) > 1 {
		last := parts[len(parts)-1]
		x0, x1 := last[0].x0, last[0].x1
		for _, l := range last {
			x0, x1 = math.Min(x0, l.x0), math.Max(x1, l.x1)
		}
		if x1-x0 < 6*med { // too narrow to stand alone: join the one before
			parts[len(parts)-2] = append(parts[len(parts)-2], last...)
			parts = parts[:len(parts)-1]
		}
	}
	return parts
}

// sortRows orders the lines of a block top to bottom, lines sharing a
// baseline left to right.
func sortRows(ls []*line) []*line {
	sorted := append([]*line(nil), ls...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].y > sorted[b].y })
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[i].y-sorted[j].y < 0.5*sorted[i].size {
			j++
		}
		row := sorted[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].x0 < row[b].x0 })
		i = j
	}
	return sorted
}

// text writes the page: lines separated by newlines, blocks by a blank
// line, words broken by a hyphen at the end of a line joined again.
func (pl *pageLayout) text(limit int) string {
	var b []byte
	var prev string // text of the previous line, for de-hyphenation
	for bi, blk := range pl.blocks {
		for li, l := range blk.lines {
			if len(b) >= limit {
				return truncateUTF8(string(b), limit)
			}
			t := l.text
			if prev != "" {
				if hyphenated(prev) && startsLower(t) {
					// drop the hyphen already written; join the word
					_, n := utf8.DecodeLastRune(b)
					b = b[:len(b)-n]
				} else if li == 0 && bi > 0 {
					b = append(b, "\n\n"...)
				} else if pl := blk.lines[li-1]; math.Abs(pl.y-l.y) < 0.5*l.size && l.x0 > pl.x1 {
					b = append(b, ' ') // further along the same row
				} else {
					b = append(b, '\n')
				}
			}
			b = append(b, t...)
			prev = t
		}
	}
	return truncateUTF8(string(b), limit)
}

// hyphenated reports a line ending in a hyphen after a letter.
func hyphenated(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if r != '-' && r != 0xad && r != 0x2010 {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return unicode.IsLetter(p)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func truncateUTF8(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	s = s[:limit]
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || n > 1 {
			break
		}
		s = s[:len(s)-1]
	}
	return s
}
