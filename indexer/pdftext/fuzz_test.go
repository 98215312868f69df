package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// Extract never panics and always classifies a file, whatever its bytes:
// the outcome is one of the four, a failure has a reason, pages are
// numbered from 1 and their text is valid UTF-8. The seeds are small real
// PDFs of the sample library and the corpus in testdata/fuzz/FuzzExtract;
// run it longer with
//
//	go test -run='^$' -fuzz=FuzzExtract -fuzztime=3m ./indexer/pdftext
//
// A deadline bounds each input: an input that runs past it is reported as
// a hang by the fuzzing engine, not silently skipped.
func FuzzExtract(f *testing.F) {
	var seeds []string
	for _, pat := range []string{"../../testdata/library/*.pdf", "../../testdata/library/*/*.pdf",
		"../../../shared/corpus/wild/py-pdf_sample-files/*.pdf"} {
		m, _ := filepath.Glob(pat)
		seeds = append(seeds, m...)
	}
	for _, p := range seeds {
		if fi, err := os.Stat(p); err != nil || fi.Size() > 64<<10 {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	f.Add([]byte("%PDF-1.7\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "f.pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res := Extract(ctx, path)
		if res == nil {
			t.Fatal("nil result")
		}
		switch res.Outcome {
		case OutcomeOK, OutcomeNoText, OutcomeEncrypted, OutcomeBroken:
		default:
			t.Fatalf("outcome %q", res.Outcome)
		}
		if res.Outcome != OutcomeOK && res.Reason == "" && ctx.Err() == nil {
			t.Errorf("outcome %s without a reason", res.Outcome)
		}
		for i, p := range res.Pages {
			if p.Number != i+1 {
				t.Errorf("page %d numbered %d", i+1, p.Number)
			}
			if !utf8.ValidString(p.Text) {
				t.Errorf("page %d: text is not valid UTF-8", p.Number)
			}
		}
	})
}
