package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"handbooks/cmd/benchmark/synth"
	"handbooks/indexer"
	"handbooks/internal/load"
	"handbooks/internal/procfs"
)

// TestMain lets the test binary serve as the load child, as the real
// program does when it re-executes itself.
func TestMain(m *testing.M) {
	indexer.InitWorker()
	if len(os.Args) > 1 && os.Args[1] == loadCommand {
		os.Exit(runLoadChild(context.Background(), os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestParseInts(t *testing.T) {
	got, err := parseInts("5000, 100_000,")
	if err != nil || len(got) != 2 || got[0] != 5000 || got[1] != 100000 {
		t.Errorf("parseInts = %v, %v", got, err)
	}
	for _, bad := range []string{"x", "0", "-5"} {
		if _, err := parseInts(bad); err == nil {
			t.Errorf("parseInts(%q) accepted", bad)
		}
	}
}

func TestParseFlags(t *testing.T) {
	m := NewMain(os.Stderr)
	if err := m.ParseFlags(context.Background(), []string{"-sizes", "500", "-synth", "", "-huge", "-only", "index"}); err != nil {
		t.Fatal(err)
	}
	if len(m.Sizes) != 1 || len(m.SynthSizes) != 1 || m.SynthSizes[0] != 1_000_000 || !m.Only["index"] || m.Only["query"] {
		t.Errorf("parsed %+v", m)
	}
	if err := m.ParseFlags(context.Background(), []string{"-only", "everything"}); err == nil {
		t.Error("unknown measurement accepted")
	}
}

func TestMarkCopy(t *testing.T) {
	orig := []byte("%PDF-1.7\r\n%\xb5\xb5\xb5\xb5\r\n1 0 obj")
	a := append([]byte(nil), orig...)
	b := append([]byte(nil), orig...)
	markCopy(a, 1)
	markCopy(b, 300)
	if len(a) != len(orig) || string(a) == string(b) || string(a) == string(orig) {
		t.Fatalf("copies not distinct: %q %q", a, b)
	}
	for _, c := range a[11:15] {
		if c < 0x80 {
			t.Errorf("marker byte %#x is not binary", c)
		}
	}
	if string(a[:11]) != string(orig[:11]) || string(a[15:]) != string(orig[15:]) {
		t.Errorf("bytes outside the comment changed: %q", a)
	}
	plain := []byte("%PDF-1.4\n1 0 obj")
	markCopy(plain, 5)
	if string(plain) != "%PDF-1.4\n1 0 obj" {
		t.Error("a file without a binary comment was changed")
	}
}

func TestVaryRowDeterministic(t *testing.T) {
	row := synth.Row{File: "a.pdf", Title: "Guide", Tags: []string{"forms"}, Language: "en", Year: 2019}
	a := varyRow(rand.New(rand.NewPCG(3, 0xD0)), row, 3, "copy0003/a.pdf")
	b := varyRow(rand.New(rand.NewPCG(3, 0xD0)), row, 3, "copy0003/a.pdf")
	if strings.Join(a.Record(), "|") != strings.Join(b.Record(), "|") {
		t.Error("same copy gave different rows")
	}
	if a.File != "copy0003/a.pdf" || !strings.HasPrefix(a.Title, "Guide — ") || a.Tags[0] != "forms" || a.Language != "en" {
		t.Errorf("varied row %+v", a)
	}
	if first := varyRow(rand.New(rand.NewPCG(0, 0xD0)), row, 0, "copy0000/a.pdf"); first.Title != "Guide" {
		t.Errorf("first copy changed: %+v", first)
	}
}

func TestWriteReportKeepsOlderSections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	res := func(day int) *Results {
		return &Results{Started: time.Date(2026, 1, day, 10, 0, 0, 0, time.UTC), Command: "go run ./cmd/benchmark",
			Indexing: []IndexRow{
				{Corpus: "c", Pages: 100, TextBytes: 1000, System: "handbooks", PPS: 500, Seconds: 0.2, Rerun: 0.01, IndexBytes: 2000},
				{Corpus: "c", Pages: 100, System: "omindex", PPS: 200},
			}}
	}
	if err := writeReport(path, res(1)); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(path, res(2)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	s := string(b)
	i2, i1 := strings.Index(s, "## 2026-01-02"), strings.Index(s, "## 2026-01-01")
	if i2 < 0 || i1 < 0 || i2 > i1 {
		t.Fatalf("sections missing or out of order:\n%s", s)
	}
	if strings.Count(s, "# Benchmarks\n") != 1 {
		t.Error("header repeated")
	}
	for _, want := range []string{"2.50×", "indexing 2.50× omindex's pages/s (goal ≥ 2×): met", "index 2.00× the extracted text (goal ≤ 3×): met; with the extraction cache 2.00×"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestCompareQueriesAgainstStub runs the load child against a stub server.
func TestCompareQueriesAgainstStub(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"total":1,"hits":[]}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	paths := filepath.Join(dir, "paths")
	qs := load.Mix(load.Source{Terms: []string{"victims", "referral"}}, 50, 1)
	if err := writePaths(paths, qs, load.Query.HandbooksPath); err != nil {
		t.Fatal(err)
	}
	m := NewMain(os.Stderr)
	m.Clients, m.Duration, m.Warmup = []int{1, 4}, 200*time.Millisecond, 50*time.Millisecond
	stub := target{name: "stub", server: &Server{Base: srv.URL}, pathsFile: paths}
	rows, err := m.compareQueriesPid(context.Background(), &Corpus{Name: "c", Pages: 10}, []target{stub}, 2, os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Clients != 1 || rows[1].Clients != 4 {
		t.Fatalf("rows %+v", rows)
	}
	for _, r := range rows {
		if r.Throughput <= 0 || r.Errors != 0 || r.Runs != 2 || r.P99 < r.P50 {
			t.Errorf("row %+v", r)
		}
	}
	share, n := hitRate(srv.URL, []string{"/api/search?q=a", "/api/suggest?q=vi"}, 10, handbooksFound)
	if n != 1 || share != 1 {
		t.Errorf("hitRate = %v of %d", share, n)
	}
}

func TestQuerySourceOfSyntheticCorpus(t *testing.T) {
	dir := t.TempDir()
	c, err := buildSynth(context.Background(), dir, 200, 2, func(string, ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	if c.Pages != 200 || c.Files == 0 || c.TextBytes == 0 || c.SamplePages == 0 {
		t.Fatalf("corpus %+v", c)
	}
	src := querySource(context.Background(), c)
	if len(src.Terms) < 50 || len(src.Phrases) < 50 {
		t.Fatalf("%d terms, %d phrases", len(src.Terms), len(src.Phrases))
	}
	for _, w := range src.Terms[:20] {
		if stopwords[w] {
			t.Errorf("stopword %q among the terms", w)
		}
	}
	for _, p := range []string{"type", "region", "tag", "year_from"} {
		if len(src.Facets[p]) == 0 {
			t.Errorf("no values for filter %s", p)
		}
	}
	again, ok := loadCached(dir)
	if !ok || again.Pages != c.Pages || len(again.Sample) != len(c.Sample) {
		t.Errorf("cached corpus not reused: %+v", again)
	}
}

func TestTreeRSSCountsChildren(t *testing.T) {
	// A shell waiting for a sleeping child: two processes whose memory does
	// not move while they are measured (this Go process's own would).
	sh := exec.Command("sh", "-c", "sleep 30 & wait")
	sh.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // one group, killed together
	if err := sh.Start(); err != nil {
		t.Skipf("no sh: %v", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-sh.Process.Pid, syscall.SIGKILL)
		sh.Process.Kill()
		sh.Wait()
	})
	var kids []int
	for i := 0; i < 200 && len(kids) == 0; i++ {
		kids = procfs.Children(sh.Process.Pid)
		if len(kids) == 0 {
			time.Sleep(10 * time.Millisecond) // until the shell has started its child
		}
	}
	if len(kids) != 1 {
		t.Fatalf("children of the shell: %v, want one", kids)
	}
	// The shell may still be touching pages just after it started its
	// child: measure until the two processes read the same before and
	// after the tree is measured.
	var own, child, tree int64
	for i := 0; i < 100; i++ {
		own = procfs.StatusKB(sh.Process.Pid, "VmRSS:") * 1024
		child = procfs.StatusKB(kids[0], "VmRSS:") * 1024
		tree = procfs.TreeRSS(sh.Process.Pid)
		if own == procfs.StatusKB(sh.Process.Pid, "VmRSS:")*1024 && child == procfs.StatusKB(kids[0], "VmRSS:")*1024 && tree == own+child {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if own <= 0 || child <= 0 || tree != own+child {
		t.Errorf("tree RSS %d, want the shell's %d + its child's %d", tree, own, child)
	}
}
