package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"handbooks/internal/load"
	"handbooks/internal/procfs"
)

// QueryRow is the load result of one system at one concurrency.
type QueryRow struct {
	Corpus     string
	Pages      int
	System     string
	Clients    int
	Runs       int
	Throughput float64 // successful requests/s, median of runs
	P50        float64 // ms, medians of runs
	P95        float64
	P99        float64
	Errors     int   // in all runs
	RSS        int64 // the server's (process tree's) largest RSS seen, bytes
	FirstError string
}

// loadRun runs one closed-loop load in a child process (this program
// re-executed) while sampling the server's RSS.
func loadRun(ctx context.Context, base, pathsFile string, clients int, warmup, dur time.Duration, serverPid int) (load.Result, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return load.Result{}, 0, err
	}
	cmd := exec.CommandContext(ctx, self, loadCommand, "-base", base, "-paths", pathsFile,
		"-c", itoa(clients), "-warmup", warmup.String(), "-d", dur.String())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	stop := make(chan struct{})
	var peak int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); peak = procfs.PollTreeRSS(serverPid, stop) }()
	err = cmd.Run()
	close(stop)
	wg.Wait()
	if err != nil {
		return load.Result{}, peak, fmt.Errorf("load child: %w: %s", err, tail(errb.String(), 400))
	}
	var res load.Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return res, peak, fmt.Errorf("load child output: %w", err)
	}
	return res, peak, nil
}

// target is a running server with the request paths of a mix.
type target struct {
	name      string
	server    *Server
	pathsFile string
}

func writePaths(path string, qs []load.Query, f func(load.Query) string) error {
	var b strings.Builder
	for _, q := range qs {
		if p := f(q); p != "" {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// compareQueries runs the load at each concurrency against each target,
// runs times, interleaving targets so that both see the same noise.
func (m *Main) compareQueries(ctx context.Context, c *Corpus, targets []target, runs int) ([]QueryRow, error) {
	return m.compareQueriesPid(ctx, c, targets, runs, 0)
}

// compareQueriesPid is compareQueries; a non-zero pid is sampled for RSS
// instead of each server's own process.
func (m *Main) compareQueriesPid(ctx context.Context, c *Corpus, targets []target, runs, pid int) ([]QueryRow, error) {
	var rows []QueryRow
	for _, clients := range m.Clients {
		type acc struct {
			tp, p50, p95, p99 []float64
			errors            int
			rss               int64
			firstErr          string
		}
		accs := make([]acc, len(targets))
		for r := range runs {
			for i, t := range targets {
				spid := pid
				if spid == 0 {
					spid = t.server.Pid()
				}
				res, rss, err := loadRun(ctx, t.server.Base, t.pathsFile, clients, m.Warmup, m.Duration, spid)
				if err != nil {
					return rows, err
				}
				a := &accs[i]
				a.tp = append(a.tp, res.Throughput)
				a.p50 = append(a.p50, res.Latency.P50)
				a.p95 = append(a.p95, res.Latency.P95)
				a.p99 = append(a.p99, res.Latency.P99)
				a.errors += res.Errors
				a.rss = max(a.rss, rss)
				if a.firstErr == "" {
					a.firstErr = res.FirstError
				}
				m.log.Info("load", "corpus", c.Name, "system", t.name, "clients", clients, "run", r+1,
					"rps", round1(res.Throughput), "p50", round1(res.Latency.P50), "p99", round1(res.Latency.P99), "errors", res.Errors)
			}
		}
		for i, t := range targets {
			a := accs[i]
			rows = append(rows, QueryRow{Corpus: c.Name, Pages: c.Pages, System: t.name, Clients: clients, Runs: runs,
				Throughput: median(a.tp), P50: median(a.p50), P95: median(a.p95), P99: median(a.p99),
				Errors: a.errors, RSS: a.rss, FirstError: a.firstErr})
		}
	}
	return rows, nil
}

// queryPhase serves the corpus's indexes and runs the load.
func (m *Main) queryPhase(ctx context.Context, res *Results, c *Corpus, bin, oursIdx, omegaDB string, runs int) error {
	dir := filepath.Join(m.Work, "serve", slug(c))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	src := querySource(ctx, c)
	qs := load.Mix(src, mixSize, 1)
	var targets []target
	stopAll := func() {
		for _, t := range targets {
			t.server.Stop()
		}
	}
	defer stopAll()
	if oursIdx != "" {
		s, err := startHandbooks(ctx, bin, c.Dir, oursIdx, dir)
		if err != nil {
			res.note("%s: handbooks serve did not start: %v", c.Name, err)
		} else {
			p := filepath.Join(dir, "handbooks.paths")
			if err := writePaths(p, qs, load.Query.HandbooksPath); err != nil {
				return err
			}
			targets = append(targets, target{"handbooks", s, p})
		}
	}
	if omegaDB != "" {
		s, err := startOmega(ctx, omegaDB, filepath.Join(dir, "omega"))
		if err != nil {
			res.note("%s: Omega skipped: %v", c.Name, err)
		} else {
			p := filepath.Join(dir, "omega.paths")
			if err := writePaths(p, qs, func(q load.Query) string {
				return q.OmegaPath("/cgi-bin/omega", omegaDBName)
			}); err != nil {
				return err
			}
			targets = append(targets, target{"omega", s, p})
		}
	}
	if len(targets) == 0 {
		return nil
	}
	for _, t := range targets {
		b, _ := os.ReadFile(t.pathsFile)
		found := handbooksFound
		if t.name == "omega" {
			found = omegaFound
		}
		share, n := hitRate(t.server.Base, strings.Split(strings.TrimSpace(string(b)), "\n"), 200, found)
		res.note("%s: %s found something for %.0f%% of the first %d searches of the mix", c.Name, t.name, share*100, n)
	}
	rows, err := m.compareQueries(ctx, c, targets, runs)
	res.Queries = append(res.Queries, rows...)
	stopAll()
	targets = nil
	if err != nil {
		return err
	}
	if oursIdx != "" {
		// After the server has stopped, so that the two do not share the cores.
		ips, err := inProcess(ctx, oursIdx, qs, m.Duration)
		if err != nil {
			res.note("%s: in-process search skipped: %v", c.Name, err)
		}
		for _, ip := range ips {
			ip.Corpus, ip.Pages = c.Name, c.Pages
			res.InProcess = append(res.InProcess, ip)
		}
	}
	return nil
}
