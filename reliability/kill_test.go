package reliability

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"handbooks/search"
)

// snapshot is what a reader sees in an index: its counts and, for each
// known document id, its page count (-1: not in the index; 0: no pages).
type snapshot struct {
	Documents, Pages int
	Docs             map[string]int
}

func (a snapshot) equal(b snapshot) bool {
	if a.Documents != b.Documents || a.Pages != b.Pages || len(a.Docs) != len(b.Docs) {
		return false
	}
	for id, n := range a.Docs {
		if b.Docs[id] != n {
			return false
		}
	}
	return true
}

func (a snapshot) String() string {
	in := 0
	for _, n := range a.Docs {
		if n >= 0 {
			in++
		}
	}
	return fmt.Sprintf("%d documents, %d pages (%d of %d known ids)", a.Documents, a.Pages, in, len(a.Docs))
}

// readIndex opens the index as the server does and reads a snapshot.
func readIndex(t *testing.T, dir string, ids []string) (snapshot, error) {
	t.Helper()
	x, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		return snapshot{}, err
	}
	defer x.Close()
	st, err := x.Stats()
	if err != nil {
		return snapshot{}, err
	}
	s := snapshot{Documents: st.Documents, Pages: st.Pages, Docs: map[string]int{}}
	ctx := context.Background()
	for _, id := range ids {
		if _, err := x.Document(ctx, id); errors.Is(err, search.ErrNotFound) {
			s.Docs[id] = -1
			continue
		} else if err != nil {
			return s, fmt.Errorf("document %s: %w", id, err)
		}
		p, err := x.Page(ctx, id, 1, "")
		switch {
		case errors.Is(err, search.ErrNotFound):
			s.Docs[id] = 0
		case err != nil:
			return s, fmt.Errorf("page 1 of %s: %w", id, err)
		default:
			s.Docs[id] = p.Pages
		}
	}
	return s, nil
}

// killLibrary is a library that switches between two states: the sample
// library alone, and with an extra folder (the shared corpus, or when it
// is absent copies of the sample PDFs without catalog).
type killLibrary struct {
	dir, extra, parked string
}

func newKillLibrary(t *testing.T) *killLibrary {
	root := t.TempDir()
	l := &killLibrary{dir: filepath.Join(root, "library"), parked: filepath.Join(root, "parked")}
	copyDir(t, sampleLibrary, l.dir)
	l.extra = filepath.Join(l.dir, "extra")
	if haveCorpus() && !testing.Short() {
		copyDir(t, sharedCorpus, l.parked)
		os.Remove(filepath.Join(l.parked, "MANIFEST.md"))
	} else {
		t.Log("no shared corpus (or -short): the larger state is the sample library twice")
		copyDir(t, sampleLibrary, l.parked)
		os.Remove(filepath.Join(l.parked, "catalog.csv"))
	}
	return l
}

// set puts the library in the big (true) or small state.
func (l *killLibrary) set(t *testing.T, big bool) {
	t.Helper()
	_, err := os.Stat(l.extra)
	switch has := err == nil; {
	case big && !has:
		must(t, os.Rename(l.parked, l.extra))
	case !big && has:
		must(t, os.Rename(l.extra, l.parked))
	}
}

