package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"handbooks/indexer/pdftext"
	"handbooks/search"
)

// Config says what to index, where, and within which limits.
type Config struct {
	Library string // the library folder
	Index   string // the index folder (created if needed)
	// Full rebuilds every document (from an empty index) instead of only
	// those whose file or catalog metadata changed.
	Full      bool
	Workers   int           // extraction workers; 0: one per core
	Timeout   time.Duration // per file; 0: 60s
	MaxMemory int64         // bytes per worker; 0: 2 GiB
	MaxOutput int64         // bytes of extracted text per file; 0: 256 MiB
	// WorkerCommand starts an extraction worker (program and arguments);
	// empty means this program with WorkerArg, which InitWorker catches
	// (call it first in main and TestMain). Set it only to run another
	// program's worker.
	WorkerCommand []string
	WorkerEnv     []string // added to the workers' environment
	Log           *slog.Logger
	// Progress, when set, is a terminal on which a progress bar is drawn;
	// otherwise progress goes to Log every ProgressEvery (default 5s).
	Progress      io.Writer
	ProgressEvery time.Duration
	// VocabDir is a folder of vocabulary files (regions.tsv, countries.tsv,
	// ...: a copy of indexer/vocab, edited) used instead of the built-in
	// ones; empty means the built-in vocabulary.
	VocabDir string
	// Target receives the index generations; nil means a search.Store in
	// Index. Index still holds the extraction cache.
	Target Target
	// NoOCR turns OCR of scanned pages off; they are reported as needing
	// it, and read by the next run with OCR on.
	NoOCR bool
	// OCRPages is the run's OCR page budget: at most this many pages are
	// read with OCR (the rest wait for the next run); 0: no budget, < 0:
	// none.
	OCRPages int
	// OCRPageTimeout bounds the OCR of one page; 0: 3 minutes.
	OCRPageTimeout time.Duration
	// OCRLowConfidence is the mean word confidence (0–100) under which an
	// OCR'd page is reported as poorly read; 0: 60.
	OCRLowConfidence float64
}

// ErrLocked is returned when another run is writing the same index.
var ErrLocked = search.ErrLocked

// Batch limits for writes to the index: Bleve's maintainers advise batches
// of a few hundred small documents; ours carry every page of a handbook, so
// a batch is also cut by the amount of text.
const (
	batchDocs  = 100
	batchBytes = 16 << 20
)

func (c Config) withDefaults() (Config, error) {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Workers <= 0 {
		c.Workers = runtime.NumCPU()
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxMemory <= 0 {
		c.MaxMemory = DefaultMaxMemory
	}
	if c.MaxOutput <= 0 {
		c.MaxOutput = defaultMaxOutput
	}
	if c.OCRPageTimeout <= 0 {
		c.OCRPageTimeout = defaultOCRPageTimeout
	}
	if c.OCRLowConfidence <= 0 {
		c.OCRLowConfidence = defaultLowConfidence
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = 5 * time.Second
	}
	if len(c.WorkerCommand) == 0 {
		cmd, err := selfWorker()
		if err != nil {
			return c, err
		}
		c.WorkerCommand = cmd
	}
	if c.Library == "" || c.Index == "" {
		return c, errors.New("both a library and an index folder are needed")
	}
	return c, nil
}

// Run indexes the library into the index and reports what happened to every
// file. The index changes only if the run completes: when ctx is cancelled,
// or on any error, the live index stays as it was (what was extracted is
// kept in the extraction cache, so the next run resumes quickly). The
// report is returned even with an error, as far as the run went.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &runner{cfg: cfg, log: cfg.Log}
	rep, err := r.run(ctx)
	if rep != nil {
		rep.finish()
		if ctx.Err() != nil {
			rep.Interrupted = true
		}
	}
	return rep, err
}

type runner struct {
	cfg   Config
	log   *slog.Logger
	vocab *Vocabulary
	store Target
	cache *extractCache
	spec  *workerSpec
	rep   *Report
	ocr   *ocrRun // nil: OCR off or unavailable
	prev  *runState
	next  *runState
	added map[string]time.Time // document id → when it entered the library
}

func (r *runner) run(ctx context.Context) (*Report, error) {
	cfg := r.cfg
	r.rep = &Report{Library: cfg.Library, Index: cfg.Index, Full: cfg.Full, Started: time.Now(),
		Counts: map[string]int{}, Files: []FileReport{}, Problems: []Problem{}}
	var err error
	if cfg.VocabDir != "" {
		r.vocab, err = LoadVocabularyDir(cfg.VocabDir)
	} else {
		r.vocab, err = DefaultVocabulary()
	}
	if err != nil {
		return r.rep, err
	}
	if r.store = cfg.Target; r.store == nil {
		st, err := search.OpenStore(cfg.Index, r.log)
		if err != nil {
			return r.rep, err
		}
		r.store = folderTarget{st}
	}
	if err := r.loadState(); err != nil {
		return r.rep, err
	}
	lib, err := discover(ctx, cfg.Library, cfg.Index)
	if err != nil {
		return r.rep, err
	}
	entries, probs := resolve(lib, r.vocab)
	r.rep.Problems = append(append(r.rep.Problems, lib.problems...), probs...)
	for _, f := range lib.refused {
		r.rep.add(f)
	}
	r.ocr = newOCRRun(ctx, cfg, r.rep)
	todo, deletes, err := r.plan(ctx, entries)
	if err != nil {
		return r.rep, err
	}
	if r.ocr != nil {
		r.ocr.threads = max(1, runtime.NumCPU()/max(1, min(cfg.Workers, len(todo))))
	}
	r.rep.Documents = len(r.prev.Files) // until a new generation goes live
	if len(todo) == 0 && len(deletes) == 0 && !cfg.Full && r.prev.Vocab == r.vocab.Version && r.store.HasPlaces() {
		r.log.Info("index is up to date", "files", len(entries))
		return r.rep, nil
	}
	return r.rep, r.update(ctx, todo, deletes)
}

