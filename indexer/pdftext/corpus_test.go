package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

const corpusDir = "../../../shared/corpus"

// TestDomainCorpus extracts the real guidance documents: every one must
// give text on its pages. The corpus is not part of the repository; the
// test skips without it. (The broken files of the wild corpus are measured
// by cmd/extractquality, which isolates each in a child process.)
func TestDomainCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "domain", "*.pdf"))
	if len(files) == 0 {
		t.Skip("corpus absent")
	}
	for _, f := range files {
		r := Extract(context.Background(), f)
		if r.Outcome != OutcomeOK {
			t.Errorf("%s: outcome %s (%s)", filepath.Base(f), r.Outcome, r.Reason)
			continue
		}
		for _, p := range r.Pages {
			if p.Error != "" {
				t.Errorf("%s page %d: %s", filepath.Base(f), p.Number, p.Error)
			}
		}
	}
}

// TestExtractCancelled stops at once when the context is done.
func TestExtractCancelled(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(path, pagesPDF("", "BT /F1 12 Tf 72 700 Td (x) Tj ET").bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := Extract(ctx, path)
	if r.Outcome != OutcomeBroken || r.Reason == "" {
		t.Errorf("outcome %s (%q), want broken with a reason", r.Outcome, r.Reason)
	}
	if r := Extract(context.Background(), filepath.Join(dir, "missing.pdf")); r.Outcome != OutcomeBroken {
		t.Errorf("missing file: outcome %s", r.Outcome)
	}
}
