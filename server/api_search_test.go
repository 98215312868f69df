package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"handbooks/search"
)

func TestSearchParameters(t *testing.T) {
	long := strings.Repeat("a", bounds.MaxQueryBytes+1)
	many := strings.Repeat("type=x&", bounds.MaxFilterValues+1)
	tests := []struct {
		query  string
		status int
		code   string
		param  string
	}{
		{"q=duty", 200, "", ""},
		{"", 200, "", ""},
		{"q=duty&type=Guidance&type=Toolkit&region=Europe&lang=en&year_from=2015&year_to=2020&sort=newest&page=2&per_page=50", 200, "", ""},
		{"per_page=100000", 400, codeLimitExceeded, "per_page"},
		{"per_page=0", 400, codeInvalidParameter, "per_page"},
		{"per_page=-5", 400, codeInvalidParameter, "per_page"},
		{"per_page=1e3", 400, codeInvalidParameter, "per_page"},
		{"page=0", 400, codeInvalidParameter, "page"},
		{"page=99999999999999999999", 400, codeInvalidParameter, "page"},
		{"page=+2", 400, codeInvalidParameter, "page"},
		{"year_from=0", 400, codeInvalidParameter, "year_from"},
		{"year_from=999", 400, codeInvalidParameter, "year_from"},
		{"sort=", 400, codeInvalidParameter, "sort"},
		{"page=11&per_page=100", 400, codeLimitExceeded, "page"},
		{"year_from=abc", 400, codeInvalidParameter, "year_from"},
		{"year_to=20200", 400, codeInvalidParameter, "year_to"},
		{"year_from=2020&year_to=2010", 400, codeInvalidParameter, "year_to"},
		{"sort=best", 400, codeInvalidParameter, "sort"},
		{"q=a&q=b", 400, codeInvalidParameter, "q"},
		{"page=1&page=2", 400, codeInvalidParameter, "page"},
		{"foo=1", 400, codeUnknownParameter, "foo"},
		{"q=duty&callback=x", 400, codeUnknownParameter, "callback"},
		{"q=%ff%fe", 400, codeInvalidParameter, "q"},
		{"type=%c3", 400, codeInvalidParameter, "type"},
		{"%ff=1", 400, codeInvalidParameter, ""},
		{"q=%zz", 400, codeInvalidParameter, ""},
		{"q=a;b", 400, codeInvalidParameter, ""},
		{"q=a%00b", 400, codeInvalidParameter, "q"},
		{"q=" + long, 400, codeLimitExceeded, "q"},
		{"type=", 400, codeInvalidParameter, "type"},
		{"region=%20", 400, codeInvalidParameter, "region"},
		{many, 400, codeLimitExceeded, "type"},
		{"tag=" + strings.Repeat("t", bounds.MaxValueBytes+1), 400, codeLimitExceeded, "tag"},
		{"cursor=abc&page=2", 400, codeInvalidParameter, "cursor"},
		{"cursor=", 400, codeInvalidParameter, "cursor"},
		{"cursor=abc", 200, "", ""},
		{"q=x&within=guide", 200, "", ""},
		{"within=", 400, codeInvalidParameter, "within"},
	}
	s := newTestServer(t, newFake(), "", Limits{})
	for _, tt := range tests {
		w := get(s, "GET", "/api/search?"+tt.query)
		if tt.status == 200 {
			if w.Code != 200 {
				t.Errorf("%.60s: status %d, body %s", tt.query, w.Code, w.Body)
			}
			continue
		}
		t.Run(tt.query[:min(len(tt.query), 40)], func(t *testing.T) { checkError(t, w, tt.status, tt.code, tt.param) })
	}
}

func TestSearchRequest(t *testing.T) {
	fake := newFake()
	s := newTestServer(t, fake, "", Limits{})
	w := get(s, "GET", "/api/search?q=duty+to+notify&type=Guidance&type=Toolkit&country=United+Kingdom&year_from=2015&sort=title&page=3&per_page=20")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	want := search.Request{Query: "duty to notify", Sort: "title", Page: 3, PerPage: 20,
		Filters: search.Filters{Types: []string{"Guidance", "Toolkit"}, Countries: []string{"United Kingdom"}, YearFrom: 2015}}
	if !reflect.DeepEqual(fake.lastReq, want) {
		t.Errorf("request\n%+v, want\n%+v", fake.lastReq, want)
	}
	var res searchResponse
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Pages[0].Page != 2 || !strings.Contains(w.Body.String(), "<mark>duty</mark>") {
		t.Errorf("response %s", w.Body)
	}
	get(s, "GET", "/api/search")
	if d := fake.lastReq; d.Page != 0 || d.PerPage != 0 || d.Sort != "" {
		t.Errorf("defaults %+v", d)
	}
}

// TestIndexErrors checks how errors of the index become statuses on every
// route that asks the index.
func TestIndexErrors(t *testing.T) {
	routes := []string{"/api/search?q=x", "/api/documents/guide", "/api/documents/guide/pages/1", "/api/facets", "/api/suggest?q=du", "/documents/guide/file"}
	errs := []struct {
		err    error
		status int
		code   string
		param  string
	}{
		{search.ErrNoIndex, 503, codeNoIndex, ""},
		{&search.Error{Code: search.Invalid, Param: "q", Message: "nothing to search for"}, 400, codeInvalidParameter, "q"},
		{&search.Error{Code: search.OverLimit, Param: "q", Message: "too many terms"}, 400, codeLimitExceeded, "q"},
		{&search.Error{Code: search.Timeout, Param: "q", Message: "query took too long"}, 503, codeTimeout, "q"},
		{context.DeadlineExceeded, 503, codeTimeout, ""},
		{errors.New("open /secret/index/g-1: disk on fire"), 500, codeInternal, ""},
	}
	for _, route := range routes {
		for _, e := range errs {
			fake := newFake()
			fake.err = e.err
			w := get(newTestServer(t, fake, "", Limits{}), "GET", route)
			checkError(t, w, e.status, e.code, e.param)
			if strings.Contains(w.Body.String(), "secret") {
				t.Errorf("%s: internal detail in body %s", route, w.Body)
			}
		}
	}
}

