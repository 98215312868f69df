package indexer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbooks/indexer/ocr"
	"handbooks/internal/scanpdf"
	"handbooks/search"
)

// scanOf renders page n of a PDF and wraps the picture as a scanned,
// image-only PDF.
func scanOf(t *testing.T, pdfPath string, pages []int, codec string) []byte {
	t.Helper()
	ctx := context.Background()
	if _, err := ocr.Find(ctx); err != nil {
		t.Skipf("OCR test skipped: %v (install tesseract-ocr)", err)
	}
	r, err := ocr.FindRenderer()
	if err != nil {
		t.Skipf("OCR test skipped: %v (install poppler-utils)", err)
	}
	var sp []scanpdf.Page
	for _, n := range pages {
		img, err := r.Render(ctx, pdfPath, n, 200)
		if err != nil {
			t.Fatal(err)
		}
		sp = append(sp, scanpdf.Page{Image: img, DPI: 200, Codec: codec})
	}
	var buf bytes.Buffer
	if err := scanpdf.Write(&buf, sp); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestOCRRun indexes a scanned handbook: its pages are read with OCR,
// found by search with "source": "ocr", counted in the report; an
// unchanged run reads nothing again, nor does a full rebuild (the OCR
// cache), and -ocr=false leaves the pages waiting for a later run.
func TestOCRRun(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR run: not in -short")
	}
	scan := scanOf(t, filepath.Join("..", "testdata", "library", "nrm-handbook-2006.pdf"), []int{1, 2}, scanpdf.JPEG)
	lib, idx := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"catalog.csv": csvHeader + "scan.pdf,scan,Scanned handbook,Guidance,,,,OSCE,2006,,en,,,,\n",
		"scan.pdf":    string(scan),
	})

	cfg := runConfig(lib, idx)
	cfg.NoOCR = true
	rep := mustRun(t, cfg)
	if rep.OCR == nil || rep.OCR.Off == "" || rep.OCR.Pending != 2 || rep.Files[0].Outcome != OutcomeNoText {
		t.Fatalf("with OCR off: %+v, %+v", rep.OCR, rep.Files)
	}

	cfg.NoOCR = false
	rep = mustRun(t, cfg)
	if rep.OCR.Pages != 2 || rep.OCR.Pending != 0 || rep.Files[0].Outcome != OutcomeIndexed || len(rep.Files[0].OCRPages) != 2 {
		t.Fatalf("OCR run: %+v, %+v", rep.OCR, rep.Files)
	}
	var sum strings.Builder
	rep.WriteSummary(&sum)
	if !strings.Contains(sum.String(), "OCR (tesseract") {
		t.Errorf("summary without OCR line:\n%s", sum.String())
	}

	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(context.Background(), search.Request{Query: "national referral mechanisms"})
	x.Close()
	if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Pages) == 0 {
		t.Fatalf("search: %v, %+v", err, res)
	}

	rep = mustRun(t, cfg)
	if rep.OCR.Pages != 0 || rep.Files[0].Outcome != OutcomeUnchanged {
		t.Errorf("unchanged run read pages: %+v, %+v", rep.OCR, rep.Files)
	}
	// A full rebuild by another program: the extraction cache is of no
	// use, the OCR cache is.
	os.RemoveAll(filepath.Join(idx, cacheDirName))
	cfg.Full = true
	rep = mustRun(t, cfg)
	if rep.OCR.Pages != 0 || rep.OCR.Cached != 2 {
		t.Errorf("full rebuild read pages again: %+v", rep.OCR)
	}
}

// TestOCRBudget: a page budget of one page reads one page and leaves the
// other for the next run.
func TestOCRBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR run: not in -short")
	}
	scan := scanOf(t, filepath.Join("..", "testdata", "library", "nrm-handbook-2006.pdf"), []int{1, 2}, scanpdf.G4)
	lib, idx := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"scan.pdf": string(scan)})
	cfg := runConfig(lib, idx)
	cfg.OCRPages = 1
	rep := mustRun(t, cfg)
	if rep.OCR.Pages != 1 || rep.OCR.Pending != 1 {
		t.Fatalf("budget 1: %+v", rep.OCR)
	}
	rep = mustRun(t, cfg)
	if rep.OCR.Pages != 1 || rep.OCR.Cached != 1 || rep.OCR.Pending != 0 {
		t.Fatalf("next run: %+v %+v", rep.OCR, rep.Files)
	}
}
