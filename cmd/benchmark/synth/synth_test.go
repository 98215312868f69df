package synth

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestZipfFrequencies(t *testing.T) {
	z := NewZipf(1000, 1.07)
	r := rand.New(rand.NewPCG(1, 2))
	const n = 200_000
	counts := make([]int, z.N())
	for range n {
		k := z.Rank(r)
		if k < 0 || k >= z.N() {
			t.Fatalf("rank %d out of range", k)
		}
		counts[k]++
	}
	for _, k := range []int{0, 1, 9, 99} {
		got := float64(counts[k]) / n
		want := z.P(k)
		if math.Abs(got-want) > 4*math.Sqrt(want/n)+1e-4 {
			t.Errorf("rank %d: frequency %.5f, want %.5f", k, got, want)
		}
	}
	// Zipf's law: rank 1 about 2^s times as frequent as rank 2.
	if ratio := z.P(0) / z.P(1); math.Abs(ratio-math.Pow(2, 1.07)) > 1e-9 {
		t.Errorf("P(0)/P(1) = %v", ratio)
	}
}

func TestPlanSumsToPages(t *testing.T) {
	for _, pages := range []int{1, 500, 5000} {
		total := 0
		for _, n := range Plan(7, pages) {
			if n < 1 {
				t.Fatalf("empty handbook in plan of %d", pages)
			}
			total += n
		}
		if total != pages {
			t.Errorf("plan of %d pages has %d", pages, total)
		}
	}
}

func TestHandbookDeterministic(t *testing.T) {
	vs := []*Vocab{NewVocab(&Languages[0]), NewVocab(&Languages[1])}
	a := NewHandbook(vs, 3, 10, 7)
	b := NewHandbook(vs, 3, 10, 7)
	if len(a.Doc.Pages) != 7 {
		t.Fatalf("%d pages, want 7", len(a.Doc.Pages))
	}
	var wa, wb bytes.Buffer
	NewPDFWriter().Write(&wa, a.Doc)
	NewPDFWriter().Write(&wb, b.Doc)
	if !bytes.Equal(wa.Bytes(), wb.Bytes()) {
		t.Error("same seed gave different PDFs")
	}
}

func TestPDFString(t *testing.T) {
	for in, want := range map[string]string{
		"a(b)c":  `(a\(b\)c)`,
		`x\y`:    `(x\\y)`,
		"é":      `(\351)`,
		"’":      `(\222)`,
		"Россия": "(??????)",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestPDFReadableByPdftotext checks the writer's output with poppler.
func TestPDFReadableByPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	rows, _, err := Generate(context.Background(), dir, 1, 30, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, row.File), "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext %s: %v\n%s", row.File, err, out)
		}
		text := string(out)
		pages := strings.Count(text, "\f")
		if pages == 0 {
			t.Fatalf("%s: no pages", row.File)
		}
		// The title (with its accents) is on the first page.
		first := strings.Join(strings.Fields(strings.SplitN(text, "\f", 2)[0]), " ")
		if !strings.Contains(first, strings.Join(strings.Fields(row.Title), " ")) {
			t.Errorf("%s: title %q not on first page:\n%.300s", row.File, row.Title, first)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "catalog.csv")); err != nil {
		t.Error(err)
	}
}
