package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"time"
)

// ExtractRow compares page extraction on one corpus sample: ours against
// pdftotext, one file at a time, each pinned to one core.
type ExtractRow struct {
	Corpus        string
	Files, Pages  int
	Runs          int
	OursPPS       float64 // pages per second, median of runs
	PdftotextPPS  float64
	OursFailed    int // files with a non-zero exit status
	PopplerFailed int
}

// extractOnce runs one extractor over files and returns the wall time and
// the number of files it failed on.
func extractOnce(ctx context.Context, dir string, files []string, command func(path string) *exec.Cmd) (time.Duration, int, error) {
	failed := 0
	start := time.Now()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		cmd := command(filepath.Join(dir, f))
		cmd.Stdout, cmd.Stderr = nil, nil
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				return 0, 0, err
			}
			failed++
		}
	}
	return time.Since(start), failed, nil
}

// compareExtraction measures ours and pdftotext on the sample of c.
func compareExtraction(ctx context.Context, bin string, c *Corpus, runs int, logf func(string, ...any)) (ExtractRow, error) {
	row := ExtractRow{Corpus: c.Name, Files: len(c.Sample), Pages: c.SamplePages, Runs: runs}
	var ours, poppler []float64
	for r := range runs {
		d, failed, err := extractOnce(ctx, c.Dir, c.Sample, func(p string) *exec.Cmd {
			return onOneCore(bin, "extract", p)
		})
		if err != nil {
			return row, err
		}
		ours = append(ours, float64(c.SamplePages)/d.Seconds())
		row.OursFailed = failed
		d2, failed2, err := extractOnce(ctx, c.Dir, c.Sample, func(p string) *exec.Cmd {
			return onOneCore("pdftotext", "-q", "-enc", "UTF-8", p, "/dev/null")
		})
		if err != nil {
			return row, err
		}
		poppler = append(poppler, float64(c.SamplePages)/d2.Seconds())
		row.PopplerFailed = failed2
		logf("extraction", "corpus", c.Name, "run", r+1, "ours_pps", round1(ours[r]), "pdftotext_pps", round1(poppler[r]))
	}
	row.OursPPS = median(ours)
	row.PdftotextPPS = median(poppler)
	return row, nil
}
