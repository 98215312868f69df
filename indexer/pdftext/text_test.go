package pdftext

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func pageText(t *testing.T, res string, content string) string {
	t.Helper()
	r := extractBytes(t, pagesPDF(res, content).bytes())
	if len(r.Pages) != 1 {
		t.Fatalf("pages = %d, want 1 (%s: %s)", len(r.Pages), r.Outcome, r.Reason)
	}
	if r.Pages[0].Error != "" {
		t.Fatalf("page error: %s", r.Pages[0].Error)
	}
	return r.Pages[0].Text
}

func TestTextSpacing(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"TJ offsets make spaces, kerning does not",
			"BT /F1 12 Tf 72 700 Td [(Hello) -300 (wor) 20 (ld) -15 (!)] TJ ET", "Hello world!"},
		{"word spacing widens spaces",
			"BT /F1 12 Tf 5 Tw 72 700 Td (two words) Tj ET", "two words"},
		{"character spacing keeps a word whole",
			"BT /F1 12 Tf 3 Tc 72 700 Td (Spaced) Tj ET", "Spaced"},
		{"separate strings placed apart",
			"BT /F1 12 Tf 72 700 Td (left) Tj 40 0 Td (right) Tj ET", "left right"},
		{"strings placed end to end join",
			"BT /F1 12 Tf 72 700 Td (traf) Tj (ficking) Tj ET", "trafficking"},
		{"quote operators move to the next line",
			"BT /F1 12 Tf 14 TL 72 700 Td (one) Tj (two) ' 2 0 (three) \" ET", "one\ntwo\nthree"},
		{"horizontal scaling shrinks advances",
			"BT /F1 12 Tf 50 Tz 72 700 Td (ab) Tj 7 0 Td (cd) Tj ET", "abcd"},
		{"letter-spaced heading",
			"BT /F1 12 Tf 72 700 Td [(H) -300 (E) -300 (L) -300 (P)] TJ ET", "HELP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageText(t, "", tt.content); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStandard14Widths(t *testing.T) {
	// Helvetica without /Widths: H e l l o = 722+556+222+222+556 units.
	gl := pageGlyphs(t, pagesPDF("", "BT /F1 10 Tf 100 700 Td (Hello) Tj ET").bytes())
	if len(gl) != 5 {
		t.Fatalf("glyphs = %d, want 5", len(gl))
	}
	if got, want := gl[4].x1, 100+22.78; math.Abs(got-want) > 0.01 {
		t.Errorf("end of Hello = %.2f, want %.2f", got, want)
	}
	// Courier: every glyph 600 units.
	res := "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Courier >> >> >>"
	gl = pageGlyphs(t, pagesPDF(res, "BT /F1 10 Tf 0 700 Td (iW) Tj ET").bytes())
	if len(gl) != 2 || math.Abs(gl[1].x0-6) > 0.01 {
		t.Errorf("Courier glyphs = %+v, want second at 6", gl)
	}
}

// cidFont is a Type0 font with Identity-H codes, a ToUnicode map and
// widths: CIDs 1-2 ("A", "B") are 250 wide, 3 ("C") 500, others DW 800.
func cidFont(p *testPDF) string {
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfchar <0001> <0041> <0004> <FB01> endbfchar\n" +
		"1 beginbfrange <0002> <0003> <0042> endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	tu := p.add(stream("", cmap))
	desc := p.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 800 /W [1 [250 250] 3 3 500] >>")
	f := p.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	return fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", f)
}

