package reliability

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"
)

// serverLimitConns is the connection limit of handbooks serve
// (server.DefaultLimits().MaxConns).
const serverLimitConns = 256

// A client that sends its headers a byte at a time is cut off: the
// request never completes and the server closes the connection.
func TestSlowClientIsCutOff(t *testing.T) {
	lib := sampleCopy(t)
	index := t.TempDir()
	mustIndex(t, lib, index)
	s := startServer(t, lib, index)
	s.waitReady(t)
	u, _ := url.Parse(s.URL)
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	closed := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(c) // returns when the server closes
		closed <- b
	}()
	// Headers that never end: a byte every 50 ms.
	req := "GET /api/search?q=victims HTTP/1.1\r\nHost: x\r\nX-Slow: "
	sent := 0
	giveUp := time.After(90 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case b := <-closed:
			figure(t, "slow client (a header byte every 50 ms) cut off after %d bytes; server answered %q", sent, firstLine(b))
			if len(b) > 0 && firstLine(b) != "HTTP/1.1 408 Request Timeout" {
				t.Errorf("slow client got %q", firstLine(b))
			}
			return
		case <-giveUp:
			t.Fatalf("a client sending headers a byte at a time was still connected after %d bytes", sent)
		case <-tick.C:
			ch := byte('a')
			if sent < len(req) {
				ch = req[sent]
			}
			if _, err := c.Write([]byte{ch}); err != nil {
				b := <-closed
				figure(t, "slow client cut off after %d bytes (write failed: %v); server answered %q", sent, err, firstLine(b))
				return
			}
			sent++
		}
	}
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\r' || c == '\n' {
			return string(b[:i])
		}
	}
	return string(b)
}

// Many idle connections do not take the server down: its open
// connections stay bounded, and a fresh client is still answered (once an
// idle connection times out) or refused cleanly, never left hanging.
func TestConnectionsAreBounded(t *testing.T) {
	lib := sampleCopy(t)
	index := t.TempDir()
	mustIndex(t, lib, index)
	s := startServer(t, lib, index)
	s.waitReady(t)
	u, _ := url.Parse(s.URL)
	idle := serverLimitConns + 200
	if *long {
		idle = 4 * serverLimitConns
	}
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range idle {
		c, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
		if err != nil {
			break // refused: the backlog is full, also a bound
		}
		conns = append(conns, c)
	}
	fds := openFDs(t, s.cmd.Process.Pid)
	if fds > serverLimitConns+64 {
		t.Errorf("with %d idle connections the server holds %d file descriptors; its limit is %d connections", len(conns), fds, serverLimitConns)
	}
	// A fresh connection, not one kept alive from an earlier request.
	hc := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	t0 := time.Now()
	resp, err := hc.Get(s.URL + "/healthz")
	waited := time.Since(t0)
	switch {
	case err != nil:
		figure(t, "%d idle connections: fresh client refused (%v); server held %d fds", len(conns), err, fds)
	default:
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("fresh client: status %d", resp.StatusCode)
		}
		figure(t, "%d idle connections opened: server held %d fds (limit %d conns); a fresh client was answered %d after %.1fs", len(conns), fds, serverLimitConns, resp.StatusCode, waited.Seconds())
	}
	if s.Exited() {
		t.Fatalf("server exited:\n%s", s.Logs())
	}
	for _, c := range conns {
		c.Close()
	}
	conns = nil
	if code, err := getJSON(t.Context(), hc, s.URL+"/readyz", nil); err != nil || code != 200 {
		t.Errorf("after the idle connections closed: %d %v", code, err)
	}
}

// openFDs counts the open file descriptors of process pid.
func openFDs(t *testing.T, pid int) int {
	t.Helper()
	es, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	return len(es)
}
