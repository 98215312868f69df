package pdftext

import (
	"math"
	"strings"
)

// Assembly of glyphs into words. The thresholds follow what careful
// extractors do: a gap wider than a tenth of the font size, a space
// character, a change of baseline or font size ends a word fragment;
// whether a space separates two fragments is decided on the line.

const (
	wordBreakGap   = 0.10 // gap ending a fragment, in font sizes
	minSpaceGap    = 0.03 // gap between fragments shown as a space
	wideSpaceGap   = 0.40 // the same for letter-spaced lines
	dupMaxDelta    = 0.10 // a glyph repeated within this is a duplicate
	overlapBreak   = 0.20 // a glyph starting this far back starts a fragment
	baselineChange = 0.20 // a baseline moving this much starts a fragment
)

// word is a fragment of text on one baseline.
type word struct {
	text   string
	x0, x1 float64
	y      float64
	size   float64
	n      int  // glyphs
	space  bool // a space character came before it
}

// buildWords turns glyphs of one rotation, in content order, into words.
func buildWords(gl []glyph) []word {
	var out []word
	var b strings.Builder
	var cur word
	open := false
	spaceNext := false
	var prev *glyph
	flush := func() {
		if open {
			cur.text = b.String()
			out = append(out, cur)
			b.Reset()
			open = false
		}
	}
	for i := range gl {
		g := &gl[i]
		if g.space {
			flush()
			spaceNext = true
			continue
		}
		if prev != nil && !prev.space && g.s == prev.s && math.Abs(g.x0-prev.x0) < dupMaxDelta*g.size && math.Abs(g.y-prev.y) < baselineChange*g.size {
			continue // overprinted for a bold effect
		}
		if open {
			gap := g.x0 - cur.x1
			if gap > wordBreakGap*cur.size || gap < -overlapBreak*cur.size ||
				math.Abs(g.y-cur.y) > baselineChange*cur.size || math.Abs(g.size-cur.size) > 0.01*cur.size {
				flush()
			}
		}
		if !open {
			cur = word{x0: g.x0, x1: g.x1, y: g.y, size: g.size, space: spaceNext}
			open = true
			spaceNext = false
		} else if g.x1 > cur.x1 {
			cur.x1 = g.x1
		}
		b.WriteString(g.s)
		cur.n++
		prev = g
	}
	flush()
	return dedupWords(out)
}

// dedupWords drops words drawn twice at nearly the same place.
func dedupWords(ws []word) []word {
	out := ws[:0]
	for _, w := range ws {
		dup := false
		for j := len(out) - 1; j >= 0 && j >= len(out)-6; j-- {
			o := out[j]
			if o.text == w.text && math.Abs(o.x0-w.x0) < 0.2*w.size && math.Abs(o.y-w.y) < 0.2*w.size {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, w)
		}
	}
	return out
}

// joinWords writes the words of one line, sorted by x, with spaces where
// the gaps call for them.
func joinWords(ws []word) string {
	if len(ws) == 1 {
		return ws[0].text
	}
	threshold := minSpaceGap
	letterSpaced := true
	for i, w := range ws {
		if w.n > 1 || i > 0 && w.x0-ws[i-1].x1 <= 0 {
			letterSpaced = false
			break
		}
	}
	if letterSpaced {
		threshold = wideSpaceGap
	}
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			p := ws[i-1]
			gap := w.x0 - p.x1
			if gap >= threshold*p.size || (w.space && gap > -0.1*p.size) || gap < -overlapBreak*p.size {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.text)
	}
	return b.String()
}
