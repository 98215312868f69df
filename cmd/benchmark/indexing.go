package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// IndexRun is one indexing run of one system over one corpus.
type IndexRun struct {
	Usage
	IndexBytes int64
	CacheBytes int64 // of IndexBytes, what is a cache of extracted text rather than the index
}

// Indexer builds an index of a library folder from empty, or updates it.
type Indexer struct {
	Name string
	// Run indexes library into dir; fresh means dir is empty beforehand.
	Run func(ctx context.Context, library, dir string) (IndexRun, error)
	// Size is the index's size on disk.
	Size func(dir string) int64
}

func handbooksIndexer(bin, logDir string) Indexer {
	return Indexer{
		Name: "handbooks",
		Run: func(ctx context.Context, library, dir string) (IndexRun, error) {
			cmd := exec.CommandContext(ctx, bin, "index", "-library", library, "-index", dir,
				"-report", filepath.Join(logDir, "handbooks-report.json"))
			f, err := os.Create(filepath.Join(logDir, "handbooks-index.log"))
			if err != nil {
				return IndexRun{}, err
			}
			defer f.Close()
			cmd.Stdout = f
			u, err := runMeasured(ctx, cmd)
			return IndexRun{Usage: u, IndexBytes: dirSize(dir), CacheBytes: dirSize(filepath.Join(dir, "extract-cache"))}, err
		},
		Size: dirSize,
	}
}

func omindexIndexer() Indexer {
	return Indexer{
		Name: "omindex",
		Run: func(ctx context.Context, library, dir string) (IndexRun, error) {
			// Only the PDFs: the catalog is not something omindex understands.
			cmd := exec.CommandContext(ctx, "omindex", "--db", dir, "--url", "/",
				"-Mcsv:ignore", "-Mjson:ignore", "--empty-docs=skip", library)
			cmd.Stdout = nil
			u, err := runMeasured(ctx, cmd)
			return IndexRun{Usage: u, IndexBytes: dirSize(dir)}, err
		},
		Size: dirSize,
	}
}

// recollIndexer runs recollindex with a configuration directory (the index
// lives inside it) whose topdirs is the library.
func recollIndexer() Indexer {
	return Indexer{
		Name: "recollindex",
		Run: func(ctx context.Context, library, dir string) (IndexRun, error) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return IndexRun{}, err
			}
			conf := fmt.Sprintf("topdirs = %s\nnoaspell = 1\nindexedmimetypes = application/pdf\nloglevel = 1\n", library)
			if err := os.WriteFile(filepath.Join(dir, "recoll.conf"), []byte(conf), 0o644); err != nil {
				return IndexRun{}, err
			}
			cmd := exec.CommandContext(ctx, "recollindex")
			cmd.Env = append(os.Environ(), "RECOLL_CONFDIR="+dir)
			u, err := runMeasured(ctx, cmd)
			return IndexRun{Usage: u, IndexBytes: dirSize(filepath.Join(dir, "xapiandb"))}, err
		},
		Size: func(dir string) int64 { return dirSize(filepath.Join(dir, "xapiandb")) },
	}
}

// summariseReport says what a "handbooks index -report" file counted.
func summariseReport(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "wrote no report"
	}
	var r struct {
		Documents int            `json:"documents"`
		Pages     int            `json:"pages"`
		Counts    map[string]int `json:"counts"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return "wrote a report this program cannot read: " + err.Error()
	}
	keys := make([]string, 0, len(r.Counts))
	for k := range r.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, r.Counts[k]))
	}
	return fmt.Sprintf("reported %d documents, %d pages extracted (%s)", r.Documents, r.Pages, strings.Join(parts, ", "))
}

// available reports whether the programs an indexer needs are installed.
func available(names ...string) error {
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			return fmt.Errorf("%s not installed", n)
		}
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
				if s.Name == "handbooks" && r == 0 {
					res.note("%s: handbooks index %s", c.Name, summariseReport(filepath.Join(logDir, "handbooks-report.json")))
				}
				// The unchanged re-run: ours always (a goal), the peers on
				// corpora up to FullMax pages.
				if s.Name != "handbooks" && c.Pages > m.FullMax {
					m.log.Info("indexed", "corpus", c.Name, "system", s.Name, "seconds", round1(u.Wall.Seconds()),
						"pps", round1(float64(c.Pages)/u.Wall.Seconds()), "rss_mb", u.PeakRSS>>20)
					continue
				}
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
