package load

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3}
	for _, c := range []struct{ p, want float64 }{
		{0, 1}, {50, 3}, {100, 5}, {25, 2}, {90, 4.6},
	} {
		if got := Percentile(xs, c.p); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if xs[0] != 5 {
		t.Error("Percentile sorted its input")
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("percentile of nothing is not NaN")
	}
	if got := Median([]float64{1, 2, 3, 4}); got != 2.5 {
		t.Errorf("Median = %v", got)
	}
}

func TestSummarise(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	s := Summarise(ds)
	if s.Count != 100 || s.Max != 100 || math.Abs(s.P50-50.5) > 1e-9 || math.Abs(s.P99-99.01) > 1e-9 {
		t.Errorf("Summarise = %+v", s)
	}
}

func testSource() Source {
	return Source{
		Terms:   []string{"victims", "trafficking", "referral", "labour", "children", "shelter"},
		Phrases: []string{"duty to notify", "national referral mechanism"},
		Facets: map[string][]string{
			"type": {"Guidance", "Tools"}, "region": {"Europe"}, "tag": {"forms"}, "year_from": {"2019"},
		},
	}
}

func TestMixShapes(t *testing.T) {
	qs := Mix(testSource(), 2000, 1)
	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
		switch q.Kind {
		case KindWords:
			if n := len(strings.Fields(q.Text)); n < 1 || n > 3 {
				t.Errorf("%q: %d words", q.Text, n)
			}
		case KindPhrase:
			if !strings.HasPrefix(q.Text, `"`) || !strings.HasSuffix(q.Text, `"`) {
				t.Errorf("phrase %q not quoted", q.Text)
			}
		case KindFiltered:
			if len(q.Filters) < 1 || len(q.Filters) > 3 {
				t.Errorf("%d filters", len(q.Filters))
			}
			seen := map[string]bool{}
			for _, f := range q.Filters {
				if seen[f.Param] {
					t.Errorf("filter %s twice", f.Param)
				}
				seen[f.Param] = true
			}
		case KindDeep:
			if q.Page < 3 || q.Page > 20 {
				t.Errorf("deep page %d", q.Page)
			}
		case KindSuggest:
			if !strings.HasPrefix(q.HandbooksPath(), "/api/suggest?q=") {
				t.Errorf("suggestion path %s", q.HandbooksPath())
			}
		}
	}
	for _, s := range Shares {
		got := float64(kinds[s.Kind]) / float64(len(qs)) * 100
		if math.Abs(got-float64(s.Percent)) > 4 {
			t.Errorf("%s: %.1f%%, want about %d%%", s.Kind, got, s.Percent)
		}
	}
	again := Mix(testSource(), 2000, 1)
	for i := range qs {
		if qs[i].HandbooksPath() != again[i].HandbooksPath() {
			t.Fatal("same seed gave a different mix")
		}
	}
}

func TestPaths(t *testing.T) {
	q := Query{Kind: KindFiltered, Text: "duty to notify", Filters: []Filter{{"type", "Guidance"}, {"year_from", "2019"}}}
	u, err := url.Parse(q.HandbooksPath())
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/api/search" || u.Query().Get("q") != "duty to notify" || u.Query().Get("type") != "Guidance" || u.Query().Get("year_from") != "2019" {
		t.Errorf("HandbooksPath = %s", q.HandbooksPath())
	}
	d := Query{Kind: KindDeep, Text: "victims", Page: 4}
	o, _ := url.Parse(d.OmegaPath("/cgi-bin/omega", "default"))
	if o.Query().Get("TOPDOC") != "30" || o.Query().Get("P") != "victims" || o.Query().Get("DB") != "default" {
		t.Errorf("OmegaPath = %s", d.OmegaPath("/cgi-bin/omega", "default"))
	}
}

func TestRunCountsRequestsAndErrors(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.URL.Query().Get("q") == "bad" {
			http.Error(w, "no", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`{"hits":[]}`))
	}))
	defer srv.Close()
	res := Run(context.Background(), Config{
		Base: srv.URL, Paths: []string{"/api/search?q=a", "/api/search?q=bad"},
		Clients: 2, Duration: 200 * time.Millisecond,
	})
	if res.Requests == 0 || res.Errors == 0 || res.Latency.Count == 0 {
		t.Fatalf("Run = %+v", res)
	}
	if res.Requests != res.Errors+res.Latency.Count {
		t.Errorf("requests %d != errors %d + ok %d", res.Requests, res.Errors, res.Latency.Count)
	}
	if int64(res.Requests) > n.Load() {
		t.Errorf("counted %d requests, server saw %d", res.Requests, n.Load())
	}
}
