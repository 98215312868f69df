package indexer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// pdfFile is a PDF found in the library.
type pdfFile struct {
	rel   string // slash path relative to the library root
	abs   string // path to open (symlinks inside the library resolved)
	size  int64
	mtime int64 // nanoseconds
	ctime int64 // nanoseconds; changes with any write, even one that restores mtime
	ino   uint64
}

// library is what discovery found below the root.
type library struct {
	root     string
	pdfs     []*pdfFile
	catalogs []string        // catalog.csv / catalog.json, slash paths
	sidecars map[string]bool // slash paths of every .json file (candidates)
	refused  []FileReport    // files that are not indexed, with the reason
	problems []Problem
}

// discover walks the library: PDFs anywhere below root, hidden folders and
// files skipped, symlinks followed only when they stay inside the library.
// skip is a folder not to enter (the index, when it lies in the library).
func discover(ctx context.Context, root, skip string) (*library, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("library %s: %w", root, err)
	}
	if fi, err := os.Stat(realRoot); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("library %s: not a folder", root)
	}
	realSkip := ""
	if skip != "" {
		realSkip, _ = filepath.EvalSymlinks(skip)
	}
	lib := &library{root: realRoot, sidecars: map[string]bool{}}
	var walk func(dir, rel string) error
	walk = func(dir, rel string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			lib.problems = append(lib.problems, Problem{File: relOrDot(rel), Message: "cannot read folder: " + errText(err)})
			return nil
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			abs := filepath.Join(dir, name)
			r := path.Join(rel, name)
			if e.Type()&fs.ModeSymlink != 0 {
				target, err := filepath.EvalSymlinks(abs)
				if err != nil {
					if isPDF(name) {
						lib.refused = append(lib.refused, FileReport{Path: r, Outcome: OutcomeRefused, Reason: "broken symbolic link"})
					}
					continue
				}
				if !within(realRoot, target) {
					lib.refused = append(lib.refused, FileReport{Path: r, Outcome: OutcomeRefused, Reason: "symbolic link leads outside the library"})
					lib.problems = append(lib.problems, Problem{File: r, Message: "symbolic link leads outside the library (refused)"})
					continue
				}
				fi, err := os.Stat(target)
				if err != nil || fi.IsDir() {
					continue // folders inside the library are indexed where they really are
				}
				abs = target
			}
			if e.IsDir() {
				if realSkip != "" && abs == realSkip {
					continue
				}
				if err := walk(abs, r); err != nil {
					return err
				}
				continue
			}
			switch {
			case isPDF(name):
				f, err := statPDF(abs, r)
				if err != nil {
					lib.refused = append(lib.refused, FileReport{Path: r, Outcome: OutcomeBroken, Reason: errText(err)})
					continue
				}
				lib.pdfs = append(lib.pdfs, f)
			case strings.EqualFold(name, "catalog.csv") || strings.EqualFold(name, "catalog.json"):
				lib.catalogs = append(lib.catalogs, r)
			case strings.EqualFold(path.Ext(name), ".json"):
				lib.sidecars[r] = true
			}
		}
		return nil
	}
	if err := walk(realRoot, ""); err != nil {
		return nil, err
	}
	slices.SortFunc(lib.pdfs, func(a, b *pdfFile) int { return strings.Compare(a.rel, b.rel) })
	slices.Sort(lib.catalogs)
	return lib, nil
}

func statPDF(abs, rel string) (*pdfFile, error) {
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f := &pdfFile{rel: rel, abs: abs, size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		f.ctime = st.Ctim.Nano()
		f.ino = st.Ino
	}
	return f, nil
}

func isPDF(name string) bool { return strings.EqualFold(path.Ext(name), ".pdf") }

// within reports whether p is root or below it (both resolved).
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel)
}

func relOrDot(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

// errText is an error without the absolute path os errors carry.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
