package load

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
)

// Kinds of queries in a mix.
const (
	KindWords    = "words"    // 1–3 words from the vocabulary
	KindPhrase   = "phrase"   // a quoted phrase that occurs in the corpus
	KindFiltered = "filtered" // words with 1–3 facet filters
	KindDeep     = "deep"     // words, a result page from 3 to 20
	KindSuggest  = "suggest"  // a prefix, as typed in a search box
)

// Shares of the kinds in a mix, in percent.
var Shares = []struct {
	Kind    string
	Percent int
}{{KindWords, 40}, {KindPhrase, 10}, {KindFiltered, 25}, {KindDeep, 10}, {KindSuggest, 15}}

// Filter is one facet restriction: a parameter of the search API and a value.
type Filter struct {
	Param string // type, region, tag, year_from
	Value string
}

// Query is one request of a mix.
type Query struct {
	Kind    string
	Text    string
	Filters []Filter
	Page    int // 0 or 1: the first page
}

// Source is what a mix draws from.
type Source struct {
	Terms   []string            // searchable words, most frequent first
	Phrases []string            // word sequences that occur in the text
	Facets  map[string][]string // filter parameter → values seen in the catalog
}

// Mix draws n queries from src with the shares above; the same seed gives
// the same mix.
func Mix(src Source, n int, seed uint64) []Query {
	r := rand.New(rand.NewPCG(seed, 0x10AD))
	// Words people search for are mostly frequent ones but with a long tail:
	// draw them by rank from a Zipf distribution with s = 0.8.
	z := newRankSampler(len(src.Terms), 0.8)
	word := func() string { return src.Terms[z.rank(r)] }
	words := func() string {
		k := 1 + r.IntN(3)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	params := make([]string, 0, len(src.Facets))
	for _, p := range []string{"type", "region", "tag", "year_from"} {
		if len(src.Facets[p]) > 0 {
			params = append(params, p)
		}
	}
	qs := make([]Query, n)
	for i := range qs {
		kind := pickKind(r)
		if kind == KindPhrase && len(src.Phrases) == 0 || kind == KindFiltered && len(params) == 0 {
			kind = KindWords
		}
		q := Query{Kind: kind}
		switch kind {
		case KindWords:
			q.Text = words()
		case KindPhrase:
			q.Text = `"` + src.Phrases[r.IntN(len(src.Phrases))] + `"`
		case KindFiltered:
			q.Text = words()
			k := 1 + r.IntN(min(3, len(params)))
			for _, pi := range r.Perm(len(params))[:k] {
				p := params[pi]
				vs := src.Facets[p]
				q.Filters = append(q.Filters, Filter{Param: p, Value: vs[r.IntN(len(vs))]})
			}
		case KindDeep:
			q.Text = word()
			q.Page = 3 + r.IntN(18)
		case KindSuggest:
			w := []rune(word())
			q.Text = string(w[:min(len(w), 2+r.IntN(4))])
		}
		qs[i] = q
	}
	return qs
}

func pickKind(r *rand.Rand) string {
	u := r.IntN(100)
	for _, s := range Shares {
		if u < s.Percent {
			return s.Kind
		}
		u -= s.Percent
	}
	return KindWords
}

// PerPage is the page size the mix asks for.
const PerPage = 10

// HandbooksPath is the request of q to this project's API.
func (q Query) HandbooksPath() string {
	v := url.Values{}
	if q.Kind == KindSuggest {
		v.Set("q", q.Text)
		return "/api/suggest?" + v.Encode()
	}
	v.Set("q", q.Text)
	for _, f := range q.Filters {
		v.Add(f.Param, f.Value)
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
		v.Set("per_page", strconv.Itoa(PerPage))
	}
	return "/api/search?" + v.Encode()
}

// OmegaPath is the nearest request to Xapian Omega's CGI at script, on the
// database db: Omega has no catalog metadata and no suggestions, so filters
// are dropped and a suggestion becomes a search for the prefix as a word.
// Deep pages use TOPDOC.
func (q Query) OmegaPath(script, db string) string {
	v := url.Values{}
	v.Set("DB", db)
	v.Set("P", q.Text)
	v.Set("HITSPERPAGE", strconv.Itoa(PerPage))
	if q.Page > 1 {
		v.Set("TOPDOC", strconv.Itoa((q.Page-1)*PerPage))
	}
	return fmt.Sprintf("%s?%s", script, v.Encode())
}

// rankSampler draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s.
type rankSampler struct{ cdf []float64 }

func newRankSampler(n int, s float64) *rankSampler {
	cdf := make([]float64, max(n, 1))
	sum := 0.0
	for k := range cdf {
		sum += 1 / math.Pow(float64(k+1), s)
		cdf[k] = sum
	}
	for k := range cdf {
		cdf[k] /= sum
	}
	return &rankSampler{cdf}
}

func (z *rankSampler) rank(r *rand.Rand) int {
	u := r.Float64()
	lo, hi := 0, len(z.cdf)-1
	for lo < hi {
		m := (lo + hi) / 2
		if z.cdf[m] < u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
