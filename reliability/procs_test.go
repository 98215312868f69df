package reliability

import (
	"slices"
	"time"

	"handbooks/indexer"
	"handbooks/internal/procfs"
)

// children lists the pids of the running processes whose parent is pid.
func children(pid int) []int { return procfs.Children(pid) }

// isWorker reports whether pid is still a running extraction worker of
// this test's program.
func isWorker(pid int) bool {
	args := procfs.Cmdline(pid)
	return procfs.State(pid) != "Z" && len(args) > 1 && args[0] == bin && slices.Contains(args, indexer.WorkerArg)
}

// waitGone waits up to d for the pids to stop being workers and returns
// those still running.
func waitGone(pids []int, d time.Duration) []int {
	deadline := time.Now().Add(d)
	for {
		var left []int
		for _, p := range pids {
			if isWorker(p) {
				left = append(left, p)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// vmHWM is the peak resident set of pid in bytes (0 when unknown).
func vmHWM(pid int) int64 { return procfs.StatusKB(pid, "VmHWM:") << 10 }
