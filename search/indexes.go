package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Batch sizes. Bleve's maintainers recommend batched writes and their bulk
// loader uses batches of 1,000 documents (blevesearch/bleve#1696); a
// document-level entry carries a whole handbook, so its batches are also
// capped by text size to bound memory.
const (
	batchEntries = 1000
	batchBytes   = 32 << 20
)

const (
	docsDir  = "docs"
	pagesDir = "pages"
)

// indexes are the two Bleve indexes of one generation: docs (one entry per
// document) and pages (one entry per page, id "<docid>#<page>").
type indexes struct {
	docs  bleve.Index
	pages bleve.Index

	// Pending writes (nil when reading).
	docBatch, pageBatch *bleve.Batch
	pendingBytes        int
	pendingPages        map[string]int // doc id → page count, for docs in docBatch
	// writeErr is the first failed write: once a batch failed (a full disk,
	// say) the indexes are in an unknown state and take no further writes.
	writeErr error
}

func createIndexes(dir string) (*indexes, error) {
	dm, err := docsMapping()
	if err != nil {
		return nil, fmt.Errorf("document mapping: %w", err)
	}
	pm, err := pagesMapping()
	if err != nil {
		return nil, fmt.Errorf("page mapping: %w", err)
	}
	d, err := bleve.New(filepath.Join(dir, docsDir), dm)
	if err != nil {
		return nil, fmt.Errorf("create document index: %w", err)
	}
	p, err := bleve.New(filepath.Join(dir, pagesDir), pm)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("create page index: %w", err)
	}
	return newIndexes(d, p), nil
}

func openIndexes(dir string, readOnly bool) (*indexes, error) {
	cfg := map[string]interface{}{"read_only": readOnly}
	d, err := bleve.OpenUsing(filepath.Join(dir, docsDir), cfg)
	if err != nil {
		return nil, fmt.Errorf("open document index: %w", err)
	}
	p, err := bleve.OpenUsing(filepath.Join(dir, pagesDir), cfg)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("open page index: %w", err)
	}
	if readOnly {
		return &indexes{docs: d, pages: p}, nil
	}
	return newIndexes(d, p), nil
}

func newIndexes(d, p bleve.Index) *indexes {
	return &indexes{docs: d, pages: p, docBatch: d.NewBatch(), pageBatch: p.NewBatch(), pendingPages: map[string]int{}}
}

// docEntry is what the document-level index stores for a document.
func docEntry(d Document) map[string]interface{} {
	meta := storedDoc{Document: d, MaxPage: maxPage(d)}
	for _, p := range d.Pages {
		if isContents(p.Text) {
			meta.Contents = append(meta.Contents, p.Number)
		}
	}
	meta.Pages = nil
	mb, _ := json.Marshal(meta)
	l := fieldLang(d.Language)
	var body strings.Builder
	for _, p := range d.Pages {
		body.WriteString(p.Text)
		body.WriteString("\n")
	}
	e := map[string]interface{}{
		fMeta:           string(mb),
		fType:           d.Types,
		fRegion:         d.Regions,
		fCountry:        d.Countries,
		fTag:            d.Tags,
		fPublisher:      d.Publishers,
		fLang:           d.Language,
		fWork:           workOf(d),
		titleField(l):   d.Title,
		summaryField(l): d.Summary,
		bodyField(l):    body.String(),
		fTagsText:       strings.Join(d.Tags, " . "),
		pairsField(l):   d.Title + "\n" + d.Summary + "\n" + strings.Join(d.Tags, "\n") + "\n" + body.String(),
		fWords:          cleanWords(d.Title + "\n" + d.Summary + "\n" + strings.Join(d.Tags, "\n") + "\n" + body.String()),
		fPhrases:        docPhrases(d),
	}
	if d.Year != 0 {
		e[fYear] = strconv.Itoa(d.Year)
		e[fYearNum] = float64(d.Year)
	}
	return e
}

func pageEntry(d Document, p Page) map[string]interface{} {
	label := p.Label
	if label == "" {
		label = strconv.Itoa(p.Number)
	}
	l := fieldLang(d.Language)
	e := map[string]interface{}{
		fDoc:         d.ID,
		fLabel:       label,
		fText:        p.Text,
		pageField(l): p.Text,
		headField(l): headings(p.Text),
	}
	if p.Source == SourceOCR { // the text layer is the default: not stored
		e[fSource] = p.Source
		e[fConfidence] = strconv.FormatFloat(p.Confidence, 'f', 1, 64)
	}
	return e
}

