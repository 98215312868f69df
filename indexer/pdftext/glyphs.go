package pdftext

import (
	"strconv"
	"strings"
	"sync"
)

var (
	glyphOnce sync.Once
	glyphMap  map[string]rune
)

// glyphText returns the text of a glyph name: a name of the Adobe Glyph
// List, uniXXXX, uXXXX[XX], a ligature f_f_i, or a name with a suffix
// (a.sc). It returns "" for names it does not know.
func glyphText(name string) string {
	glyphOnce.Do(func() {
		glyphMap = make(map[string]rune, 4300)
		for _, line := range strings.Split(glyphNameList, "\n") {
			k, v, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			r, err := strconv.ParseUint(v, 16, 32)
			if err == nil {
				glyphMap[k] = rune(r)
			}
		}
	})
	return glyphTextDepth(name, 0)
}

func glyphTextDepth(name string, depth int) string {
	if name == "" || depth > 3 {
		return ""
	}
	if r, ok := glyphMap[name]; ok {
		return string(r)
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return glyphTextDepth(name[:i], depth+1)
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			t := glyphTextDepth(part, depth+1)
			if t == "" {
				return ""
			}
			b.WriteString(t)
		}
		return b.String()
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 32)
			if err != nil || v >= 0xD800 && v < 0xE000 {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if name[0] == 'u' && len(name) >= 5 && len(name) <= 7 {
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err == nil && v <= 0x10FFFF && !(v >= 0xD800 && v < 0xE000) {
			return string(rune(v))
		}
	}
	return ""
}

var stdWidthCache sync.Map // standard font name → map[rune]uint16

// stdFontName maps a BaseFont name to one of the standard 14 fonts, or "".
func stdFontName(base string) string {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[7:]
	}
	n := strings.NewReplacer(" ", "", "-", "", ",", "", "_", "").Replace(strings.ToLower(base))
	n = strings.TrimSuffix(n, "mt")
	n = strings.TrimSuffix(n, "ps")
	bold := strings.Contains(n, "bold") || strings.Contains(n, "black") || strings.Contains(n, "heavy")
	ital := strings.Contains(n, "italic") || strings.Contains(n, "oblique")
	pick := func(family string, reg, b, i, bi string) string {
		switch {
		case bold && ital:
			return family + bi
		case bold:
			return family + b
		case ital:
			return family + i
		}
		return family + reg
	}
	switch {
	case strings.HasPrefix(n, "courier"):
		return "Courier"
	case strings.HasPrefix(n, "symbol"):
		return "Symbol"
	case strings.HasPrefix(n, "zapfdingbats"), strings.HasPrefix(n, "dingbats"):
		return "ZapfDingbats"
	case strings.HasPrefix(n, "helvetica"), strings.HasPrefix(n, "arial"):
		return pick("Helvetica", "", "-Bold", "-Oblique", "-BoldOblique")
	case strings.HasPrefix(n, "times"):
		return pick("Times", "-Roman", "-Bold", "-Italic", "-BoldItalic")
	}
	return ""
}

// stdWidth returns the width in glyph units of r in a standard font, or 0.
func stdWidth(std string, r rune) float64 {
	if std == "Courier" {
		return 600
	}
	m, ok := stdWidthCache.Load(std)
	if !ok {
		list, known := stdWidthList[std]
		if !known {
			return 0
		}
		mm := make(map[rune]uint16, 400)
		for _, line := range strings.Split(list, "\n") {
			k, v, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			rr, err1 := strconv.ParseUint(k, 16, 32)
			w, err2 := strconv.Atoi(v)
			if err1 == nil && err2 == nil {
				mm[rune(rr)] = uint16(w)
			}
		}
		m, _ = stdWidthCache.LoadOrStore(std, mm)
	}
	return float64(m.(map[rune]uint16)[r])
}