func TestFacets(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	w := get(s, "GET", "/api/facets")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"facets":{`) || !strings.Contains(w.Body.String(), `"Guidance"`) {
		t.Errorf("facets: %d %s", w.Code, w.Body)
	}
	checkError(t, get(s, "GET", "/api/facets?type=x"), 400, codeUnknownParameter, "type")
}

func TestSuggest(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	tests := []struct {
		query       string
		status      int
		code, param string
		wantInBody  string
	}{
		{"q=du", 200, "", "", `"suggestions":["duty to notify"]`},
		{"q=zzz&limit=3", 200, "", "", `"suggestions":[]`},
		{"", 400, codeInvalidParameter, "q", ""},
		{"q=%20", 400, codeInvalidParameter, "q", ""},
		{"q=du&limit=0", 400, codeInvalidParameter, "limit", ""},
		{"q=du&limit=21", 400, codeLimitExceeded, "limit", ""},
		{"q=du&limit=x", 400, codeInvalidParameter, "limit", ""},
		{"q=" + strings.Repeat("d", bounds.MaxValueBytes+1), 400, codeLimitExceeded, "q", ""},
		{"q=du&n=3", 400, codeUnknownParameter, "n", ""},
	}
	for _, tt := range tests {
		w := get(s, "GET", "/api/suggest?"+tt.query)
		if tt.status != 200 {
			checkError(t, w, tt.status, tt.code, tt.param)
			continue
		}
		if w.Code != 200 || !strings.Contains(w.Body.String(), tt.wantInBody) {
			t.Errorf("%s: %d %s", tt.query, w.Code, w.Body)
		}
	}
}

func TestHealthAndReady(t *testing.T) {
	fake := newFake()
	s := newTestServer(t, fake, "", Limits{})
	if w := get(s, "GET", "/healthz"); w.Code != 200 {
		t.Errorf("healthz %d", w.Code)
	}
	if w := get(s, "GET", "/readyz"); w.Code != 200 || !strings.Contains(w.Body.String(), `"documents":1`) {
		t.Errorf("readyz %d %s", w.Code, w.Body)
	}
	fake.err = search.ErrNoIndex
	checkError(t, get(s, "GET", "/readyz"), 503, codeNoIndex, "")
	if w := get(s, "GET", "/healthz"); w.Code != 200 {
		t.Errorf("healthz without index %d", w.Code)
	}
	fake.err = errors.New("corrupt segment")
	checkError(t, get(s, "GET", "/readyz"), 503, codeNotReady, "")
	checkError(t, get(s, "GET", "/healthz?verbose=1"), 400, codeUnknownParameter, "verbose")
}

func TestRoutingErrors(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	checkError(t, get(s, "GET", "/api/nothing"), 404, codeNotFound, "")
	checkError(t, get(s, "GET", "/api/search/"), 404, codeNotFound, "")
	checkError(t, get(s, "GET", "/api//search"), 404, codeNotFound, "")
	checkError(t, get(s, "GET", "/api/./search"), 404, codeNotFound, "")
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		w := get(s, m, "/api/search?q=x")
		checkError(t, w, 405, codeMethodNotAllowed, "")
		if w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q", m, w.Header().Get("Allow"))
		}
	}
	w := get(s, "HEAD", "/api/search?q=x")
	if w.Code != 200 {
		t.Errorf("HEAD: %d", w.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	for _, target := range []string{"/api/search?q=x", "/api/nothing", "/", "/healthz", "/api/search?bad=1"} {
		w := get(s, "GET", target)
		for _, kv := range securityHeaders {
			if got := w.Header().Get(kv[0]); got != kv[1] {
				t.Errorf("%s: %s = %q, want %q", target, kv[0], got, kv[1])
			}
		}
	}
	if w := get(s, "GET", "/api/search?q=x"); w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("API response without CORS header")
	}
}

func TestOverloaded(t *testing.T) {
	fake := newFake()
	fake.block = make(chan struct{})
	fake.started = make(chan struct{}, 1)
	s := newTestServer(t, fake, "", Limits{MaxSearches: 1, SearchWait: -1})
	done := make(chan int)
	go func() { done <- get(s, "GET", "/api/search?q=one").Code }()
	<-fake.started
	checkError(t, get(s, "GET", "/api/search?q=two"), http.StatusServiceUnavailable, codeOverloaded, "")
	checkError(t, get(s, "GET", "/api/suggest?q=two"), http.StatusServiceUnavailable, codeOverloaded, "")
	if w := get(s, "GET", "/api/documents/guide"); w.Code != 200 {
		t.Errorf("document lookup is not a search, got %d", w.Code)
	}
	close(fake.block)
	if code := <-done; code != 200 {
		t.Errorf("first search: %d", code)
	}
	if w := get(s, "GET", "/api/search?q=three"); w.Code != 200 {
		t.Errorf("after release: %d", w.Code)
	}
}
