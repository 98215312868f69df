package search

import (
	"context"
	"regexp"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// Corrections of query words the library does not have, taken from the
// library's own words: the most frequent word within one edit (two for
// words of eight letters or more). Only words of at least minCorrectable
// letters are corrected; a word that occurs anywhere is left alone.
const minCorrectable = 5

func (x *Index) corrections(g *generation, words []*Word) map[string]string {
	fix := map[string]string{}
	adv, err := g.ix.docs.Advanced()
	if err != nil {
		return fix
	}
	r, err := adv.Reader()
	if err != nil {
		return fix
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return fix
	}
	for _, w := range words {
		f := fold(w.Text)
		if len([]rune(f)) < minCorrectable || strings.ContainsAny(f, " *?") || isNumber(f) {
			continue
		}
		if docFreq(r, f) > 0 {
			continue
		}
		have := 0
		fuzz := 1
		if len([]rune(f)) >= 8 {
			fuzz = 2
		}
		dict, err := fr.FieldDictFuzzy(fWords, f, fuzz, "")
		if err != nil {
			continue
		}
		best, bestN := "", have
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			// A correction must be much more common than the word typed.
			// (Fuzzy dictionaries do not carry counts: take the vocabulary's.)
			n := g.vocab.count(e.Term)
			if e.Term != f && n > bestN && n >= 2*have+1 {
				best, bestN = e.Term, n
			}
		}
		dict.Close()
		if best != "" {
			fix[f] = best
		}
	}
	return fix
}

// didYouMean rewrites q with the corrections of its words.
func didYouMean(q string, fix map[string]string) string {
	re := regexp.MustCompile(`[\p{L}\p{N}]+`)
	return re.ReplaceAllStringFunc(q, func(w string) string {
		if c, ok := fix[fold(w)]; ok {
			return c
		}
		return w
	})
}

// docFreq is the number of documents with the folded word w.
func docFreq(r index.IndexReader, w string) uint64 {
	tfr, err := r.TermFieldReader(context.Background(), []byte(w), fWords, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}
