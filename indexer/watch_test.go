package indexer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestLibraryState checks which changes a watcher notices: those a run
// would read, by the rules of discovery, and no others.
func TestLibraryState(t *testing.T) {
	lib := t.TempDir()
	index := filepath.Join(lib, "index") // an index folder inside the library
	writeFiles(t, lib, map[string]string{"sub/a.pdf": "one", "catalog.csv": "file,title\n", "index/CURRENT": "g-0"})
	state := func() string {
		t.Helper()
		s, err := LibraryState(context.Background(), lib, index)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	steps := []struct {
		name    string
		change  func()
		noticed bool
	}{
		{"the index folder written", func() { writeFiles(t, lib, map[string]string{"index/CURRENT": "g-1"}) }, false},
		{"a hidden file added", func() { writeFiles(t, lib, map[string]string{".trash/x.pdf": "x", ".x.pdf": "x"}) }, false},
		{"a file that is neither a PDF nor metadata", func() { writeFiles(t, lib, map[string]string{"notes.txt": "x"}) }, false},
		{"a PDF changed", func() { writeFiles(t, lib, map[string]string{"sub/a.pdf": "one, longer"}) }, true},
		{"a PDF renamed", func() { os.Rename(filepath.Join(lib, "sub", "a.pdf"), filepath.Join(lib, "b.pdf")) }, true},
		{"a catalog in a sub-folder added", func() { writeFiles(t, lib, map[string]string{"sub/catalog.csv": "file,title\n"}) }, true},
		{"a sidecar changed", func() { writeFiles(t, lib, map[string]string{"b.json": `{"title":"B"}`}) }, true},
		{"a PDF removed", func() { os.Remove(filepath.Join(lib, "b.pdf")) }, true},
	}
	prev := state()
	for _, s := range steps {
		s.change()
		cur := state()
		if (cur != prev) != s.noticed {
			t.Errorf("%s: noticed %v, want %v", s.name, cur != prev, s.noticed)
		}
		prev = cur
	}
}
