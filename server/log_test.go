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

func TestErrorLogRedactsQuery(t *testing.T) {
	var out syncBuffer
	fake := newFake()
	fake.err = errors.New(`bleve: parse "someone's secret words": boom`)
	s, err := New(Config{Searcher: fake, Library: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&out, nil))})
	if err != nil {
		t.Fatal(err)
	}
	checkError(t, get(s, "GET", "/api/search?q=someone%27s+secret+words"), 500, codeInternal, "")
	if log := out.String(); strings.Contains(log, "secret") || !strings.Contains(log, "boom") {
		t.Errorf("log:\n%s", log)
	}
}
