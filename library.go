// Package handbooks holds what the whole program shares: the bundled sample
// library, embedded so that a fresh binary can serve it anywhere.
package handbooks

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed testdata/library
var sampleLibrary embed.FS

// sampleDir is where the sample library lives in the repository.
const sampleDir = "testdata/library"

// SampleLibrary returns a folder holding the bundled sample library: the
// repository's testdata/library when run from the repository root, else a
// copy of the embedded one written under cacheDir (once per content).
func SampleLibrary(cacheDir string) (string, error) {
	if fi, err := os.Stat(filepath.Join(sampleDir, "catalog.csv")); err == nil && fi.Mode().IsRegular() {
		return filepath.Abs(sampleDir)
	}
	sub, err := fs.Sub(sampleLibrary, sampleDir)
	if err != nil {
		return "", err
	}
	sum, err := contentHash(sub)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cacheDir, "sample-library-"+sum[:12])
	if _, err := os.Stat(filepath.Join(dir, "catalog.csv")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", fmt.Errorf("write sample library: %w", err)
	}
	tmp, err := os.MkdirTemp(cacheDir, ".sample-library-")
	if err != nil {
		return "", fmt.Errorf("write sample library: %w", err)
	}
	if err := os.CopyFS(tmp, sub); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("write sample library: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(filepath.Join(dir, "catalog.csv")); statErr == nil {
			return dir, nil // written meanwhile by another process
		}
		return "", fmt.Errorf("write sample library: %w", err)
	}
	return dir, nil
}

// contentHash identifies the embedded library's content.
func contentHash(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}
