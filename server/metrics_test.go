package server

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

func TestMetrics(t *testing.T) {
	fake := newFake()
	s := newTestServer(t, fake, "", Limits{})
	get(s, "GET", "/api/search?q=duty")
	get(s, "GET", "/api/search?q=duty")
	get(s, "GET", "/api/search?per_page=0")
	get(s, "GET", "/api/documents/guide")
	get(s, "GET", "/no/such/route")
	w := get(s, "GET", "/metrics")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, needle := range []string{
		`handbooks_http_requests_total{route="/api/search",code="200"} 2`,
		`handbooks_http_requests_total{route="/api/search",code="400"} 1`,
		`handbooks_http_requests_total{route="/api/documents/{id}",code="200"} 1`,
		`handbooks_http_requests_total{route="unmatched",code="404"} 1`,
		`handbooks_http_request_duration_seconds_bucket{route="/api/search",le="+Inf"} 3`,
		`handbooks_http_request_duration_seconds_count{route="/api/search"} 3`,
		"# TYPE handbooks_http_request_duration_seconds histogram",
		"handbooks_index_ready 1",
		"handbooks_index_documents 1",
		"handbooks_index_pages 3",
		"handbooks_index_extraction_failures 2",
		`handbooks_index_files{outcome="broken"} 2`,
		"handbooks_index_last_run_timestamp_seconds 0",
	} {
		if !strings.Contains(body, needle+"\n") {
			t.Errorf("metrics lack %s", needle)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		if strings.Contains(line, "duty") {
			t.Errorf("a query in the metrics: %s", line)
		}
	}
	fake.err = search.ErrNoIndex
	body = get(s, "GET", "/metrics").Body.String()
	if !strings.Contains(body, "handbooks_index_ready 0\n") || strings.Contains(body, "handbooks_index_documents") {
		t.Errorf("metrics without an index:\n%s", body)
	}
}

func TestHistogramBuckets(t *testing.T) {
	m := newMetrics()
	m.observe("/r", 200, 3*time.Millisecond)
	m.observe("/r", 200, 20*time.Second)
	var b bytes.Buffer
	m.write(&b)
	for _, needle := range []string{
		`_bucket{route="/r",le="0.0025"} 0`,
		`_bucket{route="/r",le="0.005"} 1`,
		`_bucket{route="/r",le="10"} 1`,
		`_bucket{route="/r",le="+Inf"} 2`,
		`_count{route="/r"} 2`,
	} {
		if !strings.Contains(b.String(), needle+"\n") {
			t.Errorf("histogram lacks %s:\n%s", needle, b.String())
		}
	}
	if got := label("a\"b\\c\nd"); got != `"a\"b\\c\nd"` {
		t.Errorf("label escaping: %s", got)
	}
}