// SIGKILL the indexer at random moments while it moves the index between
// two states of the library. After each kill the index opens and holds
// exactly one of the two states, the workers are gone, and the next run
// completes with the result of an uninterrupted run.
func TestKillIndexer(t *testing.T) {
	n := *kills
	if n == 0 {
		n = 3
		if *long {
			n = 20
		}
	}
	lib := newKillLibrary(t)
	// Uninterrupted runs give the expected states and run times.
	want := map[bool]snapshot{}
	took := map[bool]time.Duration{}
	var ids []string
	reports := map[bool]*report{}
	for _, big := range []bool{false, true} {
		lib.set(t, big)
		t0 := time.Now()
		r := mustIndex(t, lib.dir, t.TempDir())
		took[big] = time.Since(t0)
		reports[big] = r.Report
		for _, f := range r.Report.Files {
			if f.ID != "" && !slices.Contains(ids, f.ID) {
				ids = append(ids, f.ID)
			}
		}
	}
	slices.Sort(ids)
	for _, big := range []bool{false, true} {
		// Read back through a fresh uninterrupted run, now that every id is known.
		lib.set(t, big)
		dir := t.TempDir()
		mustIndex(t, lib.dir, dir)
		s, err := readIndex(t, dir, ids)
		if err != nil {
			t.Fatal(err)
		}
		want[big] = s
	}
	t.Logf("states: small %v; big %v; uninterrupted runs %v and %v", want[false], want[true], took[false], took[true])

	index := filepath.Join(t.TempDir(), "index")
	lib.set(t, false)
	mustIndex(t, lib.dir, index)
	cur := false
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -seed %d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 8))
	var killed, finishedFirst, sawOld, sawNew, orphans int
	var workersKilled int
	for attempt := 0; killed < n && attempt < 4*n; attempt++ {
		target := !cur
		lib.set(t, target)
		args := []string{"index", "-library", lib.dir, "-index", index, "-quiet"}
		if attempt%2 == 1 {
			args = append(args, "-full")
		}
		cmd := exec.Command(bin, args...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		must(t, cmd.Start())
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Uniform over the run, but every third kill near its end, where
		// the new generation is committed and CURRENT swapped.
		delay := time.Duration(rng.Int64N(int64(took[target]) + 1))
		if attempt%3 == 2 {
			delay = time.Duration(float64(took[target]) * (0.8 + 0.4*rng.Float64()))
		}
		var workers []int
		timer := time.NewTimer(delay)
		poll := time.NewTicker(20 * time.Millisecond)
	wait:
		for {
			select {
			case <-poll.C:
				for _, w := range children(cmd.Process.Pid) {
					if !slices.Contains(workers, w) {
						workers = append(workers, w)
					}
				}
			case <-timer.C:
				cmd.Process.Signal(syscall.SIGKILL)
				err := <-exited
				if ee, ok := err.(*exec.ExitError); ok && ee.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
					killed++
				} else {
					finishedFirst++
				}
				break wait
			case err := <-exited:
				if err != nil {
					t.Fatalf("index run exited: %v", err)
				}
				finishedFirst++
				break wait
			}
		}
		timer.Stop()
		poll.Stop()
		if left := waitGone(workers, 10*time.Second); len(left) > 0 {
			orphans += len(left)
			t.Errorf("after SIGKILL at %v, workers %v still run", delay, left)
			for _, p := range left {
				syscall.Kill(p, syscall.SIGKILL)
			}
		}
		workersKilled += len(workers)

		got, err := readIndex(t, index, ids)
		switch {
		case err != nil:
			t.Fatalf("kill %d at %v: the index does not open: %v", killed, delay, err)
		case got.equal(want[cur]):
			sawOld++
		case got.equal(want[target]):
			sawNew++
			cur = target
		default:
			t.Fatalf("kill %d at %v: the index is in neither state: %v (old %v, new %v)", killed, delay, got, want[cur], want[target])
		}

		t0 := time.Now()
		r := mustIndex(t, lib.dir, index)
		took[target] = max(time.Since(t0), 200*time.Millisecond)
		got, err = readIndex(t, index, ids)
		if err != nil {
			t.Fatalf("after the resumed run: %v", err)
		}
		if !got.equal(want[target]) {
			t.Fatalf("resumed run after a kill at %v: %v, want %v as an uninterrupted run (report: %d documents)", delay, got, want[target], r.Report.Documents)
		}
		cur = target
		checkGenerations(t, index)
	}
	if killed < n {
		t.Errorf("only %d of %d runs were killed before they finished", killed, n)
	}
	figure(t, "SIGKILL during indexing: %d kills (+%d runs that finished before the kill), index opened %d/%d times, previous state %d, new state %d, never in between; %d workers seen, %d orphaned; every resumed run matched the uninterrupted one (%v / %v)",
		killed, finishedFirst, sawOld+sawNew, killed+finishedFirst, sawOld, sawNew, workersKilled, orphans, want[false], want[true])
}

// checkGenerations fails when an index holds leftovers of abandoned runs
// after a completed one: work directories or more than two generations.
func checkGenerations(t *testing.T, index string) {
	t.Helper()
	es, err := os.ReadDir(index)
	if err != nil {
		t.Fatal(err)
	}
	var gens, work []string
	for _, e := range es {
		switch {
		case strings.HasPrefix(e.Name(), "g-"):
			gens = append(gens, e.Name())
		case strings.HasPrefix(e.Name(), "work-"):
			work = append(work, e.Name())
		}
	}
	if len(work) > 0 || len(gens) > 2 {
		t.Errorf("after a completed run the index holds %d generations and work directories %v", len(gens), work)
	}
}
