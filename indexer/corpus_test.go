package indexer

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Indexing the shared corpus (real guidance documents and files from PDF
// test suites, many broken on purpose) completes, with a report entry for
// every PDF, and a second run finds everything unchanged.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the corpus")
	}
	lib := corpusDir(t)
	var pdfs []string
	filepath.WalkDir(lib, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			rel, _ := filepath.Rel(lib, p)
			pdfs = append(pdfs, filepath.ToSlash(rel))
		}
		return nil
	})
	idx := t.TempDir()
	cfg := runConfig(lib, idx)
	cfg.Timeout = 60 * time.Second
	rep := mustRun(t, cfg)
	got := outcomes(rep)
	for _, p := range pdfs {
		if got[p] == "" {
			t.Errorf("%s: no report entry", p)
		}
	}
	for _, f := range rep.Files {
		if strings.HasPrefix(f.Reason, "worker") || strings.HasPrefix(f.Reason, "timed out") {
			t.Logf("%s: %s", f.Path, f.Reason) // isolated, but worth knowing
		}
	}
	t.Logf("first run: %.1fs, %v, %d problems", rep.Seconds, rep.Counts, len(rep.Problems))
	if rep.Counts[OutcomeIndexed] < 10 {
		t.Errorf("only %d catalogued documents indexed (domain/catalog.csv has 10 rows)", rep.Counts[OutcomeIndexed])
	}

	again := mustRun(t, cfg)
	if again.Counts[OutcomeUnchanged] != len(pdfs) || again.Committed {
		t.Errorf("second run: %v", again.Counts)
	}
	t.Logf("second run: %.2fs", again.Seconds)
}