func TestCIDFontWidthsAndToUnicode(t *testing.T) {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("")
	res := cidFont(p)
	s := p.add(stream("", "BT /F1 10 Tf 0 700 Td <0001000200030005> Tj ET"))
	pg := p.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>", res, s))
	p.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	gl := pageGlyphs(t, p.bytes())
	var text []string
	for _, g := range gl {
		text = append(text, g.s)
	}
	if got := strings.Join(text, ""); got != "ABC" {
		t.Errorf("text = %q, want ABC (code 5 has no text)", got)
	}
	wantX0 := []float64{0, 2.5, 5}
	for i, g := range gl {
		if math.Abs(g.x0-wantX0[i]) > 0.001 {
			t.Errorf("glyph %d at %.3f, want %.3f", i, g.x0, wantX0[i])
		}
	}
	if len(gl) == 3 && math.Abs(gl[2].x1-10) > 0.001 {
		t.Errorf("C ends at %.3f, want 10", gl[2].x1)
	}
}

func TestLigaturesNormalised(t *testing.T) {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("")
	res := cidFont(p)
	s := p.add(stream("", "BT /F1 10 Tf 0 700 Td <00040001> Tj ET"))
	pg := p.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>", res, s))
	p.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	r := extractBytes(t, p.bytes())
	if got := r.Pages[0].Text; got != "fiA" {
		t.Errorf("text = %q, want fiA", got)
	}
}

func TestDifferencesEncoding(t *testing.T) {
	res := "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /eacute /uni0142 /f_i 90 /g123] >> >> >> >>"
	got := pageText(t, res, "BT /F1 12 Tf 72 700 Td (ABCxZ) Tj ET")
	if got != "éłfixZ" {
		t.Errorf("text = %q, want éłfixZ", got)
	}
}

func TestFormXObjects(t *testing.T) {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("")
	f := p.add(helvetica)
	// form 4 draws text and then itself (a cycle); form 5 nests form 4
	p.add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Matrix [1 0 0 1 0 -100] /Resources << /Font << /F1 %d 0 R >> /XObject << /Me 4 0 R >> >>", f),
		"BT /F1 12 Tf 72 700 Td (inside the form) Tj ET /Me Do"))
	p.add(stream("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /XObject << /Inner 4 0 R >> >>", "q 1 0 0 1 0 -100 cm /Inner Do Q"))
	s := p.add(stream("", "BT /F1 12 Tf 72 700 Td (on the page) Tj ET /Fm Do /Outer Do"))
	pg := p.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> /XObject << /Fm 4 0 R /Outer 5 0 R >> >> /Contents %d 0 R >>", f, s))
	p.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	r := extractBytes(t, p.bytes())
	want := "on the page\n\ninside the form\n\ninside the form"
	if got := r.Pages[0].Text; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestAnnotationAppearances(t *testing.T) {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("")
	f := p.add(helvetica)
	ap := p.add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /F1 %d 0 R >> >>", f),
		"/Tx BMC BT /F1 10 Tf 2 5 Td (stamped) Tj ET EMC"))
	empty := p.add(stream("/Type /XObject /Subtype /Form /BBox [0 0 100 20]", "/Tx BMC EMC"))
	hidden := p.add(fmt.Sprintf("<< /Type /Annot /Subtype /Stamp /F 2 /Rect [100 300 200 320] /AP << /N %d 0 R >> >>", ap))
	shown := p.add(fmt.Sprintf("<< /Type /Annot /Subtype /Stamp /Rect [100 500 200 520] /AP << /N %d 0 R >> >>", ap))
	field := p.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Alice Smith) /DA (/F1 10 Tf 0 g) /Rect [100 400 300 420] /AP << /N %d 0 R >> >>", empty))
	pg := p.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [%d 0 R %d 0 R %d 0 R] >>", hidden, shown, field))
	p.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	r := extractBytes(t, p.bytes())
	if got, want := r.Pages[0].Text, "stamped\n\nAlice Smith"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestRobustContent(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"unbalanced Q", "Q Q q Q Q BT /F1 12 Tf 72 700 Td (ok) Tj ET Q", "ok"},
		{"scientific notation", "1 0 0 1 1e-3 0 cm BT /F1 12 Tf 72 7.0E2 Td (ok) Tj ET", "ok"},
		{"bad numbers", "BT /F1 12 Tf 72 --700 Td 1.2.3 TL (ok) Tj ET", "ok"},
		{"inline image with delimiters inside",
			"BI /W 4 /H 1 /BPC 8 /CS /G ID ((<<]]>> EI\nBT /F1 12 Tf 72 700 Td (after) Tj ET", "after"},
		{"text before a truncated string", "BT /F1 12 Tf 72 700 Td (kept) Tj (never closed", "kept"},
		{"unknown font", "BT /F9 12 Tf 72 700 Td (Fallback) Tj ET", "Fallback"},
		{"no font at all", "BT 72 700 Td (Shown) Tj ET", "Shown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageText(t, "", tt.content); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNeedsOCRAndOutcome(t *testing.T) {
	// Outlined text: many painted paths and no text layer. A page with
	// one box has nothing to read.
	outlined := strings.Repeat("0 0 3 3 re f\n", vectorTextPaths)
	r := extractBytes(t, pagesPDF("", outlined, "BT /F1 12 Tf 72 700 Td (text) Tj ET", "0 0 100 100 re f").bytes())
	if r.Outcome != OutcomeOK {
		t.Fatalf("outcome = %s, want ok", r.Outcome)
	}
	if !r.Pages[0].NeedsOCR || r.Pages[0].OCRReason != ScanNoText || r.Pages[1].NeedsOCR || r.Pages[2].NeedsOCR {
		t.Errorf("NeedsOCR = %v (%q), %v, %v; want true, false, false", r.Pages[0].NeedsOCR, r.Pages[0].OCRReason, r.Pages[1].NeedsOCR, r.Pages[2].NeedsOCR)
	}
	if r.Pages[1].Source != SourceGlyphs {
		t.Errorf("source = %q", r.Pages[1].Source)
	}
	r = extractBytes(t, pagesPDF("", "0 0 100 100 re f").bytes())
	if r.Outcome != OutcomeNoText || r.Reason == "" {
		t.Errorf("outcome = %s (%q), want no_text with a reason", r.Outcome, r.Reason)
	}
}