// loadState reads the state of the live index. An unreadable state means
// the index cannot be trusted for an incremental run: rebuild it all.
func (r *runner) loadState() error {
	b, err := r.store.State(context.Background())
	if err != nil {
		return fmt.Errorf("read index state: %w", err)
	}
	r.prev, err = parseState(b)
	if err != nil {
		r.log.Warn("index state unreadable: rebuilding the whole index", "err", err)
		r.prev, _ = parseState(nil)
		r.cfg.Full = true
		r.rep.Full = true
	}
	r.next = &runState{Format: stateFormat, Vocab: r.vocab.Version, Files: map[string]*fileState{}}
	return nil
}

// plan hashes every file and decides which to index: those whose bytes or
// metadata changed (all with Full). Unchanged files are reported and kept
// in the next state; ids of files gone or renamed are to be deleted.
func (r *runner) plan(ctx context.Context, entries []*entry) (todo []*entry, deletes []string, err error) {
	present := map[string]bool{}
	ids := map[string]bool{}
	for _, e := range entries {
		present[e.file.rel] = true
		ids[e.meta.ID] = true
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		e.prev = r.prev.Files[e.file.rel]
		if !r.cfg.Full && e.prev.sameFile(e.file) {
			e.content = e.prev.Content
		} else if e.content, err = hashFile(e.file.abs); err != nil {
			e.content = "" // unreadable: reported as broken by the extraction step
		}
		p := e.prev
		if p != nil && p.ID != e.meta.ID && !ids[p.ID] {
			deletes = append(deletes, p.ID)
		}
		waitsForOCR := p != nil && p.OCRPending > 0 && r.ocr != nil
		if !r.cfg.Full && p != nil && e.content != "" && p.Content == e.content && p.Meta == e.metaHash && p.ID == e.meta.ID && p.Added != "" && !waitsForOCR {
			kept := *p
			kept.Size, kept.MTime, kept.CTime, kept.Ino = e.file.size, e.file.mtime, e.file.ctime, e.file.ino
			r.next.Files[e.file.rel] = &kept
			r.rep.add(FileReport{Path: e.file.rel, Outcome: OutcomeUnchanged, Pages: p.Pages, ID: p.ID,
				Catalogued: p.Catalogued, Extraction: p.Outcome, Reason: p.Reason})
			continue
		}
		todo = append(todo, e)
	}
	for rel, p := range r.prev.Files {
		if present[rel] {
			continue
		}
		if !ids[p.ID] {
			deletes = append(deletes, p.ID)
		}
		r.rep.add(FileReport{Path: rel, Outcome: OutcomeDeleted, ID: p.ID, Pages: p.Pages, Catalogued: p.Catalogued})
	}
	slices.Sort(deletes)
	return todo, slices.Compact(deletes), nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// update writes the changes into a new index generation and makes it live.
func (r *runner) update(ctx context.Context, todo []*entry, deletes []string) error {
	cfg := r.cfg
	version, err := extractorVersion(cfg.WorkerCommand[0])
	if err != nil {
		return err
	}
	r.cache = &extractCache{dir: filepath.Join(cfg.Index, cacheDirName), version: version}
	r.spec = &workerSpec{command: cfg.WorkerCommand, env: cfg.WorkerEnv, maxMemory: cfg.MaxMemory,
		maxOutput: cfg.MaxOutput, timeout: cfg.Timeout, ocr: r.ocr}
	upd, err := r.store.Begin(ctx, cfg.Full)
	if err != nil {
		return fmt.Errorf("start index update: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			upd.Abort()
		}
	}()
	if len(deletes) > 0 && !cfg.Full {
		if err := upd.Delete(ctx, deletes...); err != nil {
			return fmt.Errorf("delete documents: %w", err)
		}
	}
	r.log.Info("indexing", "files", len(todo), "deleted", len(deletes), "workers", cfg.Workers, "full", cfg.Full)
	if err := r.extractAll(ctx, upd, todo); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	stateBytes, err := json.Marshal(r.next)
	if err != nil {
		return err
	}
	upd.SetPlaces(r.vocab.Places())
	if err := upd.Commit(ctx, r.runInfo(), stateBytes); err != nil {
		return fmt.Errorf("commit index: %w", err)
	}
	committed = true
	r.rep.Committed = true
	r.rep.Documents = len(r.next.Files)
	keep := map[string]bool{}
	for _, f := range r.next.Files {
		keep[f.Content] = true
	}
	r.cache.prune(keep)
	pruneOCRCache(filepath.Join(cfg.Index, ocrCacheDirName), keep)
	return nil
}

func (r *runner) runInfo() search.RunInfo {
	info := search.RunInfo{Finished: time.Now().UTC(), Documents: len(r.next.Files), Outcomes: map[string]int{}}
	for _, f := range r.next.Files {
		info.Pages += f.Pages
		info.Outcomes[docOutcome(f.Outcome)]++
		if f.Outcome == pdftext.OutcomeBroken || f.Outcome == pdftext.OutcomeEncrypted {
			info.Failures++
		}
	}
	return info
}
