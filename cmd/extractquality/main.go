// Command extractquality measures the page text of our PDF extractor against
// poppler's pdftotext.
//
// Usage:
//
//	go run ./cmd/extractquality [-pdftotext PATH] [-worst N] [-timeout D] [-v] [DIR...]
//
// The default folders are ../shared/corpus/domain and ../shared/corpus/wild
// (relative to the repository), skipping those that are absent. For every PDF
// under a folder it runs our extractor in a child process (this program
// re-executed, with a deadline and a memory cap, so no file can hang or crash
// the benchmark) and pdftotext, one file at a time, and prints per folder:
//
//   - the number of files and the outcome counts of our extractor
//     (ok, no_text, encrypted, broken, and timeout or crash of the child);
//   - word precision, recall and F1 against pdftotext, median and mean, over
//     the files where pdftotext finds text (a failure scores 0);
//   - the glued-word rate (our words that are two consecutive reference words
//     run together, per our word) and the split-word rate (reference words
//     we produced as two words, per reference word);
//   - the files where pdftotext finds text and we find none or fail;
//   - pages per second of each, from the CPU time (user+system) of their
//     processes, one core each (the child runs with GOMAXPROCS=1).
//
// Words are maximal runs of Unicode letters, digits and combining marks,
// lowercased, compared as multisets over the whole file (see Words and
// Compare in score.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// childEnv, when set, makes this program extract one file and exit.
const childEnv = "EXTRACTQUALITY_CHILD"

func main() {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(runChild(path, os.Stdout))
	}
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extractquality", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pdftotext := fs.String("pdftotext", "pdftotext", "path of poppler's pdftotext")
	worst := fs.Int("worst", 0, "list the `N` files with the lowest F1")
	timeout := fs.Duration("timeout", 30*time.Second, "deadline per file and extractor")
	verbose := fs.Bool("v", false, "print one line per file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		for _, d := range []string{"../shared/corpus/domain", "../shared/corpus/wild"} {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				dirs = append(dirs, d)
			}
		}
		if len(dirs) == 0 {
			fmt.Fprintln(stderr, "extractquality: no folder given and no ../shared/corpus")
			return 2
		}
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "extractquality:", err)
		return 1
	}
	r := runner{self: self, pdftotext: *pdftotext, timeout: *timeout}
	var all []fileResult
	for _, dir := range dirs {
		files, err := pdfFiles(dir)
		if err != nil {
			fmt.Fprintln(stderr, "extractquality:", err)
			return 1
		}
		var results []fileResult
		for _, f := range files {
			if ctx.Err() != nil {
				return 1
			}
			fr := r.measure(ctx, f)
			if *verbose {
				fmt.Fprintf(stderr, "%-8s F1 %.3f  %s %s\n", fr.Outcome, fr.Score.F1(), f, fr.Reason)
			}
			results = append(results, fr)
		}
		printFolder(stdout, dir, results)
		all = append(all, results...)
	}
	if *worst > 0 {
		printWorst(stdout, all, *worst)
	}
	return 0
}

// pdfFiles lists the PDFs under dir, sorted.
func pdfFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}
