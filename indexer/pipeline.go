package indexer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"handbooks/indexer/pdftext"
	"handbooks/search"
)

// extracted is one file's text, ready to be indexed.
type extracted struct {
	e      *entry
	res    *pdftext.Result
	cached bool
}

// extractAll extracts the files on a pool of workers (or takes their text
// from the cache), builds their documents and writes them to the update in
// batches. It returns early when ctx ends or no worker can be started.
func (r *runner) extractAll(ctx context.Context, upd Generation, todo []*entry) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Largest files first, so that no long extraction starts last.
	order := slices.Clone(todo)
	slices.SortStableFunc(order, func(a, b *entry) int { return int(min(max(b.file.size-a.file.size, -1), 1)) })
	var total int64
	for _, e := range order {
		total += e.file.size
	}
	prog := newProgress(r.cfg, len(order), total)
	defer prog.stop()

	tasks := make(chan *entry)
	results := make(chan extracted)
	var wg sync.WaitGroup
	for range min(r.cfg.Workers, max(len(order), 1)) {
		wg.Go(func() {
			if err := r.work(ctx, tasks, results); err != nil {
				cancel(err)
			}
		})
	}
	go func() {
		defer close(tasks)
		for _, e := range order {
			select {
			case tasks <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	b := &batch{upd: upd}
	var werr error
	for x := range results {
		if werr != nil || ctx.Err() != nil {
			continue // drain
		}
		doc := buildDocument(x.e, x.res, r.vocab)
		doc.Added = r.addedFor(doc.ID, x.e.content)
		r.record(x, doc)
		prog.done(x.e.file.size, len(doc.Pages))
		if err := b.add(ctx, doc); err != nil {
			werr = err
			cancel(err)
		}
	}
	if werr != nil {
		return werr
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return b.flush(ctx)
}

// record notes a built document in the next state and the report.
func (r *runner) record(x extracted, doc search.Document) {
	e := x.e
	r.next.Files[e.file.rel] = &fileState{
		ID: doc.ID, Content: e.content, Meta: e.metaHash,
		Size: e.file.size, MTime: e.file.mtime, CTime: e.file.ctime, Ino: e.file.ino,
		Outcome: x.res.Outcome, Reason: x.res.Reason, Pages: doc.PageCount, Catalogued: e.meta.Catalogued,
		Added:      doc.Added.Format(time.RFC3339),
		OCRPending: pendingOCR(x.res),
	}
	fr := FileReport{Path: e.file.rel, Outcome: reportOutcome(x.res.Outcome, e.meta.Catalogued),
		Reason: x.res.Reason, Pages: doc.PageCount, ID: doc.ID, Catalogued: e.meta.Catalogued, Cached: x.cached}
	for _, p := range x.res.Pages {
		if p.NeedsOCR && x.res.Outcome == pdftext.OutcomeOK {
			fr.NeedsOCR = append(fr.NeedsOCR, p.Number)
		}
		if p.Error != "" {
			fr.PageErrors = append(fr.PageErrors, fmt.Sprintf("page %d: %s", p.Number, p.Error))
		}
	}
	r.recordOCR(&fr, x.res, x.cached)
	if fr.Reason == "" && len(fr.NeedsOCR) > 0 {
		fr.Reason = fmt.Sprintf("%d of %d pages have no usable text layer (need OCR): %s",
			len(fr.NeedsOCR), doc.PageCount, pageList(fr.NeedsOCR))
	}
	r.rep.add(fr)
	r.rep.Pages += len(doc.Pages)
}

// work is one pool member: it owns at most one worker process at a time,
// starting a new one after a file killed the last.
func (r *runner) work(ctx context.Context, tasks <-chan *entry, results chan<- extracted) error {
	var w *workerProc
	defer func() {
		if w != nil {
			w.close()
		}
	}()
	for e := range tasks {
		x := extracted{e: e}
		switch {
		case e.content == "":
			x.res = broken("cannot read the file")
		default:
			if c, ok := r.cache.get(e.content, !r.cfg.Full, r.spec); ok && (r.ocr == nil || pendingOCR(c.Result) == 0) {
				x.res, x.cached = c.Result, true
				break
			}
			if w == nil {
				var err error
				if w, err = startWorker(r.spec); err != nil {
					return err
				}
			}
			ex, err := w.extract(ctx, r.spec, e.file.abs, r.ocr.request(e))
			if err != nil {
				return nil // ctx ended; the worker is gone
			}
			if ex.lost != "" {
				r.log.Warn("extraction worker lost", "file", e.file.rel, "reason", ex.res.Reason)
				if ex.lost != lostTimeout || !workerAlive(w) {
					w = nil
				}
			}
			x.res = ex.res
			if err := r.cache.put(e.content, &cacheEntry{Result: ex.res, Lost: ex.lost,
				TimeoutMS: r.spec.timeout.Milliseconds(), MaxMemory: r.spec.maxMemory}); err != nil {
				r.log.Warn("extraction cache", "err", err)
			}
		}
		if x.res.Outcome == "" {
			x.res.Outcome = pdftext.OutcomeBroken
		}
		select {
		case results <- x:
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}

func workerAlive(w *workerProc) bool {
	select {
	case <-w.exited:
		return false
	default:
		return true
	}
}

// batch collects documents and writes them to the index in batches.
type batch struct {
	upd   Generation
	docs  []search.Document
	bytes int
}

func (b *batch) add(ctx context.Context, d search.Document) error {
	b.docs = append(b.docs, d)
	for _, p := range d.Pages {
		b.bytes += len(p.Text)
	}
	if len(b.docs) >= batchDocs || b.bytes >= batchBytes {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.docs) == 0 {
		return nil
	}
	if err := b.upd.Put(ctx, b.docs...); err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return fmt.Errorf("write %d documents to the index: %w", len(b.docs), err)
	}
	b.docs, b.bytes = nil, 0
	return nil
}

// pageList writes page numbers compactly: "2, 4, 7–9".
func pageList(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, fmt.Sprint(pages[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
