package search

import (
	"context"
	"strings"
	"testing"
)

// BenchmarkSuggest: suggestions on the generated index (400 documents × 20
// pages), beside its peer, the completion of the last word from the
// vocabulary alone (what suggestions were before phrases).
func BenchmarkSuggest(b *testing.B) {
	dir := writeIndex(b, generatedDocs(400, 20)...)
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	qs := []string{"duty t", "traff", "supply ch", "term1", "child protection s"}
	ctx := context.Background()
	b.Run("Suggest", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := x.Suggest(ctx, qs[i%len(qs)], 8); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("peer=vocabulary-words", func(b *testing.B) {
		g, err := x.acquire()
		if err != nil {
			b.Fatal(err)
		}
		defer x.release(g)
		i := 0
		for b.Loop() {
			w := strings.Fields(fold(qs[i%len(qs)]))
			g.vocab.complete(w[len(w)-1], 8)
			i++
		}
	})
}

// BenchmarkDocPhrases: finding a 20-page document's phrases, beside its
// peer, building the document's whole entry for the index (which includes
// them).
func BenchmarkDocPhrases(b *testing.B) {
	d := generatedDocs(1, 20)[0]
	b.Run("docPhrases", func(b *testing.B) {
		for b.Loop() {
			docPhrases(d)
		}
	})
	b.Run("peer=docEntry", func(b *testing.B) {
		for b.Loop() {
			docEntry(d)
		}
	})
}
