package ocr

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tModern\n" +
		"5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tslavery\n" +
		"5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tguidance\n" +
		"5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t60\tAnnex\n" +
		"5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t-1\t \n"
	got := parseTSV([]byte(tsv))
	want := "Modern slavery\nguidance\n\nAnnex"
	if got.Text != want || got.Words != 4 || got.Confidence != 75 {
		t.Errorf("parseTSV = %q, %d words, confidence %v; want %q, 4, 75", got.Text, got.Words, got.Confidence, want)
	}
}

func TestParsePGMRejects(t *testing.T) {
	for name, in := range map[string]string{
		"not pgm":   "P6\n1 1\n255\nabc",
		"bomb":      "P5\n100000 100000\n255\n",
		"truncated": "P5\n10 10\n255\nabc",
		"16-bit":    "P5\n1 1\n65535\nab",
	} {
		if _, err := parsePGM([]byte(in)); err == nil {
			t.Errorf("%s: parsePGM accepted it", name)
		}
	}
}

// TestRenderAndRecognize renders a page of the sample library and reads it
// back: the words of its text layer must come back.
func TestRenderAndRecognize(t *testing.T) {
	ctx := context.Background()
	e, err := Find(ctx)
	if err != nil {
		t.Skipf("OCR test skipped: %v (install tesseract-ocr)", err)
	}
	r, err := FindRenderer()
	if err != nil {
		t.Skipf("OCR test skipped: %v (install poppler-utils)", err)
	}
	img, err := r.Render(ctx, filepath.Join("..", "..", "testdata", "library", "nrm-handbook-2006.pdf"), 1, 200)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := e.Recognize(ctx, img, Options{Languages: []string{"eng"}, DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	if txt.Words < 5 || txt.Confidence < 50 || !strings.Contains(strings.ToLower(txt.Text), "referral") {
		t.Errorf("read %d words at confidence %.0f: %q", txt.Words, txt.Confidence, txt.Text)
	}
	langs, missing := e.LanguagesFor([]string{"en", "fr", "xx", "en"})
	if len(langs) == 0 || langs[0] != "eng" || len(missing) == 0 || missing[len(missing)-1] != "xx" {
		t.Errorf("LanguagesFor = %v, %v", langs, missing)
	}
}
