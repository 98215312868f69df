package indexer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
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
//
// A request with OCR set may, before its response, get a question: a line
// with only ocr_pages (the number of pages the worker wants to read with
// OCR), which the parent answers with an ocrGrant line (how many it may
// read, within the run's page budget). The parent extends the file's
// deadline by the pages granted.
const workerProtocol = 2

// extractFile reads a PDF; tests replace it with misbehaving extractors.
var extractFile = pdftext.Extract

type workerHello struct {
	Protocol int `json:"protocol"`
	PID      int `json:"pid"`
}

type workRequest struct {
	Path      string      `json:"path"`
	TimeoutMS int64       `json:"timeout_ms"`
	OCR       *ocrRequest `json:"ocr,omitempty"`
}

type workResponse struct {
	Result   *pdftext.Result `json:"result"`
	TimedOut bool            `json:"timed_out,omitempty"`
	Exit     bool            `json:"exit,omitempty"`
	// OCRPages, in a line without a result, asks leave to read that many
	// pages with OCR.
	OCRPages *int `json:"ocr_pages,omitempty"`
	OCRRead  int  `json:"ocr_read,omitempty"` // pages read with OCR (not from the cache)
}

// ocrGrant answers an OCRPages question.
type ocrGrant struct {
	Grant int `json:"grant"`
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
			if req.OCR != nil && !resp.TimedOut && !resp.Exit {
				resp.OCRRead = workerOCR(ctx, req, resp.Result, func(q workResponse) (ocrGrant, error) {
					var g ocrGrant
					if enc.Encode(q) != nil || out.Flush() != nil {
						return g, errors.New("cannot ask the indexer")
					}
					line, err := in.ReadBytes('\n')
					if err != nil {
						return g, err
					}
					return g, json.Unmarshal(line, &g)
				})
			}
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

// workerOCR runs the OCR pass of a request whose text was extracted. ask
// sends a question to the indexer and reads its answer. The pass gets a
// deadline of the granted pages' deadlines, from the grant on.
func workerOCR(ctx context.Context, req workRequest, res *pdftext.Result, ask func(workResponse) (ocrGrant, error)) int {
	if res == nil || (res.Outcome != pdftext.OutcomeOK && res.Outcome != pdftext.OutcomeNoText) {
		return 0
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pageTimeout := time.Duration(req.OCR.PageTimeoutMS) * time.Millisecond
	return ocrPass(ctx, req.Path, req.OCR, res, func(n int) int {
		g, err := ask(workResponse{OCRPages: &n})
		if err != nil || g.Grant < 0 {
			return 0
		}
		g.Grant = min(g.Grant, n)
		time.AfterFunc(time.Duration(g.Grant)*pageTimeout+ocrGrace, cancel)
		return g.Grant
	})
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
