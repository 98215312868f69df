package indexer

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"handbooks/indexer/ocr"
	"handbooks/indexer/pdftext"
)

func TestPageList(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{[]int{4}, "4"},
		{[]int{1, 2, 3}, "1–3"},
		{[]int{2, 4, 5, 6, 9}, "2, 4–6, 9"},
	}
	for _, tt := range tests {
		if got := pageList(tt.in); got != tt.want {
			t.Errorf("pageList(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The sample library's shelter standards have a scanned page: with OCR
// available its text is read and the report names it as OCR'd; without,
// the report must say which page needs OCR, although the file is indexed.
func TestReportNamesPagesNeedingOCR(t *testing.T) {
	lib, err := filepath.Abs("../testdata/library")
	if err != nil {
		t.Fatal(err)
	}
	_, ocrErr := ocr.Find(context.Background())
	if ocrErr == nil && testing.Short() {
		ocrErr = errors.New("not in -short")
	}
	for _, noOCR := range []bool{true, false} {
		if !noOCR && ocrErr != nil {
			t.Logf("OCR half skipped: %v (install tesseract-ocr)", ocrErr)
			continue
		}
		cfg := runConfig(lib, t.TempDir())
		cfg.NoOCR = noOCR
		rep := mustRun(t, cfg)
		i := slices.IndexFunc(rep.Files, func(f FileReport) bool {
			return f.Path == "victim-support/shelter-minimum-standards-2004.pdf"
		})
		if i < 0 {
			t.Fatal("shelter standards missing from the report")
		}
		f := rep.Files[i]
		switch {
		case noOCR && (f.Outcome != OutcomeIndexed || !slices.Equal(f.NeedsOCR, []int{4}) || f.Reason == ""):
			t.Errorf("without OCR: outcome %s, needs_ocr %v, reason %q; want indexed, [4], a reason",
				f.Outcome, f.NeedsOCR, f.Reason)
		case !noOCR && (f.Outcome != OutcomeIndexed || len(f.NeedsOCR) != 0 || !slices.Equal(f.OCRPages, []int{4}) || rep.OCR.Pages != 1):
			t.Errorf("with OCR: outcome %s, needs_ocr %v, ocr_pages %v, %+v; want indexed, [], [4]",
				f.Outcome, f.NeedsOCR, f.OCRPages, rep.OCR)
		}
	}
}

func TestWithoutRunning(t *testing.T) {
	tests := []struct {
		text    string
		running []string
		want    string
	}{
		{"Guide to referral\nBody text.\nOFFICIAL - Page | 4", []string{"Guide to referral", "OFFICIAL - Page | 4"}, "Body text."},
		{"Body only.", nil, "Body only."},
		// a line that repeats in the body is dropped once only
		{"12\nThe 12 indicators\n12", []string{"12"}, "The 12 indicators\n12"},
	}
	for _, tt := range tests {
		if got := withoutRunning(pdftext.Page{Text: tt.text, Running: tt.running}); got != tt.want {
			t.Errorf("withoutRunning(%q, %q) = %q, want %q", tt.text, tt.running, got, tt.want)
		}
	}
}
