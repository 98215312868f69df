// Command ocrbench measures OCR of scanned pages: the indexer against
// ocrmypdf, on a test set it makes and can make again, and writes the
// results to BENCHMARKS.md.
//
// Usage:
//
//	go run ./cmd/ocrbench [-pages 24] [-work DIR] [-out BENCHMARKS.md]
//	    [-ocrmypdf=true] [-corpus ../shared/corpus/domain]
//
// The test set: pages of the sample library (testdata/library) and of
// -corpus whose text layer has at least 40 words are rendered with
// pdftoppm in grey, then, per condition, changed (noise, slight skew, a
// quarter turn that the page's matrix or /Rotate undoes, thresholding for
// CCITT) and wrapped as image-only PDFs of up to 6 pages by package
// scanpdf. The reference text of a page is its original text layer. The
// set depends only on the input PDFs and the flags (noise and page choice
// use fixed seeds).
//
// Then "handbooks index" (this module's program, built into the work
// directory, with its worker processes, one per core) indexes each condition's PDFs into a
// fresh index, and the OCR text of every page is read back from the index;
// ocrmypdf (--jobs = cores, --output-type pdf, --sidecar) reads the same
// PDFs. Both get word F1 against the reference per condition (words
// lower-cased, split at anything not a letter or digit, counted as
// multisets), pages/s (wall clock, all cores), lost pages (no text at
// all). Each condition's index is then indexed again unchanged, which must
// read no page. Only the machine's two cores and the tools are shared
// with whatever else runs: run it under nice on a quiet machine.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{}
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if err := m.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "ocrbench:", err)
		os.Exit(1)
	}
}

// Main is the command.
type Main struct {
	Pages    int // pages per condition
	Work     string
	Out      string
	Corpus   string
	Library  string
	OCRmyPDF bool
	Log      *slog.Logger
}

// ParseFlags reads the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("ocrbench", flag.ContinueOnError)
	cache, _ := os.UserCacheDir()
	fs.IntVar(&m.Pages, "pages", 24, "pages per condition")
	fs.StringVar(&m.Work, "work", filepath.Join(cache, "handbooks-ocrbench"), "work directory (test set, indexes)")
	fs.StringVar(&m.Out, "out", "BENCHMARKS.md", "file to write the results section into (\"\": print only)")
	fs.StringVar(&m.Corpus, "corpus", "../shared/corpus/domain", "folder of real PDFs to take pages from (skipped when absent)")
	fs.StringVar(&m.Library, "library", "testdata/library", "the sample library")
	fs.BoolVar(&m.OCRmyPDF, "ocrmypdf", true, "measure ocrmypdf in the same run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	m.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	return nil
}
