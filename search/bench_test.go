package search

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

func BenchmarkParseQuery(b *testing.B) {
	q := `"duty to notify" child -adult type:guidance region:"Western Europe" year:2015..2020 labour OR labor traffick*`
	for b.Loop() {
		ParseQuery(q)
	}
}

func BenchmarkSnippet(b *testing.B) {
	words := strings.Fields(strings.Repeat("the first responder must notify the home office when a potential victim does not consent ", 40))
	text := strings.Join(words, " ")
	var spans []span
	pos := 0
	for _, w := range words {
		if w == "notify" || w == "victim" {
			spans = append(spans, span{start: pos, end: pos + len(w), term: w})
		}
		pos += len(w) + 1
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		snippet(text, append([]span(nil), spans...))
	}
}

// generatedDocs makes n documents of p pages of text drawn from a
// vocabulary, with varied metadata.
func generatedDocs(n, p int) []Document {
	rng := rand.New(rand.NewSource(1))
	vocab := strings.Fields(`trafficking victim referral mechanism labour exploitation child protection
		shelter interview identification indicator police prosecutor inspector recruitment debt bondage
		supply chain due diligence survivor support notify duty consent guardian asylum migrant smuggling
		forced marriage domestic servitude criminal exploitation cannabis begging organ removal hotline`)
	for i := 0; i < 3000; i++ { // a long tail of rarer words
		vocab = append(vocab, fmt.Sprintf("term%d", i))
	}
	types := []string{"Guidance", "Toolkit", "Good Practices", "Report", "Training"}
	regions := []string{"Europe", "Africa", "Asia", "Americas", "Middle East"}
	docs := make([]Document, n)
	for i := range docs {
		d := Document{ID: fmt.Sprintf("doc%05d", i), Title: fmt.Sprintf("Handbook %d on %s", i, vocab[rng.Intn(40)]),
			Types: []string{types[rng.Intn(len(types))]}, Regions: []string{regions[rng.Intn(len(regions))]},
			Tags: []string{vocab[rng.Intn(40)]}, Publishers: []string{fmt.Sprintf("Publisher %d", rng.Intn(20))},
			Year: 2000 + rng.Intn(26), Language: "en", PageCount: p}
		for j := 1; j <= p; j++ {
			var sb strings.Builder
			for k := 0; k < 300; k++ {
				w := vocab[rng.Intn(40)]
				if rng.Intn(3) == 0 {
					w = vocab[40+int(rng.ExpFloat64()*200)%3000]
				}
				sb.WriteString(w)
				sb.WriteByte(' ')
			}
			d.Pages = append(d.Pages, Page{Number: j, Text: sb.String()})
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkSearch: 1–3 word queries with facets, pages and passages on a
// generated index (400 documents × 20 pages).
func BenchmarkSearch(b *testing.B) {
	dir := writeIndex(b, generatedDocs(400, 20)...)
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	queries := []Request{
		{Query: "duty to notify"}, {Query: "child protection"}, {Query: "debt bondage"},
		{Query: "shelter", Filters: Filters{Types: []string{"Guidance"}}},
		{Query: "term17 interview"}, {Query: `"supply chain"`, Filters: Filters{Regions: []string{"Asia", "Africa"}}},
	}
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := x.Search(ctx, queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
