package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommitLeavesOneSegment: a generation written in many batches is
// merged into one segment file per index, and the files the merge made
// obsolete are gone (they once tripled the index on disk).
func TestCommitLeavesOneSegment(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3,000 pages in many batches")
	}
	dir := writeIndex(t, generatedDocs(300, 10)...)
	gen, err := currentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ix := range []string{docsDir, pagesDir} {
		files, err := os.ReadDir(filepath.Join(dir, gen, ix, "store"))
		if err != nil {
			t.Fatal(err)
		}
		var zaps []string
		for _, f := range files {
			if strings.HasSuffix(f.Name(), ".zap") {
				zaps = append(zaps, f.Name())
			}
		}
		if len(zaps) != 1 {
			t.Errorf("%s: %d segment files %v, want 1", ix, len(zaps), zaps)
		}
	}
}
