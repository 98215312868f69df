package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWordF1(t *testing.T) {
	tests := []struct {
		ref, got string
		want     float64
	}{
		{"The referral, made.", "the REFERRAL made", 1},
		{"a b c d", "a b", 2 * 1 * 0.5 / 1.5},
		{"a a b", "a b b", 2.0 / 3},
		{"words", "", 0},
		{"Национальный механизм", "национальный механизм", 1},
	}
	for _, tt := range tests {
		if got := wordF1(tt.ref, tt.got); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("wordF1(%q, %q) = %v, want %v", tt.ref, tt.got, got, tt.want)
		}
	}
}

// TestWriteSection: the section goes after the introduction, and a later
// run replaces it in place.
func TestWriteSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	os.WriteFile(path, []byte("# Benchmarks\n\nIntro.\n\n## 2026-11-27\n\nolder\n"), 0o644)
	for _, run := range []string{"first", "second"} {
		if err := writeSection(path, sectionStart+"\n## OCR "+run+"\n"+sectionEnd+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(path)
	s := string(b)
	if strings.Count(s, sectionStart) != 1 || strings.Contains(s, "first") || !strings.Contains(s, "## OCR second") ||
		strings.Index(s, "## OCR") > strings.Index(s, "## 2026-11-27") || !strings.HasPrefix(s, "# Benchmarks\n\nIntro.") {
		t.Errorf("file after two runs:\n%s", s)
	}
}
