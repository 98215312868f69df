package pdftext

import "testing"

func TestReadLiteral(t *testing.T) {
	tests := []struct {
		in, want string
		rest     string // what follows the string
	}{
		{`plain) Tj`, "plain", " Tj"},
		{`a (nested (twice)) b) x`, "a (nested (twice)) b", " x"},
		{`\(not nested\)) x`, "(not nested)", " x"},
		{`\n\r\t\b\f\\)`, "\n\r\t\b\f\\", ""},
		{`\101\60\0617)`, "A0" + "17", ""},
		{`\q)`, "q", ""},
		{"line\\\ncontinued\\\r\nagain)", "linecontinuedagain", ""},
		{"two\r\nlines\rthree)", "two\nlines\nthree", ""},
		{`unclosed`, "unclosed", ""},
		{`ends in \`, "ends in ", ""},
	}
	for _, tt := range tests {
		got, next := readLiteral([]byte(tt.in), 0)
		if string(got) != tt.want || tt.in[next:] != tt.rest {
			t.Errorf("readLiteral(%q) = %q, rest %q; want %q, rest %q", tt.in, got, tt.in[next:], tt.want, tt.rest)
		}
	}
}
