package pdftext

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestOpenHeaderVariants(t *testing.T) {
	for _, header := range []string{
		"%PDF-1.4\n",
		"%PDF-2.0\n",
		"%PDF-1.7 \n",            // trailing space
		"%PDF-1.3\r",             // old Mac line end
		"\xef\xbb\xbf%PDF-1.4\n", // byte-order mark
		"Content-Type: application/pdf\r\n\r\n%PDF-1.5\n", // junk before the header
		"%PDF-1.4", // no line end at all
	} {
		p := fixtureOnePage(fixtureContent("Victim support"))
		p.header = header
		pages, err := openFixture(t, p.bytes())
		if err != nil {
			t.Errorf("header %q: %v", header, err)
			continue
		}
		if want := []string{"Victim support"}; !reflect.DeepEqual(pages, want) {
			t.Errorf("header %q: pages %q, want %q", header, pages, want)
		}
	}
}

// setLength replaces the first stream's /Length.
func setLength(t *testing.T, b []byte, length string) []byte {
	t.Helper()
	re := regexp.MustCompile(`/Length \d+`)
	loc := re.FindIndex(b)
	if loc == nil {
		t.Fatal("no /Length")
	}
	return []byte(string(b[:loc[0]]) + "/Length " + length + string(b[loc[1]:]))
}

func TestOpenRebuildsCrossReferences(t *testing.T) {
	tests := []struct {
		name string
		data func() []byte
	}{
		{"correct table", func() []byte { return fixtureOnePage(fixtureContent("Referral")).bytes() }},
		{"wrong offsets", func() []byte {
			p := fixtureOnePage(fixtureContent("Referral"))
			p.xref = "garbage"
			return p.bytes()
		}},
		{"no table", func() []byte {
			p := fixtureOnePage(fixtureContent("Referral"))
			p.xref = "none"
			return p.bytes()
		}},
		{"wrong startxref", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			i := strings.LastIndex(string(b), "startxref")
			return append(b[:i:i], "startxref\n99999\n%%EOF\n"...)
		}},
		{"truncated before the table", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			return b[:strings.Index(string(b), "xref")]
		}},
		{"no trailer root: the catalog is found by type", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			return []byte(strings.Replace(string(b), "/Root 1 0 R", "", 1))
		}},
		{"stream length wrong", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			return setLength(t, b, "4300")
		}},
		{"stream length indirect and missing", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			return setLength(t, b, "99 0 R")
		}},
		{"a /Size that would need 136 GB of table", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			return []byte(strings.Replace(string(b), "/Size 6", "/Size 3400000000", 1))
		}},
		{"an object number near the limit", func() []byte {
			b := fixtureOnePage(fixtureContent("Referral")).bytes()
			b = []byte(strings.Replace(string(b), "/Font << /F1 5 0 R >>", "/Font << /F1 2147483000 0 R >>", 1))
			return append(b, "2147483000 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"...)
		}},
		{"incremental update: the later object wins", func() []byte {
			b := fixtureOnePage(fixtureContent("Outdated")).bytes()
			data := []byte("BT /F1 12 Tf 20 100 Td (Referral) Tj ET")
			return fmt.Appendf(b, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(data), data)
		}},
	}
	for _, tt := range tests {
		pages, err := openFixture(t, tt.data())
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if want := []string{"Referral"}; !reflect.DeepEqual(pages, want) {
			t.Errorf("%s: pages %q, want %q", tt.name, pages, want)
		}
	}
}

// fixtureTree is a document whose page tree is given by the bodies of
// objects 2 and 3 (object 4 is a page, 5 its content, 6 its font).
func fixtureTree(two, three string) []byte {
	content := fixtureContent("Page text")
	return fixturePDF{objects: []fixtureObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: two},
		{body: three},
		{body: "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>"},
		content,
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
	}, trailer: ""}.bytes()
}