func TestOffPageTextDropped(t *testing.T) {
	got := pageText(t, "", "BT /F1 12 Tf 72 700 Td (visible) Tj 2000 0 Td (outside) Tj ET")
	if got != "visible" {
		t.Errorf("got %q, want visible", got)
	}
}

func TestRotatedText(t *testing.T) {
	// text running up the page, as on a landscape table
	got := pageText(t, "", "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (rotated words) Tj ET")
	if got != "rotated words" {
		t.Errorf("got %q", got)
	}
}

func TestOverprintedBoldDeduplicated(t *testing.T) {
	got := pageText(t, "", "BT /F1 12 Tf 72 700 Td (Bold) Tj 0.3 0 Td (Bold) Tj ET")
	if got != "Bold" {
		t.Errorf("got %q, want Bold", got)
	}
}

func TestActualText(t *testing.T) {
	got := pageText(t, "", "BT /F1 12 Tf 72 700 Td /Span << /ActualText (\\376\\377\\000f\\000i) >> BDC (X) Tj EMC (nd) Tj ET")
	if got != "find" {
		t.Errorf("got %q, want find", got)
	}
}

func TestDiagonalWatermarkKeptApart(t *testing.T) {
	body := "BT /F1 10 Tf 72 500 Td (The body text of the page runs across here.) Tj 0 -12 Td (A second line of body text follows it.) Tj ET "
	mark := "BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 120 380 Tm (CONFIDENTIAL) Tj ET"
	got := pageText(t, "", body+mark)
	want := "The body text of the page runs across here.\nA second line of body text follows it.\n\nCONFIDENTIAL"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if r := rotation(1, 0.01); r != 0 {
		t.Errorf("rotation of a nearly level baseline = %d, want 0", r)
	}
	if r := rotation(-0.01, -1); r != 3 {
		t.Errorf("rotation of a downward baseline = %d, want 3", r)
	}
}
