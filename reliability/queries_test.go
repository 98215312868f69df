package reliability

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// hostileQuery is a request the API must refuse with a 4xx and a JSON
// error; param, when set, is the parameter the error must name.
type hostileQuery struct {
	name, path string
	status     int // exact status; 0 means any 4xx
	param      string
}

func terms(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = "w" + strings.Repeat("x", i%5) + string(rune('a'+i%26))
	}
	return strings.Join(ws, " ")
}

func q(v string) string { return url.QueryEscape(v) }

// hostileQueries are the limits of the search API, as a client would hit
// them. Over the URI limit the server answers 414 before parsing.
var hostileQueries = []hostileQuery{
	{"q over 500 bytes", "/api/search?q=" + q(strings.Repeat("trafficking ", 50)), 400, "q"},
	{"huge q", "/api/search?q=" + strings.Repeat("a", 10<<10), 414, ""},
	{"40 terms", "/api/search?q=" + q(terms(40)), 400, "q"},
	{"thousands of terms", "/api/search?q=" + q(terms(2000)), 0, ""},
	{"one-letter prefix", "/api/search?q=" + q("a*"), 400, "q"},
	{"two-letter prefix", "/api/search?q=" + q("victim tr*"), 400, "q"},
	{"regexp /.*/", "/api/search?q=" + q("/.*/"), 400, "q"},
	{"deep page", "/api/search?q=victim&page=1000000", 400, "page"},
	{"page past the window", "/api/search?q=victim&page=200&per_page=10", 400, "page"},
	{"page not a number", "/api/search?q=victim&page=99999999999999999999", 400, "page"},
	{"huge per_page", "/api/search?q=victim&per_page=100000", 400, "per_page"},
	{"negative per_page", "/api/search?q=victim&per_page=-1", 400, "per_page"},
	{"repeated q", "/api/search?q=a&q=b", 400, "q"},
	{"repeated page", "/api/search?q=victim&page=1&page=2", 400, "page"},
	{"filter repeated 21 times", "/api/search?q=victim" + strings.Repeat("&type=Handbook", 21), 400, "type"},
	{"invalid UTF-8 in q", "/api/search?q=%ff%fe", 400, "q"},
	{"invalid UTF-8 in a name", "/api/search?%ff=1", 400, ""},
	{"NUL in q", "/api/search?q=victim%00", 400, "q"},
	{"bad percent-escape", "/api/search?q=%zz", 400, ""},
	{"unknown parameter", "/api/search?q=victim&debug=1", 400, "debug"},
	{"unknown parameter on facets", "/api/facets?x=1", 400, "x"},
	{"year not a number", "/api/search?q=victim&year_from=abc", 400, "year_from"},
	{"years reversed", "/api/search?q=victim&year_from=2020&year_to=2010", 400, ""},
	{"unknown sort", "/api/search?q=victim&sort=random", 400, "sort"},
	{"forged cursor", "/api/search?q=victim&cursor=" + q(strings.Repeat("Zm9v", 100)), 400, "cursor"},
	{"huge suggest limit", "/api/suggest?q=tra&limit=100000", 400, "limit"},
	{"suggest invalid UTF-8", "/api/suggest?q=%c3%28", 400, "q"},
	{"long document id", "/api/documents/" + strings.Repeat("x", 300), 400, "id"},
	{"unknown document", "/api/documents/no-such-handbook", 404, ""},
	{"page number out of range", "/api/documents/x/pages/99999999", 400, "n"},
	{"page of unknown document", "/api/documents/no-such-handbook/pages/1", 404, ""},
}

// Every hostile query gets a 4xx with a JSON error that names the problem,
// and afterwards the server still answers a normal query.
func TestHostileQueries(t *testing.T) {
	lib := sampleCopy(t)
	index := t.TempDir()
	mustIndex(t, lib, index)
	s := startServer(t, lib, index)
	s.waitReady(t)
	hc := &http.Client{Timeout: 30 * time.Second}
	for _, hq := range hostileQueries {
		t.Run(hq.name, func(t *testing.T) {
			var e apiError
			code, err := getJSON(context.Background(), hc, s.URL+hq.path, &e)
			if err != nil {
				t.Fatalf("GET %.80s: status %d, %v", hq.path, code, err)
			}
			if hq.status != 0 && code != hq.status || code < 400 || code > 499 {
				t.Fatalf("GET %.80s: status %d, want %d (any 4xx if 0)", hq.path, code, hq.status)
			}
			if e.Error.Code == "" || e.Error.Message == "" {
				t.Errorf("GET %.80s: error without code or message: %+v", hq.path, e)
			}
			if hq.param != "" && e.Error.Param != hq.param {
				t.Errorf("GET %.80s: error names %q, want %q (%s)", hq.path, e.Error.Param, hq.param, e.Error.Message)
			}
		})
	}
	// A request line beyond the header limit is refused by the HTTP
	// framing itself (431, plain text) before any handler runs.
	resp, err := hc.Get(s.URL + "/api/search?q=" + strings.Repeat("a", 100<<10))
	if err != nil {
		t.Fatalf("100 KB q: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge && resp.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("100 KB q: status %d, want 431 or 414", resp.StatusCode)
	}
	var res struct{ Total int }
	if code, err := getJSON(context.Background(), hc, s.URL+"/api/search?q=victims", &res); err != nil || code != 200 || res.Total == 0 {
		t.Errorf("normal query after the hostile ones: status %d, total %d, %v", code, res.Total, err)
	}
	figure(t, "%d hostile requests over HTTP, each checked for status class, JSON error and named parameter", len(hostileQueries)+1)
}
