package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

// Files that hang, crash, exhaust memory or flood the output each become a
// broken document with a reason; the run goes on and the good files are
// indexed.
func TestWorkerIsolation(t *testing.T) {
	if testing.Short() {
		t.Skip("starts misbehaving workers")
	}
	good := string(pdfBytes("Good", "A good file about victim support."))
	env := []string{evilEnv + "=1"}
	tests := []struct {
		name    string
		timeout time.Duration
		want    map[string]string // file → reason ("" for indexed)
	}{
		{"hang", 2 * time.Second, map[string]string{"hang.pdf": "timed out after 2s", "good.pdf": ""}},
		// A generous deadline: under load, running out of memory takes time.
		{"others", time.Minute, map[string]string{
			"crash.pdf": "worker crashed: exit status 2: panic: evil parser",
			"oom.pdf":   "worker ran out of memory",
			"huge.pdf":  "extracted text larger than 1 MiB",
			"print.pdf": "", "good.pdf": "", "good2.pdf": "",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := t.TempDir()
			files := map[string]string{}
			for name := range tt.want {
				files[name] = good + strings.Repeat(" ", len(files)) // distinct contents
			}
			writeFiles(t, lib, files)
			cfg := Config{Library: lib, Index: t.TempDir(), Workers: 2, WorkerEnv: env,
				Timeout: tt.timeout, MaxMemory: 256 << 20, MaxOutput: 1 << 20}
			rep := mustRun(t, cfg)
			for _, f := range rep.Files {
				w, ok := tt.want[f.Path]
				switch {
				case !ok:
					t.Errorf("unexpected file %s", f.Path)
				case w == "" && f.Outcome != OutcomeUncatalogued:
					t.Errorf("%s: %s (%s), want it indexed", f.Path, f.Outcome, f.Reason)
				case w != "" && (f.Outcome != OutcomeBroken || !strings.HasPrefix(f.Reason, w)):
					t.Errorf("%s: %s (%s), want broken (%s)", f.Path, f.Outcome, f.Reason, w)
				}
			}
			if len(rep.Files) != len(tt.want) || !rep.Committed {
				t.Errorf("%d files reported, committed %v", len(rep.Files), rep.Committed)
			}
		})
	}
}

// A worker command that cannot start stops the run with a clear error
// instead of marking every file broken.
func TestWorkerDoesNotStart(t *testing.T) {
	lib := smallLibrary(t)
	cfg := runConfig(lib, t.TempDir())
	cfg.WorkerCommand = []string{"/bin/false"}
	_, err := Run(context.Background(), cfg)
	if !errors.Is(err, errWorkerStart) {
		t.Errorf("err = %v, want %v", err, errWorkerStart)
	}
}

// Cancelling a run leaves the live index as it was and keeps what was
// extracted, so the next run resumes from the cache.
func TestInterruptedRunResumes(t *testing.T) {
	lib := smallLibrary(t)
	writeFiles(t, lib, map[string]string{"hang.pdf": string(pdfBytes("h", "never read"))})
	idx := t.TempDir()
	env := []string{evilEnv + "=1"}
	cfg := Config{Library: lib, Index: idx, Workers: 2, WorkerEnv: env, Timeout: time.Minute}

	ctx, cancel := context.WithCancel(context.Background())
	seen := make(chan struct{})
	go func() {
		// Cancel once every file but the hanging one is in the cache.
		defer close(seen)
		for ctx.Err() == nil {
			n := 0
			filepath.WalkDir(filepath.Join(idx, cacheDirName), func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".json.gz") {
					n++
				}
				return nil
			})
			if n >= 4 {
				cancel()
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	rep, err := Run(ctx, cfg)
	<-seen
	if !errors.Is(err, context.Canceled) || rep == nil || !rep.Interrupted || rep.Committed {
		t.Fatalf("interrupted run: err %v, report %+v", err, rep)
	}
	st, _ := search.OpenStore(idx, nil)
	if b, _ := st.State(); b != nil {
		t.Errorf("an interrupted first run left an index")
	}

	os.Remove(filepath.Join(lib, "hang.pdf"))
	rep = mustRun(t, runConfig(lib, idx))
	for _, f := range rep.Files {
		if !f.Cached {
			t.Errorf("%s extracted again after the interruption", f.Path)
		}
	}
}
