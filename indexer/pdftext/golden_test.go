package pdftext

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const libraryDir = "../../testdata/library"

// TestGoldenLibrary pins the page text of the sample library's PDFs.
// Refresh with: go test ./indexer/pdftext -run Golden -update
func TestGoldenLibrary(t *testing.T) {
	var files []string
	filepath.WalkDir(libraryDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no sample library PDFs")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(libraryDir, f)
		golden := filepath.Join("testdata", "golden", strings.TrimSuffix(rel, ".pdf")+".txt")
		t.Run(rel, func(t *testing.T) {
			got := goldenText(Extract(context.Background(), f))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("text of %s differs from %s (run with -update if the change is intended)\n%s", rel, golden, firstDiff(string(want), got))
			}
		})
	}
}

// goldenText renders a result for review in diffs: outcome, then each
// page with its label, running lines and text.
func goldenText(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "outcome: %s\nheading: %s\n", r.Outcome, r.Info.Heading)
	for _, p := range r.Pages {
		fmt.Fprintf(&b, "\n=== page %d label %q source %s", p.Number, p.Label, p.Source)
		if p.NeedsOCR {
			b.WriteString(" needs-ocr")
		}
		if p.Error != "" {
			fmt.Fprintf(&b, " error %q", p.Error)
		}
		b.WriteString("\n")
		for _, l := range p.Running {
			fmt.Fprintf(&b, "running: %s\n", l)
		}
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, wl, gl)
		}
	}
	return ""
}
