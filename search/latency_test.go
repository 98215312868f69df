package search

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	latency     = flag.Bool("latency", false, "measure search latency on the generated 100k-page library and print percentiles")
	latencyTime = flag.Duration("latency.time", 8*time.Second, "measuring time per concurrency level")
	latencyDir  = flag.String("latency.index", "", "measure this index directory (as written by handbooks index) instead of the generated library")
)

// benchQueries is the fixed mix measured: 1–3 word queries, some quoted
// phrases, some with one to three filters.
var benchQueries = []Request{
	{Query: "trafficking"}, {Query: "victim"}, {Query: "referral"}, {Query: "shelter"},
	{Query: "interpreter"}, {Query: "kafala"}, {Query: "hotline"}, {Query: "guardian"},
	{Query: "forced labour"}, {Query: "debt bondage"}, {Query: "child protection"}, {Query: "supply chain"},
	{Query: "duty to notify"}, {Query: "reasonable grounds"}, {Query: "labour exploitation"}, {Query: "safe house"},
	{Query: "trauma informed interview"}, {Query: "national referral mechanism"}, {Query: "victim support services"},
	{Query: "money laundering investigation"}, {Query: "recruitment fees employer"}, {Query: "unaccompanied minors asylum"},
	{Query: "police training"}, {Query: "identification indicators"}, {Query: "data protection"},
	{Query: `"forced labour"`}, {Query: `"duty to notify"`}, {Query: `"national referral mechanism"`},
	{Query: `"reflection period"`}, {Query: `"debt bondage" fishing`},
	{Query: "NRM"}, {Query: "THB"}, {Query: "labor"}, {Query: "traite"}, {Query: "trata personas"},
	{Query: "shelter", Filters: Filters{Types: []string{"Guidance"}}},
	{Query: "forced labour", Filters: Filters{Regions: []string{"Asia"}}},
	{Query: "child protection", Filters: Filters{Regions: []string{"Europe"}, YearFrom: 2015}},
	{Query: "referral", Filters: Filters{Types: []string{"Toolkit", "Manual"}, Languages: []string{"en"}}},
	{Query: "victim", Filters: Filters{Publishers: []string{"IOM"}, Regions: []string{"Africa"}, YearFrom: 2010, YearTo: 2020}},
	{Query: "supply chain due diligence", Filters: Filters{Tags: []string{"supply chains"}}},
	{Query: "interview", Filters: Filters{Countries: []string{"United Kingdom"}}},
	{Query: "prosecution evidence", Filters: Filters{Types: []string{"Report"}, Regions: []string{"Americas"}}},
	{Query: `"sexual exploitation"`, Filters: Filters{Languages: []string{"en"}}},
	{Query: "compensation", Filters: Filters{YearFrom: 2020}},
	{Query: "migrant workers", Filters: Filters{Regions: []string{"Middle East"}, Types: []string{"Good Practices"}}},
	{Query: "non-punishment principle", Filters: Filters{Tags: []string{"non-punishment"}}},
	{Query: "coordination"}, {Query: "labour inspector"}, {Query: "organised crime"},
}

// TestLatency prints p50/p95/p99 of the query mix at 1 and 2 goroutines
// on the generated library, and the index size against the text size:
//
//	nice go test ./search -run TestLatency -latency -v [-latency.time 8s]
//
// It asserts nothing about time.
func TestLatency(t *testing.T) {
	if !*latency {
		t.Skip("run with -latency")
	}
	dir := *latencyDir
	if dir == "" {
		var textBytes int64
		dir, textBytes = benchLibrary(t)
		gen, _ := currentGeneration(dir)
		size := dirSize(filepath.Join(dir, gen))
		fmt.Printf("index %s: %d MB of text, index %d MB (%.2f× the text; docs %d MB, pages %d MB)\n", dir,
			textBytes>>20, size>>20, float64(size)/float64(textBytes),
			dirSize(filepath.Join(dir, gen, docsDir))>>20, dirSize(filepath.Join(dir, gen, pagesDir))>>20)
	}
	start := time.Now()
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	st, _ := x.Stats()
	fmt.Printf("open: %v, %d documents, %d pages\n", time.Since(start).Round(time.Millisecond), st.Documents, st.Pages)
	ctx := context.Background()
	// Warm up, and keep the queries this library answers: filter values
	// it does not have are refused (another library than the generated
	// one may lack some).
	var mix []Request
	for _, q := range benchQueries {
		res, err := x.Search(ctx, q)
		var e *Error
		if errors.As(err, &e) {
			fmt.Printf("left out of the mix: %q: %v\n", q.Query, err)
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", q.Query, err)
		}
		mix = append(mix, q)
		if testing.Verbose() && os.Getenv("LATENCY_QUERIES") != "" {
			fmt.Printf("%-40q %5d hits %7.2f ms\n", q.Query, res.Total, res.TookMS)
		}
	}
	fmt.Printf("%-11s %8s %8s %8s %8s %8s %11s\n", "goroutines", "queries", "q/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/q")
	for _, n := range []int{1, 2} {
		cpu0 := cpuTime()
		ds := runMix(t, x, mix, n, *latencyTime)
		cpuPerQuery := float64((cpuTime() - cpu0).Microseconds()) / 1000 / float64(len(ds))
		slices.Sort(ds)
		pct := func(p float64) float64 {
			return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
		}
		fmt.Printf("%-11d %8d %8.0f %8.2f %8.2f %8.2f %11.2f\n", n, len(ds), float64(len(ds))/latencyTime.Seconds(), pct(0.50), pct(0.95), pct(0.99), cpuPerQuery)
	}
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
				fmt.Println(strings.Join(strings.Fields(l), " "))
			}
		}
	}
}

// cpuTime is the CPU time this process has used (user and system): on a
// machine shared with other work, CPU per query is steadier than latency.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runMix runs the query mix on n goroutines for d and returns the
// duration of every search.
func runMix(t *testing.T, x *Index, mix []Request, n int, d time.Duration) []time.Duration {
	var (
		mu  sync.Mutex
		all []time.Duration
		wg  sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var ds []time.Duration
			for i := g * 7; time.Now().Before(deadline); i++ {
				q := mix[i%len(mix)]
				s := time.Now()
				if _, err := x.Search(context.Background(), q); err != nil {
					t.Error(err)
					return
				}
				ds = append(ds, time.Since(s))
			}
			mu.Lock()
			all = append(all, ds...)
			mu.Unlock()
		}(g)
	}
	wg.Wait()
	return all
}

// BenchmarkSearchLarge: the query mix, one query per iteration, on the
// generated 100k-page library (built and cached on first use).
func BenchmarkSearchLarge(b *testing.B) {
	dir, _ := benchLibrary(b)
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := x.Search(ctx, benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
