package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFactsAreOnTheirPages(t *testing.T) {
	for _, d := range library() {
		if err := checkFacts(d); err != nil {
			t.Error(err)
		}
	}
}

func TestRunWritesLibrary(t *testing.T) {
	m := &Main{}
	if err := m.ParseFlags(context.Background(), []string{"-out", t.TempDir(), "-work", t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(m.Fonts, "DejaVuSans.ttf")); err != nil {
		t.Skip("DejaVu fonts not installed:", err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}

	f, err := os.Open(filepath.Join(m.Out, "catalog.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != strings.Join(catalogHeader, ",") {
		t.Errorf("header = %s", got)
	}
	rows := 0
	for _, d := range library() {
		if d.Row != nil {
			rows++
		}
		if d.Producer != goPDF || d.Encrypt || d.ScanPage > 0 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(m.Out, d.File))
		if err != nil {
			t.Error(err)
			continue
		}
		whole := bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF"))
		if !bytes.HasPrefix(b, []byte("%PDF-")) || whole == d.Truncate {
			t.Errorf("%s: %d bytes, complete=%v, want complete=%v", d.File, len(b), whole, !d.Truncate)
		}
	}
	if len(recs)-1 != rows {
		t.Errorf("catalog has %d rows, want %d", len(recs)-1, rows)
	}
	for _, dir := range []string{"html", "ps", "scan", "encrypt"} {
		if _, err := os.Stat(filepath.Join(m.Work, dir)); err != nil {
			t.Errorf("work folder: %v", err)
		}
	}
}
