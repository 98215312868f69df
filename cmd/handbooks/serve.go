package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"handbooks"
	"handbooks/indexer"
	"handbooks/search"
	"handbooks/server"
)

const serveUsage = `Usage: handbooks serve [-library DIR] [-index DIR] [-addr HOST:PORT] [-watch]

Serves a search over the library: the web page at /, the JSON API under
/api/ (described at /api/openapi.json), the PDFs, /healthz, /readyz and
/metrics. When the index has no generation yet it is built first (the API
answers 503 until it is ready). A "handbooks index" run on the same index
is picked up without a restart; with -watch the library is re-indexed when
its files change. SIGINT or SIGTERM stops the server after the requests in
flight.

Flags:
`

// serveMain is "handbooks serve": its flags, and Run, which serves until
// the context ends.
type serveMain struct {
	Library string
	Index   string
	Addr    string
	Watch   bool
	// WatchEvery is how often the library is scanned for changes with Watch.
	WatchEvery time.Duration
	LogQueries bool
	Thesaurus  string // a thesaurus file replacing the built-in one
	// OpenSearch, when set, is the comma-separated node URLs of the
	// cluster holding the index (see cluster.go), under OpenSearchPrefix.
	OpenSearch       string
	OpenSearchPrefix string
	Limits           server.Limits

	Stdout io.Writer
	Log    *slog.Logger
	// Ready, when set, is called with the address once connections are accepted.
	Ready func(net.Addr)
	// Indexed, when set, is called after each indexing run the server starts.
	Indexed func(*indexer.Report, error)
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	m := &serveMain{Stdout: stdout, Log: slog.New(slog.NewTextHandler(stderr, nil))}
	return runCommand(ctx, "serve", m, args, stderr)
}

// ParseFlags sets m from the command line; usage and errors go to stderr.
func (m *serveMain) ParseFlags(args []string, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, serveUsage)
		fl.PrintDefaults()
	}
	fl.StringVar(&m.Library, "library", "", "library `folder` (default: the bundled sample library)")
	fl.StringVar(&m.Index, "index", "", "index `folder` (default: a folder for this library in the user's cache directory)")
	fl.StringVar(&m.Addr, "addr", "127.0.0.1:8080", "listen on `host:port`")
	fl.BoolVar(&m.Watch, "watch", false, "re-index when files in the library change")
	fl.DurationVar(&m.WatchEvery, "watch-every", 3*time.Second, "with -watch, scan the library this often")
	fl.StringVar(&m.Thesaurus, "thesaurus", "", "acronyms and synonyms from this `file` instead of the built-in search/thesaurus.txt")
	fl.StringVar(&m.OpenSearch, "opensearch", "", "keep the index on the OpenSearch cluster at these comma-separated node `URLs` (credentials from HANDBOOKS_OPENSEARCH_USER, _PASSWORD, _CA)")
	fl.StringVar(&m.OpenSearchPrefix, "opensearch-prefix", "handbooks", "`prefix` of the cluster's index and alias names")
	fl.BoolVar(&m.LogQueries, "log-queries", false, "write query strings to the access log (off: people search for sensitive things)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "handbooks serve: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return errors.New("unexpected arguments")
	}
	return nil
}

// Run opens the index (building it first if it has no generation), serves
// until ctx ends and shuts down gracefully.
func (m *serveMain) Run(ctx context.Context) error {
	if m.Log == nil {
		m.Log = slog.New(slog.DiscardHandler)
	}
	if m.Stdout == nil {
		m.Stdout = io.Discard
	}
	lib, err := m.library()
	if err != nil {
		return err
	}
	if m.Index == "" {
		if m.Index, err = defaultIndexDir(lib); err != nil {
			return err
		}
	}
	if m.Index, err = filepath.Abs(m.Index); err != nil {
		return err
	}
	if err := os.MkdirAll(m.Index, 0o755); err != nil {
		return fmt.Errorf("index folder: %w", err)
	}
	if m.OpenSearch != "" {
		return m.runCluster(ctx, lib)
	}
	idx, err := search.Open(m.Index, search.Options{Logger: m.Log, ThesaurusFile: m.Thesaurus})
	if err != nil {
		return fmt.Errorf("open index %s: %w", m.Index, err)
	}
	defer idx.Close()
	return m.serve(ctx, lib, idx, m.runner(lib, idx, nil), "index "+m.Index, func() bool {
		_, err := idx.Stats()
		if errors.Is(err, search.ErrNoIndex) {
			m.Log.Info("no index yet; building it", "library", lib, "index", m.Index)
			return true
		}
		return false
	})
}

// serve serves lib from searcher (described by where) until ctx ends,
// with rn building the index: at once when unbuilt says it has no
// generation yet, then on request and, with -watch, on changes.
func (m *serveMain) serve(ctx context.Context, lib string, searcher server.Searcher, rn *indexer.Runner, where string, unbuilt func() bool) error {
	srv, err := server.New(server.Config{Searcher: searcher, Library: lib, Logger: m.Log,
		LogQueries: m.LogQueries, Limits: m.Limits})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", m.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "handbooks: serving %s on http://%s/ (%s)\n", lib, ln.Addr(), where)
	bg, stop := context.WithCancel(ctx)
	if unbuilt() {
		rn.Request()
	}
	wait := m.background(bg, rn)
	if m.Ready != nil {
		m.Ready(ln.Addr())
	}
	err = srv.Serve(ctx, ln)
	stop()
	wait()
	return err
}

// library is the library folder to serve, absolute.
func (m *serveMain) library() (string, error) {
	lib := m.Library
	if lib == "" {
		// The bundled sample library: the repository's, or the embedded copy.
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no -library given and no cache directory for the sample library: %w", err)
		}
		if lib, err = handbooks.SampleLibrary(filepath.Join(cache, "handbooks", "sample-library")); err != nil {
			return "", fmt.Errorf("sample library: %w", err)
		}
	}
	abs, err := filepath.Abs(lib)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("library: %w", err)
	} else if !fi.IsDir() {
		return "", fmt.Errorf("library %s is not a folder", abs)
	}
	return abs, nil
}

// defaultIndexDir is the index folder of the library lib in the user's
// cache directory: handbooks/<short hash of lib's absolute path>.
func defaultIndexDir(lib string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no -index given and no cache directory: %w", err)
	}
	sum := sha256.Sum256([]byte(lib))
	return filepath.Join(cache, "handbooks", hex.EncodeToString(sum[:])[:12]), nil
}

// runner is the indexer's Runner of lib for this server: after each run it
// reloads idx (nil on a cluster, whose searcher follows its alias) and
// calls Indexed.
func (m *serveMain) runner(lib string, idx *search.Index, target indexer.Target) *indexer.Runner {
	cfg := indexer.Config{Library: lib, Index: m.Index, Log: m.Log, Target: target}
	return indexer.NewRunner(cfg, func(rep *indexer.Report, err error) error {
		if err == nil && idx != nil {
			err = idx.Reload()
		}
		if m.Indexed != nil {
			m.Indexed(rep, err)
		}
		return err
	})
}

// background runs rn's requested runs and, with -watch, watches the library,
// until ctx ends; wait waits for both to stop.
func (m *serveMain) background(ctx context.Context, rn *indexer.Runner) (wait func()) {
	var wg sync.WaitGroup
	wg.Go(func() { rn.Loop(ctx) })
	if m.Watch {
		wg.Go(func() { rn.Watch(ctx, m.WatchEvery) })
	}
	return wg.Wait
}
