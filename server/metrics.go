package server

import (
	"bytes"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the latency histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests by route and status and times them by route.
// Routes are templates ("/api/documents/{id}"), so label values are few.
type metrics struct {
	mu        sync.Mutex
	requests  map[routeStatus]uint64
	latency   map[string]*histogram
	overloads uint64
}

type routeStatus struct {
	route  string
	status int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[routeStatus]uint64{}, latency: map[string]*histogram{}}
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[routeStatus{route, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.latency[route] = h
	}
	for i, le := range latencyBuckets {
		if sec <= le {
			h.counts[i]++
			break
		}
	}
	h.sum += sec
	h.count++
}

func (m *metrics) overloaded() {
	m.mu.Lock()
	m.overloads++
	m.mu.Unlock()
}

// write writes the request metrics in the Prometheus text format.
func (m *metrics) write(b *bytes.Buffer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	keys := make([]routeStatus, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].route != keys[j].route {
			return keys[i].route < keys[j].route
		}
		return keys[i].status < keys[j].status
	})
	header(b, "handbooks_http_requests_total", "counter", "HTTP requests by route template and status code.")
	for _, k := range keys {
		fmt.Fprintf(b, "handbooks_http_requests_total{route=%s,code=\"%d\"} %d\n", label(k.route), k.status, m.requests[k])
	}
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	header(b, "handbooks_http_request_duration_seconds", "histogram", "Time to serve a request, by route template.")
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(b, "handbooks_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(r), num(le), cum)
		}
		fmt.Fprintf(b, "handbooks_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(r), h.count)
		fmt.Fprintf(b, "handbooks_http_request_duration_seconds_sum{route=%s} %s\n", label(r), num(h.sum))
		fmt.Fprintf(b, "handbooks_http_request_duration_seconds_count{route=%s} %d\n", label(r), h.count)
	}
	header(b, "handbooks_search_overloaded_total", "counter", "Requests refused because too many searches were running.")
	fmt.Fprintf(b, "handbooks_search_overloaded_total %d\n", m.overloads)
}

func header(b *bytes.Buffer, name, typ, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// label quotes a label value as the text format requires.
func label(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// handleMetrics serves GET /metrics: request counts and latency
// histograms, and the size and last run of the index, in the Prometheus
// text exposition format.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	var b bytes.Buffer
	s.metrics.write(&b)
	st, err := s.search.Stats()
	ready := 0
	if err == nil {
		ready = 1
	}
	header(&b, "handbooks_index_ready", "gauge", "1 when an index is open and searchable.")
	fmt.Fprintf(&b, "handbooks_index_ready %d\n", ready)
	if err == nil {
		header(&b, "handbooks_index_documents", "gauge", "Documents in the open index.")
		fmt.Fprintf(&b, "handbooks_index_documents %d\n", st.Documents)
		header(&b, "handbooks_index_pages", "gauge", "Pages in the open index.")
		fmt.Fprintf(&b, "handbooks_index_pages %d\n", st.Pages)
		header(&b, "handbooks_index_last_run_timestamp_seconds", "gauge", "When the indexing run that made the open index finished (Unix time).")
		last := 0.0
		if !st.LastRun.Finished.IsZero() {
			last = float64(st.LastRun.Finished.UnixMilli()) / 1000
		}
		fmt.Fprintf(&b, "handbooks_index_last_run_timestamp_seconds %s\n", num(last))
		header(&b, "handbooks_index_extraction_failures", "gauge", "Files the last indexing run could not extract.")
		fmt.Fprintf(&b, "handbooks_index_extraction_failures %d\n", st.LastRun.Failures)
		header(&b, "handbooks_index_files", "gauge", "Files of the last indexing run by extraction outcome.")
		outcomes := make([]string, 0, len(st.LastRun.Outcomes))
		for o := range st.LastRun.Outcomes {
			outcomes = append(outcomes, o)
		}
		sort.Strings(outcomes)
		for _, o := range outcomes {
			fmt.Fprintf(&b, "handbooks_index_files{outcome=%s} %d\n", label(o), st.LastRun.Outcomes[o])
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	w.Write(b.Bytes())
	return nil
}
