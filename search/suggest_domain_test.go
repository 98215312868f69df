package search_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSuggestDomain asks for suggestions over the real domain corpus: the
// library's phrases, ranked by the documents using them, no pieces of
// e-mail addresses, nothing longer than a search box takes in at a glance.
func TestSuggestDomain(t *testing.T) {
	x := indexLibrary(t, filepath.Join("..", "..", "shared", "corpus", "domain"))
	ctx := context.Background()
	for _, c := range []struct{ q, first string }{
		{"duty t", "duty to notify"},
		{"nrm", ""},
		{"first resp", ""},
		{"referral", ""},
		{"reasonable g", "reasonable grounds"},
	} {
		got, err := x.Suggest(ctx, c.q, 8)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q → %q", c.q, got)
		if c.first != "" && (len(got) == 0 || got[0] != c.first) {
			t.Errorf("Suggest(%q) = %q; want %q first", c.q, got, c.first)
		}
		for _, s := range got {
			if strings.Contains(strings.ToLower(s), "nrmreform") || strings.Contains(strings.ToLower(s), "homeoffice") {
				t.Errorf("Suggest(%q) offers %q, a piece of an e-mail address", c.q, s)
			}
			if n := utf8.RuneCountInString(s); n > 60 {
				t.Errorf("Suggest(%q) offers %d characters: %q", c.q, n, s)
			}
		}
	}
}
