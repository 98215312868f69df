package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/gorilla/mux"

	"handbooks/search"
)

// APIVersion is the version of the JSON API, sent in every response's
// API-Version header and in openapi.json's info.version. Additions (new
// fields, parameters, routes) keep the major version; anything that could
// break a client raises it and gets new paths.
const APIVersion = "1.0.0"

// Searcher is what the handlers need from an index. *search.Index
// implements it; tests use a fake.
type Searcher interface {
	Search(ctx context.Context, req search.Request) (*search.Result, error)
	Document(ctx context.Context, id string) (*search.DocumentInfo, error)
	Page(ctx context.Context, id string, n int, q string) (*search.PageText, error)
	Facets(ctx context.Context) (map[string][]search.Facet, error)
	Suggest(ctx context.Context, q string, n int) ([]string, error)
	Stats() (search.Stats, error)
}

// Config is what a Server serves and how.
type Config struct {
	Searcher Searcher
	// Library is the root folder of the library; documents' File paths are
	// relative to it, and no file outside it is ever served.
	Library string
	Logger  *slog.Logger
	// LogQueries adds the query string to access logs. Off by default:
	// people search for sensitive things.
	LogQueries bool
	Limits     Limits
}

// Limits bound what one client can take from the server. Zero fields get
// the defaults of DefaultLimits.
type Limits struct {
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	// FileWriteTimeout replaces WriteTimeout for PDF downloads.
	FileWriteTimeout time.Duration
	IdleTimeout      time.Duration
	// ShutdownTimeout is how long a shutdown waits for requests in flight.
	ShutdownTimeout time.Duration
	// MaxHeaderBytes bounds the request line and headers (431 beyond).
	MaxHeaderBytes int
	// MaxURIBytes bounds the request target (414 beyond).
	MaxURIBytes int
	// MaxBodyBytes bounds a request body (413 beyond); the API takes none.
	MaxBodyBytes int64
	// MaxConns bounds open connections; more wait to be accepted.
	MaxConns int
	// MaxSearches bounds index calls in flight; a request waits up to
	// SearchWait for a slot, then gets 503 overloaded. A negative
	// SearchWait means no waiting.
	MaxSearches int
	SearchWait  time.Duration
	// MaxExport bounds the results of one export of a result list (400
	// beyond); 0 means DefaultMaxExport.
	MaxExport int
}

// DefaultLimits are the limits used for zero fields of Config.Limits.
func DefaultLimits() Limits {
	return Limits{
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		FileWriteTimeout:  10 * time.Minute,
		IdleTimeout:       60 * time.Second,
		ShutdownTimeout:   15 * time.Second,
		MaxHeaderBytes:    32 << 10,
		MaxURIBytes:       8 << 10,
		MaxBodyBytes:      4 << 10,
		MaxConns:          256,
		MaxSearches:       max(4, 2*runtime.GOMAXPROCS(0)),
		SearchWait:        5 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	set := func(v *time.Duration, def time.Duration) {
		if *v == 0 {
			*v = def
		}
	}
	set(&l.ReadHeaderTimeout, d.ReadHeaderTimeout)
	set(&l.ReadTimeout, d.ReadTimeout)
	set(&l.WriteTimeout, d.WriteTimeout)
	set(&l.FileWriteTimeout, d.FileWriteTimeout)
	set(&l.IdleTimeout, d.IdleTimeout)
	set(&l.ShutdownTimeout, d.ShutdownTimeout)
	set(&l.SearchWait, d.SearchWait)
	if l.MaxHeaderBytes == 0 {
		l.MaxHeaderBytes = d.MaxHeaderBytes
	}
	if l.MaxURIBytes == 0 {
		l.MaxURIBytes = d.MaxURIBytes
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.MaxConns == 0 {
		l.MaxConns = d.MaxConns
	}
	if l.MaxSearches == 0 {
		l.MaxSearches = d.MaxSearches
	}
	if l.MaxExport == 0 {
		l.MaxExport = DefaultMaxExport
	}
	return l
}

// Server serves the API, the files of the library and the web page.
// Its fields are what page handlers (pages*.go) build on.
type Server struct {
	search  Searcher
	library string
	log     *slog.Logger
	limits  Limits
	logQ    bool

	searches chan struct{} // semaphore of index calls in flight
	metrics  *metrics
	handler  http.Handler
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Searcher == nil {
		return nil, errors.New("server: no Searcher")
	}
	if cfg.Library == "" {
		return nil, errors.New("server: no library folder")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		search:  cfg.Searcher,
		library: cfg.Library,
		log:     log,
		limits:  cfg.Limits.withDefaults(),
		logQ:    cfg.LogQueries,
	}
	s.metrics = newMetrics(s.indexStats)
	s.searches = make(chan struct{}, s.limits.MaxSearches)
	r := s.router()
	s.routePages(r)
	s.handler = s.outer(r)
	return s, nil
}

// ServeHTTP serves one request: the router behind the limits, security
// headers, access log and metrics that every response goes through.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// router returns a router with every API route; routePages adds the pages.
func (s *Server) router() *mux.Router {
	r := mux.NewRouter()
	r.SkipClean(true) // outer rejects non-canonical paths; no redirects
	r.NotFoundHandler = s.api(func(w http.ResponseWriter, r *http.Request) error {
		return notFound("no such route")
	})
	r.MethodNotAllowedHandler = s.api(func(w http.ResponseWriter, r *http.Request) error {
		return newError(codeMethodNotAllowed, "", "only GET and HEAD are supported", nil)
	})
	r.Use(recordRoute)
	s.routeAPI(r)
	return r
}

// routeAPI registers the routes of the API contract (all in openapi.json).
func (s *Server) routeAPI(r *mux.Router) {
	get := func(path string, h handlerFunc) {
		r.Handle(path, s.api(h)).Methods(http.MethodGet, http.MethodHead)
	}
	get("/api/search", s.handleSearch)
	get("/api/documents/{id}", s.handleDocument)
	get("/api/documents/{id}/pages/{n}", s.handlePage)
	get("/api/facets", s.handleFacets)
	get("/api/suggest", s.handleSuggest)
	get("/api/export", s.handleExport)
	get("/feed", s.handleFeed)
	get("/opensearch.xml", s.handleOpenSearch)
	get("/api/openapi.json", s.handleOpenAPI)
	get("/documents/{id}/file", s.handleFile)
	get("/healthz", s.handleHealth)
	get("/readyz", s.handleReady)
	get("/metrics", s.handleMetrics)
}

// handlerFunc is a handler that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// api adapts h: a returned error becomes the JSON error response.
func (s *Server) api(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// enterSearch takes a slot for an index call; release it with leaveSearch.
func (s *Server) enterSearch(ctx context.Context) error {
	select {
	case s.searches <- struct{}{}:
		return nil
	default:
	}
	if s.limits.SearchWait < 0 {
		s.metrics.overloaded()
		return errOverloaded
	}
	t := time.NewTimer(s.limits.SearchWait)
	defer t.Stop()
	select {
	case s.searches <- struct{}{}:
		return nil
	case <-t.C:
		s.metrics.overloaded()
		return errOverloaded
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) leaveSearch() { <-s.searches }
