package search

import (
	"testing"
	"time"
)

// TestSortAdded: sort=added lists the documents newest in the library
// first, unknown dates last, and a cursor continues it.
func TestSortAdded(t *testing.T) {
	docs := fixtureDocs()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	want := []string{}
	for i := range docs {
		if docs[i].ID == "supply" {
			continue // no date: last
		}
		docs[i].Added = base.Add(time.Duration(i) * time.Hour)
		want = append([]string{docs[i].ID}, want...)
	}
	want = append(want, "supply")
	dir := writeIndex(t, docs...)
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()

	var got []string
	req := Request{Sort: "added", PerPage: 3}
	for range len(docs) {
		res := search(t, x, req)
		for _, h := range res.Hits {
			got = append(got, h.ID)
			if h.ID != "supply" && h.Added.IsZero() {
				t.Errorf("%s: no added date in the hit", h.ID)
			}
		}
		if res.NextCursor == nil {
			break
		}
		req.Cursor = *res.NextCursor
	}
	// Editions of a work are grouped: keep the order of the works' heads.
	var heads []string
	seen := map[string]bool{}
	for _, id := range got {
		seen[id] = true
	}
	for _, id := range want {
		if seen[id] {
			heads = append(heads, id)
		}
	}
	if len(got) != len(heads) {
		t.Fatalf("got %v, want the order of %v", got, want)
	}
	for i := range got {
		if got[i] != heads[i] {
			t.Fatalf("got %v, want %v", got, heads)
		}
	}
	d, err := x.Document(t.Context(), docs[0].ID)
	if err != nil || !d.Added.Equal(docs[0].Added) {
		t.Errorf("document added %v, want %v (%v)", d.Added, docs[0].Added, err)
	}
}
