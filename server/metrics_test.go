package server

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

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
		`handbooks_http_requests_total{code="200",route="/api/search"} 2`,
		`handbooks_http_requests_total{code="400",route="/api/search"} 1`,
		`handbooks_http_requests_total{code="200",route="/api/documents/{id}"} 1`,
		`handbooks_http_requests_total{code="404",route="unmatched"} 1`,
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
	s := newTestServer(t, newFake(), "", Limits{})
	s.metrics.observe("/r", 200, 3*time.Millisecond)
	s.metrics.observe("/r", 200, 20*time.Second)
	body := get(s, "GET", "/metrics").Body.String()
	for _, needle := range []string{
		`_bucket{route="/r",le="0.0025"} 0`,
		`_bucket{route="/r",le="0.005"} 1`,
		`_bucket{route="/r",le="10"} 1`,
		`_bucket{route="/r",le="+Inf"} 2`,
		`_count{route="/r"} 2`,
		`handbooks_http_requests_total{code="200",route="/r"} 2`,
	} {
		if !strings.Contains(body, needle+"\n") {
			t.Errorf("histogram lacks %s:\n%s", needle, body)
		}
	}
}

// TestMetricsStandard checks what operators expect of a Go service: the
// standard exposition (parsed here as Prometheus does), the Go runtime's
// garbage-collector metrics and the process's resident memory.
func TestMetricsStandard(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	get(s, "GET", "/api/search?q=duty")
	w := get(s, "GET", "/metrics")
	parser := expfmt.NewTextParser(model.LegacyValidation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatalf("the exposition does not parse: %v", err)
	}
	for _, name := range []string{"go_gc_duration_seconds", "go_goroutines", "process_resident_memory_bytes",
		"handbooks_http_requests_total", "handbooks_http_request_duration_seconds", "handbooks_index_ready"} {
		if _, ok := families[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	gc := 0
	for name := range families {
		if strings.HasPrefix(name, "go_gc_") {
			gc++
		}
	}
	if gc < 3 {
		t.Errorf("%d go_gc_* metrics", gc)
	}
	if rss := families["process_resident_memory_bytes"]; rss != nil && rss.Metric[0].GetGauge().GetValue() <= 0 {
		t.Errorf("process_resident_memory_bytes %v", rss.Metric[0].GetGauge().GetValue())
	}
}

// BenchmarkMetricsObserve times counting one request from parallel
// goroutines, against a peer: one mutex around a map of counters, as a
// hand-written exposition keeps them.
func BenchmarkMetricsObserve(b *testing.B) {
	routes := []string{"/api/search", "/", "/api/documents/{id}", "/documents/{id}/file"}
	b.Run("prometheus", func(b *testing.B) {
		m := newMetrics(func() (indexStats, error) { return indexStats{}, nil })
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				m.observe(routes[i%len(routes)], 200, time.Millisecond)
			}
		})
	})
	b.Run("mutex-peer", func(b *testing.B) {
		var mu sync.Mutex
		counts := map[routeStatus]uint64{}
		sums := map[string]float64{}
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				r := routes[i%len(routes)]
				mu.Lock()
				counts[routeStatus{r, 200}]++
				sums[r] += time.Millisecond.Seconds()
				mu.Unlock()
			}
		})
	})
}
