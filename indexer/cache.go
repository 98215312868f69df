package indexer

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"handbooks/indexer/pdftext"
)

// The extraction cache keeps what the workers extracted, by the content
// hash of the file and the version of the extractor, outside the index
// generations:
//
//	INDEX/extract-cache/ab/<sha256>.<extractor>.json.gz
//
// An interrupted run therefore resumes without extracting again, and a full
// rebuild with the same extractor costs only the indexing. Entries are
// written to a temporary file and renamed, so a kill never leaves half an
// entry; an unreadable entry is a miss. After each committed run, entries of
// files no longer in the library are removed.

const cacheDirName = "extract-cache"

type extractCache struct {
	dir     string
	version string // extractor version
}

type cacheEntry struct {
	Result    *pdftext.Result `json:"result"`
	Lost      string          `json:"lost,omitempty"` // the worker was lost on this file
	TimeoutMS int64           `json:"timeout_ms"`
	MaxMemory int64           `json:"max_memory"`
}

func (c *extractCache) path(hash, version string) string {
	return filepath.Join(c.dir, hash[:2], hash+"."+version+".json.gz")
}

// get returns the cached extraction of content hash. With anyVersion an
// entry of an older extractor is good enough (an incremental run does not
// re-extract unchanged files when the extractor changes). An entry made
// under a smaller deadline or memory cap that was overrun is a miss.
func (c *extractCache) get(hash string, anyVersion bool, spec *workerSpec) (*cacheEntry, bool) {
	paths := []string{c.path(hash, c.version)}
	if anyVersion {
		more, _ := filepath.Glob(filepath.Join(c.dir, hash[:2], hash+".*.json.gz"))
		paths = append(paths, more...)
	}
	for _, p := range paths {
		e, err := readCacheEntry(p)
		if err != nil {
			continue
		}
		switch e.Lost {
		case lostTimeout:
			if e.TimeoutMS < spec.timeout.Milliseconds() {
				continue
			}
		case lostMemory:
			if e.MaxMemory < spec.maxMemory {
				continue
			}
		}
		return e, true
	}
	return nil, false
}

func readCacheEntry(p string) (*cacheEntry, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var e cacheEntry
	if err := json.NewDecoder(zr).Decode(&e); err != nil {
		return nil, err
	}
	if e.Result == nil || e.Result.Outcome == "" {
		return nil, fmt.Errorf("empty cache entry")
	}
	return &e, nil
}

func (c *extractCache) put(hash string, e *cacheEntry) error {
	p := c.path(hash, c.version)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(tmp, gzip.BestSpeed)
	err = json.NewEncoder(zw).Encode(e)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("extraction cache: %w", err)
	}
	return nil
}

// prune removes entries whose content is not in keep, older extractor
// versions of entries that exist in the current one, and stray
// temporary files.
func (c *extractCache) prune(keep map[string]bool) {
	dirs, _ := os.ReadDir(c.dir)
	for _, d := range dirs {
		sub := filepath.Join(c.dir, d.Name())
		files, _ := os.ReadDir(sub)
		for _, f := range files {
			name := f.Name()
			hash, rest, _ := strings.Cut(name, ".")
			version, _, _ := strings.Cut(rest, ".")
			remove := strings.HasPrefix(name, ".tmp-") || !keep[hash]
			if !remove && version != c.version {
				_, err := os.Stat(c.path(hash, c.version))
				remove = err == nil
			}
			if remove {
				os.Remove(filepath.Join(sub, name))
			}
		}
		os.Remove(sub) // only when empty
	}
}

// extractorVersion identifies the extractor: the hash of the worker's
// executable. Go builds are reproducible, so it changes only when the
// program does.
func extractorVersion(program string) (string, error) {
	p, err := exec.LookPath(program)
	if err != nil {
		return "", err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", fmt.Errorf("extractor version: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	h.Write([]byte(fmt.Sprintf("cache-format-1 protocol-%d\n", workerProtocol)))
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("extractor version: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
