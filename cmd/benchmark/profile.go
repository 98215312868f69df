package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"handbooks/indexer"
	"handbooks/indexer/pdftext"
	"handbooks/internal/load"
	"handbooks/search"
	"handbooks/server"
)

// Profile is the top of a CPU profile taken in this process.
type Profile struct {
	Name string // what ran
	File string // the profile, for go tool pprof
	Top  string // go tool pprof -top, trimmed
}

// profileTopN is how many functions of each profile the report shows.
const profileTopN = 14

// withCPUProfile runs f under the CPU profiler, writing to path, and returns
// the top of the profile.
func withCPUProfile(name, path string, f func() error) (Profile, error) {
	out, err := os.Create(path)
	if err != nil {
		return Profile{}, err
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		return Profile{}, err
	}
	ferr := f()
	pprof.StopCPUProfile()
	if ferr != nil {
		return Profile{}, ferr
	}
	flat, err := exec.Command("go", "tool", "pprof", "-top", fmt.Sprintf("-nodecount=%d", profileTopN), path).Output()
	if err != nil {
		return Profile{}, fmt.Errorf("go tool pprof: %w", err)
	}
	// Cumulative, without the runtime and the standard library's plumbing,
	// to show which of our and Bleve's functions the time is spent under.
	cum, err := exec.Command("go", "tool", "pprof", "-top", "-cum", fmt.Sprintf("-nodecount=%d", profileTopN+6),
		`-hide=^(runtime|internal|net|syscall|bufio|sync|os|io|gcWriteBarrier|aeshash)[./]?`, path).Output()
	if err != nil {
		return Profile{}, fmt.Errorf("go tool pprof: %w", err)
	}
	return Profile{Name: name, File: path,
		Top: trimTop(string(flat)) + "\n\n(cumulative, runtime hidden)\n" + trimTop(dropDuration(string(cum)))}, nil
}

func dropDuration(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "Duration:") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// trimTop drops pprof's header lines about the file and build.
func trimTop(s string) string {
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.HasPrefix(l, "File:") || strings.HasPrefix(l, "Build ID:") || strings.HasPrefix(l, "Type:") ||
			strings.HasPrefix(l, "Time:") || strings.HasPrefix(l, "Dropped") || strings.HasPrefix(l, "Active filters") ||
			strings.HasPrefix(l, "   hide=") || strings.HasPrefix(l, "Showing top") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// profilePhase profiles, in this process, the indexer's own work (its
// extraction workers are separate processes), page extraction of the
// corpus sample, and the HTTP server under the load mix with 8 clients.
func (m *Main) profilePhase(ctx context.Context, res *Results, bin string, c *Corpus, index string) error {
	dir := filepath.Join(m.Work, "profiles", slug(c))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(dir, "index")
	os.RemoveAll(tmp)
	p, err := withCPUProfile("handbooks index (the indexing process; workers excluded) on "+c.Name,
		filepath.Join(dir, "index.cpu.pprof"), func() error {
			_, err := indexer.Run(ctx, indexer.Config{Library: c.Dir, Index: tmp})
			return err
		})
	if err != nil {
		res.note("indexer profile skipped: %v", err)
	} else {
		res.Profiles = append(res.Profiles, p)
	}
	os.RemoveAll(tmp)

	p, err = withCPUProfile(fmt.Sprintf("page extraction (what a worker does) over %d files of %s", len(c.Sample), c.Name),
		filepath.Join(dir, "extract.cpu.pprof"), func() error {
			for _, f := range c.Sample {
				pdftext.Extract(ctx, filepath.Join(c.Dir, f))
			}
			return ctx.Err()
		})
	if err != nil {
		res.note("extraction profile skipped: %v", err)
	} else {
		res.Profiles = append(res.Profiles, p)
	}

	if index == "" {
		return nil
	}
	p, err = m.profileServer(ctx, c, index, filepath.Join(dir, "serve.cpu.pprof"))
	if err != nil {
		res.note("server profile skipped: %v", err)
	} else {
		res.Profiles = append(res.Profiles, p)
	}
	return nil
}

// profileServer runs the server package in this process over index and
// profiles it under 8 clients of the load mix (the load from a child process).
func (m *Main) profileServer(ctx context.Context, c *Corpus, index, path string) (Profile, error) {
	ix, err := search.Open(index, search.Options{ReloadInterval: -1})
	if err != nil {
		return Profile{}, err
	}
	defer ix.Close()
	srv, err := server.New(server.Config{Searcher: ix, Library: c.Dir})
	if err != nil {
		return Profile{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Profile{}, err
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { srv.Serve(sctx, ln); close(done) }()
	defer func() { cancel(); <-done }()

	qs := load.Mix(querySource(ctx, c), mixSize, 1)
	pathsFile := filepath.Join(filepath.Dir(path), "handbooks.paths")
	if err := writePaths(pathsFile, qs, load.Query.HandbooksPath); err != nil {
		return Profile{}, err
	}
	base := "http://" + ln.Addr().String()
	dur := max(m.Duration*2, 5*time.Second)
	return withCPUProfile(fmt.Sprintf("handbooks serve (server package in process) under 8 clients of the mix, %s, on %s", dur, c.Name),
		path, func() error {
			_, _, err := loadRun(ctx, base, pathsFile, 8, 0, dur, os.Getpid())
			return err
		})
}
