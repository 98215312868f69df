package search

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// embed.bin is a static word-embedding table: each word of a general
// English word list (WordNet lemmas) with a small vector, distilled from a
// sentence transformer by search/internal/embedgen (see its README). It
// bridges a question's words to the library's own words ("teenager" to
// "adolescent"): no model runs on the query path, only dot products.
//
// Format: "HBEMB1\n", uint32 words, uint32 dims (little endian), then per
// word: uint8 length, the word's bytes, dims int8 components.
//
//go:embed embed.bin
var embedBin []byte

// Bridge settings: a query word gets at most bridgeNear library words whose
// cosine with it is at least bridgeMinCos, each searched at boostBridge
// relative to the word typed (below a curated equivalent's boostSynonym).
const (
	bridgeNear   = 2
	bridgeMinCos = 0.80
	boostBridge  = 0.35
)

// wordVectors is the decoded table.
type wordVectors struct {
	dims  int
	words []string
	rows  map[string]int32
	vecs  []int8    // len(words) × dims
	norms []float32 // Euclidean norm of each row
}

var (
	wordVectorsOnce sync.Once
	wordVectorsTab  *wordVectors
	wordVectorsErr  error
)

// defaultWordVectors returns the embedded table, decoded once.
func defaultWordVectors() (*wordVectors, error) {
	wordVectorsOnce.Do(func() { wordVectorsTab, wordVectorsErr = parseWordVectors(embedBin) })
	return wordVectorsTab, wordVectorsErr
}

const wordVectorsMagic = "HBEMB1\n"

func parseWordVectors(b []byte) (*wordVectors, error) {
	if !strings.HasPrefix(string(b[:min(len(b), len(wordVectorsMagic))]), wordVectorsMagic) {
		return nil, errors.New("word vectors: bad magic")
	}
	b = b[len(wordVectorsMagic):]
	if len(b) < 8 {
		return nil, errors.New("word vectors: short header")
	}
	n, dims := int(binary.LittleEndian.Uint32(b)), int(binary.LittleEndian.Uint32(b[4:]))
	b = b[8:]
	if dims <= 0 || dims > 1024 || n < 0 || n > len(b) {
		return nil, fmt.Errorf("word vectors: bad header (%d words, %d dims)", n, dims)
	}
	t := &wordVectors{dims: dims, words: make([]string, 0, n), rows: make(map[string]int32, n), vecs: make([]int8, 0, n*dims), norms: make([]float32, 0, n)}
	for i := 0; i < n; i++ {
		if len(b) < 1 || len(b) < 1+int(b[0])+dims {
			return nil, fmt.Errorf("word vectors: truncated at word %d", i)
		}
		l := int(b[0])
		w := string(b[1 : 1+l])
		var ss float64
		for _, x := range b[1+l : 1+l+dims] {
			v := int8(x)
			t.vecs = append(t.vecs, v)
			ss += float64(v) * float64(v)
		}
		t.rows[w] = int32(i)
		t.words = append(t.words, w)
		t.norms = append(t.norms, float32(math.Sqrt(ss)))
		b = b[1+l+dims:]
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("word vectors: %d bytes after the last word", len(b))
	}
	return t, nil
}

// row returns the table row of a folded word, trying its uninflected forms
// (the table holds lemmas: "teenagers" is found as "teenager"), or -1.
func (t *wordVectors) row(w string) int32 {
	for _, f := range lemmaForms(w) {
		if r, ok := t.rows[f]; ok {
			return r
		}
	}
	return -1
}

// lemmaForms returns w and the forms English inflection rules would give
// its lemma, most likely first.
func lemmaForms(w string) []string {
	out := []string{w}
	add := func(suffix, repl string) {
		if s, ok := strings.CutSuffix(w, suffix); ok && len(s) >= 3 {
			out = append(out, s+repl)
		}
	}
	add("ies", "y")
	add("es", "")
	add("s", "")
	add("ied", "y")
	add("ed", "")
	add("ed", "e")
	add("ing", "")
	add("ing", "e")
	return out
}

