package reliability

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secretMarker is the text of a file outside the library; no response may
// ever contain it.
const (
	secretMarker = "OUTSIDEMARKER7731"
	secretWord   = "quuxzyvw"
)

// rawGet sends one request line as written (no client-side cleaning) and
// returns the status and body.
func rawGet(t *testing.T, base, target string) (int, string) {
	t.Helper()
	u, _ := url.Parse(base)
	c, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, u.Host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The file route serves the library's PDFs and nothing else: not through
// "..", encoded dots or slashes, absolute paths, symbolic links leading
// out of the library (present when indexing, or swapped in afterwards),
// nor ids that do not exist. The search never shows the outside file's
// text either.
func TestFileRouteStaysInLibrary(t *testing.T) {
	root := t.TempDir()
	lib := filepath.Join(root, "library")
	copyDir(t, sampleLibrary, lib)
	outside := filepath.Join(root, "outside")
	os.MkdirAll(outside, 0o755)
	secret := filepath.Join(outside, "secret.pdf")
	if err := os.WriteFile(secret, textPDF(secretMarker+" "+secretWord), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink(secret, filepath.Join(lib, "linked-secret.pdf")))
	must(t, os.Symlink("../outside", filepath.Join(lib, "linked-dir")))
	must(t, os.Symlink("/etc/passwd", filepath.Join(lib, "passwd.pdf")))
	index := filepath.Join(root, "index")
	run := mustIndex(t, lib, index)
	var victim, victimPath string
	for _, f := range run.Report.Files {
		if strings.HasPrefix(f.Path, "linked") || f.Path == "passwd.pdf" {
			if f.Outcome != "refused" {
				t.Errorf("%s, a link out of the library, was %s (want refused)", f.Path, f.Outcome)
			}
			continue
		}
		if victim == "" && f.ID != "" && f.Outcome == "indexed" {
			victim, victimPath = f.ID, f.Path
		}
	}
	if victim == "" {
		t.Fatal("no indexed document in the report")
	}
	s := startServer(t, lib, index)
	s.waitReady(t)

	leak := func(what string, code int, body string) {
		t.Helper()
		if strings.Contains(body, secretMarker) || strings.Contains(body, "root:x:0:0") {
			t.Errorf("%s: status %d served a file outside the library", what, code)
		}
	}
	code, body := rawGet(t, s.URL, "/documents/"+victim+"/file")
	if code != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("a library file is not served: status %d", code)
	}
	code, body = rawGet(t, s.URL, "/api/search?q="+secretWord)
	leak("search", code, body)
	if !strings.Contains(body, `"total":0`) {
		t.Errorf("search for the outside file's text: %d %.200s", code, body)
	}
	absSecret := url.PathEscape(secret)
	targets := []string{
		"/documents/../../../../etc/passwd",
		"/documents/..%2f..%2f..%2f..%2fetc%2fpasswd/file",
		"/documents/%2e%2e/%2e%2e/%2e%2e/etc/passwd/file",
		"/documents/%2e%2e%2f%2e%2e%2foutside%2fsecret.pdf/file",
		"/documents/" + absSecret + "/file",
		"/documents/%2fetc%2fpasswd/file",
		"/documents/" + victim + "/file/../../../../etc/passwd",
		"/documents/" + victim + "/../../linked-secret.pdf",
		"/documents/linked-secret.pdf/file",
		"/documents/linked-secret/file",
		"/documents/passwd/file",
		"/documents/no-such-handbook/file",
		"/documents/%00/file",
		"//etc/passwd",
		"/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
		"/static/%2e%2e%2f%2e%2e%2foutside%2fsecret.pdf",
		"/linked-secret.pdf",
		"/linked-dir/secret.pdf",
		"/" + victimPath,
		"http://localhost/../../etc/passwd",
		"/api/documents/..%2f..%2fetc%2fpasswd",
	}
	for _, target := range targets {
		code, body := rawGet(t, s.URL, target)
		leak(target, code, body)
		if code < 400 || code > 499 {
			t.Errorf("GET %s: status %d, want 4xx", target, code)
		}
	}
	// Swap the victim's file for a link to the outside file after indexing:
	// the route must notice and refuse.
	vp := filepath.Join(lib, filepath.FromSlash(victimPath))
	must(t, os.Remove(vp))
	must(t, os.Symlink(secret, vp))
	code, body = rawGet(t, s.URL, "/documents/"+victim+"/file")
	leak("swapped link", code, body)
	if code != 404 {
		t.Errorf("file swapped for a link out of the library: status %d, want 404", code)
	}
	// And a link to a directory outside, in place of the file's folder.
	if dir := filepath.Dir(vp); dir != lib {
		must(t, os.Rename(dir, dir+".moved"))
		must(t, os.Symlink(outside, dir))
		must(t, os.Symlink(secret, filepath.Join(outside, filepath.Base(vp))))
		code, body = rawGet(t, s.URL, "/documents/"+victim+"/file")
		leak("folder swapped for a link", code, body)
		if code != 404 {
			t.Errorf("folder swapped for a link out of the library: status %d, want 404", code)
		}
	}
	var res struct{ Total int }
	if code, err := getJSON(context.Background(), http.DefaultClient, s.URL+"/api/search?q=victims", &res); err != nil || code != 200 {
		t.Errorf("normal query afterwards: %d %v", code, err)
	}
	figure(t, "file route: %d traversal requests, 2 links swapped in after indexing, 3 links at indexing time; no outside content served", len(targets))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
