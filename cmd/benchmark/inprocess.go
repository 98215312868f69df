package main

import (
	"context"
	"strconv"
	"sync"
	"time"

	"handbooks/internal/load"
	"handbooks/search"
)

// InProcessRow is the latency of the search package alone, without HTTP.
type InProcessRow struct {
	Corpus     string
	Pages      int
	Goroutines int
	Throughput float64
	P50, P99   float64
	Errors     int
}

// searchRequest turns a mix query into a search.Request.
func searchRequest(q load.Query) search.Request {
	r := search.Request{Query: q.Text, Page: max(1, q.Page), PerPage: load.PerPage}
	for _, f := range q.Filters {
		switch f.Param {
		case "type":
			r.Filters.Types = append(r.Filters.Types, f.Value)
		case "region":
			r.Filters.Regions = append(r.Filters.Regions, f.Value)
		case "tag":
			r.Filters.Tags = append(r.Filters.Tags, f.Value)
		case "year_from":
			r.Filters.YearFrom, _ = strconv.Atoi(f.Value)
		}
	}
	return r
}

// inProcess opens the index and runs the mix with 1 and 2 goroutines for
// dur each (after a short warm-up), and returns the row of 2 goroutines
// (the machine's cores) with the 1-goroutine figures in a second row.
func inProcess(ctx context.Context, dir string, qs []load.Query, dur time.Duration) ([]InProcessRow, error) {
	ix, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	do := func(q load.Query) error {
		if q.Kind == load.KindSuggest {
			_, err := ix.Suggest(ctx, q.Text, 10)
			return err
		}
		_, err := ix.Search(ctx, searchRequest(q))
		return err
	}
	// Warm-up: one pass over part of the mix.
	for _, q := range qs[:min(len(qs), 200)] {
		do(q)
	}
	var rows []InProcessRow
	for _, g := range []int{1, 2} {
		deadline := time.Now().Add(dur)
		lats := make([][]time.Duration, g)
		errs := make([]int, g)
		var wg sync.WaitGroup
		for w := range g {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w * len(qs) / g; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
					t0 := time.Now()
					if err := do(qs[i%len(qs)]); err != nil {
						errs[w]++
						continue
					}
					lats[w] = append(lats[w], time.Since(t0))
				}
			}()
		}
		wg.Wait()
		var all []time.Duration
		row := InProcessRow{Goroutines: g}
		for w := range g {
			all = append(all, lats[w]...)
			row.Errors += errs[w]
		}
		s := load.Summarise(all)
		row.Throughput = float64(len(all)) / dur.Seconds()
		row.P50, row.P99 = s.P50, s.P99
		rows = append(rows, row)
	}
	return rows, ctx.Err()
}
