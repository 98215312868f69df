package server

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// errOutside is returned for a file path that does not lead to a regular
// file inside the library.
var errOutside = errors.New("not a file inside the library")

// handleFile serves GET /documents/{id}/file: the document's PDF, read from
// the library by the document's own relative path (never a path from the
// request), with Range requests, ETag and Last-Modified.
func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	id, err := pathVar(r, "id")
	if err != nil {
		return err
	}
	doc, err := s.search.Document(r.Context(), id)
	if err != nil {
		return err
	}
	f, fi, err := openInLibrary(s.library, doc.File)
	if err != nil {
		s.log.Warn("document file not served", "id", doc.ID, "err", err)
		return notFound("the document's file is not available")
	}
	defer f.Close()
	// A large PDF on a slow connection may take longer than an API answer.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.limits.FileWriteTimeout))
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("ETag", etag(fi))
	h.Set("Cache-Control", "no-cache")
	if cd := mime.FormatMediaType("inline", map[string]string{"filename": path.Base(doc.File)}); cd != "" {
		h.Set("Content-Disposition", cd)
	}
	http.ServeContent(w, r, "", fi.ModTime(), f)
	return nil
}

// etag identifies a version of a file by its size and modification time.
func etag(fi os.FileInfo) string {
	return `"` + strconv.FormatInt(fi.Size(), 36) + "-" + strconv.FormatInt(fi.ModTime().UnixNano(), 36) + `"`
}

// openInLibrary opens the regular file at the slash-separated relative path
// rel inside the library folder. It refuses absolute paths, ".." and any
// path that resolves outside the library, symbolic links included: the
// resolved path must lie under the resolved library root, and it is opened
// through an os.Root so that a link swapped in meanwhile cannot escape.
func openInLibrary(library, rel string) (*os.File, os.FileInfo, error) {
	if rel == "" || strings.ContainsAny(rel, "\\\x00") {
		return nil, nil, fmt.Errorf("%q: %w", rel, errOutside)
	}
	p := filepath.FromSlash(rel)
	if !filepath.IsLocal(p) {
		return nil, nil, fmt.Errorf("%q: %w", rel, errOutside)
	}
	root, err := filepath.Abs(library)
	if err != nil {
		return nil, nil, err
	}
	if root, err = filepath.EvalSymlinks(root); err != nil {
		return nil, nil, fmt.Errorf("library: %w", err)
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, p))
	if err != nil {
		return nil, nil, fmt.Errorf("%q: %w", rel, err)
	}
	inside, err := filepath.Rel(root, real)
	if err != nil || !filepath.IsLocal(inside) {
		return nil, nil, fmt.Errorf("%q resolves to %q: %w", rel, real, errOutside)
	}
	dir, err := os.OpenRoot(root)
	if err != nil {
		return nil, nil, fmt.Errorf("library: %w", err)
	}
	defer dir.Close()
	f, err := dir.Open(inside)
	if err != nil {
		return nil, nil, fmt.Errorf("%q: %w", rel, err)
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%q: %w", rel, errOutside)
	}
	return f, fi, nil
}
