package reliability

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An index on a small tmpfs: the first generation (the sample library)
// fits; a full rebuild with the big library fills the disk. That run fails
// with a clear error and a non-zero status, and the previous generation
// still opens and is served, before and after a restart of the server.
func TestFullDisk(t *testing.T) {
	disk := filepath.Join(t.TempDir(), "disk")
	must(t, os.MkdirAll(disk, 0o755))
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", disk).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", disk, err, out)
		}
	})
	lib := newKillLibrary(t)
	lib.set(t, false)
	index := filepath.Join(disk, "index")
	mustIndex(t, lib.dir, index)
	ids := []string{}
	before, err := readIndex(t, index, ids)
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, lib.dir, index)
	ready := s.waitReady(t)

	// Leave a little room only, so that any larger generation cannot fit
	// whatever the size of the library.
	fillDisk(t, disk, 96<<10)
	lib.set(t, true)
	runs := []indexRun{runIndex(t, lib.dir, index, "-full"), runIndex(t, lib.dir, index)}
	for i, r := range runs {
		if p := firstMatch(r.Stderr, "panic:"); p != "" {
			t.Errorf("run %d on a full disk panicked (exit %d): %s, at:\n%s", i+1, r.Code, p, projectFrames(r.Stderr, 4))
			continue
		}
		if r.Code != 1 {
			t.Errorf("run %d on a full disk exited %d, want 1:\n%s%s", i+1, r.Code, r.Stdout, r.Stderr)
		}
		msg := r.Stderr
		if !strings.Contains(msg, "no space left on device") {
			t.Errorf("run %d on a full disk does not say the disk is full:\n%s", i+1, lastLines(msg, 5))
		}
	}
	var fs syscall.Statfs_t
	syscall.Statfs(disk, &fs)
	free := int64(fs.Bavail) * int64(fs.Bsize)

	after, err := readIndex(t, index, ids)
	if err != nil {
		t.Fatalf("after the failed runs the index does not open: %v", err)
	}
	if !after.equal(before) {
		t.Errorf("after the failed runs the index holds %v, want %v", after, before)
	}
	check := func(s *server) {
		t.Helper()
		hc := &http.Client{Timeout: 30 * time.Second}
		var r readyz
		if code, err := getJSON(context.Background(), hc, s.URL+"/readyz", &r); err != nil || code != 200 || r.Generation != ready.Generation {
			t.Errorf("readyz after the full disk: %d %v %+v, want generation %s", code, err, r, ready.Generation)
		}
		var res struct{ Total int }
		if code, err := getJSON(context.Background(), hc, s.URL+"/api/search?q=victims", &res); err != nil || code != 200 || res.Total == 0 {
			t.Errorf("search after the full disk: %d %v total %d", code, err, res.Total)
		}
	}
	check(s)
	s.stop(t)
	check(startServer(t, lib.dir, index))
	codes := make([]int, len(runs))
	msg := ""
	for i, r := range runs {
		codes[i] = r.Code
		if m := firstMatch(r.Stderr, "no space left on device"); m != "" && msg == "" {
			msg = m
		}
	}
	figure(t, "full disk (2 MiB tmpfs): a full and an incremental run exited %v (%q); previous generation (%v) still served, also after a restart; %d KiB left free",
		codes, msg, before, free>>10)
}

// fillDisk writes a file that leaves about leave bytes free on the disk.
func fillDisk(t *testing.T, disk string, leave int64) {
	t.Helper()
	var fs syscall.Statfs_t
	must(t, syscall.Statfs(disk, &fs))
	free := int64(fs.Bavail) * int64(fs.Bsize)
	if free <= leave {
		return
	}
	f, err := os.Create(filepath.Join(disk, "filler"))
	must(t, err)
	defer f.Close()
	buf := make([]byte, 64<<10)
	for n := free - leave; n > 0; n -= int64(len(buf)) {
		if _, err := f.Write(buf[:min(int64(len(buf)), n)]); err != nil {
			t.Fatalf("fill the disk: %v", err)
		}
	}
}

// projectFrames is the first n stack frames of this module in a panic.
func projectFrames(s string, n int) string {
	var out []string
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "handbooks/") && i+1 < len(lines) && len(out) < n {
			out = append(out, "  "+l+" "+strings.TrimSpace(lines[i+1]))
		}
	}
	return strings.Join(out, "\n")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// firstMatch is the first line of s that contains sub.
func firstMatch(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return oneLine(l, 200)
		}
	}
	return ""
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
