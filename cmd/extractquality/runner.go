package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"handbooks/indexer/pdftext"
)

// Outcomes of the child process beyond those of pdftext.
const (
	outcomeTimeout = "timeout"
	outcomeCrash   = "crash"
)

// childMemory caps the child's heap; its address space gets headroom above.
const childMemory = 2 << 30

type runner struct {
	self      string
	pdftotext string
	timeout   time.Duration
}

// fileResult is what the benchmark learned about one file.
type fileResult struct {
	Path     string
	Outcome  string
	Reason   string
	Pages    int           // our pages
	RefPages int           // pdftotext's pages
	CPU      time.Duration // ours
	RefCPU   time.Duration // pdftotext's
	RefOK    bool          // pdftotext exited 0
	Score    Score
}

// measure extracts path with both extractors and scores ours.
func (r runner) measure(ctx context.Context, path string) fileResult {
	fr := fileResult{Path: path}
	out, cpu, err := r.exec(ctx, exec.Command(r.self), path)
	fr.CPU = cpu
	var res pdftext.Result
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fr.Outcome, fr.Reason = outcomeTimeout, err.Error()
	case err != nil && len(out) == 0:
		fr.Outcome, fr.Reason = outcomeCrash, err.Error()
	default:
		if jerr := json.Unmarshal(out, &res); jerr != nil {
			fr.Outcome, fr.Reason = outcomeCrash, fmt.Sprintf("bad output: %v", jerr)
		} else {
			fr.Outcome, fr.Reason, fr.Pages = res.Outcome, res.Reason, len(res.Pages)
		}
	}
	var ours strings.Builder
	for _, p := range res.Pages {
		ours.WriteString(p.Text)
		ours.WriteString("\n")
	}

	ref, refCPU, err := r.exec(ctx, exec.Command(r.pdftotext, "-q", path, "-"), "")
	fr.RefCPU = refCPU
	fr.RefOK = err == nil
	if fr.RefOK {
		fr.RefPages = bytes.Count(ref, []byte("\f"))
	}
	fr.Score = Compare(Words(ours.String()), Words(string(ref)))
	return fr
}

// exec runs cmd with the deadline; a non-empty child names the file for a
// re-executed copy of this program. It returns stdout and the CPU time used.
func (r runner) exec(ctx context.Context, cmd *exec.Cmd, child string) ([]byte, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	if child != "" {
		cmd.Env = append(os.Environ(), childEnv+"="+child)
	}
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		<-waited
		err = ctx.Err()
	}
	var cpu time.Duration
	if st := cmd.ProcessState; st != nil {
		cpu = st.UserTime() + st.SystemTime()
	}
	return out.Bytes(), cpu, err
}

// runChild extracts one file on one core under a memory cap and prints the
// result as JSON.
func runChild(path string, stdout io.Writer) int {
	runtime.GOMAXPROCS(1)
	debug.SetMemoryLimit(childMemory)
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &lim) == nil {
		as := uint64(childMemory) + 2<<30
		if lim.Cur == ^uint64(0) || lim.Cur > as {
			lim.Cur = as
			_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim)
		}
	}
	res := pdftext.Extract(context.Background(), path)
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		return 1
	}
	return 0
}
