package main

import (
	"context"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"handbooks/cmd/benchmark/synth"
	"handbooks/internal/load"
)

// mixSize is the number of distinct requests in a query mix; clients cycle
// through it from different offsets.
const mixSize = 4000

// sourceText returns text of the corpus to draw query words and phrases from.
func sourceText(ctx context.Context, c *Corpus) string {
	if c.Kind == "synth" {
		vocabs := make([]*synth.Vocab, len(synth.Languages))
		for i := range synth.Languages {
			vocabs[i] = synth.NewVocab(&synth.Languages[i])
		}
		var b strings.Builder
		for i, n := range synth.Plan(synthSeed, min(c.Pages, 3000)) {
			for _, page := range synth.NewHandbook(vocabs, synthSeed, i, n).Doc.Pages {
				for _, l := range page {
					b.WriteString(l.Text)
					b.WriteByte('\n')
				}
			}
		}
		return b.String()
	}
	var b strings.Builder
	for _, f := range c.Sample {
		out, err := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", filepath.Join(c.Dir, f), "-").Output()
		if err == nil {
			b.Write(out)
		}
	}
	return b.String()
}

// stopwords are the function words of the synthetic vocabularies: frequent
// words nobody searches for alone.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	// Frequent words of real English handbooks that the synthetic lists lack.
	for _, w := range strings.Fields(`you your yours we our ours they them their he she his her
		i me my yes no not please would could did does do done being been were was
		one two three also there here which what when where why how who whom whose
		than then these those some such very just only any each every other same`) {
		m[w] = true
	}
	for _, l := range synth.Languages {
		for _, w := range strings.Fields(l.Function) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

func isWord(w string) bool {
	if len([]rune(w)) < 3 || stopwords[w] {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return true
}

// querySource derives terms and phrases from text and facet values from the
// corpus catalog.
func querySource(ctx context.Context, c *Corpus) load.Source {
	text := sourceText(ctx, c)
	toks := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	})
	freq := map[string]int{}
	for _, t := range toks {
		if isWord(t) {
			freq[t]++
		}
	}
	terms := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= 3 {
			terms = append(terms, w)
		}
	}
	sort.Slice(terms, func(i, j int) bool {
		if freq[terms[i]] != freq[terms[j]] {
			return freq[terms[i]] > freq[terms[j]]
		}
		return terms[i] < terms[j]
	})
	terms = terms[:min(len(terms), 600)]

	// Phrases: runs of two or three content words that occur in the text.
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	var phrases []string
	for tries := 0; tries < 20000 && len(phrases) < 300 && len(toks) > 3; tries++ {
		i := r.IntN(len(toks) - 3)
		n := 2 + r.IntN(2)
		ok := true
		for _, t := range toks[i : i+n] {
			ok = ok && isWord(t)
		}
		p := strings.Join(toks[i:i+n], " ")
		if ok && !seen[p] {
			seen[p] = true
			phrases = append(phrases, p)
		}
	}
	return load.Source{Terms: terms, Phrases: phrases, Facets: catalogFacets(c)}
}

// catalogFacets collects filter values from the corpus's catalog.csv.
func catalogFacets(c *Corpus) map[string][]string {
	rows, err := readCatalog(filepath.Join(c.Dir, "catalog.csv"))
	if err != nil {
		return nil
	}
	sets := map[string]map[string]bool{"type": {}, "region": {}, "tag": {}, "year_from": {}}
	for _, row := range rows {
		for _, v := range row.Types {
			sets["type"][v] = true
		}
		for _, v := range row.Regions {
			sets["region"][v] = true
		}
		for _, v := range row.Tags {
			sets["tag"][v] = true
		}
		if row.Year > 0 {
			sets["year_from"][itoa(row.Year)] = true
		}
	}
	out := map[string][]string{}
	for k, s := range sets {
		for v := range s {
			out[k] = append(out[k], v)
		}
		sort.Strings(out[k])
	}
	return out
}
