package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"handbooks/search"
)

// bounds are the search's limits, which the fake checks as the index does.
var bounds = search.DefaultLimits()

// fakeSearcher answers from a few documents held in memory. err, when set,
// is returned by every call; block, when set, makes Search wait for it.
type fakeSearcher struct {
	mu      sync.Mutex
	docs    map[string]*search.DocumentInfo
	err     error
	block   chan struct{}
	started chan struct{} // receives once per Search that began
	lastReq search.Request
}

func newFake() *fakeSearcher {
	return &fakeSearcher{docs: map[string]*search.DocumentInfo{
		"guide": {Document: search.Document{ID: "guide", File: "guide.pdf", Title: "First responder guide",
			Types: []string{"Guidance"}, Language: "en", PageCount: 3, Outcome: "indexed",
			Pages: []search.Page{{Number: 1, Label: "i", Text: "Cover"}, {Number: 2, Label: "1", Text: "The duty to notify"}, {Number: 3, Label: "2", Text: "End"}}}},
	}}
}

func (f *fakeSearcher) fail() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *fakeSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	if err := bounds.Check(req); err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.lastReq = req
	block, started := f.block, f.started
	f.mu.Unlock()
	if started != nil {
		started <- struct{}{}
	}
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &search.Result{Query: req.Query, Total: 1, AlsoSearched: []string{},
		Hits: []search.Hit{{ID: "guide", Title: "First responder guide", File: "guide.pdf",
			MatchingPages: 1, Pages: []search.PageHit{{Page: 2, Label: "1", Snippet: "The <mark>duty</mark> to notify"}}}},
		Facets: map[string][]search.Facet{"type": {{Value: "Guidance", Count: 1}}}}, nil
}

func (f *fakeSearcher) Document(ctx context.Context, id string) (*search.DocumentInfo, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	if err := bounds.CheckID(id); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.docs[id]
	if !ok {
		return nil, search.ErrNotFound
	}
	return d, nil
}

func (f *fakeSearcher) Page(ctx context.Context, id string, n int, q string) (*search.PageText, error) {
	d, err := f.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := bounds.CheckPageQuery(q); err != nil {
		return nil, err
	}
	if n < 1 || n > len(d.Pages) {
		return nil, search.ErrNotFound
	}
	p := d.Pages[n-1]
	pt := &search.PageText{ID: id, Page: n, Label: p.Label, Pages: len(d.Pages), Text: p.Text}
	if q != "" {
		pt.HTML = strings.ReplaceAll(p.Text, q, "<mark>"+q+"</mark>")
	}
	return pt, nil
}

func (f *fakeSearcher) Facets(ctx context.Context) (map[string][]search.Facet, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return map[string][]search.Facet{"type": {{Value: "Guidance", Count: 1}}, "region": {}}, nil
}

func (f *fakeSearcher) Suggest(ctx context.Context, q string, n int) ([]string, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	if err := bounds.CheckSuggest(q, n); err != nil {
		return nil, err
	}
	if strings.HasPrefix("duty to notify", q) {
		return []string{"duty to notify"}, nil
	}
	return nil, nil
}

func (f *fakeSearcher) Stats() (search.Stats, error) {
	if err := f.fail(); err != nil {
		return search.Stats{}, err
	}
	return search.Stats{Generation: "g-1", Documents: len(f.docs), Pages: 3,
		LastRun: search.RunInfo{Documents: 1, Pages: 3, Failures: 2, Outcomes: map[string]int{"indexed": 1, "broken": 2}}}, nil
}

// newTestServer returns a server over fake and the library folder lib.
func newTestServer(t *testing.T, fake *fakeSearcher, lib string, limits Limits) *Server {
	t.Helper()
	if lib == "" {
		lib = t.TempDir()
	}
	s, err := New(Config{Searcher: fake, Library: lib, Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get serves one request in process.
func get(s *Server, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

// errorBody is the API's error response.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Param   string `json:"param"`
		Message string `json:"message"`
	} `json:"error"`
}

// checkError asserts w is an API error with the status, code and param.
func checkError(t *testing.T, w *httptest.ResponseRecorder, status int, code, param string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON", ct)
	}
	var e errorBody
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body %q: %v", w.Body, err)
	}
	if e.Error.Code != code || e.Error.Param != param || e.Error.Message == "" {
		t.Fatalf("error %+v, want code %q param %q and a message", e.Error, code, param)
	}
	if status == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
		t.Errorf("503 without Retry-After")
	}
}
