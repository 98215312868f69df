package search

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/registry"
)

// Suggestions complete what someone types with the library's own phrases,
// ranked by how many documents use them. Each document contributes, in the
// keyword field "phrases", the runs of two to four words that it repeats
// (or that its title or tags hold), neither starting nor ending with a stop
// word: "duty to notify", never "duty the". The field's dictionary then
// counts documents per phrase, which is the ranking. E-mail addresses and
// web addresses are left out, and a word glued to an acronym
// ("NRMReform") ends a phrase, so that no suggestion is made of pieces of
// addresses or of words the PDF ran together.
const fPhrases = "phrases"

// Bounds of phrases and suggestions.
const (
	phraseMinWords = 2
	phraseMaxWords = 4
	phrasesPerDoc  = 200 // the most repeated phrases of a document are kept
	maxWordRunes   = 25  // longer "words" are noise (hashes, glued text)
	// maxSuggestRunes bounds a suggestion: a long title is cut at its
	// subtitle, or not offered.
	maxSuggestRunes = 60
)

// phraseWords numbers the distinct words of a document (from 1; 0 is a
// break: punctuation, an address, glued words), so that phrases are
// counted as packed numbers and spelt out only when kept.
type phraseWords struct {
	ids    map[string]uint64 // lower case → id
	shown  []string          // by id: lower case
	folded []string          // by id: accents folded
	ends   []bool            // by id: may start or end a phrase
	stop   map[string]bool
	seq    []uint64 // the text as ids
}

func newPhraseWords(stop map[string]bool) *phraseWords {
	return &phraseWords{ids: map[string]uint64{}, shown: []string{""}, folded: []string{""}, ends: []bool{false}, stop: stop}
}

// maxPhraseWordID: ids are packed four to a uint64; words beyond this many
// distinct ones in a document break phrases.
const maxPhraseWordID = 1<<16 - 1

func (pw *phraseWords) word(w string) uint64 {
	lower := strings.ToLower(w)
	if id, ok := pw.ids[lower]; ok {
		return id
	}
	id := uint64(len(pw.shown))
	if id > maxPhraseWordID {
		return 0
	}
	folded := string(foldTerm([]byte(lower)))
	pw.ids[lower] = id
	pw.shown = append(pw.shown, lower)
	pw.folded = append(pw.folded, folded)
	pw.ends = append(pw.ends, !pw.stop[lower] && utf8.RuneCountInString(lower) >= 2 && !isNumber(folded) && !possessive(lower))
	return id
}

// read appends text to seq as word ids and breaks.
func (pw *phraseWords) read(text string) {
	for _, f := range strings.Fields(text) {
		if isAddress(f) {
			pw.seq = append(pw.seq, 0)
			continue
		}
		start := -1
		for i, r := range f {
			inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
			if !inWord && start >= 0 && (r == '-' || r == '\'' || r == '’') {
				next, _ := utf8.DecodeRuneInString(f[i+utf8.RuneLen(r):])
				inWord = unicode.IsLetter(next)
			}
			if inWord {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				pw.add(f[start:i])
				start = -1
			}
			pw.seq = append(pw.seq, 0) // punctuation
		}
		if start >= 0 {
			pw.add(f[start:])
		}
	}
	pw.seq = append(pw.seq, 0)
}

func (pw *phraseWords) add(w string) {
	if utf8.RuneCountInString(w) > maxWordRunes || glued([]rune(w)) {
		pw.seq = append(pw.seq, 0)
		return
	}
	pw.seq = append(pw.seq, pw.word(w))
}

// isAddress reports whether a whitespace-separated token is an e-mail or
// web address.
func isAddress(f string) bool {
	l := strings.ToLower(f)
	return strings.Contains(l, "@") || strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") ||
		strings.HasPrefix(l, "www.") || strings.Contains(l, ".gov.") || strings.Contains(l, ".org/") ||
		strings.Contains(l, ".com/")
}

// glued reports a word run together with an acronym ("NRMReform") or with
// the next word ("homeOffice"): a capitalised word after two lower-case
// letters or after two capitals. "McDonald", "PhD" and "iPhone" are not.
func glued(w []rune) bool {
	for i := 1; i+1 < len(w); i++ {
		if i >= 2 && unicode.IsUpper(w[i]) && unicode.IsLower(w[i+1]) && unicode.IsLower(w[i-1]) && unicode.IsLower(w[i-2]) {
			return true
		}
		if i >= 2 && unicode.IsUpper(w[i]) && unicode.IsLower(w[i+1]) && unicode.IsUpper(w[i-1]) && unicode.IsUpper(w[i-2]) {
			return true
		}
	}
	return false
}

var stopWordSets = sync.OnceValue(func() map[string]map[string]bool {
	c := registry.NewCache()
	out := map[string]map[string]bool{}
	for lang, name := range map[string]string{"en": en.StopName, "fr": fr.StopName, "es": es.StopName, "ru": ru.StopName, "ar": ar.StopName} {
		m, err := c.TokenMapNamed(name)
		if err != nil {
			continue
		}
		set := make(map[string]bool, len(m))
		for w := range m {
			set[w] = true
		}
		out[lang] = set
	}
	return out
})

