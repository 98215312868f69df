package cite

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Readers of the formats, written from their specifications for the
// round-trip tests: they accept only well-formed input.

var risLine = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)

// parseRIS reads RIS records as tag → values, checking the line rules:
// CRLF line ends, "TG  - value" lines, records from TY to ER.
func parseRIS(s string) ([]map[string][]string, error) {
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\r") {
		return nil, fmt.Errorf("a line does not end with CRLF")
	}
	var recs []map[string][]string
	var cur map[string][]string
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if l == "" {
			if cur != nil {
				return nil, fmt.Errorf("line %d: blank line inside a record", i+1)
			}
			continue
		}
		m := risLine.FindStringSubmatch(l)
		if m == nil {
			return nil, fmt.Errorf("line %d: %q is not a RIS line", i+1, l)
		}
		tag, v := m[1], m[2]
		switch {
		case cur == nil && tag != "TY":
			return nil, fmt.Errorf("line %d: record starts with %s, not TY", i+1, tag)
		case cur == nil:
			cur = map[string][]string{}
		case tag == "TY":
			return nil, fmt.Errorf("line %d: TY inside a record", i+1)
		case tag == "ER":
			recs = append(recs, cur)
			cur = nil
			continue
		}
		cur[tag] = append(cur[tag], v)
	}
	if cur != nil {
		return nil, fmt.Errorf("last record has no ER")
	}
	return recs, nil
}

type bibEntry struct {
	Type, Key string
	Fields    map[string]string // raw values, outer braces removed
}

// parseBibTeX reads brace-delimited BibTeX entries, checking that braces
// balance in every value.
func parseBibTeX(s string) ([]bibEntry, error) {
	var out []bibEntry
	p := 0
	skip := func() {
		for p < len(s) && unicode.IsSpace(rune(s[p])) {
			p++
		}
	}
	for {
		skip()
		if p == len(s) {
			return out, nil
		}
		if s[p] != '@' {
			return nil, fmt.Errorf("offset %d: %q outside an entry", p, s[p])
		}
		open := strings.IndexByte(s[p:], '{')
		comma := strings.IndexByte(s[p:], ',')
		if open < 0 || comma < open {
			return nil, fmt.Errorf("offset %d: malformed entry head", p)
		}
		e := bibEntry{Type: s[p+1 : p+open], Key: strings.TrimSpace(s[p+open+1 : p+comma]), Fields: map[string]string{}}
		if strings.ContainsAny(e.Key, " {}\",=#%'()") {
			return nil, fmt.Errorf("key %q has characters BibTeX rejects", e.Key)
		}
		p += comma + 1
		for {
			skip()
			if p < len(s) && s[p] == '}' {
				p++
				break
			}
			eq := strings.IndexByte(s[p:], '=')
			if eq < 0 {
				return nil, fmt.Errorf("offset %d: field without =", p)
			}
			name := strings.TrimSpace(s[p : p+eq])
			p += eq + 1
			skip()
			if p >= len(s) || s[p] != '{' {
				return nil, fmt.Errorf("field %s: value not in braces", name)
			}
			depth, start := 0, p
			for ; p < len(s); p++ {
				switch s[p] {
				case '\\':
					p++ // an escaped character never opens or closes
				case '{':
					depth++
				case '}':
					depth--
				}
				if depth == 0 {
					break
				}
			}
			if p >= len(s) {
				return nil, fmt.Errorf("field %s: braces do not balance", name)
			}
			if _, dup := e.Fields[name]; dup {
				return nil, fmt.Errorf("field %s given twice", name)
			}
			e.Fields[name] = s[start+1 : p]
			p++
			skip()
			if p < len(s) && s[p] == ',' {
				p++
			}
		}
		out = append(out, e)
	}
}

var detexSymbols = map[string]string{
	"textbackslash": `\`, "textasciitilde": "~", "textasciicircum": "^", "textless": "<",
	"textgreater": ">", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø",
	"O": "Ø", "l": "ł", "L": "Ł", "i": "ı",
}

var detexAccents = map[string]rune{
	"`": '\u0300', "'": '\u0301', "^": '\u0302', "~": '\u0303', `"`: '\u0308', "=": '\u0304',
	".": '\u0307', "u": '\u0306', "r": '\u030A', "H": '\u030B', "v": '\u030C', "c": '\u0327',
	"k": '\u0328', "d": '\u0323',
}

// detex turns a BibTeX value back into text: commands and accents to
// characters, grouping braces dropped.
func detex(s string) (string, error) {
	var b strings.Builder
	rs := []rune(s)
	var group func(i int) (string, int, error)
	// arg reads one argument: a braced group or one character.
	arg := func(i int) (string, int, error) {
		if i < len(rs) && rs[i] == '{' {
			return group(i)
		}
		if i < len(rs) {
			return string(rs[i]), i + 1, nil
		}
		return "", i, fmt.Errorf("missing argument")
	}
	var text func(i int, stop bool) (string, int, error)
	group = func(i int) (string, int, error) { return text(i+1, true) }
	text = func(i int, stop bool) (string, int, error) {
		var out strings.Builder
		for i < len(rs) {
			c := rs[i]
			switch {
			case c == '}':
				if !stop {
					return "", i, fmt.Errorf("unbalanced }")
				}
				return out.String(), i + 1, nil
			case c == '{':
				g, j, err := group(i)
				if err != nil {
					return "", j, err
				}
				out.WriteString(g)
				i = j
			case c == '\\':
				i++
				if i >= len(rs) {
					return "", i, fmt.Errorf("lone backslash")
				}
				name := string(rs[i])
				i++
				if unicode.IsLetter(rs[i-1]) {
					for i < len(rs) && unicode.IsLetter(rs[i]) && rs[i] < 128 {
						name += string(rs[i])
						i++
					}
				}
				if strings.ContainsRune(`{}#$%&_`, []rune(name)[0]) {
					out.WriteString(name)
					continue
				}
				if mark, ok := detexAccents[name]; ok {
					a, j, err := arg(i)
					if err != nil {
						return "", j, err
					}
					if a == "ı" {
						a = "i"
					}
					out.WriteString(a + string(mark))
					i = j
					continue
				}
				sym, ok := detexSymbols[name]
				if !ok {
					return "", i, fmt.Errorf("unknown command \\%s", name)
				}
				if i+1 < len(rs) && rs[i] == '{' && rs[i+1] == '}' {
					i += 2
				}
				out.WriteString(sym)
			case c == '$' || c == '#' || c == '%' || c == '&' || c == '_' || c == '~' || c == '^':
				return "", i, fmt.Errorf("unescaped %c", c)
			default:
				out.WriteRune(c)
				i++
			}
		}
		if stop {
			return "", i, fmt.Errorf("unclosed {")
		}
		return out.String(), i, nil
	}
	t, _, err := text(0, false)
	if err != nil {
		return "", fmt.Errorf("%q: %w", s, err)
	}
	b.WriteString(t)
	return norm.NFC.String(b.String()), nil
}
