package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveTest runs s on a loopback port until the test ends; it returns the
// address and a function that stops the server and returns Serve's error.
func serveTest(t *testing.T, s *Server, ln net.Listener) (addr string, stop func() error) {
	t.Helper()
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, ln) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-errc })
		return err
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), stop
}

// rawRequest sends raw on a new connection and returns the status line of
// the answer.
func rawRequest(t *testing.T, addr, raw string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second)) // a guard against hanging, not an assertion
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("reading answer: %v", err)
	}
	return strings.TrimSpace(line)
}

func TestOversizeRequests(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	addr, _ := serveTest(t, s, nil)
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"ok", "GET /api/search?q=duty HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK"},
		{"long q", "GET /api/search?q=" + strings.Repeat("a", 2000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"huge q", "GET /api/search?q=" + strings.Repeat("a", 10<<10) + " HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 414 Request URI Too Long"},
		{"huge header", "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nX-Pad: " + strings.Repeat("p", 64<<10) + "\r\n\r\n", "HTTP/1.1 431 Request Header Fields Too Large"},
		{"many headers", "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\n" + strings.Repeat("X-A: b\r\n", 8000) + "\r\n", "HTTP/1.1 431 Request Header Fields Too Large"},
		{"body", "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n" + strings.Repeat("b", 10000), "HTTP/1.1 413 Request Entity Too Large"},
		{"chunked body", "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2710\r\n" + strings.Repeat("b", 10000) + "\r\n0\r\n\r\n", "HTTP/1.1 413 Request Entity Too Large"},
		{"small body", "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", "HTTP/1.1 200 OK"},
		{"invalid utf-8", "GET /api/search?q=%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request"},
	}
	for _, tt := range tests {
		if got := rawRequest(t, addr, tt.raw); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSlowHeadersCutOff sends a request's headers a byte at a time; the
// server must close the connection without answering.
func TestSlowHeadersCutOff(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{ReadHeaderTimeout: 50 * time.Millisecond})
	addr, _ := serveTest(t, s, nil)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	head := "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + strings.Repeat("p", 10000) + "\r\n\r\n"
	stopWriting := make(chan struct{})
	defer close(stopWriting)
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for i := 0; i < len(head); i++ {
			select {
			case <-stopWriting:
				return
			case <-tick.C:
			}
			if _, err := c.Write([]byte{head[i]}); err != nil {
				return
			}
		}
	}()
	c.SetReadDeadline(time.Now().Add(60 * time.Second)) // a guard against hanging, not an assertion
	b, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the server kept the slow connection open")
	}
	if strings.Contains(string(b), "200 OK") {
		t.Fatalf("the slow request was served: %q", b)
	}
}

func TestGracefulShutdown(t *testing.T) {
	fake := newFake()
	fake.block = make(chan struct{})
	fake.started = make(chan struct{}, 1)
	s := newTestServer(t, fake, "", Limits{})
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &notifyListener{Listener: inner, closed: make(chan struct{})}
	addr, stop := serveTest(t, s, ln)

	type answer struct {
		status int
		body   string
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/api/search?q=duty")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- answer{resp.StatusCode, string(b), err}
	}()
	<-fake.started
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	<-ln.closed // shutdown has begun: no new connections
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Error("a connection was accepted after shutdown began")
	}
	close(fake.block)
	a := <-got
	if a.err != nil || a.status != 200 || !strings.Contains(a.body, "duty") {
		t.Errorf("request in flight: %d %q %v", a.status, a.body, a.err)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

type notifyListener struct {
	net.Listener
	once   sync.Once
	closed chan struct{}
}

func (l *notifyListener) Close() error {
	err := l.Listener.Close()
	l.once.Do(func() { close(l.closed) })
	return err
}

// TestLimitListener checks that a slot is taken per open connection and
// given back once when it closes, and that Close stops a waiting Accept.
func TestLimitListener(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := limitListener(inner, 1).(*limitedListener)
	dial := func() net.Conn {
		c, err := net.Dial("tcp", inner.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	dial()
	dial()
	c1, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.sem) != 1 {
		t.Fatalf("%d slots taken, want 1", len(l.sem))
	}
	accepted := make(chan net.Conn)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	c1.Close()
	c1.Close()
	c2 := <-accepted
	if c2 == nil {
		t.Fatal("second connection not accepted after the first closed")
	}
	if len(l.sem) != 1 {
		t.Fatalf("%d slots taken after a double close, want 1", len(l.sem))
	}
	waiting := make(chan error)
	go func() {
		_, err := l.Accept()
		waiting <- err
	}()
	l.Close()
	if err := <-waiting; err == nil {
		t.Error("Accept after Close succeeded")
	}
	c2.Close()
}
