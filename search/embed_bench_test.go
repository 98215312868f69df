package search

import (
	"context"
	"testing"
)

// BenchmarkSearchBridge runs questions with and without the word-vector
// bridge over the same index: the ratio of the two is its query cost.
func BenchmarkSearchBridge(b *testing.B) {
	dir := writeIndex(b, generatedDocs(400, 20)...)
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	queries := []Request{
		{Query: "what happens when a teenager is found working"}, {Query: "bad pay and debts owed to a boss"},
		{Query: "duty to notify"}, {Query: "child protection"}, {Query: "who decides if someone is a victim"},
	}
	ctx := context.Background()
	for _, off := range []bool{false, true} {
		name := "on"
		if off {
			name = "off"
		}
		b.Run(name, func(b *testing.B) {
			bridgeOff = off
			defer func() { bridgeOff = false }()
			i := 0
			for b.Loop() {
				if _, err := x.Search(ctx, queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkBridgeNear is the cost of one word's nearest library words when
// the library holds every word of the table (the largest possible
// vocabulary), uncached against cached.
func BenchmarkBridgeNear(b *testing.B) {
	tab, err := defaultWordVectors()
	if err != nil {
		b.Fatal(err)
	}
	br := newBridge(tab, &vocabulary{terms: tab.words})
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			br.memo.Clear()
			br.near("teenager", bridgeNear, bridgeMinCos)
		}
	})
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			br.near("teenager", bridgeNear, bridgeMinCos)
		}
	})
}
