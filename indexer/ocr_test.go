package indexer

import (
	"bytes"
	"context"
	"image"
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
	if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Pages) == 0 {
		x.Close()
		t.Fatalf("search: %v, %+v", err, res)
	}
	ph := res.Hits[0].Pages[0]
	if ph.Source != search.SourceOCR || ph.Confidence == nil || *ph.Confidence < 50 || !strings.Contains(ph.Snippet, "<mark>") {
		t.Errorf("page hit %+v: want source ocr, a confidence and a passage", ph)
	}
	pt, err := x.Page(context.Background(), "scan", ph.Page, "referral")
	x.Close()
	if err != nil || pt.Source != search.SourceOCR || !strings.Contains(pt.HTML, "<mark>") {
		t.Errorf("page text %+v, %v: want source ocr and marks", pt, err)
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

// TestOCRHostileImages: a decompression bomb, a truncated JPEG and an
// image of absurd resolution each give their page a clear outcome; the
// files are still indexed, and the good scan beside them is read.
func TestOCRHostileImages(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR run: not in -short")
	}
	good := scanOf(t, filepath.Join("..", "testdata", "library", "nrm-handbook-2006.pdf"), []int{1}, scanpdf.JPEG)
	small := func(codec string) []byte {
		img := image.NewGray(image.Rect(0, 0, 300, 400))
		for i := range img.Pix {
			img.Pix[i] = uint8(i % 251)
		}
		var buf bytes.Buffer
		if err := scanpdf.Write(&buf, []scanpdf.Page{{Image: img, DPI: 100, Codec: codec}}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	bomb := bytes.Replace(small(scanpdf.Flate), []byte("/Width 300 /Height 400"), []byte("/Width 100000 /Height 100000"), 1)
	tiny := bytes.Replace(small(scanpdf.Flate), []byte("/Width 300 /Height 400"), []byte("/Width 3 /Height 4"), 1)
	jpg := small(scanpdf.JPEG)
	i := bytes.Index(jpg, []byte("/DCTDecode"))
	i += bytes.Index(jpg[i:], []byte("stream\n")) + len("stream\n")
	j := bytes.Index(jpg[i:], []byte("\nendstream")) + i
	truncated := append(append([]byte{}, jpg[:i+(j-i)/3]...), jpg[j:]...)

	lib, idx := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		"good.pdf": string(good), "bomb.pdf": string(bomb), "tiny.pdf": string(tiny), "truncated.pdf": string(truncated),
	})
	rep := mustRun(t, runConfig(lib, idx))
	want := map[string]string{
		"bomb.pdf":      "100000 × 100000",
		"tiny.pdf":      "too low to read",
		"truncated.pdf": "truncated JPEG",
	}
	for _, f := range rep.Files {
		if f.Path == "good.pdf" {
			if f.Outcome != OutcomeUncatalogued || len(f.OCRPages) != 1 {
				t.Errorf("good scan: %+v", f)
			}
			continue
		}
		if f.Outcome != OutcomeNoText || len(f.PageErrors) != 1 || !strings.Contains(f.PageErrors[0], "needs_ocr: ") ||
			!strings.Contains(f.PageErrors[0], want[f.Path]) {
			t.Errorf("%s: outcome %s, page errors %q; want no_text and %q", f.Path, f.Outcome, f.PageErrors, want[f.Path])
		}
	}
	if rep.OCR.Failed != 3 || rep.OCR.Pages != 1 {
		t.Errorf("OCR report %+v, want 1 page read and 3 unreadable", rep.OCR)
	}
}

// TestOCRLanguageAndOrientation: a Russian scan that nothing labels is
// read in Russian (the script decides), and a page scanned sideways is
// turned upright before it is read.
func TestOCRLanguageAndOrientation(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR run: not in -short")
	}
	ctx := context.Background()
	ru := scanOf(t, filepath.Join("..", "testdata", "library", "ru", "nacionalnye-mehanizmy-perenapravleniya-2008.pdf"), []int{2}, scanpdf.JPEG)
	eng, _ := ocr.Find(ctx)
	if !eng.Has("rus") {
		t.Skip("Russian language data not installed (tesseract-ocr-rus)")
	}
	r, _ := ocr.FindRenderer()
	img, err := r.Render(ctx, filepath.Join("..", "testdata", "library", "nrm-handbook-2006.pdf"), 2, 200)
	if err != nil {
		t.Fatal(err)
	}
	var sideways bytes.Buffer
	if err := scanpdf.Write(&sideways, []scanpdf.Page{{Image: ocr.Turn(img, 90), DPI: 200, Codec: scanpdf.JPEG}}); err != nil {
		t.Fatal(err)
	}
	lib, idx := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{"ru-scan.pdf": string(ru), "sideways.pdf": sideways.String()})
	rep := mustRun(t, runConfig(lib, idx))
	if rep.OCR.Pages != 2 {
		t.Fatalf("OCR %+v; files %+v", rep.OCR, rep.Files)
	}
	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, f := range rep.Files {
		pt, err := x.Page(ctx, f.ID, 1, "")
		if err != nil {
			t.Fatal(err)
		}
		switch f.Path {
		case "ru-scan.pdf":
			cyr := 0
			for _, c := range pt.Text {
				if c >= 0x400 && c < 0x500 {
					cyr++
				}
			}
			if cyr < 100 {
				t.Errorf("Russian scan read as %q", pt.Text)
			}
		case "sideways.pdf":
			if !strings.Contains(strings.ToLower(pt.Text), "referral") || pt.Confidence == nil || *pt.Confidence < 70 {
				t.Errorf("sideways page read as %q (confidence %v)", pt.Text, pt.Confidence)
			}
		}
	}
}
