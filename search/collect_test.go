package search

import (
	"context"
	"math/rand"
	"sort"
	"testing"
)

// TestSelectTop: the best k come first, in order, and the slice stays a
// permutation of its hits.
func TestSelectTop(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	var hits []scored
	for i := 0; i < 200; i++ {
		d := &docMeta{Document: Document{ID: string(rune('a'+i%26)) + string(rune('a'+i/26)), Year: 2000 + rng.Intn(5)}}
		hits = append(hits, scored{d: d, score: float64(rng.Intn(20))}) // many ties
	}
	for _, sortBy := range []string{"relevance", "newest", "oldest"} {
		want := append([]scored(nil), hits...)
		sort.Slice(want, func(i, j int) bool { return less(want[i], want[j], sortBy) })
		for _, k := range []int{0, 1, 5, 30, 199, 200, 250} {
			in := append([]scored(nil), hits...)
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
			got := selectTop(in, k, sortBy)
			if len(got) != min(k, len(hits)) {
				t.Fatalf("%s k=%d: %d hits", sortBy, k, len(got))
			}
			for i := range got {
				if got[i].d != want[i].d {
					t.Fatalf("%s k=%d: hit %d is %s, want %s", sortBy, k, i, got[i].d.ID, want[i].d.ID)
				}
			}
			seen := map[*docMeta]bool{}
			for _, h := range in {
				seen[h.d] = true
			}
			if len(seen) != len(hits) {
				t.Fatalf("%s k=%d: %d distinct hits left, want %d", sortBy, k, len(seen), len(hits))
			}
		}
	}
}

// editionDocs is a generated library with works of one to three editions
// in two languages, and many equal years.
func editionDocs(n int) []Document {
	docs := generatedDocs(n, 2)
	rng := rand.New(rand.NewSource(7))
	for i := range docs {
		if i%3 != 0 {
			docs[i].Work = docs[i-i%3].ID
		}
		if rng.Intn(4) == 0 {
			docs[i].Language = "fr"
		}
		docs[i].Year = 2018 + rng.Intn(4)
	}
	return docs
}

// TestWindowMatchesFullOrder: ordering only the best hits (window) gives
// the pages of the order obtained by sorting, re-ranking and grouping every
// hit, page after page through cursors, for every sort.
func TestWindowMatchesFullOrder(t *testing.T) {
	dir := writeIndex(t, editionDocs(90)...)
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	g, err := x.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer x.release(g)
	ctx := context.Background()
	for _, q := range []string{"victim", "child protection", "", "term17 OR term40 OR shelter"} {
		for _, s := range []string{"relevance", "newest", "title"} {
			c := compile(g, x.thes, ParseQuery(q), nil)
			sortBy := sortName(s, c.hasText)
			sc := g.getScratch()
			hits, _, err := collectDocs(ctx, g, c, newFilterSet(Filters{}), sc)
			if err != nil {
				t.Fatal(err)
			}
			// The reference: everything sorted, re-ranked and grouped.
			ref := append([]scored(nil), hits...)
			sort.Slice(ref, func(i, j int) bool { return less(ref[i], ref[j], sortBy) })
			if sortBy == "relevance" {
				if _, err := rerank(ctx, g, c, ref, nil); err != nil {
					t.Fatal(err)
				}
				sort.Slice(ref, func(i, j int) bool { return less(ref[i], ref[j], sortBy) })
			}
			want := groupWorks(ref, sortBy, g.numWorks)
			if n := countWorks(hits, sc); n != len(want) {
				t.Fatalf("%q %s: %d works counted, %d groups", q, sortBy, n, len(want))
			}
			pers := []int{1, 7, 40}
			if testing.Short() {
				pers = pers[1:] // a page of one result re-ranks once per result
			}
			for _, per := range pers {
				var cur *cursor
				for i := 0; i < len(want); i += per {
					w, err := x.window(ctx, g, c, hits, sortBy, 0, per, cur, sc)
					if err != nil {
						t.Fatal(err)
					}
					got := w.groups[w.from:w.to]
					exp := want[i:min(i+per, len(want))]
					if len(got) != len(exp) {
						t.Fatalf("%q %s per %d from %d: %d groups, want %d", q, sortBy, per, i, len(got), len(exp))
					}
					for k := range got {
						if got[k].head.d != exp[k].head.d || got[k].head.score != exp[k].head.score {
							t.Fatalf("%q %s per %d, result %d: %s (%v), want %s (%v)", q, sortBy, per, i+k,
								got[k].head.d.ID, got[k].head.score, exp[k].head.d.ID, exp[k].head.score)
						}
					}
					cur, err = decodeCursor(encodeCursor(got[len(got)-1].lead, sortBy), sortBy)
					if err != nil {
						t.Fatal(err)
					}
				}
			}
			g.putScratch(sc)
		}
	}
}
