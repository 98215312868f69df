package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"handbooks/indexer"
)

const indexUsage = `usage: handbooks index -library DIR -index DIR [-full] [-report FILE] [-workers N] [-timeout D] [-ocr=false] [-ocr-pages N]

Indexes the PDFs below the library folder, with their metadata from
catalog.csv / catalog.json files (in the library folder or any sub-folder)
and NAME.json sidecars, into the index folder. A run is incremental: only
files whose bytes or catalog metadata changed are indexed again, and
documents whose files are gone are removed. The index is replaced only when
the run completes, so stopping it (Ctrl-C, or a kill) leaves the previous
index as it was; the next run resumes from the extraction cache.

Flags:
  -library DIR    the library folder (required)
  -index DIR      the index folder (required; created if needed)
  -full           rebuild every document instead of only the changed ones
  -report FILE    write the report as JSON to FILE
  -workers N      extraction workers (default: one per core)
  -timeout D      give up on a file after D (default 60s)
  -maxmem BYTES   memory cap of each extraction worker (default 2 GiB)
  -vocab DIR      vocabulary files (regions.tsv, countries.tsv, ...) from DIR
                  instead of the built-in ones: copy indexer/vocab, edit, point here
  -quiet          no progress, only the summary
  -ocr            read scanned pages (no text layer, or a useless one) with
                  Tesseract when it is installed (default true; -ocr=false:
                  off, such pages are reported and read by a later run)
  -ocr-pages N    read at most N pages with OCR in this run; the rest wait
                  for the next run (default 0: no limit)
` + clusterFlagsUsage + `
Exit status:
  0  the run completed; every file is in the report (files that could not
     be read are reported as broken, encrypted or no_text, not as errors)
  1  the run failed (library or index unreadable, disk full, ...); the
     previous index is unchanged
  2  usage error
  3  another run is writing this index
  130 interrupted; the previous index is unchanged
`

// indexMain is "handbooks index": its flags, and Run, which runs the
// indexer once.
type indexMain struct {
	Library, Index string
	Full           bool
	Report         string // JSON report file
	Workers        int
	Timeout        time.Duration
	MaxMemory      int64
	Quiet          bool
	Vocab          string
	// OpenSearch and OpenSearchPrefix put the index on a cluster (cluster.go).
	OpenSearch, OpenSearchPrefix string
	// OCR reads scanned pages with Tesseract; OCRPages is the run's page
	// budget (0: none).
	OCR      bool
	OCRPages int

	Stdout, Stderr io.Writer
}

// runIndex is the "index" subcommand. It returns the process exit status.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runCommand(ctx, "index", &indexMain{Stdout: stdout, Stderr: stderr}, args, stderr)
}

// ParseFlags sets m from the command line; usage and errors go to stderr.
func (m *indexMain) ParseFlags(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, indexUsage) }
	fs.StringVar(&m.Library, "library", "", "library folder")
	fs.StringVar(&m.Index, "index", "", "index folder")
	fs.BoolVar(&m.Full, "full", false, "rebuild every document")
	fs.StringVar(&m.Report, "report", "", "JSON report file")
	fs.IntVar(&m.Workers, "workers", 0, "extraction workers")
	fs.DurationVar(&m.Timeout, "timeout", indexer.DefaultTimeout, "per-file deadline")
	fs.Int64Var(&m.MaxMemory, "maxmem", indexer.DefaultMaxMemory, "memory cap per worker")
	fs.BoolVar(&m.Quiet, "quiet", false, "no progress")
	fs.StringVar(&m.Vocab, "vocab", "", "vocabulary folder")
	fs.StringVar(&m.OpenSearch, "opensearch", "", "OpenSearch node URLs")
	fs.StringVar(&m.OpenSearchPrefix, "opensearch-prefix", "handbooks", "index name prefix on the cluster")
	fs.BoolVar(&m.OCR, "ocr", true, "read scanned pages with OCR")
	fs.IntVar(&m.OCRPages, "ocr-pages", 0, "OCR page budget of the run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if m.Library == "" || m.Index == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("usage")
	}
	return nil
}

// Run indexes the library once, writes the summary (and the JSON report)
// and returns an *exitError for the statuses of the usage text.
func (m *indexMain) Run(ctx context.Context) error {
	if m.Stdout == nil {
		m.Stdout = io.Discard
	}
	if m.Stderr == nil {
		m.Stderr = io.Discard
	}
	level := slog.LevelInfo
	if m.Quiet {
		level = slog.LevelWarn
	}
	cfg := indexer.Config{Library: m.Library, Index: m.Index, Full: m.Full, Workers: m.Workers,
		Timeout: m.Timeout, MaxMemory: m.MaxMemory, VocabDir: m.Vocab, NoOCR: !m.OCR, OCRPages: m.OCRPages,
		Log: slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: level}))}
	if !m.Quiet && isTerminal(m.Stderr) {
		cfg.Progress = m.Stderr
	}
	if m.OpenSearch != "" {
		var err error
		if cfg.Target, err = openTarget(ctx, m.OpenSearch, m.OpenSearchPrefix); err != nil {
			return err
		}
	}
	rep, err := indexer.Run(ctx, cfg)
	if rep != nil {
		rep.WriteSummary(m.Stdout)
		if m.Report != "" {
			if werr := rep.WriteJSON(m.Report); werr != nil {
				err = errors.Join(err, werr)
			}
		}
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return &exitError{130, errors.New("interrupted; the index was left as it was")}
	case errors.Is(err, indexer.ErrLocked):
		return &exitError{3, err}
	}
	return err
}

// isTerminal reports whether w is a terminal (for the progress bar).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
