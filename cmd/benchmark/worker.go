package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"time"

	"handbooks/indexer"
)

// workerProtocol is the version of the indexer's extract-worker protocol this
// client speaks: JSON lines; a hello {"protocol":1}, then one response line
// {"result":{"outcome":...}} per request line {"path":...,"timeout_ms":...}.
const workerProtocol = 1

// worker is one "handbooks extract-worker" pinned to one core: the indexer's
// own batch path, without a process start per file.
type worker struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	in    *bufio.Reader
	enc   *json.Encoder
}

func startWorker(bin string) (*worker, error) {
	cmd := onOneCore(bin, indexer.WorkerArg)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w := &worker{cmd: cmd, stdin: stdin, in: bufio.NewReaderSize(stdout, 1<<20), enc: json.NewEncoder(stdin)}
	line, err := w.in.ReadBytes('\n')
	var hello struct {
		Protocol int `json:"protocol"`
	}
	if err != nil || json.Unmarshal(line, &hello) != nil || hello.Protocol != workerProtocol {
		w.close()
		return nil, fmt.Errorf("extract-worker hello %q (%v): not protocol %d", line, err, workerProtocol)
	}
	return w, nil
}

// extract has the worker read one file; failed means it was not read.
func (w *worker) extract(path string) (time.Duration, bool, error) {
	abs, _ := filepath.Abs(path)
	start := time.Now()
	if err := w.enc.Encode(map[string]any{"path": abs, "timeout_ms": 60000}); err != nil {
		return 0, false, err
	}
	line, err := w.in.ReadBytes('\n')
	d := time.Since(start)
	if err != nil {
		return d, false, fmt.Errorf("extract-worker on %s: %w", path, err)
	}
	var resp struct {
		Result struct {
			Outcome string `json:"outcome"`
		} `json:"result"`
		Exit bool `json:"exit"`
	}
	if err := json.Unmarshal(line, &resp); err != nil {
		return d, false, err
	}
	if resp.Exit {
		return d, true, errors.New("extract-worker exited after a stuck file")
	}
	return d, resp.Result.Outcome != "ok" && resp.Result.Outcome != "no_text", nil
}

func (w *worker) close() {
	if w == nil {
		return
	}
	w.stdin.Close()
	w.cmd.Wait()
}
