package indexer

import (
	"strings"
	"unicode"
)

// detectLanguage guesses the ISO 639-1 code of a text: by script for
// non-Latin text, by counting common function words for Latin text (en, fr,
// es, de, pt, it, nl). It returns "" when the text is too short or too
// mixed to tell.
func detectLanguage(text string) string {
	if len(text) > 200_000 {
		text = text[:200_000]
	}
	scripts := map[string]int{}
	letters := 0
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x250:
			scripts["latin"]++
		case unicode.Is(unicode.Arabic, r):
			scripts["ar"]++
		case unicode.Is(unicode.Cyrillic, r):
			scripts["cyrillic"]++
		case unicode.Is(unicode.Greek, r):
			scripts["el"]++
		case unicode.Is(unicode.Hebrew, r):
			scripts["he"]++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			scripts["ja"]++
		case unicode.Is(unicode.Hangul, r):
			scripts["ko"]++
		case unicode.Is(unicode.Han, r):
			scripts["han"]++
		case unicode.Is(unicode.Thai, r):
			scripts["th"]++
		case unicode.Is(unicode.Devanagari, r):
			scripts["hi"]++
		}
	}
	if letters < 20 {
		return ""
	}
	best, n := "", 0
	for s, c := range scripts {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	switch best {
	case "latin":
		return latinLanguage(text)
	case "cyrillic":
		return cyrillicLanguage(text)
	case "han":
		if scripts["ja"] > letters/20 {
			return "ja" // kanji with kana
		}
		return "zh"
	}
	return best
}

// stopWords are frequent function words, each specific enough to its
// language to vote for it.
var stopWords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "in", "that", "for", "with", "are", "be", "this", "or", "by", "on", "it", "as", "should", "their", "from", "which", "have", "not", "who", "they"},
	"fr": {"le", "la", "les", "des", "et", "est", "une", "du", "dans", "pour", "qui", "que", "sur", "au", "aux", "par", "pas", "ou", "avec", "ces", "être", "sont", "leur", "il"},
	"es": {"el", "la", "los", "las", "y", "de", "que", "en", "del", "por", "para", "una", "con", "es", "se", "al", "su", "sus", "como", "más", "son", "lo", "pero", "está"},
	"de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "zu", "von", "für", "auf", "werden", "sich", "im", "oder", "sind", "auch"},
	"pt": {"o", "os", "as", "e", "do", "da", "dos", "das", "que", "em", "no", "na", "para", "com", "uma", "um", "não", "por", "ao", "se", "são", "pelo", "pela", "seu", "sua", "à", "é", "nos", "nas", "também", "mais", "de"},
	"it": {"il", "lo", "gli", "di", "che", "e", "è", "della", "delle", "per", "con", "non", "una", "sono", "nel", "alla", "dei", "anche"},
	"nl": {"de", "het", "een", "en", "van", "is", "dat", "niet", "met", "voor", "zijn", "worden", "op", "ook", "aan", "bij"},
}

var stopIndex = func() map[string][]string {
	m := map[string][]string{}
	for lang, words := range stopWords {
		for _, w := range words {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

func latinLanguage(text string) string {
	votes := map[string]float64{}
	total := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		total++
		langs := stopIndex[w]
		for _, l := range langs {
			votes[l] += 1 / float64(len(langs)) // shared words vote less
		}
		if total > 20_000 {
			break
		}
	}
	best, first, second := "", 0.0, 0.0
	for _, l := range []string{"en", "fr", "es", "de", "pt", "it", "nl"} {
		switch v := votes[l]; {
		case v > first:
			best, first, second = l, v, first
		case v > second:
			second = v
		}
	}
	// Prose in any of these languages is at least a tenth function words;
	// word lists, forms and other languages' text are not.
	if first < 3 || first < 1.2*second || first < 0.1*float64(total) {
		return ""
	}
	return best
}

// cyrillicLanguage tells Ukrainian, Bulgarian and Serbian from Russian by
// letters that only they use.
func cyrillicLanguage(text string) string {
	var uk, ru, total int
	for _, r := range strings.ToLower(text) {
		switch r {
		case 'і', 'ї', 'є', 'ґ':
			uk++
		case 'ы', 'э', 'ё', 'ъ':
			ru++
		}
		total++
	}
	if uk > ru && uk > total/200 {
		return "uk"
	}
	return "ru"
}
