package pdftext

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// lines writes a text object placing each line at (x, y).
func lines(x, y, lead float64, texts ...string) string {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf\n")
	for i, t := range texts {
		fmt.Fprintf(&b, "1 0 0 1 %g %g Tm (%s) Tj\n", x, y-float64(i)*lead, t)
	}
	b.WriteString("ET\n")
	return b.String()
}

func TestDehyphenation(t *testing.T) {
	got := pageText(t, "", lines(72, 700, 12, "the victims of traffick-", "ing were identified by well-", "Known agencies"))
	want := "the victims of trafficking were identified by well-\nKnown agencies"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTwoColumnsReadInOrder(t *testing.T) {
	left := lines(72, 700, 12, "Left column first line", "left column second line", "left column third line")
	right := lines(320, 700, 12, "Right column first line", "right column second line", "right column third line")
	title := lines(72, 740, 20, "A title across the page over both columns of text")
	got := pageText(t, "", title+right+left) // drawn in a scrambled order
	want := "A title across the page over both columns of text\n\n" +
		"Left column first line\nleft column second line\nleft column third line\n\n" +
		"Right column first line\nright column second line\nright column third line"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBulletsStayWithTheirLines(t *testing.T) {
	bullets := lines(72, 700, 12, "-", "-")
	items := lines(90, 700, 12, "first item of the list", "second item of the list")
	got := pageText(t, "", bullets+items)
	want := "- first item of the list\n- second item of the list"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRunningHeadersAndPageNumbers(t *testing.T) {
	var pages []string
	for i := 1; i <= 4; i++ {
		pages = append(pages, lines(72, 760, 12, "Handbook on Trafficking - Chapter 2")+
			lines(72, 600, 12, fmt.Sprintf("Body text of page %d differs.", i))+
			lines(300, 30, 12, fmt.Sprint(i)))
	}
	r := extractBytes(t, pagesPDF("", pages...).bytes())
	for i, p := range r.Pages {
		want := []string{"Handbook on Trafficking - Chapter 2", fmt.Sprint(i + 1)}
		if !reflect.DeepEqual(p.Running, want) {
			t.Errorf("page %d running = %q, want %q", i+1, p.Running, want)
		}
		if !strings.Contains(p.Text, "Body text") || !strings.Contains(p.Text, "Handbook") {
			t.Errorf("page %d text lost lines: %q", i+1, p.Text)
		}
	}
	if r.Info.Heading != "Body text of page 1 differs." { // running lines are not headings
		t.Errorf("heading = %q", r.Info.Heading)
	}
}

func TestHeadingIsLargestText(t *testing.T) {
	content := "BT /F1 10 Tf 72 760 Td (Home Office document template) Tj ET " +
		"BT /F1 24 Tf 72 700 Td (Guidance for first) Tj 0 -28 Td (responders) Tj ET " +
		"BT /F1 10 Tf 72 600 Td (Body text.) Tj ET"
	r := extractBytes(t, pagesPDF("", "0 0 1 1 re f", content).bytes())
	if r.Info.Heading != "Guidance for first responders" {
		t.Errorf("heading = %q", r.Info.Heading)
	}
}

func TestPageLabels(t *testing.T) {
	p := pagesPDF("", "BT /F1 9 Tf 9 9 Td (a) Tj ET", "", "", "", "", "", "")
	p.objs[0] = "<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) /PageLabels << /Nums [0 << /S /r >> 2 << /S /D >> 4 << /S /D /P (A-) /St 8 >> 6 << /S /A /St 27 >> ] >> >>"
	p.info = fmt.Sprintf("%d 0 R", p.add("<< /Title (Toolkit) /Author (Home Office) /CreationDate (D:20190429101500Z) >>"))
	r := extractBytes(t, p.bytes())
	var got []string
	for _, pg := range r.Pages {
		got = append(got, pg.Label)
	}
	want := []string{"i", "ii", "1", "2", "A-8", "A-9", "AA"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels = %q, want %q", got, want)
	}
	in := r.Info
	if in.Title != "Toolkit" || in.Author != "Home Office" || in.Year != 2019 || in.Language != "en-GB" {
		t.Errorf("info = %+v", in)
	}
}

func TestPageLabelFormats(t *testing.T) {
	tests := []struct {
		n    int
		r, a string
	}{{1, "i", "a"}, {4, "iv", "d"}, {9, "ix", "i"}, {14, "xiv", "n"}, {26, "xxvi", "z"}, {27, "xxvii", "aa"}, {1994, "mcmxciv", "1994"}}
	for _, tt := range tests {
		if got := roman(tt.n); got != tt.r {
			t.Errorf("roman(%d) = %q, want %q", tt.n, got, tt.r)
		}
		if tt.n <= 26*100 {
			if got := letters(tt.n); got != tt.a && tt.n < 100 {
				t.Errorf("letters(%d) = %q, want %q", tt.n, got, tt.a)
			}
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{{"12", 12}, {"-3.5", -3.5}, {".5", 0.5}, {"1e-3", 0.001}, {"2E2", 200}, {"--4", 4}, {"1.2.3", 1.2}, {"-", 0}, {"+.", 0}, {"5-", 5}}
	for _, tt := range tests {
		if got := parseNumber([]byte(tt.in)); got != tt.want {
			t.Errorf("parseNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGlyphNames(t *testing.T) {
	tests := map[string]string{"A": "A", "eacute": "é", "uni00410042": "AB", "u1F600": "😀", "f_f_i": "ffi", "a.sc": "a", "g123": "", "": ""}
	for in, want := range tests {
		if got := glyphText(in); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStandardFontNames(t *testing.T) {
	tests := map[string]string{"Helvetica": "Helvetica", "ABCDEF+Arial-BoldMT": "Helvetica-Bold", "TimesNewRomanPS-ItalicMT": "Times-Italic",
		"Times-Roman": "Times-Roman", "CourierNew": "Courier", "Calibri": "", "Symbol": "Symbol"}
	for in, want := range tests {
		if got := stdFontName(in); got != want {
			t.Errorf("stdFontName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVisualToLogical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"مالس", "سلام"},                         // one word, reversed
		{"2026 مالس", "سلام 2026"},               // digits keep their order, runs read from the right
		{"مالس UN ةمظنم", "منظمة UN سلام"},       // a Latin word inside Arabic
		{"Hello مالس world", "Hello سلام world"}, // Arabic inside a Latin line
		{"٤٢ ةحفص", "صفحة ٤٢"},
	}
	for _, tt := range tests {
		if got := visualToLogical(tt.in); got != tt.want {
			t.Errorf("visualToLogical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