func (t *wordVectors) cos(a, b int32) float32 {
	va, vb := t.vecs[int(a)*t.dims:int(a+1)*t.dims], t.vecs[int(b)*t.dims:int(b+1)*t.dims]
	var dot int32
	for i := range va {
		dot += int32(va[i]) * int32(vb[i])
	}
	return float32(dot) / (t.norms[a] * t.norms[b])
}

// bridge is a library's side of the table: its vocabulary words the table
// knows, with their rows.
type bridge struct {
	t     *wordVectors
	words []string
	rows  []int32
	memo  sync.Map // nearKey → []string; at most one entry per table word and setting
}

type nearKey struct {
	row    int32
	k      int
	minCos float32
}

// newBridge keeps the vocabulary's alphabetic words of three letters or
// more that the table knows.
func newBridge(t *wordVectors, v *vocabulary) *bridge {
	b := &bridge{t: t}
	if t == nil || v == nil {
		return b
	}
	for _, w := range v.terms {
		if len(w) < 3 || !isLetters(w) {
			continue
		}
		if r := t.row(w); r >= 0 {
			b.words = append(b.words, w)
			b.rows = append(b.rows, r)
		}
	}
	return b
}

func isLetters(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// near returns up to k library words closest to w with a cosine of at
// least minCos, closest first; words sharing w's row (its inflections) are
// left out.
func (b *bridge) near(w string, k int, minCos float32) []string {
	if b == nil || b.t == nil {
		return nil
	}
	q := b.t.row(w)
	if q < 0 {
		return nil
	}
	key := nearKey{q, k, minCos}
	if v, ok := b.memo.Load(key); ok {
		return v.([]string)
	}
	type cand struct {
		w string
		c float32
	}
	var cs []cand
	for i, r := range b.rows {
		if r == q {
			continue
		}
		if c := b.t.cos(q, r); c >= minCos {
			cs = append(cs, cand{b.words[i], c})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].c != cs[j].c {
			return cs[i].c > cs[j].c
		}
		return cs[i].w < cs[j].w
	})
	var out []string
	seen := map[int32]bool{}
	for _, c := range cs {
		if len(out) == k {
			break
		}
		r := b.t.row(c.w)
		if seen[r] {
			continue // another inflection of a word already taken
		}
		seen[r] = true
		out = append(out, c.w)
	}
	b.memo.Store(key, out)
	return out
}

// bridgeOff turns the bridge off (benchmarks compare with and without).
var bridgeOff bool

// wordBridge returns the generation's bridge, built on first use.
func (g *generation) wordBridge() *bridge {
	g.bridgeOnce.Do(func() {
		t, err := defaultWordVectors()
		if err != nil {
			slog.Warn("word vectors not loaded; questions are searched without them", "err", err)
		}
		g.bridge = newBridge(t, g.vocab)
	})
	return g.bridge
}

// withBridge adds to a plain word's query the library words nearest to it
// in the table, at boostBridge.
func (c *compiler) withBridge(q query.Query, w *Word, set fieldSet) query.Query {
	if w.Field != "" {
		return q
	}
	alts := []query.Query{q}
	for _, e := range c.bridgeWords(w.Text) {
		c.addAlso(e)
		alts = append(alts, c.textQuery(e, "", false, boostBridge, set))
	}
	if len(alts) == 1 {
		return q
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// bridgeWords returns the library words nearest to a plain word in the
// table. Only content words without a curated thesaurus entry or a
// correction get them (the thesaurus is the better judge where it
// speaks), and no number words.
func (c *compiler) bridgeWords(word string) []string {
	if bridgeOff || c.g == nil {
		return nil
	}
	text := fold(word)
	if strings.ContainsAny(text, " *\"") || len(c.th.lookup(word)) > 0 || c.isStopword(word) || isQuestionWord(word) {
		return nil
	}
	if _, ok := c.fix[text]; ok || numberWords[text] {
		return nil
	}
	var out []string
	for _, e := range c.g.wordBridge().near(text, bridgeNear, bridgeMinCos) {
		if !numberWords[e] && !c.isStopword(e) && !c.sameTerms(word, e) {
			out = append(out, e)
		}
	}
	return out
}
