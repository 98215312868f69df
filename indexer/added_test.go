package indexer

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

// addedDates reads the dates of the live state, by path.
func addedDates(t *testing.T, idx string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for p, f := range loadState(t, idx).Files {
		m[p] = f.Added
	}
	return m
}

// TestAddedKeptAcrossRuns: the date a document entered the library is set
// by the run that first indexes it and kept by every later run (a changed
// catalog row, changed content, a move, a full rebuild); the index holds it.
func TestAddedKeptAcrossRuns(t *testing.T) {
	lib := smallLibrary(t)
	idx := filepath.Join(t.TempDir(), "index")
	cfg := runConfig(lib, idx)
	rep := mustRun(t, cfg)
	first := addedDates(t, idx)
	want := rep.Started.UTC().Truncate(time.Second).Format(time.RFC3339)
	for p, d := range first {
		if d != want {
			t.Errorf("%s added %q, want the first run's start %q", p, d, want)
		}
	}

	// Changes to old documents, and a new one.
	p := filepath.Join(lib, "catalog.csv")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "Labour inspection,Tools", "Labour inspection (revised),Tools", 1)), 0o644)
	writeFiles(t, lib, map[string]string{
		"fr/orientation.pdf": string(pdfBytes("x", "Un autre texte sur la protection des victimes et le soutien qui leur est dû.")),
		"new/leaflet.pdf":    string(pdfBytes("Leaflet", "A new leaflet about the signs of forced labour in agriculture.")),
	})
	rep2 := mustRun(t, cfg)
	second := addedDates(t, idx)
	for path, d := range first {
		if second[path] != d {
			t.Errorf("%s: added changed from %q to %q", path, d, second[path])
		}
	}
	if got, want := second["new/leaflet.pdf"], rep2.Started.UTC().Truncate(time.Second).Format(time.RFC3339); got != want {
		t.Errorf("new document added %q, want its run's start %q", got, want)
	}

	// A new id in the catalog for the same file keeps its date.
	b, _ = os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "guide.pdf,guide,", "guide.pdf,guide-renamed,", 1)), 0o644)
	mustRun(t, cfg)
	if st := loadState(t, idx).Files["guide.pdf"]; st.ID != "guide-renamed" || st.Added != first["guide.pdf"] {
		t.Errorf("after a new id: %s added %q, want %q", st.ID, st.Added, first["guide.pdf"])
	}
	os.WriteFile(p, b, 0o644)
	mustRun(t, cfg)

	cfg.Full = true
	mustRun(t, cfg)
	for path, d := range second {
		if got := addedDates(t, idx)[path]; got != d {
			t.Errorf("full rebuild: %s added %q, was %q", path, got, d)
		}
	}

	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	d, err := x.Document(context.Background(), "guide")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Added.Format(time.RFC3339); got != first["guide.pdf"] {
		t.Errorf("index has guide added %q, state %q", got, first["guide.pdf"])
	}
}

// TestAddedFromOldState: a state written before dates were kept dates its
// documents by their files' modification times (once, re-indexing them
// from the cache), not as new.
func TestAddedFromOldState(t *testing.T) {
	lib := smallLibrary(t)
	idx := filepath.Join(t.TempDir(), "index")
	cfg := runConfig(lib, idx)
	old := time.Date(2019, 5, 6, 7, 8, 9, 0, time.UTC)
	os.Chtimes(filepath.Join(lib, "guide.pdf"), old, old)
	mustRun(t, cfg)
	// Remove the dates, as a state of an older version has none.
	cur, err := os.ReadFile(filepath.Join(idx, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	sp := filepath.Join(idx, strings.TrimSpace(string(cur)), "state.json")
	b, err := os.ReadFile(sp)
	if err != nil {
		t.Fatal(err)
	}
	b = regexp.MustCompile(`,"added":"[^"]*"`).ReplaceAll(b, nil)
	if strings.Contains(string(b), `"added"`) {
		t.Fatal("state still has dates")
	}
	os.WriteFile(sp, b, 0o644)

	rep := mustRun(t, cfg)
	if !rep.Committed {
		t.Fatal("an old state's documents were not re-indexed to date them")
	}
	for _, f := range rep.Files {
		if f.Outcome != "broken" && !f.Cached {
			t.Errorf("%s extracted again instead of taken from the cache", f.Path)
		}
	}
	if got := addedDates(t, idx)["guide.pdf"]; got != old.Format(time.RFC3339) {
		t.Errorf("guide added %q, want its modification time %s", got, old.Format(time.RFC3339))
	}
}
