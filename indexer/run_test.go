package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

// smallLibrary is a library of generated PDFs: catalogued, uncatalogued,
// a sidecar, a truncated file.
func smallLibrary(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	good := pdfBytes("Guide", "Identifying victims of trafficking\nThe first responder explains the referral.", "Second page of the guide with more text for the index.")
	writeFiles(t, dir, map[string]string{
		"catalog.csv": csvHeader +
			"guide.pdf,guide,Identifying victims,Guidance,,Viet Nam,,OSCE & ODIHR,2021,,English,,,,\n" +
			"labour/inspection.pdf,,Labour inspection,Tools,Europe,,forced labor,ILO,2019,,,,,,\n" +
			"truncated.pdf,,A truncated file,,,,,,2018,,,,,,\n",
		"guide.pdf":              string(good),
		"labour/inspection.pdf":  string(pdfBytes("Microsoft Word - insp.docx", "Labour inspectors visit workplaces and talk to the workers about their contracts and wages.")),
		"labour/inspection.json": `{"year": 2020}`,
		"fr/orientation.pdf":     string(pdfBytes("Home Office document template", "Le mécanisme national d'orientation permet aux victimes de la traite des êtres humains d'obtenir une protection et un soutien dans leur pays.")),
		"truncated.pdf":          string(good[:12]),
		".hidden/secret.pdf":     string(good),
	})
	return dir
}

func runConfig(lib, idx string) Config {
	return Config{Library: lib, Index: idx, Workers: 2, Timeout: 20 * time.Second}
}

func mustRun(t *testing.T, cfg Config) *Report {
	t.Helper()
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return rep
}

func outcomes(rep *Report) map[string]string {
	m := map[string]string{}
	for _, f := range rep.Files {
		m[f.Path] = f.Outcome
	}
	return m
}

func checkOutcomes(t *testing.T, rep *Report, want map[string]string) {
	t.Helper()
	got := outcomes(rep)
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: outcome %q, want %q (%v)", p, got[p], w, rep.Files)
		}
	}
	if len(got) != len(want) {
		t.Errorf("report has %d files, want %d: %v", len(got), len(want), got)
	}
}

