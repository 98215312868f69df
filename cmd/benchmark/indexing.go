package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// IndexRun is one indexing run of one system over one corpus.
type IndexRun struct {
	Usage
	IndexBytes int64
	CacheBytes int64 // of IndexBytes, what is a cache of extracted text rather than the index
}

// Indexer builds an index of a library folder from empty, or updates it.
type Indexer struct {
	Name string
	// Run indexes library into dir; fresh means dir is empty beforehand.
	Run func(ctx context.Context, library, dir string) (IndexRun, error)
	// Size is the index's size on disk.
	Size func(dir string) int64
}

func handbooksIndexer(bin, logDir string) Indexer {
	return Indexer{
		Name: "handbooks",
		Run: func(ctx context.Context, library, dir string) (IndexRun, error) {
			cmd := exec.CommandContext(ctx, bin, "index", "-library", library, "-index", dir,
				"-report", filepath.Join(logDir, "handbooks-report.json"))
			f, err := os.Create(filepath.Join(logDir, "handbooks-index.log"))
			if err != nil {
				return IndexRun{}, err
			}
			defer f.Close()
			cmd.Stdout = f
			u, err := runMeasured(ctx, cmd)
			return IndexRun{Usage: u, IndexBytes: dirSize(dir), CacheBytes: dirSize(filepath.Join(dir, "extract-cache"))}, err
		},
		Size: dirSize,
	}
}

func omindexIndexer() Indexer {
	return Indexer{
		Name: "omindex",
		Run: func(ctx context.Context, library, dir string) (IndexRun, error) {
			// Only the PDFs: the catalog is not something omindex understands.
			cmd := exec.CommandContext(ctx, "omindex", "--db", dir, "--url", "/",
				"-Mcsv:ignore", "-Mjson:ignore", "--empty-docs=skip", library)
			cmd.Stdout = nil
			u, err := runMeasured(ctx, cmd)
			return IndexRun{Usage: u, IndexBytes: dirSize(dir)}, err
		},
		Size: dirSize,
	}
}

// recollIndexer runs recollindex with a configuration directory (the index
// lives inside it) whose topdirs is the library.
func recollIndexer() Indexer {
	return Indexer{
		Name: "recollindex",
		Run: func(ctx context.Context, library, dir string) (IndexRun, error) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return IndexRun{}, err
			}
			conf := fmt.Sprintf("topdirs = %s\nnoaspell = 1\nindexedmimetypes = application/pdf\nloglevel = 1\n", library)
			if err := os.WriteFile(filepath.Join(dir, "recoll.conf"), []byte(conf), 0o644); err != nil {
				return IndexRun{}, err
			}
			cmd := exec.CommandContext(ctx, "recollindex")
			cmd.Env = append(os.Environ(), "RECOLL_CONFDIR="+dir)
			u, err := runMeasured(ctx, cmd)
			return IndexRun{Usage: u, IndexBytes: dirSize(filepath.Join(dir, "xapiandb"))}, err
		},
		Size: func(dir string) int64 { return dirSize(filepath.Join(dir, "xapiandb")) },
	}
}

// available reports whether the programs an indexer needs are installed.
func available(names ...string) error {
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			return fmt.Errorf("%s not installed", n)
		}
	}
	return nil
}
