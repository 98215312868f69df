package synth

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Vocab is the ranked vocabulary of one language. Words are drawn from three
// classes, each Zipf-distributed over its ranks: function words (45% of
// running text), the field's words (43%) and the rare long tail (12%), which
// keeps the field's terms frequent as they are in real handbooks.
type Vocab struct {
	Lang  *Language
	Words []string // by rank, most frequent first
	// nf and nd are the numbers of function and field words at the head of Words.
	nf, nd               int
	zFunc, zField, zTail *Zipf
}

// Shares of the word classes in running text.
const (
	functionShare = 0.45
	fieldShare    = 0.43
)

// TailWords is the number of generated rare words (names, places, acronyms,
// inflections) after the written word lists of each language.
const TailWords = 6000

// ZipfExponent is the exponent of word frequencies (about 1 in natural text).
const ZipfExponent = 1.07

// NewVocab ranks the function words first, then the field's words, then a
// deterministic long tail of rare words.
func NewVocab(l *Language) *Vocab {
	ws := append(words(l.Function), words(l.Field)...)
	r := rand.New(rand.NewPCG(uint64(len(l.Code)), uint64(l.Code[0])<<8|uint64(l.Code[1])))
	seen := map[string]bool{}
	for _, w := range ws {
		seen[w] = true
	}
	field := words(l.Field)
	for len(ws) < len(words(l.Function))+len(field)+TailWords {
		var w string
		if r.IntN(3) == 0 {
			// an inflection or compound of a field word
			w = field[r.IntN(len(field))] + suffixes[r.IntN(len(suffixes))]
		} else {
			w = pseudoWord(r)
		}
		if !seen[w] {
			seen[w] = true
			ws = append(ws, w)
		}
	}
	nf, nd := len(words(l.Function)), len(field)
	return &Vocab{Lang: l, Words: ws, nf: nf, nd: nd,
		zFunc: NewZipf(nf, ZipfExponent), zField: NewZipf(nd, ZipfExponent),
		zTail: NewZipf(len(ws)-nf-nd, ZipfExponent)}
}

var suffixes = []string{"s", "es", "al", "ing", "ed", "er", "ment", "ion", "ity", "ly", "en", "e", "os", "as"}

var syllables = strings.Fields(`ka lo mi ra ve to na si du be ko ri an el or
	us ta mo li ne sa vi gor tan mar hel bur zin dor pel vas kir lum tes ran`)

// pseudoWord makes a rare word such as a place or organisation name.
func pseudoWord(r *rand.Rand) string {
	n := 2 + r.IntN(3)
	var b strings.Builder
	for range n {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	return b.String()
}

// Word draws a word.
func (v *Vocab) Word(r *rand.Rand) string {
	switch u := r.Float64(); {
	case u < functionShare:
		return v.Words[v.zFunc.Rank(r)]
	case u < functionShare+fieldShare:
		return v.Words[v.nf+v.zField.Rank(r)]
	default:
		return v.Words[v.nf+v.nd+v.zTail.Rank(r)]
	}
}

// FieldWords are the words of the field, most frequent first: the ones
// people search for.
func (v *Vocab) FieldWords() []string { return v.Words[v.nf : v.nf+v.nd] }

// Sentence draws a sentence of 6 to 24 words, capitalised, with a full stop.
func (v *Vocab) Sentence(r *rand.Rand) string {
	n := 6 + r.IntN(19)
	var b strings.Builder
	for i := range n {
		w := v.Word(r)
		if i == 0 {
			w = capitalise(w)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 2 && i < n-2 && r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	return b.String()
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wl
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
