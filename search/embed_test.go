package search

import (
	"context"
	"encoding/binary"
	"slices"
	"testing"
)

// tinyVectors encodes a table in embed.bin's format.
func tinyVectors(dims int, words map[string][]int8) []byte {
	b := []byte(wordVectorsMagic)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(words)))
	b = binary.LittleEndian.AppendUint32(b, uint32(dims))
	keys := make([]string, 0, len(words))
	for w := range words {
		keys = append(keys, w)
	}
	slices.Sort(keys)
	for _, w := range keys {
		b = append(b, byte(len(w)))
		b = append(b, w...)
		for _, x := range words[w] {
			b = append(b, byte(x))
		}
	}
	return b
}

func TestParseWordVectorsErrors(t *testing.T) {
	good := tinyVectors(2, map[string][]int8{"cat": {100, 0}})
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"magic", []byte("HBEMB9\n\x01\x00\x00\x00\x02\x00\x00\x00")},
		{"truncated", good[:len(good)-1]},
		{"trailing", append(slices.Clone(good), 0)},
	} {
		if _, err := parseWordVectors(tc.b); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := parseWordVectors(good); err != nil {
		t.Fatal(err)
	}
}

func TestBridgeNear(t *testing.T) {
	tab, err := parseWordVectors(tinyVectors(3, map[string][]int8{
		"teenager":   {100, 10, 0},
		"adolescent": {98, 14, 0},
		"youth":      {90, 40, 0},
		"wage":       {0, 0, 100},
		"kiln":       {0, 100, 0},
	}))
	if err != nil {
		t.Fatal(err)
	}
	v := &vocabulary{terms: []string{"adolescents", "kiln", "teenagers", "wages", "youth"}}
	b := newBridge(tab, v)
	for _, tc := range []struct {
		w    string
		k    int
		min  float32
		want []string
	}{
		{"teenager", 2, 0.8, []string{"adolescents", "youth"}}, // inflection of itself left out
		{"teenagers", 1, 0.8, []string{"adolescents"}},
		{"teenager", 2, 0.99, []string{"adolescents"}},
		{"wage", 2, 0.5, nil}, // only its own inflection is near
		{"unknownword", 2, 0, nil},
	} {
		if got := b.near(tc.w, tc.k, tc.min); !slices.Equal(got, tc.want) {
			t.Errorf("near(%q, %d, %v) = %q, want %q", tc.w, tc.k, tc.min, got, tc.want)
		}
	}
}

// The embedded table decodes and puts plain-language words next to the
// words guidance uses for them.
func TestDefaultWordVectors(t *testing.T) {
	tab, err := defaultWordVectors()
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.words) < 10000 {
		t.Fatalf("%d words", len(tab.words))
	}
	for _, tc := range []struct{ a, near, far string }{
		{"teenager", "adolescent", "machine"},
		{"wage", "salary", "passport"},
	} {
		a, n, f := tab.row(tc.a), tab.row(tc.near), tab.row(tc.far)
		if a < 0 || n < 0 || f < 0 {
			t.Fatalf("%q/%q/%q not in the table", tc.a, tc.near, tc.far)
		}
		if tab.cos(a, n) <= tab.cos(a, f) {
			t.Errorf("cos(%s, %s) = %.2f not above cos(%s, %s) = %.2f", tc.a, tc.near, tab.cos(a, n), tc.a, tc.far, tab.cos(a, f))
		}
	}
}

// On the query path: a word the library does not use is also searched as
// the library's nearest word, finds its pages and says so; without the
// bridge it finds nothing.
func TestBridgeOnQueryPath(t *testing.T) {
	x := openFixture(t)
	ctx := context.Background()
	res, err := x.Search(ctx, Request{Query: "employee"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.AlsoSearched, "workers") || len(res.Hits) == 0 {
		t.Errorf("employee: also searched %q, %d hits; want workers searched and found", res.AlsoSearched, len(res.Hits))
	}
	bridgeOff = true
	defer func() { bridgeOff = false }()
	res, err = x.Search(ctx, Request{Query: "employee"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(res.AlsoSearched, "workers") || len(res.Hits) != 0 {
		t.Errorf("employee without the bridge: also searched %q, %d hits; want nothing", res.AlsoSearched, len(res.Hits))
	}
}
