package search

import (
	"context"
	"errors"
	"testing"
)

func TestOpenWithoutIndex(t *testing.T) {
	dir := t.TempDir()
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	if _, err := x.Search(ctx, Request{Query: "x"}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Search: %v, want ErrNoIndex", err)
	}
	if _, err := x.Stats(); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Stats: %v, want ErrNoIndex", err)
	}
	if _, err := x.Facets(ctx); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Facets: %v, want ErrNoIndex", err)
	}
	// The first generation appears; Reload picks it up.
	st, _ := OpenStore(dir, discardLogger())
	up, _ := st.Begin(ctx, true)
	up.Put(ctx, fixtureDocs()[0])
	if err := up.Commit(ctx, RunInfo{Documents: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if err := x.Reload(); err != nil {
		t.Fatal(err)
	}
	s, err := x.Stats()
	if err != nil || s.Documents != 1 || s.Pages != 4 || s.LastRun.Documents != 1 {
		t.Errorf("Stats = %+v, %v; want 1 document, 4 pages", s, err)
	}
}

// TestSwapKeepsInflightQueries: a query holding the old generation keeps
// working after a swap; the old generation closes when it is released.
func TestSwapKeepsInflightQueries(t *testing.T) {
	ctx := context.Background()
	docs := fixtureDocs()
	dir := writeIndex(t, docs[0])
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	old, err := x.acquire() // an in-flight query
	if err != nil {
		t.Fatal(err)
	}
	st, _ := OpenStore(dir, discardLogger())
	up, _ := st.Begin(ctx, false)
	up.Put(ctx, docs[2])
	if err := up.Commit(ctx, RunInfo{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := x.Reload(); err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(ctx, Request{Query: "labour"})
	if err != nil || res.Total != 1 {
		t.Fatalf("new generation: %v, %v", res, err)
	}
	// The old generation still answers.
	if _, err := old.ix.docs.DocCount(); err != nil {
		t.Fatalf("old generation closed under a running query: %v", err)
	}
	if old.refs != 1 {
		t.Fatalf("old generation refs = %d, want 1", old.refs)
	}
	x.release(old)
	if _, err := old.ix.docs.DocCount(); err == nil {
		t.Fatal("old generation still open after its last query")
	}
}
