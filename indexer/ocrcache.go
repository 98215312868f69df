package indexer

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// The OCR cache keeps what OCR read on each page, by the content hash of
// the file and the OCR key (engine version, languages, recipe):
//
//	INDEX/ocr-cache/ab/<sha256>.<ocr key>.json.gz
//
// It outlives extractor versions: a full rebuild with a new program takes
// the pages' text from here, and reads pages again only when the engine
// or the languages changed. The worker rewrites the entry (atomically)
// after each page, so an interrupted file resumes where it stopped.

const ocrCacheDirName = "ocr-cache"

type ocrCache struct {
	path  string // "" when there is no cache
	pages map[int]ocrPage
}

func openOCRCache(dir, content, key string) *ocrCache {
	c := &ocrCache{pages: map[int]ocrPage{}}
	if dir == "" || len(content) < 2 {
		return c
	}
	c.path = filepath.Join(dir, content[:2], content+"."+key+".json.gz")
	f, err := os.Open(c.path)
	if err != nil {
		return c
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return c
	}
	var pages map[int]ocrPage
	if json.NewDecoder(zr).Decode(&pages) == nil && pages != nil {
		c.pages = pages
	}
	return c
}

// put records a page and rewrites the entry; a failure to write only
// costs reading the page again next time.
func (c *ocrCache) put(page int, p ocrPage) {
	c.pages[page] = p
	if c.path == "" {
		return
	}
	if os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".tmp-*")
	if err != nil {
		return
	}
	zw, _ := gzip.NewWriterLevel(tmp, gzip.BestSpeed)
	err = json.NewEncoder(zw).Encode(c.pages)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// pruneOCRCache removes entries of files no longer in the library and
// stray temporary files.
func pruneOCRCache(dir string, keep map[string]bool) {
	subs, _ := os.ReadDir(dir)
	for _, d := range subs {
		sub := filepath.Join(dir, d.Name())
		files, _ := os.ReadDir(sub)
		for _, f := range files {
			hash, _, _ := strings.Cut(f.Name(), ".")
			if strings.HasPrefix(f.Name(), ".tmp-") || !keep[hash] {
				os.Remove(filepath.Join(sub, f.Name()))
			}
		}
		os.Remove(sub) // only when empty
	}
}
