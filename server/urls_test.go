package server

import "testing"

func TestURLs(t *testing.T) {
	tests := []struct{ got, want string }{
		{fileURL("a b/c"), "/documents/a%20b%2Fc/file"},
		{pdfURL("a b/c", 0), "/documents/a%20b%2Fc/file"},
		{pdfURL("guide", 7), "/documents/guide/file#page=7"},
		{docURL("guide", ""), "/documents/guide"},
		{docURL("guide", "duty to notify"), "/documents/guide?q=duty+to+notify"},
		{pageURL("a/b", 3, "x&y"), "/documents/a%2Fb/pages/3?q=x%26y"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
