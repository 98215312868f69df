package server

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestAccessLog(t *testing.T) {
	for _, logQueries := range []bool{false, true} {
		var out syncBuffer
		fake := newFake()
		s, err := New(Config{Searcher: fake, Library: t.TempDir(), LogQueries: logQueries,
			Logger: slog.New(slog.NewTextHandler(&out, nil))})
		if err != nil {
			t.Fatal(err)
		}
		get(s, "GET", "/api/search?q=secret+words")
		get(s, "GET", "/api/documents/guide/pages/2?q=hidden")
		get(s, "GET", "/api/search?q=private&per_page=0")
		get(s, "GET", "/nowhere/private")
		log := out.String()
		for _, needle := range []string{"method=GET", "route=/api/search", "route=/api/documents/{id}/pages/{n}",
			"route=unmatched", "status=200", "status=400", "status=404", "duration="} {
			if !strings.Contains(log, needle) {
				t.Errorf("log lacks %s:\n%s", needle, log)
			}
		}
		for word, want := range map[string]bool{"secret": logQueries, "hidden": logQueries, "guide": false} {
			if got := strings.Contains(log, word); got != want {
				t.Errorf("logQueries=%v: %q in the log is %v:\n%s", logQueries, word, got, log)
			}
		}
		if strings.Contains(log, "/nowhere") {
			t.Errorf("the path of an unmatched request is logged:\n%s", log)
		}
	}
}

// TestErrorLogRedactsQuery checks the one logging path of 5xx errors on
// every route that searches: the cause is logged, the query never, even
// when the index quotes it in another case.
func TestErrorLogRedactsQuery(t *testing.T) {
	routes := []string{
		"/api/search?q=someone%27s+Secret+words",
		"/?q=someone%27s+Secret+words",
		"/documents/guide?q=someone%27s+Secret+words",
		"/api/documents/guide/pages/2?q=someone%27s+Secret+words",
		"/documents/guide/pages/2?q=someone%27s+Secret+words",
	}
	for _, route := range routes {
		for _, logQueries := range []bool{false, true} {
			var out syncBuffer
			fake := newFake()
			fake.err = errors.New(`bleve: parse "SOMEONE'S SECRET WORDS": boom`)
			s, err := New(Config{Searcher: fake, Library: t.TempDir(), LogQueries: logQueries,
				Logger: slog.New(slog.NewTextHandler(&out, nil))})
			if err != nil {
				t.Fatal(err)
			}
			if w := get(s, "GET", route); w.Code != 500 {
				t.Errorf("%s: status %d", route, w.Code)
			}
			log := out.String()
			if !strings.Contains(log, "boom") || !strings.Contains(log, "status=500") {
				t.Errorf("%s: the cause is not logged:\n%s", route, log)
			}
			if got := strings.Contains(strings.ToLower(log), "secret"); got != logQueries {
				t.Errorf("%s, logQueries=%v: the query in the log is %v:\n%s", route, logQueries, got, log)
			}
		}
	}
}

func TestRedactQuery(t *testing.T) {
	tests := []struct{ detail, query, want string }{
		{`parse "duty to notify": x`, "q=duty+to+notify", `parse "[redacted]": x`},
		{`term DUTY: x`, "q=duty+to+notify", `term [redacted]: x`},
		{`a, then b`, "q=a+b", `a, then b`}, // single letters stay
		{`title:"Trafficking" failed`, "q=title%3Atrafficking", `[redacted]:"[redacted]" failed`},
		{`no query here`, "", `no query here`},
	}
	for _, tt := range tests {
		if got := redactQuery(tt.detail, tt.query); got != tt.want {
			t.Errorf("redactQuery(%q, %q) = %q, want %q", tt.detail, tt.query, got, tt.want)
		}
	}
}
