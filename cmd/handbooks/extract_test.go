package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbooks/indexer/pdftext"
)

// twoPagePDF is a minimal PDF with one line of text on each of two pages.
func twoPagePDF(t *testing.T) string {
	t.Helper()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 300 200] /Resources << /Font << /F1 7 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		stream("BT /F1 12 Tf 20 100 Td (Victim support) Tj ET"),
		stream("BT /F1 12 Tf 20 100 Td (Referral form) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return writeFile(t, "two-pages.pdf", b.Bytes())
}

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtract(t *testing.T) {
	pdf := twoPagePDF(t)
	notPDF := writeFile(t, "notes.pdf", []byte("just some notes"))
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     []string // substrings, in order
		stderrLine string   // a substring of the one stderr line; "" for none
	}{
		{"text", []string{pdf}, 0, []string{"Victim support", "\f", "Referral form", "\f"}, ""},
		{"missing file", []string{filepath.Join(t.TempDir(), "none.pdf")}, 1, nil, "none.pdf"},
		{"not a PDF", []string{notPDF}, 1, nil, "broken"},
		{"no file", nil, 2, nil, ""},
		{"two files", []string{pdf, pdf}, 2, nil, ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		args := append([]string{"-maxmem", "0"}, tt.args...)
		code := runExtract(t.Context(), args, &stdout, &stderr)
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", tt.name, code, tt.code, stderr.String())
		}
		out := stdout.String()
		for _, s := range tt.stdout {
			i := strings.Index(out, s)
			if i < 0 {
				t.Errorf("%s: stdout %q lacks %q", tt.name, stdout.String(), s)
				break
			}
			out = out[i+len(s):]
		}
		if tt.code == 0 && stderr.Len() > 0 {
			t.Errorf("%s: stderr %q on success", tt.name, stderr.String())
		}
		if tt.code == 1 {
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tt.stderrLine) {
				t.Errorf("%s: stderr %q, want one line with %q", tt.name, stderr.String(), tt.stderrLine)
			}
		}
	}
}

func TestExtractPagesEndWithFormFeeds(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runExtract(t.Context(), []string{"-maxmem=0", twoPagePDF(t)}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if n := strings.Count(stdout.String(), "\f"); n != 2 || !strings.HasSuffix(stdout.String(), "\f") {
		t.Errorf("got %d form feeds in %q, want one after each of 2 pages", n, stdout.String())
	}
}

func TestExtractJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := runExtract(t.Context(), []string{"-json", "-maxmem", "0", twoPagePDF(t)}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var res pdftext.Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, stdout.String())
	}
	if res.Outcome != pdftext.OutcomeOK || len(res.Pages) != 2 {
		t.Fatalf("outcome %q with %d pages", res.Outcome, len(res.Pages))
	}
	if p := res.Pages[1]; p.Number != 2 || p.Label == "" || p.Source == "" || !strings.Contains(p.Text, "Referral form") {
		t.Errorf("page 2 = %+v", p)
	}
	for _, key := range []string{`"pages"`, `"page"`, `"label"`, `"text"`, `"source"`, `"info"`, `"outcome"`} {
		if !strings.Contains(stdout.String(), key) {
			t.Errorf("JSON lacks %s: %s", key, stdout.String())
		}
	}
}

func TestExtractJSONFailure(t *testing.T) {
	var stdout, stderr bytes.Buffer
	path := writeFile(t, "broken.pdf", []byte("%PDF-1.4\nnothing else"))
	if code := runExtract(t.Context(), []string{"-json", "-maxmem", "0", path}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var res pdftext.Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v in %s", err, stdout.String())
	}
	if res.Outcome != pdftext.OutcomeBroken || res.Reason == "" || res.Pages == nil {
		t.Errorf("result %+v, want broken with a reason and an empty page list", res)
	}
	if strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("stderr %q, want one line", stderr.String())
	}
}
