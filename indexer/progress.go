package indexer

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// progress shows how far extraction has come: a bar redrawn on a terminal,
// or a log line every few seconds elsewhere.
type progress struct {
	mu         sync.Mutex
	term       io.Writer
	log        *slog.Logger
	start      time.Time
	files      int
	totalBytes int64
	doneFiles  int
	doneBytes  int64
	pages      int
	quit       chan struct{}
	finished   sync.WaitGroup
}

func newProgress(cfg Config, files int, totalBytes int64) *progress {
	p := &progress{term: cfg.Progress, log: cfg.Log, start: time.Now(), files: files,
		totalBytes: totalBytes, quit: make(chan struct{})}
	every := cfg.ProgressEvery
	if p.term != nil {
		every = 200 * time.Millisecond
	}
	p.finished.Add(1)
	go func() {
		defer p.finished.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.show(false)
			case <-p.quit:
				p.show(true)
				return
			}
		}
	}()
	return p
}

func (p *progress) done(bytes int64, pages int) {
	p.mu.Lock()
	p.doneFiles++
	p.doneBytes += bytes
	p.pages += pages
	p.mu.Unlock()
}

func (p *progress) stop() {
	close(p.quit)
	p.finished.Wait()
}

func (p *progress) show(last bool) {
	p.mu.Lock()
	files, bytes, pages := p.doneFiles, p.doneBytes, p.pages
	p.mu.Unlock()
	elapsed := time.Since(p.start)
	rate := float64(pages) / max(elapsed.Seconds(), 0.001)
	eta := "?"
	if bytes > 0 && bytes < p.totalBytes {
		left := time.Duration(float64(elapsed) * float64(p.totalBytes-bytes) / float64(bytes))
		eta = left.Round(time.Second).String()
	} else if bytes >= p.totalBytes {
		eta = "0s"
	}
	if p.term == nil {
		if !last {
			p.log.Info("progress", "files", files, "of", p.files, "pages", pages,
				"pages_per_s", int(rate), "eta", eta)
		}
		return
	}
	const width = 30
	frac := 1.0
	if p.totalBytes > 0 {
		frac = float64(bytes) / float64(p.totalBytes)
	}
	n := int(frac * width)
	bar := strings.Repeat("=", n) + strings.Repeat(" ", width-n)
	fmt.Fprintf(p.term, "\r[%s] %d/%d files  %d pages  %.0f pages/s  ETA %s\x1b[K", bar, files, p.files, pages, rate, eta)
	if last {
		fmt.Fprint(p.term, "\n")
	}
}
