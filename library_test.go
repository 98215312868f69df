package handbooks

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSampleLibraryCopiesEmbeddedFiles(t *testing.T) {
	cache := t.TempDir()
	t.Chdir(cache) // away from the repository, so the embedded copy is used
	cache = filepath.Join(cache, "not", "yet", "made")
	dir, err := SampleLibrary(cache)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "catalog.csv")); err != nil {
		t.Fatalf("catalog missing from %s: %v", dir, err)
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
	if len(pdfs) == 0 {
		t.Fatalf("no PDFs in subfolders of %s", dir)
	}
	again, err := SampleLibrary(cache)
	if err != nil || again != dir {
		t.Fatalf("second call gave %q, %v; want %q", again, err, dir)
	}
}

func TestSampleLibraryPrefersRepositoryCopy(t *testing.T) {
	dir, err := SampleLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Abs(sampleDir)
	if dir != want {
		t.Fatalf("got %s, want %s", dir, want)
	}
}
