package pdftext

import (
	"context"
	"strings"
	"testing"

	"handbooks/internal/scanpdf"
)

func TestGarbage(t *testing.T) {
	prose := "The first responder explains the national referral mechanism to the person and asks for consent before the referral is made. "
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"prose", strings.Repeat(prose, 3), false},
		{"numbers table", strings.Repeat("2019 2020 2021 12.5% 13.1% 14.0% £1,200 ", 10), false},
		{"acronyms", "NRM CPS HMRC GLAA DWP NCA " + strings.Repeat(prose, 2), false},
		{"russian", strings.Repeat("Национальный механизм перенаправления жертв торговли людьми. ", 4), false},
		{"arabic", strings.Repeat("الآلية الوطنية للإحالة لضحايا الاتجار بالبشر. ", 4), false},
		{"private use", strings.Repeat("\ue001\ue002\ue003 \ue004\ue005 ", 20), true},
		{"shifted codes", strings.Repeat("Tkh ifqpw qhvsrqghq hasodlqv wkh qdwlrqdo uhihuudo phfkdqlvp wr wkh shuvrq. ", 4), true},
		{"symbols", strings.Repeat("☐☑☒♦♣♠ ◊◊ ", 15), true},
		{"short", "\ue001\ue002", false},
	}
	for _, tt := range tests {
		if got := garbage(tt.text); got != tt.want {
			t.Errorf("%s: garbage = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestOCRReasons: a scan with a running header drawn as text over it needs
// OCR; a digital page over a full-page background picture does not.
func TestOCRReasons(t *testing.T) {
	pic := testPicture(850, 1100)
	path := writeScan(t, []scanpdf.Page{
		{Image: pic, DPI: 100, Codec: scanpdf.JPEG, Header: "Annual report 2004"},
		{Image: pic, DPI: 100, Codec: scanpdf.JPEG, Header: "Annual report 2004"},
		{Image: pic, DPI: 100, Codec: scanpdf.JPEG, Header: strings.Repeat("A page of real text drawn over a background picture. ", 2)},
		{Image: pic, DPI: 100, Codec: scanpdf.G4},
	})
	res := Extract(context.Background(), path)
	want := []string{ScanHeader, ScanHeader, "", ScanNoText}
	for i, p := range res.Pages {
		if p.OCRReason != want[i] || p.NeedsOCR != (want[i] != "") {
			t.Errorf("page %d: %q (needs OCR %v), want %q", p.Number, p.OCRReason, p.NeedsOCR, want[i])
		}
	}
}
