package pdftext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Right-to-left text (Arabic, Hebrew) is laid out on the page in visual
// order, left to right. visualToLogical turns a line read left to right
// back into reading order: runs of right-to-left letters are reversed
// (a letter keeps its combining marks), runs of other letters and digits
// keep their order, and on a line that is mostly right-to-left the runs
// themselves are read from the right.

func isRTL(r rune) bool {
	if r >= 0x0660 && r <= 0x0669 || r >= 0x06f0 && r <= 0x06f9 { // Arabic-Indic digits run left to right
		return false
	}
	return r >= 0x0590 && r <= 0x08ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfefe
}

func hasRTL(s string) bool {
	for _, r := range s {
		if isRTL(r) {
			return true
		}
	}
	return false
}

var mirrored = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}

type bidiRun struct {
	rtl   bool
	runes []rune
}

func visualToLogical(s string) string {
	rs := []rune(s)
	nRTL, nLTR := 0, 0
	for _, r := range rs {
		switch {
		case isRTL(r):
			nRTL++
		case unicode.IsLetter(r):
			nLTR++
		}
	}
	if nRTL == 0 {
		return s
	}
	baseRTL := nRTL >= nLTR
	// classify: strong RTL, strong LTR (letters, digits), or neutral
	// (spaces, punctuation), which takes the base direction unless both
	// neighbours agree otherwise.
	cls := make([]int8, len(rs)) // 1 rtl, -1 ltr, 0 neutral
	for i, r := range rs {
		switch {
		case isRTL(r):
			cls[i] = 1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cls[i] = -1
		case unicode.Is(unicode.Mn, r) && i > 0:
			cls[i] = cls[i-1]
		}
	}
	base := int8(-1)
	if baseRTL {
		base = 1
	}
	for i := 0; i < len(rs); {
		if cls[i] != 0 {
			i++
			continue
		}
		j := i
		for j < len(rs) && cls[j] == 0 {
			j++
		}
		fill := base
		if i > 0 && j < len(rs) && cls[i-1] == cls[j] {
			fill = cls[j]
		}
		for k := i; k < j; k++ {
			cls[k] = fill
		}
		i = j
	}
	var runs []bidiRun
	for i, r := range rs {
		rtl := cls[i] == 1
		if len(runs) == 0 || runs[len(runs)-1].rtl != rtl {
			runs = append(runs, bidiRun{rtl: rtl})
		}
		runs[len(runs)-1].runes = append(runs[len(runs)-1].runes, r)
	}
	for i := range runs {
		if runs[i].rtl {
			runs[i].runes = reverseClusters(runs[i].runes)
		}
	}
	if baseRTL {
		for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
			runs[i], runs[j] = runs[j], runs[i]
		}
	}
	out := make([]rune, 0, len(rs))
	for _, r := range runs {
		out = append(out, r.runes...)
	}
	return string(out)
}

// reverseClusters reverses runes, keeping each base with the combining
// marks that follow it, and mirroring brackets.
func reverseClusters(rs []rune) []rune {
	var clusters [][]rune
	for _, r := range rs {
		if unicode.Is(unicode.Mn, r) && len(clusters) > 0 {
			clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
			continue
		}
		if m, ok := mirrored[r]; ok {
			r = m
		}
		clusters = append(clusters, []rune{r})
	}
	out := make([]rune, 0, len(rs))
	for i := len(clusters) - 1; i >= 0; i-- {
		out = append(out, clusters[i]...)
	}
	return out
}

// isArabicPresentationForm reports the code points of the Arabic
// Presentation Forms-A and -B blocks (shaped letters and ligatures) that
// many PDF producers write instead of the letters.
func isArabicPresentationForm(c rune) bool {
	return c >= 0xfb50 && c <= 0xfdff || c >= 0xfe70 && c <= 0xfefe
}

// expandPresentationForms replaces Arabic presentation forms by the letters
// they show (NFKC), so words match a query typed with ordinary letters. It
// runs after visualToLogical, which keeps a ligature such as lam-alef as
// one glyph; expanded earlier, its letters would be reversed.
func expandPresentationForms(s string) string {
	i := strings.IndexFunc(s, isArabicPresentationForm)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, c := range s[i:] {
		if isArabicPresentationForm(c) {
			b.WriteString(norm.NFKC.String(string(c)))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}
