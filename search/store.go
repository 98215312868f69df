package search

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// An index directory holds generations. Each generation is a complete,
// closed index in a directory of its own; the file CURRENT names the live
// one. An update writes a new generation beside the live one (starting from
// a copy of it, or from nothing for a full rebuild) and, once it is closed
// and synced, replaces CURRENT atomically with a rename. A process killed at
// any moment therefore leaves CURRENT naming a complete generation; the
// abandoned work directory is removed by the next update. Readers notice the
// new CURRENT and swap generations without failing a query.
//
//	INDEX/CURRENT           name of the live generation
//	INDEX/write.lock        held by the one running update
//	INDEX/g-<time>/         a complete generation: docs/, pages/, state.json, info.json,
//	                        places.json (the region tree, see Places)
//	INDEX/work-<time>/      an update in progress (removed if abandoned)

const (
	currentFile = "CURRENT"
	lockFile    = "write.lock"
	stateFile   = "state.json"
	infoFile    = "info.json"
	genPrefix   = "g-"
	workPrefix  = "work-"
)

// ErrLocked is returned by Begin while another update holds the index.
var ErrLocked = errors.New("another indexing run is using this index")

// Store writes index generations in a directory.
type Store struct {
	dir string
	log *slog.Logger
}

// OpenStore opens (creating it if needed) the index directory dir for writing.
func OpenStore(dir string, log *slog.Logger) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	return &Store{dir: dir, log: log}, nil
}

// Dir is the index directory.
func (s *Store) Dir() string { return s.dir }

// State returns the opaque state saved with the live generation by the
// update that made it, or nil when there is no index yet.
func (s *Store) State() ([]byte, error) {
	gen, err := currentGeneration(s.dir)
	if errors.Is(err, ErrNoIndex) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(s.dir, gen, stateFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// Update is a generation being written. Exactly one of Commit or Abort ends it.
type Update struct {
	store *Store
	work  string
	lock  *os.File
	ix    *indexes
	done  bool
	// places, when set, replaces the region tree copied from the live
	// generation.
	places *Places
}

// Begin starts an update. With full it starts from an empty index, else from
// a copy of the live generation. It fails with ErrLocked while another
// update runs on the same directory.
func (s *Store) Begin(ctx context.Context, full bool) (*Update, error) {
	lock, err := os.OpenFile(filepath.Join(s.dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock: %w", err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return nil, ErrLocked
	}
	s.removeAbandoned()
	work := filepath.Join(s.dir, workPrefix+time.Now().UTC().Format("20060102T150405.000000000"))
	fail := func(err error) (*Update, error) {
		os.RemoveAll(work)
		lock.Close()
		return nil, err
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return fail(fmt.Errorf("create work directory: %w", err))
	}
	var ix *indexes
	gen, err := currentGeneration(s.dir)
	switch {
	case err == nil && !full:
		if err := copyTree(ctx, filepath.Join(s.dir, gen), work); err != nil {
			return fail(fmt.Errorf("copy live index: %w", err))
		}
		ix, err = openIndexes(work, false)
	case err == nil || errors.Is(err, ErrNoIndex):
		ix, err = createIndexes(work)
	}
	if err != nil {
		return fail(err)
	}
	return &Update{store: s, work: work, lock: lock, ix: ix}, nil
}

// Put adds or replaces documents (by ID).
func (u *Update) Put(ctx context.Context, docs ...Document) error {
	return u.ix.put(ctx, docs)
}

// Delete removes documents by ID; unknown IDs are ignored.
func (u *Update) Delete(ctx context.Context, ids ...string) error {
	return u.ix.delete(ctx, ids)
}

// Commit makes the update the live generation, saving info and the caller's
// opaque state with it. After Commit the Update cannot be used.
func (u *Update) Commit(ctx context.Context, info RunInfo, state []byte) error {
	if u.done {
		return errors.New("update already ended")
	}
	u.done = true
	defer u.lock.Close()
	if err := u.ix.compact(ctx, u.work); err != nil {
		os.RemoveAll(u.work)
		return fmt.Errorf("compact index: %w", err)
	}
	ib, err := jsonMarshal(info)
	if err != nil {
		return err
	}
	if err := writeFileSync(filepath.Join(u.work, infoFile), ib); err != nil {
		os.RemoveAll(u.work)
		return err
	}
	if err := writeFileSync(filepath.Join(u.work, stateFile), state); err != nil {
		os.RemoveAll(u.work)
		return err
	}
	if u.places != nil {
		if err := writePlaces(u.work, u.places); err != nil {
			os.RemoveAll(u.work)
			return err
		}
	}
	if err := syncTree(u.work); err != nil {
		os.RemoveAll(u.work)
		return fmt.Errorf("sync index: %w", err)
	}
	gen := genPrefix + strings.TrimPrefix(filepath.Base(u.work), workPrefix)
	if err := os.Rename(u.work, filepath.Join(u.store.dir, gen)); err != nil {
		os.RemoveAll(u.work)
		return fmt.Errorf("publish generation: %w", err)
	}
	tmp := filepath.Join(u.store.dir, currentFile+".tmp")
	if err := writeFileSync(tmp, []byte(gen+"\n")); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(u.store.dir, currentFile)); err != nil {
		return fmt.Errorf("switch to new generation: %w", err)
	}
	syncDir(u.store.dir)
	u.store.removeOld(gen)
	return nil
}

// Abort discards the update; the live generation is untouched.
func (u *Update) Abort() error {
	if u.done {
		return nil
	}
	u.done = true
	u.ix.close()
	err := os.RemoveAll(u.work)
	u.lock.Close()
	return err
}

// currentGeneration reads CURRENT.
func currentGeneration(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", ErrNoIndex
	}
	if err != nil {
		return "", err
	}
	gen := strings.TrimSpace(string(b))
	if !strings.HasPrefix(gen, genPrefix) || strings.ContainsAny(gen, `/\`) {
		return "", fmt.Errorf("index %s: CURRENT names %q, not a generation", dir, gen)
	}
	return gen, nil
}

// removeAbandoned deletes work directories of updates that never ended
// (the caller holds the lock, so none is running).
func (s *Store) removeAbandoned() {
	entries, _ := os.ReadDir(s.dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), workPrefix) {
			s.log.Info("removing abandoned index update", "dir", e.Name())
			os.RemoveAll(filepath.Join(s.dir, e.Name()))
		}
	}
}

// removeOld deletes generations older than the live one and the one before
// it (a reader may still be finishing queries on that).
func (s *Store) removeOld(live string) {
	entries, _ := os.ReadDir(s.dir)
	var gens []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), genPrefix) && e.Name() != live {
			gens = append(gens, e.Name())
		}
	}
	sort.Strings(gens)
	for i := 0; i < len(gens)-1; i++ {
		os.RemoveAll(filepath.Join(s.dir, gens[i]))
	}
}

// copyTree copies src into dst. Immutable segment files (*.zap) are hard
// linked when possible; everything else is copied.
func copyTree(ctx context.Context, src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if rel == stateFile || rel == infoFile {
			return nil
		}
		if strings.HasSuffix(p, ".zap") && os.Link(p, target) == nil {
			return nil
		}
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func writeFileSync(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// syncTree fsyncs every file and directory under dir.
func syncTree(dir string) error {
	return filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
			return err
		}
		return nil
	})
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
