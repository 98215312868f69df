package cite

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// texSpecial are the characters with a meaning in TeX, and what stands for
// them in text.
var texSpecial = map[rune]string{
	'\\': `\textbackslash{}`,
	'{':  `\{`,
	'}':  `\}`,
	'#':  `\#`,
	'$':  `\$`,
	'%':  `\%`,
	'&':  `\&`,
	'_':  `\_`,
	'~':  `\textasciitilde{}`,
	'^':  `\textasciicircum{}`,
	'<':  `\textless{}`,
	'>':  `\textgreater{}`,
	'"':  `{"}`,
}

// texAccent maps combining marks to TeX's accent commands.
var texAccent = map[rune]string{
	'\u0300': "`", '\u0301': "'", '\u0302': "^", '\u0303': "~", '\u0308': `"`,
	'\u0304': "=", '\u0307': ".", '\u0306': "u", '\u030A': "r", '\u030B': "H",
	'\u030C': "v", '\u0327': "c", '\u0328': "k", '\u0323': "d",
}

// texLetter are Latin letters TeX writes as commands.
var texLetter = map[rune]string{
	'ß': `{\ss}`, 'æ': `{\ae}`, 'Æ': `{\AE}`, 'œ': `{\oe}`, 'Œ': `{\OE}`,
	'ø': `{\o}`, 'Ø': `{\O}`, 'ł': `{\l}`, 'Ł': `{\L}`, 'ı': `{\i}`,
}

// tex escapes s for a BibTeX field: TeX's special characters are escaped,
// accented Latin letters become accent commands in braces ({\'e}), and any
// other text (Cyrillic, Arabic, emoji) stays as UTF-8, which biber and
// bibtexu read.
func tex(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if esc, ok := texSpecial[r]; ok {
			b.WriteString(esc)
			continue
		}
		if esc, ok := texLetter[r]; ok {
			b.WriteString(esc)
			continue
		}
		if r >= 0xC0 && r < 0x250 {
			d := norm.NFD.String(string(r))
			base, n := utf8.DecodeRuneInString(d)
			if cmd, ok := accented(base, d[n:]); ok && n < len(d) {
				b.WriteString(cmd)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// accented writes an ASCII letter with accents as TeX commands in
// braces, {\'{e}}, {\c{c}}, {\'{\i}}; ok is false when a mark has no command.
func accented(base rune, marks string) (string, bool) {
	if !(base >= 'a' && base <= 'z' || base >= 'A' && base <= 'Z') {
		return "", false
	}
	inner := string(base)
	if base == 'i' {
		inner = `\i`
	}
	for _, m := range marks {
		cmd, ok := texAccent[m]
		if !ok {
			return "", false
		}
		inner = `\` + cmd + "{" + inner + "}"
	}
	return "{" + inner + "}", true
}
