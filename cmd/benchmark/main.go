// Command benchmark measures this program against the tools people use to
// search PDF libraries today, in the same run on the same machine, and writes
// the results to BENCHMARKS.md (newest first, older results kept below).
//
// Usage:
//
//	go run ./cmd/benchmark [-sizes 5000,100000] [-synth 5000] [-huge] [-runs 3]
//	    [-only extract,index,query,profile] [-out BENCHMARKS.md] [-work DIR]
//
// It builds corpora in the work directory (default: a folder in the user's
// cache directory; reused by later runs): copies of ../shared/corpus/domain
// with varied catalog rows, about -sizes pages each, and synthetic handbooks
// of -synth pages (-huge adds 1,000,000 synthetic pages). Then it measures
//
//   - extraction: pages/s of "handbooks extract" and of the indexer's
//     extract-worker against pdftotext, taking turns file by file, each on
//     one core, over samples of the corpora and ../shared/corpus/wild (one
//     run of the latter);
//   - indexing: pages/s from an empty index, peak RSS of the process tree,
//     index size against the extracted text, and an unchanged re-run, for
//     "handbooks index", omindex (xapian-omega) and recollindex (recoll);
//     recollindex only up to -full-max pages;
//   - queries: a closed-loop load from a separate process with 1, 8 and 32
//     clients over a mix of word, phrase, filtered, deep-page and suggestion
//     requests against "handbooks serve" and Xapian Omega's CGI behind
//     lighttpd, with throughput, p50/p95/p99 and the server's RSS; and the
//     search package in process;
//   - profile: CPU profiles, taken in this process, of the indexer, of page
//     extraction and of the HTTP server under load, on the first corpus
//     (the top functions go into the report; the files stay in the work
//     directory for "go tool pprof").
//
// Figures are medians of -runs runs on the copies of domain/ up to -full-max
// pages; larger corpora get one run per tool and no recollindex, synthetic
// ones -synth-runs runs and recollindex only with -synth-recoll, so that the
// default run ends within 15 minutes on two cores. Tools that are not
// installed are skipped with a note.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"handbooks/indexer"
	"handbooks/internal/load"
)

func main() {
	indexer.InitWorker() // the indexer's extraction workers of profile runs
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == loadCommand {
		os.Exit(runLoadChild(ctx, os.Args[2:], os.Stdout, os.Stderr))
	}
	m := NewMain(os.Stderr)
	if err := m.ParseFlags(ctx, os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(2)
	}
	if err := m.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(1)
	}
}

// Main is the benchmark program.
type Main struct {
	Sizes       []int // pages of domain-copy corpora
	SynthSizes  []int // pages of synthetic corpora
	Only        map[string]bool
	Out         string
	Work        string
	Shared      string // ../shared
	Runs        int
	FullMax     int  // pages up to which every tool runs Runs times
	SynthRuns   int  // runs per figure on synthetic corpora
	SynthRecoll bool // run recollindex on synthetic corpora too
	Duration    time.Duration
	Warmup      time.Duration
	Clients     []int
	Args        []string

	log *slog.Logger
}

// NewMain returns a Main logging to w.
func NewMain(w io.Writer) *Main {
	return &Main{log: slog.New(slog.NewTextHandler(w, nil))}
}

// ParseFlags reads the command line.
func (m *Main) ParseFlags(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("benchmark", flag.ContinueOnError)
	sizes := fs.String("sizes", "5000,100000", "pages of the corpora of copies of domain/")
	synthSizes := fs.String("synth", "5000", "pages of the synthetic corpora (empty: none)")
	huge := fs.Bool("huge", false, "add a synthetic corpus of 1,000,000 pages")
	only := fs.String("only", "extract,index,query,profile", "which measurements to make")
	fs.StringVar(&m.Out, "out", "BENCHMARKS.md", "the results file, updated in place")
	cache, _ := os.UserCacheDir()
	fs.StringVar(&m.Work, "work", filepath.Join(cache, "handbooks-benchmark"), "work directory for corpora and indexes")
	fs.StringVar(&m.Shared, "shared", "../shared", "the shared folder with corpus/domain and corpus/wild (relative to the repository)")
	fs.IntVar(&m.Runs, "runs", 3, "runs per figure (medians) for corpora up to -full-max pages")
	fs.IntVar(&m.FullMax, "full-max", 20000, "larger corpora get one run per tool and no recollindex")
	fs.IntVar(&m.SynthRuns, "synth-runs", 1, "runs per figure on synthetic corpora")
	fs.BoolVar(&m.SynthRecoll, "synth-recoll", false, "run recollindex on synthetic corpora too")
	fs.DurationVar(&m.Duration, "duration", 2*time.Second, "measured time of one load run")
	fs.DurationVar(&m.Warmup, "warmup", 500*time.Millisecond, "warm-up before each load run")
	clients := fs.String("clients", "1,8,32", "concurrent clients of the load runs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if m.Sizes, err = parseInts(*sizes); err != nil {
		return fmt.Errorf("-sizes: %w", err)
	}
	if m.SynthSizes, err = parseInts(*synthSizes); err != nil {
		return fmt.Errorf("-synth: %w", err)
	}
	if *huge {
		m.SynthSizes = append(m.SynthSizes, 1_000_000)
	}
	if m.Clients, err = parseInts(*clients); err != nil {
		return fmt.Errorf("-clients: %w", err)
	}
	m.Only = map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		switch s = strings.TrimSpace(s); s {
		case "extract", "index", "query", "profile":
			m.Only[s] = true
		case "":
		default:
			return fmt.Errorf("-only: unknown measurement %q", s)
		}
	}
	if m.Runs < 1 || m.SynthRuns < 1 {
		return fmt.Errorf("-runs and -synth-runs must be at least 1")
	}
	if !filepath.IsAbs(m.Shared) {
		m.Shared = filepath.Join(repoRoot(), m.Shared)
	}
	// Absolute, because lighttpd and the CGI run elsewhere.
	if m.Work, err = filepath.Abs(m.Work); err != nil {
		return err
	}
	m.Args = args
	return nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(f, "_", ""))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// loadCommand is the hidden subcommand that runs one load in a child process.
const loadCommand = "load-child"

// runLoadChild runs a closed-loop load and prints its load.Result as JSON.
// Arguments: -base URL -paths FILE (one request path a line) -c N -warmup D -d D.
func runLoadChild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(loadCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "", "http://host:port")
	pathsFile := fs.String("paths", "", "file of request paths, one a line")
	clients := fs.Int("c", 1, "concurrent clients")
	warmup := fs.Duration("warmup", time.Second, "warm-up")
	dur := fs.Duration("d", 5*time.Second, "measured duration")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	b, err := os.ReadFile(*pathsFile)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	paths := strings.Split(strings.TrimSpace(string(b)), "\n")
	res := load.Run(ctx, load.Config{Base: *base, Paths: paths, Clients: *clients, Warmup: *warmup, Duration: *dur})
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		return 1
	}
	return 0
}

func median(xs []float64) float64 { return load.Median(xs) }

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

func itoa(n int) string { return strconv.Itoa(n) }
