package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Server is a search service running as a child process.
type Server struct {
	Name string
	Base string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{} // closed when the process has exited
}

// Pid is the server's process id.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stop ends the server (SIGTERM, then SIGKILL after 10 s).
func (s *Server) Stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	if s.log != nil {
		s.log.Close()
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer starts cmd, logging to logPath, and waits until GET probe
// answers 200.
func startServer(ctx context.Context, name string, cmd *exec.Cmd, base, probe, logPath string, wait time.Duration) (*Server, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, err
	}
	s := &Server{Name: name, Base: base, cmd: cmd, log: f, done: make(chan struct{})}
	go func() { cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			b, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("%s exited before it was ready: %s", name, tail(string(b), 600))
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		default:
		}
		resp, err := http.Get(base + probe)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.Stop()
	return nil, errors.New(name + " not ready in time")
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// startHandbooks serves the index with this project's binary.
func startHandbooks(ctx context.Context, bin, library, index, logDir string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "serve", "-library", library, "-index", index, "-addr", addr)
	return startServer(ctx, "handbooks", cmd, "http://"+addr, "/api/search?q=victims",
		filepath.Join(logDir, "handbooks-serve.log"), 5*time.Minute)
}

// omegaCGI is where Debian's xapian-omega installs the search CGI.
const omegaCGI = "/usr/lib/cgi-bin/omega/omega"

// omegaTemplates is Debian's directory of Omega's OmegaScript templates.
const omegaTemplates = "/var/lib/xapian-omega/templates"

// omegaDBName is the DB= name of the benchmark database.
const omegaDBName = "bench"

// startOmega serves the omindex database db through Omega's CGI behind
// lighttpd, with a configuration written into dir.
func startOmega(ctx context.Context, db, dir string) (*Server, error) {
	if _, err := os.Stat(omegaCGI); err != nil {
		return nil, fmt.Errorf("omega CGI not installed (%s)", omegaCGI)
	}
	lighttpd, err := exec.LookPath("lighttpd")
	if err != nil {
		return nil, errors.New("lighttpd not installed")
	}
	data := filepath.Join(dir, "data")
	for _, d := range []string{data, filepath.Join(dir, "www"), filepath.Join(dir, "log")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	link := filepath.Join(data, omegaDBName)
	os.Remove(link)
	if err := os.Symlink(db, link); err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "omega.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, "database_dir %s\ntemplate_dir %s\nlog_dir %s\n",
		data, omegaTemplates, filepath.Join(dir, "log")), 0o644); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	lconf := filepath.Join(dir, "lighttpd.conf")
	if err := os.WriteFile(lconf, fmt.Appendf(nil, `server.document-root = %q
server.bind = "127.0.0.1"
server.port = %d
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.errorlog = %q
server.max-connections = 1024
alias.url = ("/cgi-bin/omega" => %q)
$HTTP["url"] =~ "^/cgi-bin/" { cgi.assign = ("" => "") }
setenv.add-environment = ("OMEGA_CONFIG_FILE" => %q)
`, filepath.Join(dir, "www"), port, filepath.Join(dir, "log", "lighttpd.err"), omegaCGI, conf), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(lighttpd, "-D", "-f", lconf)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	return startServer(ctx, "omega", cmd, base, "/cgi-bin/omega?DB="+omegaDBName+"&P=victims",
		filepath.Join(dir, "log", "lighttpd.out"), 20*time.Second)
}
