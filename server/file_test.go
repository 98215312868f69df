package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbooks/search"
)

// fileFixture is a library folder beside a folder of secrets, and a fake
// index whose documents point at files in, and around, the library.
func fileFixture(t *testing.T) (*Server, string) {
	t.Helper()
	base := t.TempDir()
	lib := filepath.Join(base, "library")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(lib, "sub"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(lib, "guide.pdf"), "%PDF-1.4 guide body")
	write(filepath.Join(lib, "sub", "Toolkit ü.pdf"), "%PDF-1.4 toolkit body")
	write(filepath.Join(outside, "secret.pdf"), "SECRET outside the library")
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(lib, name)); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	link(filepath.Join(outside, "secret.pdf"), "abs-link.pdf")
	link("../outside/secret.pdf", "rel-link.pdf")
	link(outside, "dir-link")
	link("guide.pdf", "inner-link.pdf")
	link(filepath.Join(lib, "guide.pdf"), "inner-abs-link.pdf")

	fake := newFake()
	files := map[string]string{
		"guide":     "guide.pdf",
		"toolkit":   "sub/Toolkit ü.pdf",
		"inner":     "inner-link.pdf",
		"innerabs":  "inner-abs-link.pdf",
		"dotdot":    "../outside/secret.pdf",
		"subdotdot": "sub/../../outside/secret.pdf",
		"absolute":  filepath.Join(outside, "secret.pdf"),
		"abslink":   "abs-link.pdf",
		"rellink":   "rel-link.pdf",
		"dirlink":   "dir-link/secret.pdf",
		"backslash": `..\outside\secret.pdf`,
		"missing":   "missing.pdf",
		"folder":    "sub",
		"empty":     "",
	}
	for id, f := range files {
		fake.docs[id] = &search.DocumentInfo{Document: search.Document{ID: id, File: f}}
	}
	return newTestServer(t, fake, lib, Limits{}), lib
}

func TestFileServed(t *testing.T) {
	s, _ := fileFixture(t)
	for id, body := range map[string]string{"guide": "%PDF-1.4 guide body", "toolkit": "%PDF-1.4 toolkit body",
		"inner": "%PDF-1.4 guide body", "innerabs": "%PDF-1.4 guide body"} {
		w := get(s, "GET", "/documents/"+id+"/file")
		if w.Code != 200 || w.Body.String() != body {
			t.Errorf("%s: %d %q", id, w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("%s: Content-Type %q", id, ct)
		}
		if w.Header().Get("ETag") == "" || w.Header().Get("Last-Modified") == "" {
			t.Errorf("%s: no ETag or Last-Modified", id)
		}
	}
	if cd := get(s, "GET", "/documents/toolkit/file").Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "inline;") || !strings.Contains(cd, "Toolkit") {
		t.Errorf("Content-Disposition %q", cd)
	}
}

func TestFileRangeAndETag(t *testing.T) {
	s, _ := fileFixture(t)
	req := httptest.NewRequest("GET", "/documents/guide/file", nil)
	req.Header.Set("Range", "bytes=0-7")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != http.StatusPartialContent || w.Body.String() != "%PDF-1.4" {
		t.Errorf("range: %d %q", w.Code, w.Body)
	}
	if cr := w.Header().Get("Content-Range"); cr != "bytes 0-7/19" {
		t.Errorf("Content-Range %q", cr)
	}
	tag := w.Header().Get("ETag")
	req = httptest.NewRequest("GET", "/documents/guide/file", nil)
	req.Header.Set("If-None-Match", tag)
	w = httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", w.Code)
	}
	w = get(s, "HEAD", "/documents/guide/file")
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != "19" {
		t.Errorf("HEAD: %d %q %q", w.Code, w.Body, w.Header().Get("Content-Length"))
	}
}

// TestFileTraversal tries to read outside the library through the request
// and through documents whose path leads out.
func TestFileTraversal(t *testing.T) {
	s, _ := fileFixture(t)
	targets := []string{
		"/documents/dotdot/file",
		"/documents/subdotdot/file",
		"/documents/absolute/file",
		"/documents/abslink/file",
		"/documents/rellink/file",
		"/documents/dirlink/file",
		"/documents/backslash/file",
		"/documents/missing/file",
		"/documents/folder/file",
		"/documents/empty/file",
		"/documents/unknown/file",
		"/documents/../outside/secret.pdf",
		"/documents/../../outside/secret.pdf/file",
		"/documents/%2e%2e/file",
		"/documents/%2e%2e%2f%2e%2e%2foutside%2fsecret.pdf/file",
		"/documents/..%2f..%2foutside%2fsecret.pdf/file",
		"/documents/%2F" + "etc%2Fpasswd/file",
		"/documents//etc/passwd/file",
		"/documents/guide/file/../../../outside/secret.pdf",
		"/documents/%5c..%5c..%5coutside/file",
		"/documents/guide/file?path=../outside/secret.pdf",
	}
	for _, target := range targets {
		w := get(s, "GET", target)
		if w.Code == 200 || strings.Contains(w.Body.String(), "SECRET") {
			t.Errorf("%s: %d %q", target, w.Code, w.Body)
			continue
		}
		if w.Code != 404 && w.Code != 400 {
			t.Errorf("%s: status %d, want 404 or 400", target, w.Code)
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", target, ct)
		}
	}
}

func TestOpenInLibrary(t *testing.T) {
	_, lib := fileFixture(t)
	for rel, ok := range map[string]bool{
		"guide.pdf": true, "sub/Toolkit ü.pdf": true, "inner-link.pdf": true, "./guide.pdf": true,
		"../outside/secret.pdf": false, "/etc/passwd": false, "abs-link.pdf": false, "rel-link.pdf": false,
		"dir-link/secret.pdf": false, "sub": false, "": false, "guide.pdf\x00": false,
	} {
		f, _, err := openInLibrary(lib, rel)
		if (err == nil) != ok {
			t.Errorf("%q: err %v, want ok=%v", rel, err, ok)
		}
		if f != nil {
			f.Close()
		}
	}
}
