package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Runner runs the indexing runs of one Config one at a time: when asked
// (Request) and, with Watch, when the files of the library change. A
// server keeps one to build its index and keep it current.
type Runner struct {
	cfg Config
	// after is called with each run's outcome (not for a cancelled run);
	// its error is what the run is logged with.
	after func(*Report, error) error
	kick  chan struct{}
}

// NewRunner returns a Runner of cfg. after, when set, is called after each
// run with its report and error (a server reloads its index there), and
// returns the outcome to log.
func NewRunner(cfg Config, after func(*Report, error) error) *Runner {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Runner{cfg: cfg, after: after, kick: make(chan struct{}, 1)}
}

// Request asks for a run; requests made while one is pending merge.
func (r *Runner) Request() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Loop runs the requested runs until ctx ends.
func (r *Runner) Loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.kick:
		}
		r.run(ctx)
	}
}

func (r *Runner) run(ctx context.Context) {
	log := r.cfg.Log
	start := time.Now()
	rep, err := Run(ctx, r.cfg)
	if ctx.Err() != nil {
		return
	}
	if r.after != nil {
		err = r.after(rep, err)
	}
	switch {
	case errors.Is(err, ErrLocked):
		log.Info("another indexing run is writing this index; its result will be picked up")
	case err != nil:
		log.Error("indexing failed; the previous index keeps serving", "err", err)
	default:
		log.Info("indexed", "documents", rep.Documents, "pages", rep.Pages, "took", time.Since(start).Round(time.Millisecond))
	}
}

// Watch requests a run when the library changes, until ctx ends: every
// interval it takes the state of the files a run would read (found by the
// same discovery: hidden files skipped, links followed only inside the
// library, the index folder left out) and requests a run once a change has
// held still for one scan, so that a copy in progress is not indexed
// half-written.
func (r *Runner) Watch(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = 3 * time.Second
	}
	indexed, _ := LibraryState(ctx, r.cfg.Library, r.cfg.Index)
	prev := indexed
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur, err := LibraryState(ctx, r.cfg.Library, r.cfg.Index)
		if err != nil {
			if ctx.Err() == nil {
				r.cfg.Log.Warn("scan library", "err", err)
			}
			continue
		}
		if cur != indexed && cur == prev {
			r.cfg.Log.Info("library changed; re-indexing")
			indexed = cur
			r.Request()
		}
		prev = cur
	}
}

// LibraryState digests what a run would read of the library root: the
// paths, sizes and modification times of its PDFs, catalogs and sidecars,
// and the files it would refuse. skip is a folder left out (the index,
// when it lies inside the library). Two equal states mean a run would
// find nothing new.
func LibraryState(ctx context.Context, root, skip string) (string, error) {
	lib, err := discover(ctx, root, skip)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range lib.pdfs {
		fmt.Fprintf(h, "pdf %q %d %d %d\n", f.rel, f.size, f.mtime, f.ctime)
	}
	for _, rel := range lib.metadataFiles() {
		fi, err := os.Stat(filepath.Join(lib.root, filepath.FromSlash(rel)))
		if err != nil {
			continue // removed meanwhile: the next scan sees it
		}
		fmt.Fprintf(h, "meta %q %d %d\n", rel, fi.Size(), fi.ModTime().UnixNano())
	}
	for _, f := range lib.refused {
		fmt.Fprintf(h, "refused %q %s\n", f.Path, f.Reason)
	}
	for _, p := range lib.problems {
		fmt.Fprintf(h, "problem %q %s\n", p.File, p.Message)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// metadataFiles are the catalogs and sidecar candidates found, sorted.
func (lib *library) metadataFiles() []string {
	out := slices.Clone(lib.catalogs)
	for rel := range lib.sidecars {
		out = append(out, rel)
	}
	slices.Sort(out)
	return out
}
