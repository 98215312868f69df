package indexer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"handbooks/search"
)

// cleanText repairs a value as people and spreadsheets write it: text that
// was decoded with the wrong encoding, invisible characters, runs of spaces.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = repairMojibake(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue // zero-width characters and soft hyphens
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// matchKey is the form in which vocabulary values are compared: lower case,
// punctuation and spacing reduced to single spaces, "and" and "&" dropped.
// "OSCE/ODIHR", "OSCE & ODIHR" and "osce odihr" share one key.
func matchKey(s string) string {
	s = foldAccents(strings.ToLower(cleanText(s)))
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		if w == "and" {
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// foldAccents removes diacritics, so "Sénégal" matches "Senegal" and
// "Côte d'Ivoire" matches "Cote d'Ivoire": the search index's rule.
func foldAccents(s string) string { return search.FoldAccents(s) }

// cp1252 maps the characters Windows-1252 puts at 0x80–0x9F back to bytes.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// repairMojibake undoes UTF-8 text that was read as Windows-1252 or Latin-1
// and written out again as UTF-8 ("donâ€™t" → "don’t", "Ã©" → "é"), once
// or twice over. Text that does not decode cleanly that way is left alone.
func repairMojibake(s string) string {
	for range 2 {
		fixed, ok := undoLatin1(s)
		if !ok {
			break
		}
		s = fixed
	}
	return s
}

func undoLatin1(s string) (string, bool) {
	suspicious := false
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			b = append(b, byte(r))
		case r <= 0xff:
			if r == 'Â' || r == 'Ã' || r == 'â' || (r >= 0xc2 && r <= 0xf4) {
				suspicious = true
			}
			b = append(b, byte(r))
		default:
			c, ok := cp1252[r]
			if !ok {
				return "", false
			}
			b = append(b, c)
		}
	}
	if !suspicious || !utf8.Valid(b) || string(b) == s {
		return "", false
	}
	// At least one multi-byte sequence must have come out of it.
	for _, c := range b {
		if c >= 0x80 {
			return string(b), true
		}
	}
	return "", false
}

// splitMulti splits a multi-valued cell ("Guidance; Tools") and cleans
// each value, dropping empty ones.
func splitMulti(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = cleanText(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
