package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
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
		peak = pollTreeRSS(cmd.Process.Pid, stop)
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

// pollTreeRSS samples the summed RSS of pid and its descendants every 50 ms
// until stop is closed, and returns the largest sum.
func pollTreeRSS(pid int, stop <-chan struct{}) int64 {
	var peak int64
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if n := treeRSS(pid); n > peak {
			peak = n
		}
		select {
		case <-stop:
			return peak
		case <-t.C:
		}
	}
}

// treeRSS is the summed VmRSS of pid and its descendants, in bytes.
func treeRSS(pid int) int64 {
	var sum int64
	stack := []int{pid}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		sum += procStatusKB(p, "VmRSS:") * 1024
		stack = append(stack, childrenOf(p)...)
	}
	return sum
}

// childrenOf lists the child processes of pid from
// /proc/PID/task/*/children, or by scanning /proc where that is missing.
func childrenOf(pid int) []int {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		return nil
	}
	var out []int
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, t.Name()))
		if err != nil {
			return scanChildren(pid)
		}
		for _, f := range strings.Fields(string(b)) {
			if c, err := strconv.Atoi(f); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}

// scanChildren finds the children of pid by reading every /proc/N/stat.
func scanChildren(pid int) []int {
	var out []int
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may contain spaces.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) >= 2 {
			if ppid, _ := strconv.Atoi(f[1]); ppid == pid {
				out = append(out, p)
			}
		}
	}
	return out
}

// procStatusKB reads a kB field of /proc/PID/status (VmRSS:, VmHWM:).
func procStatusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field) {
			f := strings.Fields(line[len(field):])
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
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
