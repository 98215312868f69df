package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Results is everything one benchmark run measured.
type Results struct {
	Started    time.Time
	Elapsed    time.Duration
	Command    string
	Machine    Machine
	Corpora    []*Corpus
	Extraction []ExtractRow
	Indexing   []IndexRow
	Queries    []QueryRow
	InProcess  []InProcessRow
	Profiles   []Profile
	Notes      []string
}

func (r *Results) note(format string, a ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, a...))
}

// IndexRow is one system's indexing of one corpus.
type IndexRow struct {
	Corpus     string
	Pages      int
	TextBytes  int64
	System     string
	Runs       int
	Seconds    float64 // wall, median
	PPS        float64 // pages/s, median
	CPUSeconds float64 // median
	PeakRSS    int64   // largest of the runs
	IndexBytes int64   // after the last fresh run, without CacheBytes
	CacheBytes int64   // extraction cache kept in the index folder
	// Rerun is the median wall time of an unchanged second run (0: not run).
	Rerun float64
}

// Run builds the corpora, measures and writes the results file.
func (m *Main) Run(ctx context.Context) error {
	start := time.Now()
	res := &Results{Started: start, Command: "go run ./cmd/benchmark " + strings.Join(m.Args, " "),
		Machine: machine()}
	res.Command = strings.TrimSpace(res.Command)
	if err := os.MkdirAll(m.Work, 0o755); err != nil {
		return err
	}
	logf := func(msg string, args ...any) { m.log.Info(msg, args...) }

	bin, err := m.buildHandbooks(ctx, res)
	if err != nil {
		return err
	}
	corpora, err := m.buildCorpora(ctx, res, logf)
	if err != nil {
		return err
	}
	res.Corpora = corpora

	if m.Only["extract"] {
		if err := m.extractPhase(ctx, res, bin, corpora, logf); err != nil {
			return m.finish(res, start, err)
		}
	}
	if m.Only["index"] || m.Only["query"] {
		for _, c := range corpora {
			if c.Kind == "wild" {
				continue
			}
			if err := m.indexAndQuery(ctx, res, bin, c); err != nil {
				return m.finish(res, start, err)
			}
		}
	}
	if m.Only["profile"] && m.oursCanIndex(ctx, bin) {
		for _, c := range corpora {
			if c.Kind == "wild" {
				continue
			}
			index := filepath.Join(m.Work, "indexes", slug(c), "handbooks")
			if _, err := os.Stat(filepath.Join(index, "CURRENT")); err != nil {
				index = ""
			}
			if err := m.profilePhase(ctx, res, bin, c, index); err != nil {
				return m.finish(res, start, err)
			}
			break
		}
	}
	return m.finish(res, start, nil)
}

// finish writes what was measured, even after a failure.
func (m *Main) finish(res *Results, start time.Time, runErr error) error {
	res.Elapsed = time.Since(start)
	if runErr != nil {
		res.note("the run stopped early: %v", runErr)
	}
	if b, err := json.MarshalIndent(res, "", "  "); err == nil {
		os.WriteFile(filepath.Join(m.Work, "results-"+res.Started.Format("20060102-150405")+".json"), b, 0o644)
	}
	if err := writeReport(m.Out, res); err != nil {
		return err
	}
	m.log.Info("wrote results", "file", m.Out, "elapsed", res.Elapsed.Round(time.Second))
	return runErr
}

// buildHandbooks builds the handbooks command once into the work directory.
// It returns "" when the repository's command cannot index yet.
func (m *Main) buildHandbooks(ctx context.Context, res *Results) (string, error) {
	bin := filepath.Join(m.Work, "bin", "handbooks")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/handbooks")
	cmd.Dir = repoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/handbooks: %v\n%s", err, out)
	}
	out, _ := exec.CommandContext(ctx, bin, "index", "-h").CombinedOutput()
	if bytes.Contains(out, []byte("not built yet")) {
		res.note("`handbooks index` is not implemented in this checkout: our indexing and queries are skipped")
		return bin, nil
	}
	return bin, nil
}

func (m *Main) oursCanIndex(ctx context.Context, bin string) bool {
	out, _ := exec.CommandContext(ctx, bin, "index", "-h").CombinedOutput()
	return !bytes.Contains(out, []byte("not built yet"))
}

// repoRoot is the module root (the directory of go.mod).
func repoRoot() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err == nil {
		if p := strings.TrimSpace(string(out)); p != "" && p != os.DevNull {
			return filepath.Dir(p)
		}
	}
	return "."
}

const domainPages = 243 // pages of ../shared/corpus/domain, for the copy count

