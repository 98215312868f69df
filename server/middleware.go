package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"
)

// contentSecurityPolicy allows only this origin's scripts, styles and
// images: no inline script, no framing by other sites.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'self'; base-uri 'none'; form-action 'self'; " +
	"frame-ancestors 'self'"

// securityHeaders are set on every response.
var securityHeaders = [][2]string{
	{"Content-Security-Policy", contentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "SAMEORIGIN"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"API-Version", APIVersion},
}

// reqInfo is what the outer handler learns from the router.
type reqInfo struct {
	route string // the matched route's template; "" when none matched
}

type reqInfoKey struct{}

// recordRoute is router middleware: it notes the matched route's template.
func recordRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(reqInfoKey{}).(*reqInfo); ok {
			if rt := mux.CurrentRoute(r); rt != nil {
				info.route, _ = rt.GetPathTemplate()
			}
		}
		next.ServeHTTP(w, r)
	})
}

// routeOf is the template of the route serving r, or "unmatched".
func routeOf(r *http.Request) string {
	if info, ok := r.Context().Value(reqInfoKey{}).(*reqInfo); ok && info.route != "" {
		return info.route
	}
	return "unmatched"
}

// outer wraps the router with what every request goes through: size
// limits, security headers, the access log and metrics.
func (s *Server) outer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{}
		r = r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, info))
		rec := &recorder{ResponseWriter: w}
		h := rec.Header()
		for _, kv := range securityHeaders {
			h.Set(kv[0], kv[1])
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			h.Set("Access-Control-Allow-Origin", "*")
		}
		if err := s.admit(r); err != nil {
			s.writeError(rec, r, err)
		} else {
			next.ServeHTTP(rec, r)
		}
		route := routeOf(r)
		d := time.Since(start)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		s.metrics.observe(route, status, d)
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Duration("duration", d),
			slog.Int64("bytes", rec.bytes),
		}
		if s.logQ {
			attrs = append(attrs, slog.String("query", r.URL.RawQuery))
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}

// admit rejects requests over the size limits and paths that are not in
// canonical form (dot segments, empty segments): no route has them, and
// the router is not asked to interpret them.
func (s *Server) admit(r *http.Request) error {
	if len(r.RequestURI) > s.limits.MaxURIBytes {
		return newError(codeURITooLong, "", "the request URI is longer than the limit; shorten the query", nil)
	}
	if r.ContentLength > s.limits.MaxBodyBytes {
		return newError(codeTooLarge, "", "the request body is larger than the limit", nil)
	}
	if r.ContentLength < 0 || r.Body != nil && r.Body != http.NoBody {
		// A body of unknown length: read it under the limit.
		body := http.MaxBytesReader(nil, r.Body, s.limits.MaxBodyBytes)
		if _, err := io.Copy(io.Discard, body); err != nil {
			return newError(codeTooLarge, "", "the request body is larger than the limit", nil)
		}
	}
	if !canonicalPath(r.URL.Path) {
		return notFound("no such route")
	}
	return nil
}

// canonicalPath reports whether p is absolute and has no empty, "." or
// ".." segments (a trailing slash is allowed).
func canonicalPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		switch seg {
		case ".", "..":
			return false
		case "":
			if i != len(segs)-1 {
				return false
			}
		}
		if strings.ContainsAny(seg, "\\\x00") {
			return false
		}
	}
	return true
}

// recorder notes the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// ReadFrom keeps the connection's sendfile path for files.
func (w *recorder) ReadFrom(src io.Reader) (int64, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := io.Copy(w.ResponseWriter, src)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
