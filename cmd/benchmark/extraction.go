package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"time"
)

// ExtractRow compares page extraction on one corpus sample: ours against
// pdftotext, each pinned to one core.
type ExtractRow struct {
	Corpus        string
	Files, Pages  int
	Runs          int
	OursPPS       float64 // "handbooks extract" per file: pages per second, median of runs
	PdftotextPPS  float64
	BatchPPS      float64 // ours through one extract-worker (0: not measured)
	OursFailed    int     // files with a non-zero exit status
	PopplerFailed int
	BatchFailed   int
}

// runTimed runs cmd and returns its wall time and whether it failed (a
// non-zero exit); err is set only when it could not run at all.
func runTimed(cmd *exec.Cmd) (time.Duration, bool, error) {
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		if _, ok := err.(*exec.ExitError); ok {
			return d, true, nil
		}
		return d, false, err
	}
	return d, false, nil
}

// compareExtraction measures ours and pdftotext on the sample of c. The
// tools take turns file by file, so that both meet the same load from
// whatever else runs on the machine.
func compareExtraction(ctx context.Context, bin string, c *Corpus, runs int, logf func(string, ...any)) (ExtractRow, error) {
	row := ExtractRow{Corpus: c.Name, Files: len(c.Sample), Pages: c.SamplePages, Runs: runs}
	var ours, poppler, batch []float64
	var batchErr error
	for r := range runs {
		var tOurs, tPoppler, tBatch time.Duration
		row.OursFailed, row.PopplerFailed, row.BatchFailed = 0, 0, 0
		w, err := startWorker(bin)
		if err != nil && batchErr == nil {
			batchErr = err
		}
		for _, f := range c.Sample {
			if err := ctx.Err(); err != nil {
				w.close()
				return row, err
			}
			path := filepath.Join(c.Dir, f)
			d, failed, err := runTimed(onOneCore("pdftotext", "-q", "-enc", "UTF-8", path, "/dev/null"))
			if err != nil {
				w.close()
				return row, err
			}
			tPoppler += d
			row.PopplerFailed += b2i(failed)
			d, failed, err = runTimed(onOneCore(bin, "extract", path))
			if err != nil {
				w.close()
				return row, err
			}
			tOurs += d
			row.OursFailed += b2i(failed)
			if w != nil && batchErr == nil {
				d, failed, err := w.extract(path)
				if err != nil {
					batchErr = err
				}
				tBatch += d
				row.BatchFailed += b2i(failed)
			}
		}
		w.close()
		ours = append(ours, float64(c.SamplePages)/tOurs.Seconds())
		poppler = append(poppler, float64(c.SamplePages)/tPoppler.Seconds())
		if batchErr == nil {
			batch = append(batch, float64(c.SamplePages)/tBatch.Seconds())
		}
		logf("extraction", "corpus", c.Name, "run", r+1, "pdftotext_pps", round1(poppler[r]), "extract_pps", round1(ours[r]))
	}
	row.OursPPS = median(ours)
	row.PdftotextPPS = median(poppler)
	if batchErr != nil {
		logf("extract-worker batch skipped", "err", batchErr)
	} else {
		row.BatchPPS = median(batch)
	}
	return row, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