func pageID(doc string, n int) string { return doc + "#" + strconv.Itoa(n) }

// splitPageID is the inverse of pageID.
func splitPageID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}

func workOf(d Document) string {
	if d.Work != "" {
		return d.Work
	}
	return d.ID
}

func (ix *indexes) put(ctx context.Context, docs []Document) error {
	if ix.docBatch == nil {
		return errors.New("index opened read-only")
	}
	old, err := ix.pageCounts(docs)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.ID == "" {
			return errors.New("document without id")
		}
		if err := ix.docBatch.Index(d.ID, docEntry(d)); err != nil {
			return fmt.Errorf("index document %s: %w", d.ID, err)
		}
		size := len(d.Title) + len(d.Summary)
		seen := make(map[int]bool, len(d.Pages))
		for _, p := range d.Pages {
			if err := ix.pageBatch.Index(pageID(d.ID, p.Number), pageEntry(d, p)); err != nil {
				return fmt.Errorf("index document %s page %d: %w", d.ID, p.Number, err)
			}
			seen[p.Number] = true
			size += 2 * len(p.Text)
		}
		// Pages of a previous version that this one no longer has.
		for n := 1; n <= old[d.ID]; n++ {
			if !seen[n] {
				ix.pageBatch.Delete(pageID(d.ID, n))
			}
		}
		ix.pendingPages[d.ID] = maxPage(d)
		ix.pendingBytes += size
		if err := ix.flushIfFull(); err != nil {
			return err
		}
	}
	return nil
}

func maxPage(d Document) int {
	n := d.PageCount
	for _, p := range d.Pages {
		if p.Number > n {
			n = p.Number
		}
	}
	return n
}

func (ix *indexes) flushIfFull() error {
	if ix.docBatch.Size() >= batchEntries || ix.pageBatch.Size() >= batchEntries || ix.pendingBytes >= batchBytes {
		return ix.flush()
	}
	return nil
}

func (ix *indexes) flush() error {
	if ix.docBatch == nil {
		return nil
	}
	if ix.writeErr != nil {
		return ix.writeErr
	}
	if ix.pageBatch.Size() > 0 {
		if err := ix.pages.Batch(ix.pageBatch); err != nil {
			ix.writeErr = fmt.Errorf("write pages: %w", err)
			return ix.writeErr
		}
		ix.pageBatch.Reset()
	}
	if ix.docBatch.Size() > 0 {
		if err := ix.docs.Batch(ix.docBatch); err != nil {
			ix.writeErr = fmt.Errorf("write documents: %w", err)
			return ix.writeErr
		}
		ix.docBatch.Reset()
	}
	ix.pendingBytes = 0
	clear(ix.pendingPages)
	return nil
}

// pageCounts returns the highest page number stored for each of docs that
// is already in the index (written or pending).
func (ix *indexes) pageCounts(docs []Document) (map[string]int, error) {
	out := make(map[string]int)
	var ids []string
	for _, d := range docs {
		if n, ok := ix.pendingPages[d.ID]; ok {
			out[d.ID] = n
			continue
		}
		ids = append(ids, d.ID)
	}
	if len(ids) == 0 {
		return out, nil
	}
	if n, err := ix.docs.DocCount(); err != nil || n == 0 {
		return out, err
	}
	metas, err := loadMetas(context.Background(), ix.docs, ids)
	if err != nil {
		return nil, err
	}
	for _, m := range metas {
		out[m.ID] = max(m.PageCount, m.MaxPage)
	}
	return out, nil
}

func (ix *indexes) delete(ctx context.Context, ids []string) error {
	if ix.docBatch == nil {
		return errors.New("index opened read-only")
	}
	if err := ix.flush(); err != nil {
		return err
	}
	metas, err := loadMetas(ctx, ix.docs, ids)
	if err != nil {
		return err
	}
	for _, m := range metas {
		n := max(m.PageCount, m.MaxPage)
		for p := 1; p <= n; p++ {
			ix.pageBatch.Delete(pageID(m.ID, p))
		}
	}
	for _, id := range ids {
		ix.docBatch.Delete(id)
	}
	return ix.flush()
}

func (ix *indexes) close() error {
	var err error
	if ix.writeErr == nil {
		err = ix.flush()
	}
	if e := ix.pages.Close(); err == nil {
		err = e
	}
	if e := ix.docs.Close(); err == nil {
		err = e
	}
	return err
}

