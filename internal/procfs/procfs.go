// Package procfs reads what the benchmark and the reliability tests need
// to know about processes from Linux's /proc: children, state, command
// line and memory. Every function returns a zero value for a process that
// is gone or a /proc that is missing, rather than an error: callers poll.
package procfs

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Children lists the live child processes of pid, from
// /proc/PID/task/*/children or, where the kernel lacks that file, by
// scanning every /proc/N/stat. Zombies are left out.
func Children(pid int) []int {
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
			if c, err := strconv.Atoi(f); err == nil && State(c) != "Z" {
				out = append(out, c)
			}
		}
	}
	return out
}

// scanChildren finds the live children of pid by reading every /proc/N/stat.
func scanChildren(pid int) []int {
	var out []int
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		f := statFields(p)
		if len(f) < 2 || f[0] == "Z" {
			continue
		}
		if ppid, _ := strconv.Atoi(f[1]); ppid == pid {
			if kid, err := strconv.Atoi(filepath.Base(filepath.Dir(p))); err == nil {
				out = append(out, kid)
			}
		}
	}
	return out
}

// statFields are the fields of a /proc/N/stat file after the command name
// (state, ppid, ...): the name may hold spaces, so it is cut at the last ')'.
func statFields(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

// State is the one-letter state of pid (R, S, D, Z, ...), "" when gone.
func State(pid int) string {
	f := statFields(fmt.Sprintf("/proc/%d/stat", pid))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// Cmdline is the command line of pid, nil when gone.
func Cmdline(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

// StatusKB reads a kB field of /proc/PID/status ("VmRSS:", "VmHWM:").
func StatusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// TreeRSS is the summed resident memory of pid and its descendants, bytes.
func TreeRSS(pid int) int64 {
	var sum int64
	stack := []int{pid}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		sum += StatusKB(p, "VmRSS:") * 1024
		stack = append(stack, Children(p)...)
	}
	return sum
}

// PollTreeRSS samples TreeRSS(pid) every 50 ms until stop is closed, and
// returns the largest sum seen.
func PollTreeRSS(pid int, stop <-chan struct{}) int64 {
	var peak int64
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if n := TreeRSS(pid); n > peak {
			peak = n
		}
		select {
		case <-stop:
			return peak
		case <-t.C:
		}
	}
}