// anyStopWord is the stop words of every language with a list.
var anyStopWord = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, set := range stopWordSets() {
		for w := range set {
			out[w] = true
		}
	}
	return out
})

// possessive reports a word such as "responder's", which ends no phrase.
func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// docPhrases lists a document's phrases for the "phrases" field, each as
// "folded\tshown".
func docPhrases(d Document) []string {
	pw := newPhraseWords(stopWordSets()[d.Language])
	counts := map[uint64]int32{} // phrase as up to four packed word ids
	count := func(text string, weight int32) {
		pw.seq = pw.seq[:0]
		pw.read(text)
		seq := pw.seq
		for i, first := range seq {
			if !pw.ends[first] {
				continue
			}
			key := first
			for n := 2; n <= phraseMaxWords && i+n <= len(seq); n++ {
				last := seq[i+n-1]
				if last == 0 {
					break
				}
				key |= last << (16 * (n - 1))
				if pw.ends[last] {
					counts[key] += weight
				}
			}
		}
	}
	count(d.Title, 2) // a title's and the tags' phrases are kept however rare
	for _, t := range d.Tags {
		count(t, 2)
	}
	count(d.Summary, 1)
	for _, p := range d.Pages {
		count(p.Text, 1)
	}
	keys := make([]uint64, 0, len(counts))
	for k, n := range counts {
		if n >= 2 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > phrasesPerDoc {
		keys = keys[:phrasesPerDoc]
	}
	out := make([]string, len(keys))
	var folded, shown strings.Builder
	for i, k := range keys {
		folded.Reset()
		shown.Reset()
		for ; k != 0; k >>= 16 {
			id := k & maxPhraseWordID
			if folded.Len() > 0 {
				folded.WriteByte(' ')
				shown.WriteByte(' ')
			}
			folded.WriteString(pw.folded[id])
			shown.WriteString(pw.shown[id])
		}
		out[i] = folded.String() + "\t" + shown.String()
	}
	return out
}

// phraseTable is the library's phrases, sorted by their folded form, with
// the number of documents using each.
type phraseTable struct {
	folded, shown []string
	counts        []int
}

func loadPhrases(idx bleve.Index) (*phraseTable, error) {
	t := &phraseTable{}
	err := eachCommonTerm(idx, fPhrases, func(term string, count int) {
		if folded, shown, ok := strings.Cut(term, "\t"); ok {
			t.folded = append(t.folded, folded)
			t.shown = append(t.shown, shown)
			t.counts = append(t.counts, count)
		}
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// complete returns up to n phrases that continue the folded text typed
// (its last word as a prefix), used by the most documents first.
func (t *phraseTable) complete(typed string, n int) []string {
	if t == nil || typed == "" {
		return nil
	}
	lo := sort.SearchStrings(t.folded, typed)
	var idx []int
	for i := lo; i < len(t.folded) && strings.HasPrefix(t.folded[i], typed); i++ {
		if t.folded[i] != typed {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if t.counts[idx[a]] != t.counts[idx[b]] {
			return t.counts[idx[a]] > t.counts[idx[b]]
		}
		return len(t.folded[idx[a]]) < len(t.folded[idx[b]])
	})
	out := make([]string, 0, min(n, len(idx)))
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, t.shown[i])
	}
	return out
}

// suggestTitle is the part of a title to offer for the words typed: the
// whole title when short enough, else its shortest part (title or
// subtitle) that holds the words; "" when none is short enough.
func suggestTitle(title string, words []string) string {
	if len([]rune(title)) <= maxSuggestRunes {
		return title
	}
	best := ""
	for _, part := range titleParts(title) {
		if len([]rune(part)) <= maxSuggestRunes && len(strings.Fields(part)) > 1 &&
			titleMatches(fold(part), words) && (best == "" || len(part) < len(best)) {
			best = part
		}
	}
	return best
}

// titleParts splits a title at its subtitle marks: colons, dashes,
// brackets.
func titleParts(title string) []string {
	f := func(r rune) bool { return r == ':' || r == '–' || r == '—' || r == '(' || r == ')' || r == '|' }
	var out []string
	for _, p := range strings.FieldsFunc(strings.ReplaceAll(title, " - ", " – "), f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cleanWords leaves e-mail and web addresses and glued words out of text
// for the words field, the dictionary of suggestions and corrections.
func cleanWords(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, f := range strings.FieldsFunc(text, unicode.IsSpace) {
		if isAddress(f) || hasGlued(f) {
			continue
		}
		b.WriteString(f)
		b.WriteByte(' ')
	}
	return b.String()
}

func hasGlued(f string) bool {
	for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if glued([]rune(w)) {
			return true
		}
	}
	return false
}
