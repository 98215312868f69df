package search

import (
	"context"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
)

// vocabulary is the sorted list of the unstemmed, folded words of a
// generation (field "words") with their document counts, for suggestions.
type vocabulary struct {
	terms  []string
	counts []int
}

// vocabularyMinDocs: in libraries of at least vocabularySmall documents,
// words of a single document are left out (mostly typos and OCR noise).
const (
	vocabularySmall   = 200
	vocabularyMinDocs = 2
)

func loadVocabulary(idx bleve.Index) (*vocabulary, error) {
	v := &vocabulary{}
	err := eachCommonTerm(idx, fWords, func(term string, count int) {
		if len(term) > 1 {
			v.terms = append(v.terms, term)
			v.counts = append(v.counts, count)
		}
	})
	return v, err
}

// eachCommonTerm calls fn for each term of a keyword field with the number
// of documents holding it, in term order, leaving out the terms of a single
// document in a library of vocabularySmall documents or more.
func eachCommonTerm(idx bleve.Index, field string, fn func(term string, count int)) error {
	n, err := idx.DocCount()
	if err != nil {
		return err
	}
	min := 1
	if n >= vocabularySmall {
		min = vocabularyMinDocs
	}
	fd, err := idx.FieldDict(field)
	if err != nil {
		return err
	}
	defer fd.Close()
	for {
		e, err := fd.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		if int(e.Count) >= min {
			fn(e.Term, int(e.Count))
		}
	}
}

// count returns the number of documents containing the folded word w.
func (v *vocabulary) count(w string) int {
	i := sort.SearchStrings(v.terms, w)
	if i < len(v.terms) && v.terms[i] == w {
		return v.counts[i]
	}
	return 0
}

// complete returns up to n words starting with prefix, most frequent first.
func (v *vocabulary) complete(prefix string, n int) []string {
	lo := sort.SearchStrings(v.terms, prefix)
	var idx []int
	for i := lo; i < len(v.terms) && strings.HasPrefix(v.terms[i], prefix); i++ {
		if v.terms[i] != prefix && !isNumber(v.terms[i]) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return v.counts[idx[a]] > v.counts[idx[b]] })
	out := make([]string, 0, n)
	for _, i := range idx {
		if len(out) == n {
			break
		}
		out = append(out, v.terms[i])
	}
	return out
}

func isNumber(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// Suggest completes what someone is typing: titles holding the words
// typed so far (the last one as a prefix; a long title by its part that
// holds them), then the library's phrases that continue the text, used by
// the most documents first, then the words that complete the last one.
// Every suggestion is at most maxSuggestRunes long.
func (x *Index) Suggest(ctx context.Context, q string, n int) ([]string, error) {
	if err := x.limits.CheckSuggest(q, n); err != nil {
		return nil, err
	}
	if n == 0 {
		n = x.limits.DefaultSuggestions
	}
	g, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer x.release(g)
	words := strings.Fields(fold(q))
	if len(words) == 0 {
		return []string{}, nil
	}
	last := words[len(words)-1]
	out := []string{}
	seen := map[string]bool{}
	add := func(s string) {
		k := fold(s)
		if s != "" && !seen[k] && len(out) < n && len([]rune(s)) <= maxSuggestRunes {
			seen[k] = true
			out = append(out, s)
		}
	}
	for _, d := range g.docs {
		if len(out) >= (n+1)/2 {
			break
		}
		if titleMatches(d.titleKey, words) {
			add(suggestTitle(d.Title, words))
		}
	}
	phrases := g.phrases.complete(strings.Join(words, " "), n)
	for _, p := range phrases {
		add(p)
	}
	head := strings.Join(words[:len(words)-1], " ")
	if head != "" && len(phrases) > 0 {
		// The library's phrases say how the text goes on; a word that
		// merely starts like the last one ("duty time") would be a guess.
		return out, nil
	}
	stop := anyStopWord()
	for _, w := range g.vocab.complete(last, 2*n) {
		if head != "" {
			if stop[w] {
				continue // "duty the": a stop word completes no phrase
			}
			w = head + " " + w
		}
		add(w)
	}
	return out, nil
}

// titleMatches reports whether a folded title contains all words, the last
// one as a word prefix.
func titleMatches(title string, words []string) bool {
	tw := strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		found := false
		for _, t := range tw {
			if t == w || (i == len(words)-1 && strings.HasPrefix(t, w)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
