package pdftext

import "testing"

func TestCFFStandardStrings(t *testing.T) {
	s := cffStandardStrings()
	if len(s) != 391 {
		t.Fatalf("%d standard strings, want 391", len(s))
	}
	for sid, want := range map[int]string{0: ".notdef", 34: "A", 228: "zcaron", 229: "exclamsmall", 390: "Semibold"} {
		if s[sid] != want {
			t.Errorf("string %d = %q, want %q", sid, s[sid], want)
		}
	}
}
