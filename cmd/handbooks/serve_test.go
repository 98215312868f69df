package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"handbooks/indexer"
)

// TestServeEndToEnd runs the real program over a copy of the sample library
// with an empty index: it builds the index, answers the API, serves PDFs,
// re-indexes when a file is removed (-watch) and shuts down cleanly.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the sample library")
	}
	lib := filepath.Join(t.TempDir(), "library")
	if err := os.CopyFS(lib, os.DirFS(filepath.Join("..", "..", "testdata", "library"))); err != nil {
		t.Fatal(err)
	}
	addrc := make(chan net.Addr, 1)
	type run struct {
		rep *indexer.Report
		err error
	}
	runs := make(chan run, 4)
	m := &serveMain{
		Library:    lib,
		Index:      filepath.Join(t.TempDir(), "index"),
		Addr:       "127.0.0.1:0",
		Watch:      true,
		WatchEvery: 20 * time.Millisecond,
		Log:        slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Ready:      func(a net.Addr) { addrc <- a },
		Indexed:    func(r *indexer.Report, err error) { runs <- run{r, err} },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("Run: %v", err)
	}
	if r := <-runs; r.err != nil {
		t.Fatalf("first indexing run: %v", r.err)
	}

	getJSON := func(path string, wantStatus int, v any) *http.Response {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != wantStatus {
			t.Fatalf("GET %s: %d, want %d: %s", path, resp.StatusCode, wantStatus, b)
		}
		if v != nil {
			if err := json.Unmarshal(b, v); err != nil {
				t.Fatalf("GET %s: %v in %s", path, err, b)
			}
		}
		return resp
	}

	var ready struct{ Documents int }
	getJSON("/readyz", 200, &ready)
	if ready.Documents == 0 {
		t.Fatal("ready with no documents")
	}
	var res struct {
		Total int
		Hits  []struct {
			ID, Title, URL string
			Pages          []struct {
				Page    int
				Snippet string
			}
		}
	}
	getJSON("/api/search?q=duty+to+notify", 200, &res)
	if res.Total == 0 || len(res.Hits) == 0 {
		t.Fatalf("no hits for duty to notify: %+v", res)
	}
	top := res.Hits[0]
	if !strings.Contains(strings.ToLower(top.Title), "first responder") || len(top.Pages) == 0 {
		t.Errorf("top hit %+v, want a first responder toolkit with pages", top)
	}
	if len(top.Pages) > 0 {
		var page struct{ Text, HTML string }
		getJSON("/api/documents/"+top.ID+"/pages/"+strconv.Itoa(top.Pages[0].Page)+"?q=duty+to+notify", 200, &page)
		if !strings.Contains(strings.ToLower(page.Text), "notify") || !strings.Contains(page.HTML, "<mark>") {
			t.Errorf("page %d of %s does not contain the phrase: %.200q", top.Pages[0].Page, top.ID, page.Text)
		}
	}
	var doc struct {
		ID, File  string
		PageCount int `json:"page_count"`
	}
	getJSON("/api/documents/"+top.ID, 200, &doc)
	if doc.ID != top.ID || doc.PageCount == 0 {
		t.Errorf("document %+v", doc)
	}
	resp, err := http.Get(base + top.URL)
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("GET %s: %d %s %.10q", top.URL, resp.StatusCode, resp.Header.Get("Content-Type"), pdf)
	}
	// Hostile queries get a clear 4xx (the error names the parameter), never a 5xx.
	for _, q := range []string{
		"q=" + strings.Repeat("trafficking+", 100),
		"q=" + strings.Repeat("a+", 200),
		"q=a*",
		"q=%2F.*%2F",
		"q=%22%22%22%22((((",
		"page=999",
		"per_page=100000",
		"q=a&q=b",
		"q=%ff",
		"debug=1",
	} {
		resp, err := http.Get(base + "/api/search?" + q)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Logf("%.40s: %d %.120s", q, resp.StatusCode, b)
		if resp.StatusCode >= 500 {
			t.Errorf("%.40s: %d %s", q, resp.StatusCode, b)
		}
	}
	getJSON("/api/facets", 200, nil)
	getJSON("/api/suggest?q=traf", 200, nil)
	getJSON("/api/search?per_page=100000", 400, nil)
	getJSON("/api/documents/no-such-document", 404, nil)
	getJSON("/documents/no-such-document/file", 404, nil)
	getJSON("/api/openapi.json", 200, nil)
	mresp := getJSON("/healthz", 200, nil)
	if mresp.Header.Get("API-Version") == "" || mresp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers %v", mresp.Header)
	}

	// -watch: removing the top hit's file re-indexes the library without it,
	// and searches running meanwhile all succeed.
	stopSearching := make(chan struct{})
	searched := make(chan error, 1)
	go func() {
		for n := 0; ; n++ {
			select {
			case <-stopSearching:
				t.Logf("%d searches during re-indexing", n)
				searched <- nil
				return
			default:
			}
			resp, err := http.Get(base + "/api/search?q=duty+to+notify")
			if err != nil {
				searched <- err
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				searched <- fmt.Errorf("search %d during re-indexing: status %d", n, resp.StatusCode)
				return
			}
		}
	}()
	if err := os.Remove(filepath.Join(lib, filepath.FromSlash(doc.File))); err != nil {
		t.Fatal(err)
	}
	r := <-runs
	close(stopSearching)
	if r.err != nil {
		t.Fatalf("re-indexing run: %v", r.err)
	}
	if err := <-searched; err != nil {
		t.Error(err)
	}
	getJSON("/api/documents/"+top.ID, 404, nil)

	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after shutdown: %v", err)
	}
}

// testWriter sends log lines to the test's log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestServeFlags(t *testing.T) {
	var m serveMain
	if err := m.ParseFlags(nil, io.Discard); err != nil {
		t.Fatal(err)
	}
	if m.Addr != "127.0.0.1:8080" || m.Library != "" || m.Index != "" || m.Watch || m.LogQueries {
		t.Errorf("defaults %+v", m)
	}
	m = serveMain{}
	if err := m.ParseFlags([]string{"-library", "lib", "-index", "idx", "-addr", ":0", "-watch"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if m.Library != "lib" || m.Index != "idx" || m.Addr != ":0" || !m.Watch {
		t.Errorf("flags %+v", m)
	}
	var stderr strings.Builder
	code := runServe(context.Background(), []string{"-library", t.TempDir(), "-index", t.TempDir(), "-addr", "127.0.0.1:0",
		"-thesaurus", filepath.Join(t.TempDir(), "missing.txt")}, io.Discard, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "missing.txt") {
		t.Errorf("missing thesaurus: exit %d, %q", code, stderr.String())
	}
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-watch-every", "soon"}} {
		if err := (&serveMain{}).ParseFlags(args, io.Discard); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
	if code := runServe(context.Background(), []string{"-library", filepath.Join(t.TempDir(), "missing")}, io.Discard, io.Discard); code != 1 {
		t.Errorf("missing library: exit %d", code)
	}
}

func TestDefaultIndexDir(t *testing.T) {
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no cache directory:", err)
	}
	a, err := defaultIndexDir("/srv/library-a")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := defaultIndexDir("/srv/library-b")
	if a == b || filepath.Dir(a) != filepath.Join(cache, "handbooks") {
		t.Errorf("index folders %s and %s", a, b)
	}
}
