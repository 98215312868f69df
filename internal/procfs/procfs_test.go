package procfs

import (
	"os"
	"os/exec"
	"slices"
	"testing"
)

func TestOwnProcessAndChild(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	me := os.Getpid()
	if StatusKB(me, "VmRSS:") <= 0 || TreeRSS(me) <= 0 {
		t.Errorf("RSS: status %d kB, tree %d bytes", StatusKB(me, "VmRSS:"), TreeRSS(me))
	}
	if st := State(me); st != "R" && st != "S" {
		t.Errorf("own state %q", st)
	}
	if args := Cmdline(me); len(args) == 0 || args[0] != os.Args[0] {
		t.Errorf("own command line %q, want %q first", args, os.Args[0])
	}
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep:", err)
	}
	defer cmd.Process.Kill()
	pid := cmd.Process.Pid
	if !slices.Contains(Children(me), pid) || !slices.Contains(scanChildren(me), pid) {
		t.Errorf("children %v (scan %v), want %d among them", Children(me), scanChildren(me), pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if slices.Contains(Children(me), pid) || State(pid) != "" || Cmdline(pid) != nil || StatusKB(pid, "VmRSS:") != 0 {
		t.Errorf("a child that is gone is still seen")
	}
}
