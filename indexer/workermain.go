package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"syscall"
	"time"

	"handbooks/indexer/pdftext"
)

// The worker protocol: the parent starts "handbooks extract-worker -maxmem N"
// and the worker writes one line, a workerHello. Then, for each line the
// parent writes (a workRequest), the worker writes one line (a
// workResponse). Lines are JSON. The worker exits at the end of its input,
// and after a response with Exit set (an extraction that would not stop).
const workerProtocol = 1

// extractFile reads a PDF; tests replace it with misbehaving extractors.
var extractFile = pdftext.Extract

type workerHello struct {
	Protocol int `json:"protocol"`
	PID      int `json:"pid"`
}

type workRequest struct {
	Path      string `json:"path"`
	TimeoutMS int64  `json:"timeout_ms"`
}

type workResponse struct {
	Result   *pdftext.Result `json:"result"`
	TimedOut bool            `json:"timed_out,omitempty"`
	Exit     bool            `json:"exit,omitempty"`
}

// workerMain runs an extraction worker: the hidden "extract-worker" command,
// reached through InitWorker.
// It reads requests on stdin and answers on stdout, and caps its own memory
// (-maxmem) so that an allocation no PDF deserves fails in the worker, not
// in the indexer. It returns the exit status.
func workerMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(WorkerArg, flag.ContinueOnError)
	fs.SetOutput(stderr)
	maxMem := fs.Int64("maxmem", DefaultMaxMemory, "memory cap in bytes (0: none)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *maxMem > 0 {
		LimitMemory(*maxMem)
	}
	if stdout == os.Stdout {
		// Whatever a parser prints must not corrupt the protocol: answers
		// go to a private copy of stdout, and stdout becomes stderr.
		if fd, err := syscall.Dup(1); err == nil && syscall.Dup3(2, 1, 0) == nil {
			stdout = os.NewFile(uintptr(fd), "protocol")
		}
	}
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	if enc.Encode(workerHello{Protocol: workerProtocol, PID: os.Getpid()}) != nil || out.Flush() != nil {
		return 1
	}
	in := bufio.NewReader(stdin)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			return 0
		}
		var req workRequest
		var resp workResponse
		if err := json.Unmarshal(line, &req); err != nil {
			resp.Result = &pdftext.Result{Outcome: pdftext.OutcomeBroken, Reason: "bad request: " + err.Error()}
		} else {
			resp = extractOne(ctx, req)
		}
		if resp.Result.Pages == nil {
			resp.Result.Pages = []pdftext.Page{}
		}
		if enc.Encode(resp) != nil || out.Flush() != nil {
			return 1
		}
		if resp.Exit {
			return 3
		}
	}
}

// extractOne extracts one file within the request's deadline. When the
// extraction does not return soon after the deadline, the response says
// the worker must exit (the stuck goroutine cannot be stopped otherwise).
func extractOne(ctx context.Context, req workRequest) workResponse {
	timeout := time.Duration(req.TimeoutMS) * time.Millisecond
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan *pdftext.Result, 1)
	go func() { done <- extractFile(ctx, req.Path) }()
	timedOut := func(exit bool) workResponse {
		return workResponse{Result: &pdftext.Result{Outcome: pdftext.OutcomeBroken,
			Reason: fmt.Sprintf("timed out after %s", timeout)}, TimedOut: true, Exit: exit}
	}
	select {
	case res := <-done:
		if ctx.Err() != nil && (res == nil || res.Outcome != pdftext.OutcomeOK) {
			return timedOut(false)
		}
		if res == nil {
			res = &pdftext.Result{Outcome: pdftext.OutcomeBroken, Reason: "extractor returned nothing"}
		}
		return workResponse{Result: res}
	case <-ctx.Done():
	}
	select {
	case res := <-done:
		if res != nil && res.Outcome == pdftext.OutcomeOK {
			return workResponse{Result: res}
		}
		return timedOut(false)
	case <-time.After(time.Second):
		return timedOut(true)
	}
}

// LimitMemory caps the heap softly (the garbage collector works harder near
// the cap) and the address space and data segment hard, so that a runaway
// allocation fails instead of exhausting the machine.
func LimitMemory(n int64) {
	debug.SetMemoryLimit(n)
	// The data segment (private writable memory: the heap, stacks) gets a
	// margin for the runtime; the address space a larger one, because the
	// Go runtime reserves far more than it uses (1.8 GB for an idle worker).
	limits := []struct {
		res  int
		hard uint64
	}{{syscall.RLIMIT_DATA, uint64(n) + 512<<20}, {syscall.RLIMIT_AS, uint64(n) + 4<<30}}
	for _, l := range limits {
		var lim syscall.Rlimit
		if syscall.Getrlimit(l.res, &lim) != nil {
			continue
		}
		if lim.Cur != ^uint64(0) && lim.Cur <= l.hard {
			continue
		}
		lim.Cur = l.hard
		_ = syscall.Setrlimit(l.res, &lim)
	}
}
