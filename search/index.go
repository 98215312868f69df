package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Options configure an Index. The zero value is usable.
type Options struct {
	Logger *slog.Logger // default: discard
	// ThesaurusFile is a thesaurus in the format of thesaurus.txt; empty
	// means the embedded default.
	ThesaurusFile string
	Limits        Limits
	// ReloadInterval is how often CURRENT is checked for a new generation;
	// 0 means every second, a negative value never (Reload still works).
	ReloadInterval time.Duration
}

// Index answers queries over the live generation of an index directory
// written by Store. It is safe for concurrent use. When CURRENT changes it
// opens the new generation and swaps it in; queries running on the old one
// finish on it, and the old one is closed when its last query ends.
type Index struct {
	dir    string
	log    *slog.Logger
	limits Limits
	thes   *thesaurus

	mu  sync.Mutex
	cur *generation
	// reloadMu serialises loading generations.
	reloadMu sync.Mutex

	stop   chan struct{}
	done   chan struct{}
	closed bool
}

// Open opens the index directory dir for reading. It succeeds when no
// generation exists yet; methods then return ErrNoIndex until one appears.
func Open(dir string, opts Options) (*Index, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	th, err := loadThesaurus(opts.ThesaurusFile)
	if err != nil {
		return nil, err
	}
	x := &Index{dir: dir, log: log, limits: opts.Limits.withDefaults(), thes: th,
		stop: make(chan struct{}), done: make(chan struct{})}
	if err := x.Reload(); err != nil && !errors.Is(err, ErrNoIndex) {
		return nil, err
	}
	interval := opts.ReloadInterval
	if interval == 0 {
		interval = time.Second
	}
	if interval > 0 {
		go x.poll(interval)
	} else {
		close(x.done)
	}
	return x, nil
}

func (x *Index) poll(every time.Duration) {
	defer close(x.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-x.stop:
			return
		case <-t.C:
			if err := x.Reload(); err != nil && !errors.Is(err, ErrNoIndex) {
				x.log.Warn("reload index", "dir", x.dir, "err", err)
			}
		}
	}
}

// Reload checks CURRENT now and swaps to the generation it names if that
// is not the one open. It returns ErrNoIndex while there is none.
func (x *Index) Reload() error {
	x.reloadMu.Lock()
	defer x.reloadMu.Unlock()
	name, err := currentGeneration(x.dir)
	if err != nil {
		return err
	}
	x.mu.Lock()
	same := x.cur != nil && x.cur.name == name
	closed := x.closed
	x.mu.Unlock()
	if same || closed {
		return nil
	}
	start := time.Now()
	g, err := openGeneration(x.dir, name)
	if err != nil {
		return fmt.Errorf("open generation %s: %w", name, err)
	}
	x.mu.Lock()
	old := x.cur
	if x.closed {
		x.mu.Unlock()
		g.ix.close()
		return nil
	}
	x.cur = g
	x.mu.Unlock()
	if old != nil {
		x.release(old)
	}
	x.log.Info("index generation open", "generation", name, "documents", len(g.docs),
		"pages", g.pages, "took", time.Since(start))
	if g.noPlaces {
		x.log.Warn("index generation has no region tree: regions and countries are listed flat until the next indexing run", "generation", name)
	}
	return nil
}

// acquire returns the live generation with a reference held; release it.
func (x *Index) acquire() (*generation, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.cur == nil {
		return nil, ErrNoIndex
	}
	x.cur.refs++
	return x.cur, nil
}

func (x *Index) release(g *generation) {
	x.mu.Lock()
	g.refs--
	last := g.refs == 0
	x.mu.Unlock()
	if last {
		if err := g.ix.close(); err != nil {
			x.log.Warn("close generation", "generation", g.name, "err", err)
		}
	}
}

// Close stops polling and closes the index once running queries end.
func (x *Index) Close() error {
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		return nil
	}
	x.closed = true
	g := x.cur
	x.cur = nil
	x.mu.Unlock()
	close(x.stop)
	<-x.done
	if g != nil {
		x.release(g)
	}
	return nil
}

// Stats describes the open generation.
func (x *Index) Stats() (Stats, error) {
	g, err := x.acquire()
	if err != nil {
		return Stats{}, err
	}
	defer x.release(g)
	return Stats{Generation: g.name, Documents: len(g.docs), Pages: g.pages, LastRun: g.info}, nil
}