func TestOpenGuardsThePageTree(t *testing.T) {
	res := "/Resources << /Font << /F1 6 0 R >> >> /MediaBox [0 0 300 200]"
	tests := []struct {
		name      string
		two       string
		three     string
		wantPages int
	}{
		{"plain", "<< /Type /Pages /Kids [4 0 R] /Count 1 " + res + " >>", "null", 1},
		{"node that is its own kid", "<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 5 " + res + " >>", "null", 1},
		{"cycle through a child", "<< /Type /Pages /Kids [3 0 R] /Count 9 " + res + " >>", "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 9 >>", 1},
		{"huge count", "<< /Type /Pages /Kids [4 0 R] /Count 2147483647 " + res + " >>", "null", 1},
		{"same page twice", "<< /Type /Pages /Kids [4 0 R 3 0 R] /Count 2 " + res + " >>", "<< /Type /Pages /Kids [4 0 R] /Count 1 >>", 1},
		{"kids missing: pages found by type", "<< /Type /Pages /Count 1 >>", res[:len(res)-len(" /MediaBox [0 0 300 200]")], 1},
	}
	for _, tt := range tests {
		data := fixtureTree(tt.two, tt.three)
		if tt.name == "kids missing: pages found by type" {
			data = []byte(strings.Replace(string(data), "/Contents 5 0 R", "/Contents 5 0 R "+res, 1))
		}
		pages, err := openFixture(t, data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(pages) != tt.wantPages || pages[0] != "Page text" {
			t.Errorf("%s: pages %q, want %d with the text", tt.name, pages, tt.wantPages)
		}
	}
}

func TestOpenManyPagesBalancedTree(t *testing.T) {
	p := fixturePDF{objects: []fixtureObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: ""}, // filled below
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
	}}
	const n = 1000
	var kids []string
	for i := 0; i < n; i++ {
		pageNum := len(p.objects) + 1
		kids = append(kids, fmt.Sprintf("%d 0 R", pageNum))
		p.objects = append(p.objects, fixtureObj{body: fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>", pageNum+1)})
		p.objects = append(p.objects, fixtureContent(fmt.Sprintf("page%d", i+1)))
	}
	p.objects[1].body = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /Resources << /Font << /F1 3 0 R >> >> >>", strings.Join(kids, " "), n)
	pages, err := openFixture(t, p.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != n || pages[0] != "page1" || pages[n-1] != fmt.Sprintf("page%d", n) || pages[517] != "page518" {
		t.Errorf("got %d pages, first %q, last %q", len(pages), pages[0], pages[len(pages)-1])
	}
}

func TestOpenBroken(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a PDF", []byte("<html><body>hello</body></html>")},
		{"no pages", fixturePDF{objects: []fixtureObj{{body: "<< /Type /Catalog /Pages 2 0 R >>"}, {body: "<< /Type /Pages /Kids [] /Count 0 >>"}}}.bytes()},
		{"huge sizes", []byte(strings.NewReplacer("/Size 3", "/Size 3400000000").Replace(string(fixturePDF{objects: []fixtureObj{{body: "<< /Type /Catalog >>"}, {body: "<< /Type /XRef /Size 3400000000 /W [1 8 8] >>", stream: []byte{}}}}.bytes())))},
	}
	for _, tt := range tests {
		_, err := openFixture(t, tt.data)
		if !errors.Is(err, ErrBroken) {
			t.Errorf("%s: error %v, want ErrBroken", tt.name, err)
		}
	}
}

func TestRepairWritesWhatTheLibraryReads(t *testing.T) {
	p := fixtureOnePage(fixtureContent("Shelter"))
	// The font is a reference to a reference, and the page's MediaBox holds
	// a number too large for an integer.
	p.objects[4].body = "7 0 R"
	p.objects = append(p.objects, fixtureObj{body: "null"}, fixtureObj{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})
	p.objects[2].body = strings.Replace(p.objects[2].body, "/MediaBox [0 0 300 200]", "/MediaBox [0 0 300 200] /UserUnit 100000000000000000000", 1)
	r, c, err := openReader(t.Context(), fixtureFile(t, p.bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := r.Page(1).V.Key("UserUnit").Float64(); got != 1e20 {
		t.Errorf("UserUnit = %v", got)
	}
	if got := r.Page(1).Font("F1").BaseFont(); got != "Helvetica" {
		t.Errorf("font %q", got)
	}
}