// compact writes pending changes, merges each index into as few segments
// as Bleve's merge plan allows and closes them; reopening for writing
// deletes the segments the merge made obsolete. A generation is written
// once and read many times: fewer segments make every term lookup
// cheaper (on 100k generated pages, a third off the median query time),
// and the obsolete segments would otherwise stay on disk. The indexes are
// closed and reopened before the merge: closing writes every segment still
// in memory, and a force merge only merges segment files (on a busy
// machine the persister may not have written the last batches yet).
func (ix *indexes) compact(ctx context.Context, dir string) error {
	err := ix.flush()
	if e := ix.close(); err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	m, err := openIndexes(dir, false)
	if err != nil {
		return err
	}
	for k, i := range []bleve.Index{m.docs, m.pages} {
		if err != nil {
			break
		}
		a, e := i.Advanced()
		if s, ok := a.(*scorch.Scorch); ok && e == nil {
			if err = mergeToOne(ctx, s); err == nil {
				settle(ctx, s, filepath.Join(dir, []string{docsDir, pagesDir}[k], "store"))
			}
		}
	}
	if e := m.close(); err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	again, err := openIndexes(dir, false)
	if err != nil {
		return err
	}
	return again.close()
}

// settleWait bounds how long compact waits for Bleve's background cleanup.
const settleWait = time.Minute

// mergeToOne force-merges s until it has one segment: one round merges at
// most ten segments per task, so a generation written in many batches can
// come out of it in several, and segments still in memory (the persister
// writes them in the background, later on a busy machine) are merged only
// once they are files.
func mergeToOne(ctx context.Context, s *scorch.Scorch) error {
	deadline := time.Now().Add(settleWait)
	for round := 0; round < 64 && time.Now().Before(deadline); {
		mem, files := rootSegments(s)
		if mem+files <= 1 {
			return nil
		}
		if mem > 0 {
			time.Sleep(20 * time.Millisecond) // until the persister has written them
			continue
		}
		if err := s.ForceMerge(ctx, nil); err != nil {
			return err
		}
		round++
	}
	return ctx.Err()
}

func rootSegments(s *scorch.Scorch) (mem, files uint64) {
	st := s.StatsMap()
	mem, _ = st["num_root_memorysegments"].(uint64)
	files, _ = st["num_root_filesegments"].(uint64)
	return mem, files
}

// settle waits until s's persister has written the merged snapshot and
// dropped the segment files of the snapshots before it (it does so in the
// background, soon after a merge): until the store folder holds no more
// segment files than the live snapshot uses. Closed before that, the index
// keeps the old snapshots on record, and reopening it keeps every file they
// name: at 100,000 pages the page index kept 376 to 863 MB of files for a
// merged segment of about 200 MB.
func settle(ctx context.Context, s *scorch.Scorch, store string) {
	deadline := time.Now().Add(settleWait)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		mem, files := rootSegments(s)
		if mem == 0 && segmentFiles(store) <= files {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// segmentFiles counts the segment files (*.zap) in a scorch store folder.
func segmentFiles(store string) uint64 {
	entries, _ := os.ReadDir(store)
	var n uint64
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			n++
		}
	}
	return n
}

// storedDoc is the metadata stored with a document (field meta, JSON).
type storedDoc struct {
	Document
	MaxPage  int   `json:"max_page,omitempty"` // highest page number indexed
	Contents []int `json:"contents,omitempty"` // pages that look like a table of contents
}

// loadMetas reads the stored metadata of the given documents (all documents
// when ids is nil).
func loadMetas(ctx context.Context, idx bleve.Index, ids []string) ([]storedDoc, error) {
	var q = bleve.NewMatchAllQuery()
	var req *bleve.SearchRequest
	size := len(ids)
	if ids == nil {
		n, err := idx.DocCount()
		if err != nil {
			return nil, err
		}
		size = int(n)
		req = bleve.NewSearchRequestOptions(q, size, 0, false)
	} else {
		req = bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), size, 0, false)
	}
	if size == 0 {
		return nil, nil
	}
	req.Fields = []string{fMeta}
	req.SortBy([]string{"_id"})
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("read stored documents: %w", err)
	}
	out := make([]storedDoc, 0, len(res.Hits))
	for _, h := range res.Hits {
		s, _ := h.Fields[fMeta].(string)
		var d storedDoc
		if err := json.Unmarshal([]byte(s), &d); err != nil {
			return nil, fmt.Errorf("stored document %s: %w", h.ID, err)
		}
		d.ID = h.ID
		out = append(out, d)
	}
	return out, nil
}

func jsonMarshal(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }
