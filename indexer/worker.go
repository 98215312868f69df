package indexer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"handbooks/indexer/pdftext"
)

// Extraction isolation. Every PDF is read by a worker: a child process (this
// program re-executed as "handbooks extract-worker") that caps its own
// memory. The indexer gives each file a deadline and caps the size of the
// answer; a worker that overruns is killed with SIGKILL, one that crashes or
// runs out of memory simply dies. Either way the file gets the outcome
// "broken" with the reason, a fresh worker is started for the next file,
// and the run goes on. Workers live for many files (starting a process per
// file costs more than most extractions); one runs per core.

const (
	// DefaultTimeout is how long one file may take (Config.Timeout).
	DefaultTimeout = 60 * time.Second
	// DefaultMaxMemory caps each worker's memory (Config.MaxMemory), bytes.
	DefaultMaxMemory = 2 << 30
	defaultMaxOutput = 256 << 20 // bytes of JSON per file
	// graceAfterDeadline is how long the indexer waits past a file's
	// deadline for the worker's own "timed out" answer before killing it.
	graceAfterDeadline = 5 * time.Second
	helloTimeout       = 30 * time.Second
)

// Why a worker was lost while extracting a file.
const (
	lostTimeout = "timeout"
	lostMemory  = "memory"
	lostOutput  = "output"
	lostCrash   = "crash"
)

// errWorkerStart means no worker could be started: every file would fail,
// so the run stops.
var errWorkerStart = errors.New("extraction worker does not start")

// workerSpec says how to start a worker.
type workerSpec struct {
	command   []string // program and arguments
	env       []string // added to the environment
	maxMemory int64
	maxOutput int64
	timeout   time.Duration
	// ocr, when set, makes requests ask for OCR of the pages that need it
	// (see ocrrun.go).
	ocr *ocrRun
}

// workerProc is one running worker.
type workerProc struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *stderrTail
	exited chan struct{}
	maxMem int64 // the memory cap it was started with
}

// extraction is a worker's answer for one file, or why there is none.
type extraction struct {
	res  *pdftext.Result
	lost string // lostTimeout, lostMemory, ...: the worker was lost on this file
}

func startWorker(spec *workerSpec) (*workerProc, error) {
	args := append(append([]string{}, spec.command[1:]...), "-maxmem", fmt.Sprint(spec.maxMemory))
	cmd := exec.Command(spec.command[0], args...)
	cmd.Env = append(os.Environ(), spec.env...)
	// Its own process group: Ctrl-C on the terminal reaches the indexer,
	// which stops the workers itself. Pdeathsig: a worker never outlives
	// an indexer killed with SIGKILL.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	w := &workerProc{cmd: cmd, stderr: &stderrTail{}, exited: make(chan struct{}), maxMem: spec.maxMemory}
	cmd.Stderr = w.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %v", errWorkerStart, err)
	}
	w.in, w.out = in, bufio.NewReaderSize(out, 1<<16)
	go func() { cmd.Wait(); close(w.exited) }()

	hello := make(chan error, 1)
	go func() {
		line, err := readLine(w.out, 1<<10)
		var h workerHello
		if err == nil {
			err = json.Unmarshal(line, &h)
		}
		if err == nil && h.Protocol != workerProtocol {
			err = fmt.Errorf("worker speaks protocol %d, not %d", h.Protocol, workerProtocol)
		}
		hello <- err
	}()
	select {
	case err = <-hello:
	case <-time.After(helloTimeout):
		err = errors.New("no answer")
	}
	if err != nil {
		w.kill()
		msg := strings.TrimSpace(w.stderr.String())
		return nil, fmt.Errorf("%w (%s): %v %s", errWorkerStart, strings.Join(spec.command, " "), err, oneLine(msg, 300))
	}
	return w, nil
}

// kill stops the worker and waits for it to be gone.
func (w *workerProc) kill() {
	w.cmd.Process.Kill()
	w.in.Close()
	<-w.exited
}

// close asks the worker to exit at the end of its input.
func (w *workerProc) close() {
	w.in.Close()
	select {
	case <-w.exited:
	case <-time.After(2 * time.Second):
		w.kill()
	}
}

// extract has the worker read one file. A non-nil error means ctx ended;
// otherwise, when the worker was lost on this file, it has been killed and
// must not be used again.
func (w *workerProc) extract(ctx context.Context, spec *workerSpec, path string, ocrReq *ocrRequest) (extraction, error) {
	w.stderr.reset()
	req, _ := json.Marshal(workRequest{Path: path, TimeoutMS: spec.timeout.Milliseconds(), OCR: ocrReq})
	if _, err := w.in.Write(append(req, '\n')); err != nil {
		w.kill()
		return w.lost(), nil
	}
	type answer struct {
		line []byte
		err  error
	}
	got := make(chan answer, 1)
	read := func() {
		line, err := readLine(w.out, spec.maxOutput)
		got <- answer{line, err}
	}
	go read()
	timer := time.NewTimer(spec.timeout + graceAfterDeadline)
	defer timer.Stop()
	granted := 0
	defer func() { spec.ocr.refund(granted) }() // what was granted and not read
	for {
		select {
		case <-ctx.Done():
			w.kill()
			<-got
			return extraction{}, ctx.Err()
		case <-timer.C:
			w.kill()
			<-got
			return extraction{lost: lostTimeout, res: broken("timed out after %s", spec.timeout)}, nil
		case a := <-got:
			if errors.Is(a.err, errTooLong) {
				w.kill()
				return extraction{lost: lostOutput, res: broken("extracted text larger than %s", bytesText(spec.maxOutput))}, nil
			}
			if a.err != nil {
				<-w.exited
				return w.lost(), nil
			}
			var resp workResponse
			if err := json.Unmarshal(a.line, &resp); err != nil || (resp.Result == nil && resp.OCRPages == nil) {
				w.kill()
				return extraction{lost: lostCrash, res: broken("worker answered nonsense")}, nil
			}
			if resp.Result == nil { // a question: how many pages may it read?
				g := spec.ocr.grant(*resp.OCRPages)
				granted += g
				b, _ := json.Marshal(ocrGrant{Grant: g})
				if _, err := w.in.Write(append(b, '\n')); err != nil {
					w.kill()
					return w.lost(), nil
				}
				timer.Reset(spec.timeout + time.Duration(g)*spec.ocr.pageTimeout + ocrGrace + graceAfterDeadline)
				go read()
				continue
			}
			granted -= min(granted, resp.OCRRead)
			ex := extraction{res: resp.Result}
			if resp.TimedOut {
				ex.lost = lostTimeout
			}
			if resp.Exit {
				w.close()
			}
			return ex, nil
		}
	}
}

// lost describes why a worker that died on its own did so.
func (w *workerProc) lost() extraction {
	select {
	case <-w.exited:
	case <-time.After(5 * time.Second):
		w.kill()
	}
	msg := w.stderr.String()
	st := w.cmd.ProcessState
	if outOfMemory(msg) || w.nearCap(st) {
		return extraction{lost: lostMemory, res: broken("worker ran out of memory")}
	}
	how := "exited"
	if st != nil {
		how = st.String()
		if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return extraction{lost: lostMemory, res: broken("worker was killed by the system (%s), probably for lack of memory", how)}
		}
	}
	if line := crashLine(msg); line != "" {
		how += ": " + line
	}
	return extraction{lost: lostCrash, res: broken("worker crashed: %s", how)}
}

// nearCap reports whether a worker that died had used most of its memory
// cap: the runtime does not always say "out of memory" when an allocation
// fails against the address-space limit (a failed mmap may crash it in
// other ways).
func (w *workerProc) nearCap(st *os.ProcessState) bool {
	if st == nil || w.maxMem <= 0 {
		return false
	}
	ru, ok := st.SysUsage().(*syscall.Rusage)
	return ok && ru.Maxrss*1024 >= w.maxMem*3/4 // Maxrss is in KiB on Linux
}

// outOfMemory reports whether a worker's crash report says it hit its
// memory cap: an allocation that failed, or a thread that could not get
// its stack.
func outOfMemory(msg string) bool {
	for _, sign := range []string{"out of memory", "cannot allocate memory",
		"pthread_create failed", "failed to create new OS thread"} {
		if strings.Contains(msg, sign) {
			return true
		}
	}
	return false
}

// crashLine picks the line of a Go crash report that says what happened.
func crashLine(msg string) string {
	lines := strings.Split(msg, "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			return oneLine(l, 200)
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(lines[i]); s != "" {
			return oneLine(s, 200)
		}
	}
	return ""
}

func broken(format string, args ...any) *pdftext.Result {
	return &pdftext.Result{Outcome: pdftext.OutcomeBroken, Reason: fmt.Sprintf(format, args...)}
}

var errTooLong = errors.New("line too long")

// readLine reads one line of at most max bytes.
func readLine(r *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if int64(len(buf)+len(chunk)) > max {
			return nil, errTooLong
		}
		buf = append(buf, chunk...)
		if err == nil {
			return buf, nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
}

// stderrTail keeps the start of what a worker wrote on stderr since the
// last reset: enough for a crash report's first lines.
type stderrTail struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

const stderrKeep = 16 << 10

func (t *stderrTail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := stderrKeep - t.buf.Len(); room > 0 {
		t.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (t *stderrTail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

func (t *stderrTail) reset() {
	t.mu.Lock()
	t.buf.Reset()
	t.mu.Unlock()
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
