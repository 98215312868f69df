package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// latencyBuckets are the upper bounds, in seconds, of the latency histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics are the server's Prometheus metrics, in a registry of its own
// (this file is the only user of client_golang): requests by route
// template and status, their latency by route, refused searches, the open
// index (read at each scrape), and the Go runtime and process metrics
// operators expect (go_gc_*, process_resident_memory_bytes, ...). Routes
// are templates ("/api/documents/{id}"), so label values are few; the
// counters of each (route, status) are looked up once and then cached, so
// a request takes no lock to be counted.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	overloads prometheus.Counter
	byRoute   sync.Map // routeStatus → *routeMetrics
	handler   http.Handler
}

type routeStatus struct {
	route  string
	status int
}

type routeMetrics struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

func newMetrics(stats func() (indexStats, error)) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "handbooks_http_requests_total", Help: "HTTP requests by route template and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "handbooks_http_request_duration_seconds", Help: "Time to serve a request, by route template.",
			Buckets: latencyBuckets,
		}, []string{"route"}),
		overloads: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "handbooks_search_overloaded_total", Help: "Requests refused because too many searches were running.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.overloads, indexCollector{stats},
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsGC)),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	k := routeStatus{route, status}
	rm, ok := m.byRoute.Load(k)
	if !ok {
		rm, _ = m.byRoute.LoadOrStore(k, &routeMetrics{
			requests: m.requests.WithLabelValues(route, strconv.Itoa(status)),
			latency:  m.latency.WithLabelValues(route),
		})
	}
	r := rm.(*routeMetrics)
	r.requests.Inc()
	r.latency.Observe(d.Seconds())
}

func (m *metrics) overloaded() { m.overloads.Inc() }

// indexStats is what the metrics show of the open index.
type indexStats struct {
	Documents, Pages int
	LastRun          time.Time // zero when unknown
	Failures         int
	Outcomes         map[string]int
}

var (
	descReady    = prometheus.NewDesc("handbooks_index_ready", "1 when an index is open and searchable.", nil, nil)
	descDocs     = prometheus.NewDesc("handbooks_index_documents", "Documents in the open index.", nil, nil)
	descPages    = prometheus.NewDesc("handbooks_index_pages", "Pages in the open index.", nil, nil)
	descLastRun  = prometheus.NewDesc("handbooks_index_last_run_timestamp_seconds", "When the indexing run that made the open index finished (Unix time).", nil, nil)
	descFailures = prometheus.NewDesc("handbooks_index_extraction_failures", "Files the last indexing run could not extract.", nil, nil)
	descFiles    = prometheus.NewDesc("handbooks_index_files", "Files of the last indexing run by extraction outcome.", []string{"outcome"}, nil)
)

// indexCollector reads the open index's figures at each scrape.
type indexCollector struct {
	stats func() (indexStats, error)
}

func (c indexCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descReady, descDocs, descPages, descLastRun, descFailures, descFiles} {
		ch <- d
	}
}

func (c indexCollector) Collect(ch chan<- prometheus.Metric) {
	st, err := c.stats()
	if err != nil {
		ch <- prometheus.MustNewConstMetric(descReady, prometheus.GaugeValue, 0)
		return
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	gauge(descReady, 1)
	gauge(descDocs, float64(st.Documents))
	gauge(descPages, float64(st.Pages))
	last := 0.0
	if !st.LastRun.IsZero() {
		last = float64(st.LastRun.UnixMilli()) / 1000
	}
	gauge(descLastRun, last)
	gauge(descFailures, float64(st.Failures))
	for o, n := range st.Outcomes {
		gauge(descFiles, float64(n), o)
	}
}

// indexStats reads the figures of the open index for the metrics.
func (s *Server) indexStats() (indexStats, error) {
	st, err := s.search.Stats()
	if err != nil {
		return indexStats{}, err
	}
	return indexStats{Documents: st.Documents, Pages: st.Pages, LastRun: st.LastRun.Finished,
		Failures: st.LastRun.Failures, Outcomes: st.LastRun.Outcomes}, nil
}

// handleMetrics serves GET /metrics: request counts and latency
// histograms, the size and last run of the index, and the Go runtime and
// process metrics, in the Prometheus exposition format.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	s.metrics.handler.ServeHTTP(w, r)
	return nil
}