func loadState(t *testing.T, idx string) *runState {
	t.Helper()
	st, err := search.OpenStore(idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.State()
	if err != nil {
		t.Fatal(err)
	}
	s, err := parseState(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIncrementalRuns(t *testing.T) {
	lib := smallLibrary(t)
	idx := filepath.Join(t.TempDir(), "index")
	cfg := runConfig(lib, idx)

	rep := mustRun(t, cfg)
	checkOutcomes(t, rep, map[string]string{"guide.pdf": "indexed", "labour/inspection.pdf": "indexed",
		"fr/orientation.pdf": "uncatalogued", "truncated.pdf": "broken"})
	if !rep.Committed || rep.Documents != 4 {
		t.Errorf("first run: committed %v, %d documents", rep.Committed, rep.Documents)
	}
	st := loadState(t, idx)
	if f := st.Files["guide.pdf"]; f == nil || f.ID != "guide" || f.Pages != 2 {
		t.Errorf("state of guide.pdf: %+v", f)
	}

	t.Run("nothing changed", func(t *testing.T) {
		rep := mustRun(t, cfg)
		if rep.Committed || rep.Counts[OutcomeUnchanged] != 4 || len(rep.Files) != 4 {
			t.Errorf("second run: committed %v, counts %v", rep.Committed, rep.Counts)
		}
	})
	t.Run("touched without changes", func(t *testing.T) {
		now := time.Now().Add(time.Minute)
		os.Chtimes(filepath.Join(lib, "guide.pdf"), now, now)
		rep := mustRun(t, cfg)
		if rep.Counts[OutcomeUnchanged] != 4 {
			t.Errorf("after touch: %v", rep.Counts)
		}
	})
	t.Run("one catalog row changed", func(t *testing.T) {
		p := filepath.Join(lib, "catalog.csv")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(b), "Labour inspection,Tools", "Labour inspection (revised),Tools", 1)), 0o644)
		rep := mustRun(t, cfg)
		checkOutcomes(t, rep, map[string]string{"guide.pdf": "unchanged", "labour/inspection.pdf": "indexed",
			"fr/orientation.pdf": "unchanged", "truncated.pdf": "unchanged"})
		if rep.Pages != 1 || !rep.Committed {
			t.Errorf("re-indexed %d pages, committed %v", rep.Pages, rep.Committed)
		}
	})
	t.Run("sidecar changed", func(t *testing.T) {
		writeFiles(t, lib, map[string]string{"labour/inspection.json": `{"year": 2021}`})
		rep := mustRun(t, cfg)
		if rep.Counts[OutcomeIndexed] != 1 || rep.Counts[OutcomeUnchanged] != 3 {
			t.Errorf("after sidecar change: %v", rep.Counts)
		}
	})
	t.Run("file content changed", func(t *testing.T) {
		writeFiles(t, lib, map[string]string{"fr/orientation.pdf": string(pdfBytes("x", "Un autre texte sur la protection des victimes et le soutien qui leur est dû."))})
		rep := mustRun(t, cfg)
		checkOutcomes(t, rep, map[string]string{"guide.pdf": "unchanged", "labour/inspection.pdf": "unchanged",
			"fr/orientation.pdf": "uncatalogued", "truncated.pdf": "unchanged"})
	})
	t.Run("file deleted", func(t *testing.T) {
		os.Remove(filepath.Join(lib, "truncated.pdf"))
		rep := mustRun(t, cfg)
		if o := outcomes(rep)["truncated.pdf"]; o != OutcomeDeleted {
			t.Errorf("truncated.pdf: %q", o)
		}
		// Its catalog row now names a missing file.
		if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].String(), `catalog.csv:4: file "truncated.pdf" not found`) {
			t.Errorf("problems: %v", rep.Problems)
		}
		st := loadState(t, idx)
		if _, ok := st.Files["truncated.pdf"]; ok || len(st.Files) != 3 || rep.Documents != 3 {
			t.Errorf("after delete: %d files in state, %d documents", len(st.Files), rep.Documents)
		}
	})
	t.Run("full rebuild from the cache", func(t *testing.T) {
		cfg := cfg
		cfg.Full = true
		rep := mustRun(t, cfg)
		if rep.Counts[OutcomeIndexed] != 2 || rep.Counts[OutcomeUncatalogued] != 1 {
			t.Errorf("full: %v", rep.Counts)
		}
		for _, f := range rep.Files {
			if !f.Cached {
				t.Errorf("%s extracted again in a full rebuild with the same extractor", f.Path)
			}
		}
	})
	t.Run("readable by search", func(t *testing.T) {
		x, err := search.Open(idx, search.Options{ReloadInterval: -1})
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		stats, err := x.Stats()
		if err != nil || stats.Documents != 3 {
			t.Fatalf("stats %+v, %v", stats, err)
		}
		d, err := x.Document(context.Background(), "guide")
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != "Identifying victims" || strings.Join(d.Regions, ";") != "Asia;South-eastern Asia" ||
			strings.Join(d.Publishers, ";") != "OSCE/ODIHR" || d.Language != "en" {
			t.Errorf("guide: %+v", d.Document)
		}
		d, err = x.Document(context.Background(), "fr-orientation")
		if err != nil {
			t.Fatal(err)
		}
		if d.Language != "fr" || d.Outcome != OutcomeIndexed {
			t.Errorf("fr/orientation: language %q, outcome %q, title %q", d.Language, d.Outcome, d.Title)
		}
	})
}

func TestLockedIndex(t *testing.T) {
	lib := smallLibrary(t)
	idx := t.TempDir()
	st, _ := search.OpenStore(idx, nil)
	upd, err := st.Begin(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer upd.Abort()
	if _, err := Run(context.Background(), runConfig(lib, idx)); !errors.Is(err, ErrLocked) {
		t.Errorf("run on a locked index: %v", err)
	}
}

func TestSymlinkOutsideLibrary(t *testing.T) {
	lib := smallLibrary(t)
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"secret.pdf": string(pdfBytes("s", "secret text"))})
	if err := os.Symlink(filepath.Join(outside, "secret.pdf"), filepath.Join(lib, "link.pdf")); err != nil {
		t.Skip(err)
	}
	os.Symlink(outside, filepath.Join(lib, "linkdir"))
	os.Symlink(filepath.Join(lib, "guide.pdf"), filepath.Join(lib, "inside.pdf"))
	rep := mustRun(t, runConfig(lib, t.TempDir()))
	got := outcomes(rep)
	if got["link.pdf"] != OutcomeRefused || got["inside.pdf"] != OutcomeUncatalogued {
		t.Errorf("outcomes: %v", got)
	}
	for p := range got {
		if strings.HasPrefix(p, "linkdir/") {
			t.Errorf("followed a folder link out of the library: %s", p)
		}
	}
}
