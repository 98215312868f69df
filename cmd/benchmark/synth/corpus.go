package synth

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// FilesPerFolder is how many PDFs go into one sub-folder of a corpus.
const FilesPerFolder = 500

// Plan is the list of handbooks of a corpus: their page counts, in order.
// Handbooks are drawn until the total reaches pages; the last is cut to fit.
func Plan(seed uint64, pages int) []int {
	r := rand.New(rand.NewPCG(seed, 0xC0))
	var counts []int
	total := 0
	for total < pages {
		n := min(PageCount(r), pages-total)
		counts = append(counts, n)
		total += n
	}
	return counts
}

// Generate writes a library of about pages pages into dir: PDFs in
// sub-folders of FilesPerFolder and a catalog.csv at the root. It uses
// workers goroutines and returns the catalog rows and the number of bytes of
// page text written (UTF-8, a newline after each line).
func Generate(ctx context.Context, dir string, seed uint64, pages, workers int) ([]Row, int64, error) {
	counts := Plan(seed, pages)
	vocabs := make([]*Vocab, len(Languages))
	for i := range Languages {
		vocabs[i] = NewVocab(&Languages[i])
	}
	rows := make([]Row, len(counts))
	var textBytes atomic.Int64
	jobs := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pw := NewPDFWriter()
			for i := range jobs {
				h := NewHandbook(vocabs, seed, i, counts[i])
				h.Row.File = fmt.Sprintf("part%03d/handbook-%06d.pdf", i/FilesPerFolder, i)
				if err := writeFile(filepath.Join(dir, h.Row.File), pw, h.Doc); err != nil {
					errs <- err
					return
				}
				rows[i] = h.Row
				textBytes.Add(h.Doc.TextBytes())
			}
		}()
	}
	var err error
feed:
	for i := range counts {
		select {
		case jobs <- i:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	if err != nil {
		return nil, 0, err
	}
	return rows, textBytes.Load(), WriteCatalog(filepath.Join(dir, "catalog.csv"), rows)
}

func writeFile(path string, pw *PDFWriter, doc PDFDoc) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pw.Write(f, doc); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// WriteCatalog writes rows as a catalog.csv.
func WriteCatalog(path string, rows []Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(CatalogHeader)
	for _, r := range rows {
		w.Write(r.Record())
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
