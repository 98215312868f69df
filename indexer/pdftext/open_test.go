package pdftext

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// sharedCorpus is the shared folder of real PDFs next to the repository.
const sharedCorpus = "../../../shared/corpus"

// Every real PDF opens, or fails with a classified error, and no page tree
// it yields is larger than the file could hold.
func TestOpenCorpus(t *testing.T) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skip("no shared corpus")
	}
	if testing.Short() {
		t.Skip("corpus test in -short mode")
	}
	files, _ := filepath.Glob(filepath.Join(sharedCorpus, "domain", "*.pdf"))
	wild, _ := filepath.Glob(filepath.Join(sharedCorpus, "wild", "*", "*.pdf"))
	var opened, encrypted, broken int
	for _, f := range append(files, wild...) {
		r, c, err := openReader(t.Context(), f)
		switch {
		case errors.Is(err, ErrEncrypted):
			encrypted++
			continue
		case errors.Is(err, ErrBroken):
			broken++
			t.Logf("%s: %v", filepath.Base(f), err)
			continue
		case err != nil:
			t.Errorf("%s: unclassified error %v", f, err)
			continue
		}
		c.Close()
		opened++
		st, _ := os.Stat(f)
		if n := r.NumPage(); n <= 0 || int64(n) > st.Size()/20 {
			t.Errorf("%s: %d pages for %d bytes", f, n, st.Size())
		}
	}
	t.Logf("%d opened, %d need a password, %d broken", opened, encrypted, broken)
	for _, f := range files {
		if _, _, err := openReader(t.Context(), f); err != nil {
			t.Errorf("domain file %s: %v", filepath.Base(f), err)
		}
	}
}
