// Command loadmix is a closed-loop load client for "handbooks serve" that
// mixes hostile requests into normal search traffic and prints, as JSON,
// the latency of the normal requests and every answer that was not what
// it should be.
//
// Usage:
//
//	loadmix -base http://127.0.0.1:8080 [-clients 8] [-duration 30s] [-warmup 2s] [-hostile 10] [-seed 1]
//
// Normal requests (searches, filtered searches, deep pages, suggestions)
// are drawn from the server's own facets and a list of domain words, as by
// the benchmark's query mix; they must answer 200. Hostile requests (over
// every limit of the API) must answer 4xx. A 5xx or a transport error is a
// failure; the exit status is 1 when there was one.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"time"

	"handbooks/internal/load"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := &Main{}
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	res, err := m.Run(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadmix:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(res)
	if res.ServerErrors > 0 || res.TransportErrors > 0 || res.Unexpected > 0 {
		os.Exit(1)
	}
}

// Main is the command: its flags and Run.
type Main struct {
	Base     string
	Clients  int
	Duration time.Duration
	Warmup   time.Duration
	Hostile  int // percent of requests that are hostile
	Seed     uint64
}

// ParseFlags sets m from the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("loadmix", flag.ContinueOnError)
	fs.StringVar(&m.Base, "base", "http://127.0.0.1:8080", "server `URL`")
	fs.IntVar(&m.Clients, "clients", 8, "concurrent clients")
	fs.DurationVar(&m.Duration, "duration", 30*time.Second, "measured time")
	fs.DurationVar(&m.Warmup, "warmup", 2*time.Second, "warm-up time, not measured")
	fs.IntVar(&m.Hostile, "hostile", 10, "percent of hostile requests")
	fs.Uint64Var(&m.Seed, "seed", 1, "seed of the query mix")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || m.Hostile < 0 || m.Hostile > 100 || m.Clients < 1 {
		fs.Usage()
		return fmt.Errorf("bad arguments")
	}
	return nil
}

// Result is what a run measured.
type Result struct {
	Clients         int            `json:"clients"`
	HostilePercent  int            `json:"hostile_percent"`
	Seconds         float64        `json:"seconds"`
	Normal          load.Summary   `json:"normal"`  // latency of normal requests answered 200
	Hostile         load.Summary   `json:"hostile"` // latency of hostile requests answered 4xx
	Statuses        map[string]int `json:"statuses"`
	ServerErrors    int            `json:"server_errors"`    // 5xx
	TransportErrors int            `json:"transport_errors"` // no answer
	Unexpected      int            `json:"unexpected"`       // normal not 200, or hostile not 4xx
	Examples        []string       `json:"examples,omitempty"`
}

// domainWords are searched for by the normal requests.
var domainWords = []string{"trafficking", "victims", "victim", "identification", "referral",
	"labour", "forced", "children", "protection", "support", "shelter", "investigation",
	"financial", "supply", "chain", "exploitation", "migrants", "interview", "guidance",
	"national", "mechanism", "rights", "law", "police", "prosecution", "recruitment",
	"trata", "víctimas", "travail", "traite", "торговля", "الاتجار"}

// hostilePaths are requests over the API's limits; each must answer 4xx.
func hostilePaths() []string {
	many := make([]string, 40)
	for i := range many {
		many[i] = fmt.Sprintf("w%d", i)
	}
	return []string{
		"/api/search?q=" + url.QueryEscape(strings.Repeat("trafficking ", 50)),
		"/api/search?q=" + strings.Repeat("a", 10<<10),
		"/api/search?q=" + url.QueryEscape(strings.Join(many, " ")),
		"/api/search?q=a*",
		"/api/search?q=victim+tr*",
		"/api/search?q=victim&page=1000000",
		"/api/search?q=victim&per_page=100000",
		"/api/search?q=a&q=b",
		"/api/search?q=%ff%fe",
		"/api/search?q=victim&debug=1",
		"/api/search?q=victim&year_from=abc",
		"/api/search?q=victim&sort=random",
		"/api/search?q=victim&cursor=Zm9vYmFy",
		"/api/suggest?q=tra&limit=100000",
		"/api/documents/" + strings.Repeat("x", 300),
		"/api/documents/x/pages/99999999",
	}
}

// normalPaths draws n normal requests from the server's facets.
func (m *Main) normalPaths(ctx context.Context, hc *http.Client, n int) ([]string, error) {
	var facets struct {
		Facets map[string][]struct {
			Value string `json:"value"`
		} `json:"facets"`
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.Base+"/api/facets", nil)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("facets: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&facets); err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	src := load.Source{Terms: domainWords, Facets: map[string][]string{},
		Phrases: []string{"human trafficking", "forced labour", "national referral mechanism", "supply chain"}}
	for k, vs := range facets.Facets {
		for _, v := range vs {
			src.Facets[k] = append(src.Facets[k], v.Value)
		}
	}
	qs := load.Mix(src, n, m.Seed)
	paths := make([]string, len(qs))
	for i, q := range qs {
		if q.Kind == load.KindDeep {
			q.Page = min(q.Page, 5) // within the paging window of a small library
		}
		paths[i] = q.HandbooksPath()
	}
	return paths, nil
}

// Run sends the mix until the duration ends.
func (m *Main) Run(ctx context.Context) (*Result, error) {
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: m.Clients,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	normal, err := m.normalPaths(ctx, hc, 2000)
	if err != nil {
		return nil, err
	}
	hostile := hostilePaths()

	start := time.Now()
	measureFrom := start.Add(m.Warmup)
	deadline := measureFrom.Add(m.Duration)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	res := &Result{Clients: m.Clients, HostilePercent: m.Hostile, Seconds: m.Duration.Seconds(), Statuses: map[string]int{}}
	var mu sync.Mutex
	var normalLat, hostileLat []time.Duration
	note := func(format string, args ...any) {
		if len(res.Examples) < 10 {
			res.Examples = append(res.Examples, fmt.Sprintf(format, args...))
		}
	}
	var wg sync.WaitGroup
	for c := range m.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(m.Seed, uint64(c)))
			i := c * len(normal) / m.Clients
			for ctx.Err() == nil {
				bad := r.IntN(100) < m.Hostile
				var path string
				if bad {
					path = hostile[r.IntN(len(hostile))]
				} else {
					path = normal[i%len(normal)]
					i++
				}
				t0 := time.Now()
				status, err := get(ctx, hc, m.Base+path)
				t1 := time.Now()
				if ctx.Err() != nil || t0.Before(measureFrom) {
					continue
				}
				mu.Lock()
				switch {
				case err != nil:
					res.TransportErrors++
					note("%.100s: %v", path, err)
				default:
					res.Statuses[fmt.Sprint(status)]++
					switch {
					case status >= 500:
						res.ServerErrors++
						note("%.100s: status %d", path, status)
					case bad && status >= 400 && status < 500:
						hostileLat = append(hostileLat, t1.Sub(t0))
					case !bad && status == 200:
						normalLat = append(normalLat, t1.Sub(t0))
					default:
						res.Unexpected++
						note("%.100s: status %d (hostile %v)", path, status, bad)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.Normal = load.Summarise(normalLat)
	res.Hostile = load.Summarise(hostileLat)
	sort.Strings(res.Examples)
	return res, nil
}

func get(ctx context.Context, hc *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, nil
}