func (m *Main) buildCorpora(ctx context.Context, res *Results, logf func(string, ...any)) ([]*Corpus, error) {
	var out []*Corpus
	domain := filepath.Join(m.Shared, "corpus", "domain")
	if _, err := os.Stat(domain); err != nil {
		res.note("%s not found: no corpora of real PDFs", domain)
	} else {
		for _, size := range m.Sizes {
			copies := max(1, size/domainPages)
			c, err := buildDomain(ctx, domain, filepath.Join(m.Work, "corpora", fmt.Sprintf("domain-x%d", copies)), copies, logf)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	for _, size := range m.SynthSizes {
		c, err := buildSynth(ctx, filepath.Join(m.Work, "corpora", fmt.Sprintf("synth-%d", size)), size, runtime.NumCPU(), logf)
		if err != nil {
			return nil, err
		}
		c.Name = fmt.Sprintf("synthetic %s", pagesLabel(size))
		out = append(out, c)
	}
	wild := filepath.Join(m.Shared, "corpus", "wild")
	if _, err := os.Stat(wild); err == nil && m.Only["extract"] {
		c, err := wildCorpus(ctx, filepath.Join(m.Work, "corpora", "wild"), wild)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (m *Main) extractPhase(ctx context.Context, res *Results, bin string, corpora []*Corpus, logf func(string, ...any)) error {
	if err := available("pdftotext"); err != nil {
		res.note("extraction comparison skipped: %v", err)
		return nil
	}
	done := map[string]bool{}
	for _, c := range corpora {
		// The samples of all sizes of one kind are the same files.
		if done[c.Kind] || len(c.Sample) == 0 {
			continue
		}
		done[c.Kind] = true
		sample := *c
		switch c.Kind {
		case "domain":
			sample.Name = "domain (11 files)"
		case "synth":
			sample.Name = fmt.Sprintf("synthetic (%d files)", len(c.Sample))
		case "wild":
			sample.Name = fmt.Sprintf("wild (%d files)", len(c.Sample))
		}
		row, err := compareExtraction(ctx, bin, &sample, m.Runs, logf)
		if err != nil {
			return err
		}
		res.Extraction = append(res.Extraction, row)
	}
	return nil
}

func slug(c *Corpus) string { return filepath.Base(c.Dir) }

// indexAndQuery indexes c with every system and then runs the query load.
func (m *Main) indexAndQuery(ctx context.Context, res *Results, bin string, c *Corpus) error {
	// Medians of m.Runs runs on the corpora of real PDFs up to FullMax
	// pages; one run on larger and synthetic corpora, to keep the default
	// run under 15 minutes.
	runs, queryRuns := m.Runs, m.Runs
	if c.Pages > m.FullMax {
		runs = 1
	}
	if c.Kind == "synth" {
		runs, queryRuns = m.SynthRuns, m.SynthRuns
	}
	idxRoot := filepath.Join(m.Work, "indexes", slug(c))
	logDir := filepath.Join(m.Work, "logs", slug(c))
	for _, d := range []string{idxRoot, logDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	var systems []Indexer
	if m.oursCanIndex(ctx, bin) {
		systems = append(systems, handbooksIndexer(bin, logDir))
	}
	if err := available("omindex", "pdftotext"); err != nil {
		res.note("omindex skipped: %v", err)
	} else {
		systems = append(systems, omindexIndexer())
	}
	if err := available("recollindex", "pdftotext"); err != nil {
		res.note("recollindex skipped: %v", err)
	} else if c.Pages > m.FullMax {
		res.note("%s: recollindex not run above %d pages (-full-max), to keep the default run short", c.Name, m.FullMax)
	} else if c.Kind == "synth" && !m.SynthRecoll {
		res.note("%s: recollindex not run on synthetic corpora (-synth-recoll to add it)", c.Name)
	} else {
		systems = append(systems, recollIndexer())
	}

	type acc struct {
		wall, pps, cpu, rerun []float64
		peak, size, cache     int64
		failed                bool
	}
	accs := make([]acc, len(systems))
	dirs := make([]string, len(systems))
	if m.Only["index"] {
		for r := range runs {
			for i, s := range systems {
				if accs[i].failed {
					continue
				}
				dir := filepath.Join(idxRoot, s.Name)
				dirs[i] = dir
				os.RemoveAll(dir)
				m.log.Info("indexing", "corpus", c.Name, "system", s.Name, "run", r+1, "of", runs)
				u, err := s.Run(ctx, c.Dir, dir)
				if err != nil {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					res.note("%s: %s failed: %v", c.Name, s.Name, err)
					accs[i].failed = true
					continue
				}
				a := &accs[i]
				a.wall = append(a.wall, u.Wall.Seconds())
				a.pps = append(a.pps, float64(c.Pages)/u.Wall.Seconds())
				a.cpu = append(a.cpu, u.CPU.Seconds())
				a.peak = max(a.peak, u.PeakRSS)
				a.size, a.cache = u.IndexBytes-u.CacheBytes, u.CacheBytes
				// The unchanged re-run.
				u2, err := s.Run(ctx, c.Dir, dir)
				if err != nil {
					res.note("%s: %s re-run failed: %v", c.Name, s.Name, err)
				} else {
					a.rerun = append(a.rerun, u2.Wall.Seconds())
				}
				m.log.Info("indexed", "corpus", c.Name, "system", s.Name, "seconds", round1(u.Wall.Seconds()),
					"pps", round1(float64(c.Pages)/u.Wall.Seconds()), "rss_mb", u.PeakRSS>>20, "rerun_s", round1(u2.Wall.Seconds()))
			}
		}
		for i, s := range systems {
			a := accs[i]
			if len(a.wall) == 0 {
				continue
			}
			row := IndexRow{Corpus: c.Name, Pages: c.Pages, TextBytes: c.TextBytes, System: s.Name, Runs: len(a.wall),
				Seconds: median(a.wall), PPS: median(a.pps), CPUSeconds: median(a.cpu), PeakRSS: a.peak,
				IndexBytes: a.size, CacheBytes: a.cache}
			if len(a.rerun) > 0 {
				row.Rerun = median(a.rerun)
			}
			res.Indexing = append(res.Indexing, row)
		}
	} else {
		for i, s := range systems {
			dirs[i] = filepath.Join(idxRoot, s.Name)
		}
	}
	if !m.Only["query"] {
		return nil
	}
	var ours, omega string
	for i, s := range systems {
		if _, err := os.Stat(dirs[i]); err != nil || accs[i].failed {
			continue
		}
		switch s.Name {
		case "handbooks":
			ours = dirs[i]
		case "omindex":
			omega = dirs[i]
		}
	}
	return m.queryPhase(ctx, res, c, bin, ours, omega, queryRuns)
}

func pagesLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return itoa(n)
}
