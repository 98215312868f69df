package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Machine describes where the benchmark ran.
type Machine struct {
	CPU      string
	Cores    int
	MemoryMB int64
	Go       string
	Kernel   string
	Tools    map[string]string // Debian package → version, for the peers found
	// ProcessStarts is how many times /bin/true ran per second, one after
	// the other: what a program that starts a process per request or per
	// file (Omega's CGI, pdftotext) pays on this machine.
	ProcessStarts float64
	// LoadAverage is /proc/loadavg's one-minute figure when the run began:
	// how busy the machine was with other work.
	LoadAverage string
}

// peerPackages are the Debian packages of the peers: pdftotext and pdfinfo,
// omindex and the omega CGI, recollindex, the web server for omega.
var peerPackages = []string{"poppler-utils", "xapian-omega", "recoll", "lighttpd"}

func machine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), Tools: map[string]string{}}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				if i := strings.IndexByte(line, ':'); i >= 0 {
					m.CPU = strings.TrimSpace(line[i+1:])
					break
				}
			}
		}
	}
	m.MemoryMB = procMeminfoKB("MemTotal:") / 1024
	if out, err := exec.Command("uname", "-r").Output(); err == nil {
		m.Kernel = strings.TrimSpace(string(out))
	}
	m.ProcessStarts = processStarts(time.Second)
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			m.LoadAverage = f[0]
		}
	}
	for _, pkg := range peerPackages {
		out, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", pkg).Output()
		if err == nil && len(out) > 0 {
			m.Tools[pkg] = strings.TrimSpace(string(out))
		}
	}
	return m
}

// processStarts runs /bin/true one after the other for about d and returns
// the starts per second (0 when it cannot run).
func processStarts(d time.Duration) float64 {
	start := time.Now()
	n := 0
	for time.Since(start) < d {
		if err := exec.Command("/bin/true").Run(); err != nil {
			return 0
		}
		n++
	}
	return float64(n) / time.Since(start).Seconds()
}

func procMeminfoKB(field string) int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field) {
			var n int64
			for _, c := range strings.TrimSpace(line[len(field):]) {
				if c < '0' || c > '9' {
					break
				}
				n = n*10 + int64(c-'0')
			}
			return n
		}
	}
	return 0
}
