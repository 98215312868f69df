package reliability

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// observation is what one request saw.
type observation struct {
	readyDocs, readyPages int
	total                 int
}

// Queries run continuously against a server while "handbooks index
// -full" rebuilds its index, alternately from the small and the big state
// of the library, and swaps generations: no query fails, and every answer
// is that of a complete generation (its totals are those of one of the two
// states, never of a half-built index).
func TestSearchWhileReindexing(t *testing.T) {
	rebuilds := 2
	if *long {
		rebuilds = 8
	}
	lib := newKillLibrary(t)
	index := t.TempDir()
	lib.set(t, false)
	mustIndex(t, lib.dir, index)
	s := startServer(t, lib.dir, index)
	s.waitReady(t)

	const query = "/api/search?q=trafficking&per_page=1"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	// consistent reads the totals of the live generation when nothing runs.
	consistent := func() observation {
		var r readyz
		var res struct{ Total int }
		if code, err := getJSON(ctx, hc, s.URL+"/readyz", &r); err != nil || code != 200 {
			t.Fatalf("readyz: %d %v", code, err)
		}
		if code, err := getJSON(ctx, hc, s.URL+query, &res); err != nil || code != 200 {
			t.Fatalf("search: %d %v", code, err)
		}
		return observation{r.Documents, r.Pages, res.Total}
	}
	small := consistent()

	var (
		mu       sync.Mutex
		ready    = map[[2]int]int{}
		totals   = map[int]int{}
		failures []string
		requests atomic.Int64
	)
	fail := func(msg string) {
		mu.Lock()
		if len(failures) < 20 {
			failures = append(failures, msg)
		}
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for c := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if c%2 == 0 {
					var r readyz
					code, err := getJSON(ctx, hc, s.URL+"/readyz", &r)
					if ctx.Err() != nil {
						return
					}
					requests.Add(1)
					if err != nil || code != 200 {
						fail(fmt.Sprintf("readyz: %d %v", code, err))
						continue
					}
					mu.Lock()
					ready[[2]int{r.Documents, r.Pages}]++
					mu.Unlock()
					continue
				}
				var res struct{ Total int }
				code, err := getJSON(ctx, hc, s.URL+query, &res)
				if ctx.Err() != nil {
					return
				}
				requests.Add(1)
				if err != nil || code != 200 {
					fail(fmt.Sprintf("search: %d %v", code, err))
					continue
				}
				mu.Lock()
				totals[res.Total]++
				mu.Unlock()
			}
		}()
	}
	var big observation
	swaps := 0
	for i := range rebuilds {
		target := i%2 == 0
		lib.set(t, target)
		mustIndex(t, lib.dir, index, "-full")
		// The server polls CURRENT; wait until it serves the new generation.
		want := small
		deadline := time.Now().Add(30 * time.Second)
		for {
			var r readyz
			getJSON(ctx, hc, s.URL+"/readyz", &r)
			if target && r.Documents != small.readyDocs || !target && r.Documents == small.readyDocs {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the server did not swap to the rebuilt index")
			}
			time.Sleep(20 * time.Millisecond)
		}
		swaps++
		if target {
			if big.readyDocs == 0 {
				big = consistent()
			}
			want = big
		}
		if got := consistent(); got != want {
			t.Errorf("after rebuild %d the server shows %+v, want %+v", i+1, got, want)
		}
	}
	cancel()
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	for k, n := range ready {
		if k != [2]int{small.readyDocs, small.readyPages} && k != [2]int{big.readyDocs, big.readyPages} {
			t.Errorf("%d readyz answers saw %d documents, %d pages: neither state (%+v, %+v)", n, k[0], k[1], small, big)
		}
	}
	for k, n := range totals {
		if k != small.total && k != big.total {
			t.Errorf("%d searches saw total %d: neither state (%d, %d)", n, k, small.total, big.total)
		}
	}
	keys := func(m map[int]int) []int {
		var ks []int
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	figure(t, "search while re-indexing: %d full rebuilds and %d swaps under 4 clients, %d requests, %d failed; totals seen %v (states %d and %d)",
		rebuilds, swaps, requests.Load(), len(failures), keys(totals), small.total, big.total)
}