// Document returns a document's stored metadata with its other editions.
func (x *Index) Document(ctx context.Context, id string) (*DocumentInfo, error) {
	if err := x.limits.CheckID(id); err != nil {
		return nil, err
	}
	g, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer x.release(g)
	d := g.byID[id]
	if d == nil {
		return nil, ErrNotFound
	}
	return &DocumentInfo{Document: d.Document, Current: d.current, SupersededBy: d.supersededBy,
		OtherEditions: g.otherEditions(d)}, nil
}

// Facets returns every value of every facet with its number of documents.
func (x *Index) Facets(ctx context.Context) (map[string][]Facet, error) {
	g, err := x.acquire()
	if err != nil {
		return nil, err
	}
	defer x.release(g)
	return g.allFacets(), nil
}

// generation is one open, immutable index generation with its in-memory
// table of document metadata.
type generation struct {
	name  string
	ix    *indexes
	refs  int // guarded by Index.mu; the Index holds one while it is live
	info  RunInfo
	pages int

	docs     []*docMeta // in index order (by id)
	byID     map[string]*docMeta
	works    map[string][]*docMeta // work → editions, newest first
	numWorks int                   // distinct works: docMeta.workOrd < numWorks
	langs    []string              // field suffixes with at least one document
	vocab    *vocabulary
	// bridge: the vocabulary's words in the word-vector table (embed.go).
	bridgeOnce sync.Once
	bridge     *bridge
	phrases    *phraseTable
	// facetsAll caches the facets of the whole index.
	facetsOnce sync.Once
	facetsAll  map[string][]Facet
	parents    map[string]string   // Places.facetParents
	noPlaces   bool                // written without a region tree: facets are flat
	facetVals  [numFacets][]string // every facet value, by id (docMeta.valIDs)
	// table is the columnar metadata phase one reads (table.go).
	table       *docTable
	pageTab     *pageTable
	scratchPool sync.Pool // of *scratch, per-query buffers (collect.go)
}

func openGeneration(dir, name string) (*generation, error) {
	path := filepath.Join(dir, name)
	ix, err := openIndexes(path, true)
	if err != nil {
		return nil, err
	}
	g := &generation{name: name, ix: ix, refs: 1}
	if b, err := os.ReadFile(filepath.Join(path, infoFile)); err == nil {
		json.Unmarshal(b, &g.info)
	}
	if err := g.load(); err != nil {
		ix.close()
		return nil, err
	}
	places, ok, err := readPlaces(path)
	if err != nil {
		ix.close()
		return nil, err
	}
	g.parents, g.noPlaces = places.facetParents(), !ok
	return g, nil
}

func (g *generation) load() error {
	ctx := context.Background()
	metas, err := loadMetas(ctx, g.ix.docs, nil)
	if err != nil {
		return err
	}
	n, err := g.ix.pages.DocCount()
	if err != nil {
		return err
	}
	g.pages = int(n)
	g.byID = make(map[string]*docMeta, len(metas))
	g.works = make(map[string][]*docMeta)
	langs := map[string]bool{}
	for i := range metas {
		d := newDocMeta(i, metas[i])
		g.docs = append(g.docs, d)
		g.byID[d.ID] = d
		if eds, ok := g.works[d.work]; ok {
			d.workOrd = eds[0].workOrd
		} else {
			d.workOrd = g.numWorks
			g.numWorks++
		}
		g.works[d.work] = append(g.works[d.work], d)
		langs[fieldLang(d.Language)] = true
	}
	for _, l := range append(languages[:len(languages):len(languages)], otherLang) {
		if langs[l] {
			g.langs = append(g.langs, l)
		}
	}
	g.markEditions()
	g.internFacets()
	if err := g.buildTable(ctx); err != nil {
		return err
	}
	if err := g.buildPageTable(ctx); err != nil {
		return err
	}
	g.vocab, err = loadVocabulary(g.ix.docs)
	if err != nil {
		return err
	}
	if g.phrases, err = loadPhrases(g.ix.docs); err != nil {
		return err
	}
	return nil
}

func (g *generation) otherEditions(d *docMeta) []Edition {
	out := []Edition{}
	for _, e := range g.works[d.work] {
		if e != d {
			out = append(out, Edition{ID: e.ID, Title: e.Title, Year: e.Year, Edition: e.Edition, Language: e.Language,
				Current: e.current, SupersededBy: e.supersededBy})
		}
	}
	return out
}
