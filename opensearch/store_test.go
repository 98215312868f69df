package opensearch

import (
	"context"
	"errors"
	"strings"
	"testing"

	"handbooks/search"
)

func countOf(t *testing.T, c *client, index string, query map[string]any) int {
	t.Helper()
	var out struct {
		Count int `json:"count"`
	}
	var body any
	if query != nil {
		body = map[string]any{"query": query}
	}
	if err := c.do(context.Background(), "POST", "/"+index+"/_count", body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Count
}

// TestIncremental: an incremental update copies the live generation,
// replaces changed documents with all their pages, removes deleted ones,
// and goes live in one alias switch; the generation before stays (for
// searches under way), older ones are deleted.
func TestIncremental(t *testing.T) {
	_, ox, cfg := openBoth(t)
	ctx := context.Background()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := liveGeneration(ctx, st.c)
	before, err := ox.Document(ctx, "labour-insp")
	if err != nil {
		t.Fatal(err)
	}

	u, err := st.Begin(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	changed := fixtureDocs()[1] // frg-2024, now one page
	changed.Pages = changed.Pages[:1]
	changed.PageCount = 1
	changed.Summary = "A shorter edition."
	write(t, u, []search.Document{changed}, []string{"supply"}, "two")

	second, _ := liveGeneration(ctx, st.c)
	if second == first {
		t.Fatalf("the aliases still name %s", first)
	}
	if b, err := st.State(ctx); err != nil || string(b) != "two" {
		t.Errorf("state %q, %v; want two", b, err)
	}
	if _, err := ox.Document(ctx, "supply"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("deleted document: %v, want ErrNotFound", err)
	}
	if n := countOf(t, st.c, st.c.pagesAlias(), map[string]any{"term": map[string]any{"doc": "supply"}}); n != 0 {
		t.Errorf("%d pages of the deleted document left", n)
	}
	if n := countOf(t, st.c, st.c.pagesAlias(), map[string]any{"term": map[string]any{"doc": "frg-2024"}}); n != 1 {
		t.Errorf("the changed document has %d pages, want 1", n)
	}
	d, err := ox.Document(ctx, "frg-2024")
	if err != nil || d.Summary != "A shorter edition." {
		t.Errorf("changed document: %+v, %v", d, err)
	}
	after, err := ox.Document(ctx, "labour-insp")
	if err != nil || after.Title != before.Title || after.PageCount != before.PageCount {
		t.Errorf("an unchanged document changed: %+v, %v", after, err)
	}
	if n := countOf(t, st.c, st.c.docsAlias(), nil); n != len(fixtureDocs())-1 {
		t.Errorf("%d documents, want %d", n, len(fixtureDocs())-1)
	}
	// A third generation: the first is deleted, the second kept.
	u, err = st.Begin(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	write(t, u, nil, nil, "three")
	gens, err := st.generations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	third, _ := liveGeneration(ctx, st.c)
	if strings.Join(sorted(gens), " ") != strings.Join(sorted([]string{second, third}), " ") {
		t.Errorf("generations %v, want %s and %s", gens, second, third)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestLockAndAbort: one update at a time; an aborted one leaves the live
// generation as it was and nothing behind.
func TestLockAndAbort(t *testing.T) {
	_, ox, cfg := openBoth(t)
	ctx := context.Background()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	live, _ := liveGeneration(ctx, st.c)
	u, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Begin(ctx, true); !errors.Is(err, search.ErrLocked) {
		t.Fatalf("second Begin: %v, want ErrLocked", err)
	}
	if err := u.Put(ctx, fixtureDocs()[0]); err != nil {
		t.Fatal(err)
	}
	if err := u.Abort(); err != nil {
		t.Fatal(err)
	}
	if now, _ := liveGeneration(ctx, st.c); now != live {
		t.Errorf("live generation %s after an abort, want %s", now, live)
	}
	gens, _ := st.generations(ctx)
	if len(gens) != 1 {
		t.Errorf("generations %v after an abort, want only %s", gens, live)
	}
	st2, _ := OpenStore(ctx, cfg)
	u2, err := st2.Begin(ctx, false)
	if err != nil {
		t.Fatalf("Begin after an abort: %v", err)
	}
	u2.Abort()
	if r, err := ox.Search(ctx, search.Request{Query: "labour"}); err != nil || r.Documents == 0 {
		t.Errorf("search after aborts: %+v, %v", r, err)
	}
}

// TestRefused: an entry the cluster refuses for good is counted and the
// update cannot go live without it.
func TestRefused(t *testing.T) {
	_, _, cfg := openBoth(t)
	ctx := context.Background()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	live, _ := liveGeneration(ctx, st.c)
	u, err := st.Begin(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	bad := fixtureDocs()[2]
	bad.ID = strings.Repeat("x", 600) // ids are at most 512 bytes
	err = u.Put(ctx, bad, fixtureDocs()[3])
	var re *RefusedError
	if !errors.As(err, &re) || re.Count < 1 || u.Refused() != re.Count {
		t.Fatalf("Put: %v (refused %d), want a RefusedError", err, u.Refused())
	}
	if err := u.Commit(ctx, search.RunInfo{}, nil); !errors.As(err, &re) {
		t.Fatalf("Commit: %v, want a RefusedError", err)
	}
	if now, _ := liveGeneration(ctx, st.c); now != live {
		t.Errorf("live generation %s after a refused update, want %s", now, live)
	}
}
