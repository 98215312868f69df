package load

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Config is one closed-loop run.
type Config struct {
	Base     string        // http://host:port
	Paths    []string      // requests, each a path with its query string
	Clients  int           // concurrent clients
	Warmup   time.Duration // requests during warm-up are not counted
	Duration time.Duration // measured time after warm-up
}

// Result is what a run measured.
type Result struct {
	Clients    int     `json:"clients"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"` // transport errors and statuses other than 200
	Seconds    float64 `json:"seconds"`
	Throughput float64 `json:"throughput"` // successful requests per second
	Latency    Summary `json:"latency"`
	FirstError string  `json:"first_error,omitempty"`
}

// Run sends requests from cfg.Clients clients, each sending its next request
// when the previous answer has been read in full, and measures the requests
// that start after the warm-up and end before the deadline.
func Run(ctx context.Context, cfg Config) Result {
	clients := max(1, cfg.Clients)
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        clients,
		MaxIdleConnsPerHost: clients,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	start := time.Now()
	measureFrom := start.Add(cfg.Warmup)
	deadline := measureFrom.Add(cfg.Duration)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()

	type part struct {
		lat      []time.Duration
		errors   int
		firstErr string
	}
	parts := make([]part, clients)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &parts[c]
			i := c * len(cfg.Paths) / clients
			for ctx.Err() == nil {
				path := cfg.Paths[i%len(cfg.Paths)]
				i++
				t0 := time.Now()
				err := get(ctx, hc, cfg.Base+path)
				t1 := time.Now()
				if t0.Before(measureFrom) || t1.After(deadline) {
					continue
				}
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					p.errors++
					if p.firstErr == "" {
						p.firstErr = path + ": " + err.Error()
					}
					continue
				}
				p.lat = append(p.lat, t1.Sub(t0))
			}
		}()
	}
	wg.Wait()

	res := Result{Clients: clients, Seconds: cfg.Duration.Seconds()}
	var all []time.Duration
	for _, p := range parts {
		all = append(all, p.lat...)
		res.Errors += p.errors
		if res.FirstError == "" {
			res.FirstError = p.firstErr
		}
	}
	res.Requests = len(all) + res.Errors
	if res.Seconds > 0 {
		res.Throughput = float64(len(all)) / res.Seconds
	}
	res.Latency = Summarise(all)
	return res
}

type statusError int

func (e statusError) Error() string { return "status " + http.StatusText(int(e)) }

func get(ctx context.Context, hc *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return statusError(resp.StatusCode)
	}
	return nil
}
