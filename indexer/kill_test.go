package indexer

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

var seedFlag = flag.Uint64("seed", 0, "seed of TestKillAtRandomMoments's kill moments (0: from the clock); the seed used is logged, so a failure can be replayed")

var kills = flag.Int("kills", 3, "how many times TestKillAtRandomMoments kills the indexer (≥ 20 for the long version)")

// corpusDir is the shared corpus of real PDFs, when present.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("HANDBOOKS_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no corpus at %s", dir)
	}
	return dir
}

// killLibrary is generated PDFs with a catalog, plus the corpus's domain
// folder when it is present.
func killLibrary(t *testing.T) string {
	lib := t.TempDir()
	files := map[string]string{}
	var catalog strings.Builder
	catalog.WriteString("file,title,countries,year\n")
	for i := range 20 {
		pages := make([]string, 10)
		for p := range pages {
			pages[p] = fmt.Sprintf("Handbook %d page %d\nVictims of trafficking are referred to support services.\nLabour inspectors check contracts and wages.", i, p+1)
		}
		name := fmt.Sprintf("gen/handbook-%02d.pdf", i)
		files[name] = string(pdfBytes(fmt.Sprint("Handbook ", i), pages...))
		if i%2 == 0 {
			fmt.Fprintf(&catalog, "%s,Handbook %d,Viet Nam,20%02d\n", name, i, i%25)
		}
	}
	files["catalog.csv"] = catalog.String()
	writeFiles(t, lib, files)
	src := os.Getenv("HANDBOOKS_CORPUS")
	if src == "" {
		src = filepath.Join("..", "..", "shared", "corpus")
	}
	if entries, err := os.ReadDir(filepath.Join(src, "domain")); err == nil {
		src = filepath.Join(src, "domain")
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err == nil {
				writeFiles(t, lib, map[string]string{"domain/" + e.Name(): string(b)})
			}
		}
	}
	return lib
}

// indexProcess starts the test binary as the indexing command.
func indexProcess(lib, idx string, full bool) *exec.Cmd {
	args := []string{"-library", lib, "-index", idx}
	if full {
		args = append(args, "-full")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), roleEnv+"=index")
	return cmd
}

// Kill the indexer with SIGKILL at random moments: every time, the index
// opens and holds a complete run's documents (or no index at all before
// the first run completes), and the next run ends with the same index as
// an uninterrupted run.
func TestKillAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	lib := killLibrary(t)
	refIdx := t.TempDir()
	start := time.Now()
	if out, err := indexProcess(lib, refIdx, false).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	took := time.Since(start)
	ref := loadState(t, refIdx)
	if len(ref.Files) < 20 {
		t.Fatalf("reference run indexed %d files", len(ref.Files))
	}

	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d (replay with -seed %d); an uninterrupted run takes %v", seed, seed, took)
	idx := t.TempDir()
	killed := 0
	// Kill moments are drawn from the length of the last completed run of
	// the same kind; after a run completes, the next is a full rebuild (from
	// the extraction cache), so that there is always work to interrupt.
	length := map[bool]time.Duration{false: took, true: took}
	full := false
	for i := range *kills {
		cmd := indexProcess(lib, idx, full)
		cmd.Stderr = io.Discard
		began := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		delay := time.Duration(rng.Int64N(int64(length[full])))
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("run %d failed on its own: %v", i, err)
			}
			length[full] = time.Since(began)
			full = true
		case <-time.After(delay):
			cmd.Process.Kill()
			<-exited
			killed++
			full = i%2 == 1
		}
		checkConsistent(t, idx, ref, fmt.Sprintf("after kill %d at %v", i, delay))
	}
	if out, err := indexProcess(lib, idx, false).CombinedOutput(); err != nil {
		t.Fatalf("run after the kills: %v\n%s", err, out)
	}
	checkConsistent(t, idx, ref, "final")
	if st := loadState(t, idx); len(st.Files) != len(ref.Files) {
		t.Errorf("final index has %d files, want %d", len(st.Files), len(ref.Files))
	}
	t.Logf("%d of %d runs killed before they ended", killed, *kills)
}

// checkConsistent checks that the live generation is complete and, if
// there is one, that it holds what an uninterrupted run produces.
func checkConsistent(t *testing.T, idx string, ref *runState, when string) {
	t.Helper()
	cur, err := os.ReadFile(filepath.Join(idx, "CURRENT"))
	if os.IsNotExist(err) {
		return // no run completed yet
	}
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	gen := filepath.Join(idx, strings.TrimSpace(string(cur)))
	var info search.RunInfo
	b, err := os.ReadFile(filepath.Join(gen, "info.json"))
	if err == nil {
		err = json.Unmarshal(b, &info)
	}
	if err != nil {
		t.Fatalf("%s: info of the live generation: %v", when, err)
	}
	st := loadState(t, idx)
	if info.Documents != len(st.Files) || len(st.Files) != len(ref.Files) {
		t.Errorf("%s: %d documents in info, %d files in state, %d in an uninterrupted run", when, info.Documents, len(st.Files), len(ref.Files))
	}
	for rel, want := range ref.Files {
		got := st.Files[rel]
		if got == nil || got.ID != want.ID || got.Content != want.Content || got.Meta != want.Meta ||
			got.Outcome != want.Outcome || got.Pages != want.Pages {
			t.Errorf("%s: %s is %+v, want %+v", when, rel, got, want)
		}
	}
	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatalf("%s: index does not open: %v", when, err)
	}
	defer x.Close()
	stats, err := x.Stats()
	if err != nil || stats.Documents != len(ref.Files) {
		t.Errorf("%s: index stats %+v, %v; want %d documents", when, stats, err, len(ref.Files))
	}
}
