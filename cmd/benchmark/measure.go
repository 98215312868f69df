package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"handbooks/internal/procfs"
)

// Usage is what one process tree used.
type Usage struct {
	Wall    time.Duration
	CPU     time.Duration // user + system, the tree's waited-for processes
	PeakRSS int64         // bytes: the largest sum of the tree's RSS seen, or the largest process's
}

// runMeasured runs cmd to completion and measures it. Its output goes to
// logFile when set.
func runMeasured(ctx context.Context, cmd *exec.Cmd) (Usage, error) {
	var stderr bytes.Buffer
	if cmd.Stderr == nil {
		cmd.Stderr = &stderr
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Usage{}, err
	}
	stop := make(chan struct{})
	var peak int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		peak = procfs.PollTreeRSS(cmd.Process.Pid, stop)
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(stop)
	wg.Wait()
	u := Usage{Wall: wall}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		u.PeakRSS = max(peak, ru.Maxrss*1024)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 800 {
			msg = msg[len(msg)-800:]
		}
		return u, fmt.Errorf("%s: %w: %s", strings.Join(cmd.Args, " "), err, msg)
	}
	return u, nil
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// onOneCore restricts cmd to one CPU with taskset when it is installed, so
// that "one core each" comparisons hold even for multi-threaded programs.
func onOneCore(name string, args ...string) *exec.Cmd {
	if ts, err := exec.LookPath("taskset"); err == nil {
		return exec.Command(ts, append([]string{"-c", "0", name}, args...)...)
	}
	return exec.Command(name, args...)
}
