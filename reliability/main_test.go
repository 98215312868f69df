package reliability

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	long     = flag.Bool("long", false, "run the long versions (more kills, longer load, every hostile PDF)")
	kills    = flag.Int("kills", 0, "SIGKILLs in the kill test (default 3, or 20 with -long)")
	figures  = flag.String("figures", "", "append the measured figures to this file")
	seedFlag = flag.Uint64("seed", 0, "seed of the kill test's random choices (0: from the clock); the seed used is logged, so a failure can be replayed")
)

// bin is the handbooks program and loadmix its load client, built once
// per test run.
var bin, loadmix string

// sampleLibrary is the library in the repository; sharedCorpus the real
// PDFs next to it, absent from a fresh clone.
const (
	sampleLibrary = "../testdata/library"
	sharedCorpus  = "../../shared/corpus"
)

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		// Every test here builds and runs the real program for seconds to
		// minutes (about two and a half on two busy cores).
		fmt.Println("reliability: skipped with -short (system tests of the built program)")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "handbooks-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "handbooks")
	loadmix = filepath.Join(dir, "loadmix")
	cmd := exec.Command("go", "build", "-o", dir+"/", "../cmd/handbooks", "../cmd/loadmix")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build handbooks:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// figure records a measured figure: in the test log and, with -figures,
// in that file for RELIABILITY.md.
func figure(t *testing.T, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	if *figures == "" {
		return
	}
	f, err := os.OpenFile(*figures, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Errorf("figures: %v", err)
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s %s: %s\n", time.Now().UTC().Format(time.RFC3339), t.Name(), line)
}

// copyDir copies the tree src into dst (created), files writable.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// sampleCopy is a writable copy of the sample library.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "library")
	copyDir(t, sampleLibrary, dir)
	return dir
}

// haveCorpus reports whether the shared corpus is next to the repository.
func haveCorpus() bool {
	fi, err := os.Stat(sharedCorpus)
	return err == nil && fi.IsDir()
}

// indexRun is one finished "handbooks index" run.
type indexRun struct {
	Code   int
	Stdout string
	Stderr string
	Report *report
}

// report is the part of the indexer's JSON report the tests read.
type report struct {
	Committed bool `json:"committed"`
	Documents int  `json:"documents"`
	Files     []struct {
		Path    string `json:"path"`
		Outcome string `json:"outcome"`
		Reason  string `json:"reason"`
		Pages   int    `json:"pages"`
		ID      string `json:"id"`
	} `json:"files"`
}

// runIndex runs "handbooks index" to the end.
func runIndex(t *testing.T, library, index string, extra ...string) indexRun {
	t.Helper()
	rep := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{"index", "-library", library, "-index", index, "-report", rep, "-quiet"}, extra...)
	cmd := exec.Command(bin, args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := indexRun{Code: cmd.ProcessState.ExitCode(), Stdout: out.String(), Stderr: errb.String()}
	if err != nil && r.Code < 0 {
		t.Fatalf("handbooks index: %v", err)
	}
	if b, err := os.ReadFile(rep); err == nil {
		r.Report = new(report)
		if err := json.Unmarshal(b, r.Report); err != nil {
			t.Fatalf("report: %v", err)
		}
	}
	return r
}

// mustIndex runs "handbooks index" and fails the test unless it exits 0.
func mustIndex(t *testing.T, library, index string, extra ...string) indexRun {
	t.Helper()
	r := runIndex(t, library, index, extra...)
	if r.Code != 0 {
		t.Fatalf("handbooks index exited %d:\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	return r
}

// server is a running "handbooks serve".
type server struct {
	URL  string
	cmd  *exec.Cmd
	done chan struct{}
	mu   sync.Mutex
	logs strings.Builder
}

var servingRE = regexp.MustCompile(`on (http://[^/\s]+)/`)

// startServer starts "handbooks serve" on a free loopback port and waits
// until it accepts connections. It is stopped (SIGTERM) when the test ends.
func startServer(t *testing.T, library, index string, extra ...string) *server {
	t.Helper()
	args := append([]string{"serve", "-library", library, "-index", index, "-addr", "127.0.0.1:0"}, extra...)
	s := &server{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go s.collect(stderr)
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
			s.mu.Lock()
			s.logs.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
		}
	}()
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.stop(t) })
	select {
	case s.URL = <-urls:
	case <-s.done:
		t.Fatalf("handbooks serve exited before serving:\n%s", s.Logs())
	case <-time.After(60 * time.Second):
		t.Fatalf("handbooks serve did not start:\n%s", s.Logs())
	}
	return s
}

func (s *server) collect(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		s.mu.Lock()
		s.logs.WriteString(sc.Text() + "\n")
		s.mu.Unlock()
	}
}

// Logs is what the server wrote so far.
func (s *server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// Exited reports whether the server process has ended.
func (s *server) Exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

func (s *server) stop(t *testing.T) {
	if s.Exited() {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Errorf("handbooks serve did not stop on SIGINT")
		s.cmd.Process.Kill()
		<-s.done
	}
}

// waitReady polls /readyz until it answers 200 and returns its body.
func (s *server) waitReady(t *testing.T) readyz {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var r readyz
		code, err := getJSON(context.Background(), http.DefaultClient, s.URL+"/readyz", &r)
		if err == nil && code == 200 {
			return r
		}
		if time.Now().After(deadline) || s.Exited() {
			t.Fatalf("server not ready (status %d, %v):\n%s", code, err, s.Logs())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// readyz is the body of GET /readyz.
type readyz struct {
	Status     string `json:"status"`
	Generation string `json:"generation"`
	Documents  int    `json:"documents"`
	Pages      int    `json:"pages"`
}

// apiError is the API's JSON error body.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Param   string `json:"param"`
		Message string `json:"message"`
	} `json:"error"`
}

// getJSON gets u and decodes a JSON body into v (when the body is JSON).
func getJSON(ctx context.Context, hc *http.Client, u string, v any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			return resp.StatusCode, fmt.Errorf("body is not JSON (%w): %.200q", err, b)
		}
	}
	return resp.StatusCode, nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
