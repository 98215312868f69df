package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"handbooks/indexer/ocr"
	"handbooks/indexer/pdftext"
)

// The indexer's side of OCR: whether OCR is on and available, the run's
// page budget shared by the workers, and what the report says about it.

const (
	defaultOCRPageTimeout = 3 * time.Minute
	defaultLowConfidence  = 60 // mean word confidence under which a page is reported
	// ocrGrace is the time a worker gets past its pages' deadlines to
	// answer.
	ocrGrace = 10 * time.Second
)

// ocrRun is the OCR of one run; nil when OCR is off or unavailable.
type ocrRun struct {
	pageTimeout   time.Duration
	lowConfidence float64
	cacheDir      string
	// threads is how many pages of one file a worker reads at once: the
	// cores not taken by other workers (all of them when a single file is
	// extracted, as a library's one large scan).
	threads int
	mu      sync.Mutex
	left    int // pages the budget still allows; -1: no budget
}

// newOCRRun looks for the OCR engine unless OCR is off. It fills the
// report's OCR section in any case.
func newOCRRun(ctx context.Context, cfg Config, rep *Report) *ocrRun {
	rep.OCR = &OCRReport{}
	if cfg.NoOCR {
		rep.OCR.Off = "turned off (-ocr=false)"
		return nil
	}
	eng, err := ocr.Find(ctx)
	if err != nil {
		rep.OCR.Off = "unavailable: " + err.Error()
		cfg.Log.Warn("OCR unavailable: scanned pages stay without text", "err", err)
		return nil
	}
	rep.OCR.Engine = eng.Version()
	rep.OCR.Languages = eng.Languages()
	o := &ocrRun{pageTimeout: cfg.OCRPageTimeout, lowConfidence: cfg.OCRLowConfidence,
		cacheDir: filepath.Join(cfg.Index, ocrCacheDirName), left: -1}
	if cfg.OCRPages > 0 {
		o.left = cfg.OCRPages
	}
	if cfg.OCRPages < 0 {
		o.left = 0
	}
	return o
}

// request is the OCR part of the work request for a file.
func (o *ocrRun) request(e *entry) *ocrRequest {
	if o == nil {
		return nil
	}
	langs := e.meta.Languages
	if len(langs) == 0 && e.meta.Language != "" {
		langs = []string{e.meta.Language}
	}
	return &ocrRequest{Languages: langs, CacheDir: o.cacheDir, Content: e.content,
		PageTimeoutMS: o.pageTimeout.Milliseconds(), LowConfidence: o.lowConfidence, Threads: o.threads}
}

// grant gives leave to read up to n pages.
func (o *ocrRun) grant(n int) int {
	if o == nil || n <= 0 {
		return 0
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.left < 0 {
		return n
	}
	g := min(n, o.left)
	o.left -= g
	return g
}

// refund returns pages granted and not read.
func (o *ocrRun) refund(n int) {
	if o == nil || n <= 0 {
		return
	}
	o.mu.Lock()
	if o.left >= 0 {
		o.left += n
	}
	o.mu.Unlock()
}

// OCRReport is the report's account of OCR in a run.
type OCRReport struct {
	Engine    string   `json:"engine,omitempty"`    // e.g. "tesseract 5.3.0"
	Languages []string `json:"languages,omitempty"` // installed
	Off       string   `json:"off,omitempty"`       // why no page was read: turned off, unavailable
	Pages     int      `json:"pages"`               // pages read with OCR in this run
	Seconds   float64  `json:"seconds"`             // time spent reading them
	Cached    int      `json:"cached"`              // pages whose OCR text was taken from a cache
	// LowConfidence counts the OCR'd pages read with a mean word confidence
	// under the threshold: their text is likely poor.
	LowConfidence int `json:"low_confidence"`
	Pending       int `json:"pending"` // pages left for a later run (OCR off, budget used up)
	Failed        int `json:"failed"`  // pages whose picture could not be read
}

// pendingOCR counts the pages of a result still waiting for OCR: never
// tried, or left over by the page budget.
func pendingOCR(res *pdftext.Result) int {
	n := 0
	for _, p := range res.Pages {
		if p.NeedsOCR && (p.Error == "" || p.Error == ocrErrBudget || strings.HasPrefix(p.Error, ocrErrPrefix+"OCR unavailable") ||
			strings.HasPrefix(p.Error, ocrErrPrefix+"stopped")) {
			n++
		}
	}
	return n
}

// recordOCR adds a file's OCR to the report.
func (r *runner) recordOCR(fr *FileReport, res *pdftext.Result, fromCache bool) {
	o := r.rep.OCR
	low := r.cfg.OCRLowConfidence
	for _, p := range res.Pages {
		switch {
		case p.Source == pdftext.SourceOCR && p.OCR != nil:
			fr.OCRPages = append(fr.OCRPages, p.Number)
			if fromCache || p.OCR.Cached {
				o.Cached++
			} else {
				o.Pages++
				o.Seconds += p.OCR.Seconds
			}
			if p.OCR.Confidence < low {
				fr.LowConfidence = append(fr.LowConfidence, p.Number)
				o.LowConfidence++
			}
		case p.NeedsOCR && strings.HasPrefix(p.Error, ocrErrPrefix) && pendingOCR(&pdftext.Result{Pages: []pdftext.Page{p}}) == 0:
			o.Failed++
		}
	}
	o.Pending += pendingOCR(res)
}

// summary is the report's OCR line for people.
func (o *OCRReport) summary() string {
	if o == nil {
		return ""
	}
	if o.Off != "" {
		if o.Pending == 0 {
			return ""
		}
		return fmt.Sprintf("OCR %s: %d pages wait for it", o.Off, o.Pending)
	}
	s := fmt.Sprintf("OCR (%s): %d pages read in %.1fs, %d from the cache, %d with low confidence",
		o.Engine, o.Pages, o.Seconds, o.Cached, o.LowConfidence)
	if o.Failed > 0 {
		s += fmt.Sprintf(", %d unreadable", o.Failed)
	}
	if o.Pending > 0 {
		s += fmt.Sprintf(", %d left for the next run (page budget)", o.Pending)
	}
	return s
}
