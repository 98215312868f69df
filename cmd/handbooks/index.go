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

const indexUsage = `usage: handbooks index -library DIR -index DIR [-full] [-report FILE] [-workers N] [-timeout D]

Indexes the PDFs below the library folder, with their metadata from
catalog.csv / catalog.json and NAME.json sidecars, into the index folder.
A run is incremental: only files whose bytes or catalog metadata changed are
indexed again, and documents whose files are gone are removed. The index is
replaced only when the run completes, so stopping it (Ctrl-C, or a kill)
leaves the previous index as it was; the next run resumes from the
extraction cache.

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

// runIndex is the "index" subcommand. It returns the process exit status.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, indexUsage) }
	library := fs.String("library", "", "library folder")
	index := fs.String("index", "", "index folder")
	full := fs.Bool("full", false, "rebuild every document")
	report := fs.String("report", "", "JSON report file")
	workers := fs.Int("workers", 0, "extraction workers")
	timeout := fs.Duration("timeout", 60*time.Second, "per-file deadline")
	maxMem := fs.Int64("maxmem", 2<<30, "memory cap per worker")
	quiet := fs.Bool("quiet", false, "no progress")
	vocab := fs.String("vocab", "", "vocabulary folder")
	cluster := fs.String("opensearch", "", "OpenSearch node URLs")
	prefix := fs.String("opensearch-prefix", "handbooks", "index name prefix on the cluster")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *library == "" || *index == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var target indexer.Target
	if *cluster != "" {
		var err error
		if target, err = openTarget(ctx, *cluster, *prefix); err != nil {
			fmt.Fprintf(stderr, "handbooks index: %v\n", err)
			return 1
		}
	}
	cfg := indexer.Config{Target: target, Library: *library, Index: *index, Full: *full, Workers: *workers,
		Timeout: *timeout, MaxMemory: *maxMem, Log: log, VocabDir: *vocab}
	if *quiet {
		cfg.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	} else if isTerminal(stderr) {
		cfg.Progress = stderr
	}
	rep, err := indexer.Run(ctx, cfg)
	if rep != nil {
		rep.WriteSummary(stdout)
		if *report != "" {
			if werr := rep.WriteJSON(*report); werr != nil {
				fmt.Fprintf(stderr, "handbooks index: %v\n", werr)
				if err == nil {
					return 1
				}
			}
		}
	}
	switch {
	case err == nil:
		return 0
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "handbooks index: interrupted; the index was left as it was")
		return 130
	case errors.Is(err, indexer.ErrLocked):
		fmt.Fprintf(stderr, "handbooks index: %v\n", err)
		return 3
	}
	fmt.Fprintf(stderr, "handbooks index: %v\n", err)
	return 1
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
