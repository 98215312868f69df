package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file, hashed at start and compressed once:
// at start, or on its first request when it is large (pdf.js), so that
// starting the server stays quick.
type asset struct {
	name   string // style.css
	hash   string // first 10 hex digits of its SHA-256
	body   []byte
	gz     []byte // nil when compression does not pay
	ctyp   string
	gzOnce sync.Once
}

// lazyGzip is the size above which an asset is compressed on first request.
const lazyGzip = 64 << 10

// gzipped is the compressed body, nil when compression does not pay.
func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(a.body)
		zw.Close()
		if z.Len() < len(a.body)*9/10 {
			a.gz = z.Bytes()
		}
	})
	return a.gz
}

// assets holds the static files by name. Their URLs carry the content hash
// (/static/style.0123456789.css), so a browser may keep them for a year and
// still never sees a stale one after an upgrade.
var assets = loadAssets(mustSub(staticFS, "static"))

func loadAssets(fsys fs.FS) map[string]*asset {
	m := map[string]*asset{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a := &asset{name: p, hash: hex.EncodeToString(sum[:])[:10], body: b, ctyp: mime.TypeByExtension(path.Ext(p))}
		if a.ctyp == "" {
			a.ctyp = "application/octet-stream"
		}
		if len(b) <= lazyGzip {
			a.gzipped()
		}
		m[p] = a
		return nil
	})
	if err != nil {
		panic(err) // embedded files are always readable
	}
	return m
}

// assetURL is the address of a static file with its content hash in the name.
func assetURL(name string) string {
	a, ok := assets[name]
	if !ok {
		return "/static/" + name
	}
	ext := path.Ext(name)
	return "/static/" + strings.TrimSuffix(name, ext) + "." + a.hash + ext
}

// serveStatic handles GET /static/{name}: a hashed name is cached for a
// year; an unhashed or outdated one is served too, but revalidated by ETag.
func serveStatic(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	a, hashed := lookupAsset(name)
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctyp)
	h.Set("ETag", `"`+a.hash+`"`)
	h.Set("Vary", "Accept-Encoding")
	h.Set("X-Content-Type-Options", "nosniff")
	if hashed {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, no-cache")
	}
	body := a.body
	if gz := a.gzipped(); gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("ETag", `"`+a.hash+`-gz"`)
		body = gz
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// lookupAsset finds the asset for a request path name: either its plain
// name or the hashed form; hashed reports whether the hash is the current one.
func lookupAsset(name string) (a *asset, hashed bool) {
	if a, ok := assets[name]; ok {
		return a, false
	}
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	i := strings.LastIndexByte(stem, '.')
	if i < 0 {
		return nil, false
	}
	a, ok := assets[stem[:i]+ext]
	if !ok {
		return nil, false
	}
	return a, stem[i+1:] == a.hash
}

// serveFavicon handles GET /favicon.ico with the site's icon.
func serveFavicon(w http.ResponseWriter, r *http.Request) {
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/static/icon.svg"
	serveStatic(w, r2)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			continue
		}
		q := strings.TrimPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return strings.Trim(q, "0.") != "" || q == ""
	}
	return false
}
