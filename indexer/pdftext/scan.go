package pdftext

import (
	"strings"
	"unicode"
)

// Why a page's text must come from OCR (Page.OCRReason).
const (
	ScanNoText  = "no text layer"
	ScanGarbage = "text layer is unreadable (glyph garbage)"
	ScanHeader  = "only running lines over a full-page image"
)

// Thresholds of ocrReason.
const (
	vectorTextPaths = 200  // painted paths on a page without text: outlined glyphs
	fullPageImage   = 0.6  // share of the page an image covers to be a scan
	someImage       = 0.02 // share of the page an image covers to be worth reading
	headerWords     = 12   // fewer words than this over a full-page image: a scan
)

// ocrReason says why the page's text has to be read from its picture, or
// "" when its text layer is good (or the page is empty). running are the
// page's running lines.
func ocrReason(text string, running []string, pics *pagePictures, box [4]float64) string {
	_, cover := pics.largest(box)
	if strings.TrimSpace(text) == "" {
		if cover >= someImage || pics.paths >= vectorTextPaths {
			return ScanNoText
		}
		return ""
	}
	if garbage(text) {
		return ScanGarbage
	}
	if cover >= fullPageImage && len(strings.Fields(withoutLines(text, running))) < headerWords {
		return ScanHeader
	}
	return ""
}

// withoutLines drops the given lines (once each) from text.
func withoutLines(text string, lines []string) string {
	if len(lines) == 0 {
		return text
	}
	drop := map[string]int{}
	for _, l := range lines {
		drop[strings.TrimSpace(l)]++
	}
	var kept []string
	for _, l := range strings.Split(text, "\n") {
		if k := strings.TrimSpace(l); drop[k] > 0 {
			drop[k]--
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}

// garbage reports whether a text layer is glyph garbage: mostly characters
// no language writes (private-use code points, symbols, controls), or
// Latin "words" of which many (over 40%) have no vowel, as text shown with a font
// whose codes map to the wrong letters.
func garbage(text string) bool {
	var total, bad int
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		case unicode.IsPunct(r) || strings.ContainsRune("+=<>|~^$€£%°§©®™•·–—", r):
		default:
			bad++ // private use, symbols, controls, replacement characters
		}
	}
	if total < 20 {
		return false
	}
	if bad*10 > total*3 {
		return true
	}
	var words, vowelless int
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 3 || !latinWord(w) {
			continue
		}
		words++
		if !strings.ContainsAny(strings.ToLower(w), "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ") {
			vowelless++
		}
	}
	return words >= 20 && vowelless*5 > words*2 // over 40%: prose has a few per cent
}

func latinWord(w string) bool {
	for _, r := range w {
		if r >= 0x250 {
			return false
		}
	}
	return true
}
