package indexer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"handbooks/indexer/ocr"
	"handbooks/indexer/pdftext"
)

// The OCR pass runs in the worker, after the text layer is extracted: the
// pages whose text layer is missing or useless are read from their
// pictures with Tesseract. Pages already read with the same engine and
// languages come from the OCR cache (ocrcache.go); for the others the
// worker asks the indexer how many it may read (the run's page budget),
// and the indexer extends the file's deadline by that many page deadlines.

// ocrRequest is the OCR part of a work request; absent when OCR is off.
type ocrRequest struct {
	// Languages are the document's languages (ISO 639-1) from the catalog,
	// first the main one; empty means: detect them.
	Languages     []string `json:"languages,omitempty"`
	CacheDir      string   `json:"cache_dir,omitempty"`
	Content       string   `json:"content,omitempty"` // the file's hash: its key in the OCR cache
	PageTimeoutMS int64    `json:"page_timeout_ms"`
	// LowConfidence is the mean word confidence under which a page is
	// reported as poorly read.
	LowConfidence float64 `json:"low_confidence"`
	// Threads is how many pages to read at once (one single-threaded
	// Tesseract each); 0 means 1.
	Threads int `json:"threads,omitempty"`
}

// Page outcomes of OCR, in Page.Error.
const (
	ocrErrPrefix = "needs_ocr: "
	ocrErrBudget = ocrErrPrefix + "the run's OCR page budget was used up"
)

// ocrTools are the OCR engine and the page renderer, found once per worker.
var ocrTools = sync.OnceValues(func() (*ocr.Engine, error) {
	return ocr.Find(context.Background())
})

var pageRenderer = sync.OnceValues(ocr.FindRenderer)

// ocrAsk asks the indexer for leave to read n pages; it returns how many
// may be read.
type ocrAsk func(n int) int

// ocrPass reads the pages of res that need OCR. It returns the number of
// pages read by Tesseract (not from the cache).
func ocrPass(ctx context.Context, path string, req *ocrRequest, res *pdftext.Result, ask ocrAsk) int {
	var todo []*pdftext.Page
	for i := range res.Pages {
		if res.Pages[i].NeedsOCR {
			todo = append(todo, &res.Pages[i])
		}
	}
	if len(todo) == 0 {
		return 0
	}
	eng, err := ocrTools()
	if err != nil {
		for _, p := range todo {
			p.Error = ocrErrPrefix + "OCR unavailable: " + err.Error()
		}
		return 0
	}
	langs, known := ocrLanguages(eng, req.Languages, res)
	keyLangs := langs
	if !known {
		keyLangs = []string{"auto"} // detected from the first page read
	}
	cache := openOCRCache(req.CacheDir, req.Content, eng.Key(keyLangs))
	var read []*pdftext.Page
	for _, p := range todo {
		if c, ok := cache.pages[p.Number]; ok {
			applyOCR(p, c, true)
			continue
		}
		read = append(read, p)
	}
	if len(read) == 0 {
		finishOCR(res)
		return 0
	}
	granted := ask(len(read))
	for _, p := range read[granted:] {
		p.Error = ocrErrBudget
	}
	read = read[:granted]
	var done atomic.Int64
	if len(read) > 0 {
		ir, err := pdftext.OpenImages(ctx, path)
		pageTimeout := time.Duration(req.PageTimeoutMS) * time.Millisecond
		var mu sync.Mutex // the image reader and the cache are not for concurrent use
		if !known && err == nil {
			langs = probeLanguage(ctx, eng, ir, path, read[0].Number, langs)
		}
		var wg sync.WaitGroup
		next := make(chan *pdftext.Page)
		for range max(1, min(req.Threads, len(read))) {
			wg.Go(func() {
				for p := range next {
					if ctx.Err() != nil {
						p.Error = ocrErrPrefix + "stopped: " + ctx.Err().Error()
						continue
					}
					var c ocrPage
					if err != nil {
						c.Error = ocrErrPrefix + err.Error()
					} else {
						c = readPage(ctx, eng, ir, &mu, path, p.Number, langs, pageTimeout)
						done.Add(1)
					}
					mu.Lock()
					if ctx.Err() == nil {
						cache.put(p.Number, c)
					}
					mu.Unlock()
					applyOCR(p, c, false)
				}
			})
		}
		for _, p := range read {
			next <- p
		}
		close(next)
		wg.Wait()
	}
	finishOCR(res)
	return int(done.Load())
}

// ocrPage is what reading one page gave: text, or why there is none.
type ocrPage struct {
	Text       string  `json:"text,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	Words      int     `json:"words,omitempty"`
	Languages  string  `json:"languages,omitempty"`
	Seconds    float64 `json:"seconds,omitempty"`
	Image      string  `json:"image,omitempty"`
	Error      string  `json:"error,omitempty"`
}

// readPage gets a page's picture (decoded, else rendered) and reads it.
func readPage(ctx context.Context, eng *ocr.Engine, ir *pdftext.ImageReader, mu *sync.Mutex, path string, n int, langs []string, timeout time.Duration) ocrPage {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var c ocrPage
	mu.Lock()
	img, err := ir.Page(ctx, n)
	mu.Unlock()
	var nr *pdftext.NeedsRenderError
	if errors.As(err, &nr) {
		img, err = renderPage(ctx, path, n, nr)
	}
	if err != nil {
		c.Error = ocrErrPrefix + err.Error()
		return c
	}
	c.Image = img.From
	t, err := eng.Recognize(ctx, img.Gray, ocr.Options{Languages: langs, DPI: img.DPI})
	if err == nil && (t.Words < 20 || t.Confidence < 60) {
		// Little read, or poorly: perhaps the page is sideways.
		if l, lerr := eng.DetectLayout(ctx, img.Gray, img.DPI); lerr == nil && l.Rotate != 0 {
			t2, err2 := eng.Recognize(ctx, ocr.Turn(img.Gray, l.Rotate), ocr.Options{Languages: langs, DPI: img.DPI})
			if err2 == nil && float64(t2.Words)*t2.Confidence > float64(t.Words)*t.Confidence {
				t = t2
				c.Image += fmt.Sprintf(", turned %d°", l.Rotate)
			}
		}
	}
	c.Seconds = time.Since(start).Seconds()
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("OCR of the page took longer than %s", timeout)
		}
		c.Error = ocrErrPrefix + err.Error()
		return c
	}
	c.Text, c.Confidence, c.Words, c.Languages = t.Text, t.Confidence, t.Words, strings.Join(langs, "+")
	return c
}

// renderDPI is the resolution pages are rendered at for OCR.
const renderDPI = 300

// renderPage draws a page whose picture could not be decoded.
func renderPage(ctx context.Context, path string, n int, nr *pdftext.NeedsRenderError) (*pdftext.PageImage, error) {
	r, err := pageRenderer()
	if err != nil {
		return nil, nr // the reason the picture could not be decoded
	}
	dpi := renderDPI
	if area := nr.Width * nr.Height / (72 * 72); area > 0 {
		dpi = min(dpi, int(math.Sqrt(float64(ocr.MaxPixels)/area)))
	}
	if dpi < 50 {
		return nil, fmt.Errorf("page of %.0f × %.0f points is too large to render", nr.Width, nr.Height)
	}
	g, err := r.Render(ctx, path, n, dpi)
	if err != nil {
		return nil, err
	}
	return &pdftext.PageImage{Gray: g, DPI: dpi, From: "rendered (" + nr.Reason + ")"}, nil
}

// applyOCR puts what OCR read on the page.
func applyOCR(p *pdftext.Page, c ocrPage, cached bool) {
	if c.Error != "" {
		p.Error = c.Error
		return
	}
	text := c.Text
	if p.OCRReason != pdftext.ScanGarbage && strings.TrimSpace(p.Text) != "" {
		text = p.Text + "\n" + text // the running lines over the scan stay
	} else {
		p.Running = nil
	}
	p.Text = text
	p.Source = pdftext.SourceOCR
	p.NeedsOCR = false
	p.OCR = &pdftext.OCRInfo{Confidence: math.Round(c.Confidence*10) / 10, Languages: c.Languages,
		Seconds: c.Seconds, Image: c.Image, Cached: cached}
	if cached {
		p.OCR.Seconds = 0
	}
}

// finishOCR sets the outcome of a file whose only text came from OCR.
func finishOCR(res *pdftext.Result) {
	if res.Outcome != pdftext.OutcomeNoText {
		return
	}
	for _, p := range res.Pages {
		if strings.TrimSpace(p.Text) != "" {
			res.Outcome, res.Reason = pdftext.OutcomeOK, ""
			return
		}
	}
	for _, p := range res.Pages {
		if strings.HasPrefix(p.Error, ocrErrPrefix) {
			res.Reason = fmt.Sprintf("no page has a text layer, and OCR could not read page %d: %s",
				p.Number, strings.TrimPrefix(p.Error, ocrErrPrefix))
			return
		}
	}
}

// ocrLanguages picks the Tesseract languages for a document: the
// catalog's, else those detected from the text of its other pages, else
// the PDF's /Lang, else English. known is false when nothing said which
// (the first page read then decides, see probeLanguage).
func ocrLanguages(eng *ocr.Engine, catalog []string, res *pdftext.Result) (langs []string, known bool) {
	codes := catalog
	if len(codes) == 0 {
		var sb strings.Builder
		for _, p := range res.Pages {
			if !p.NeedsOCR && sb.Len() < 100_000 {
				sb.WriteString(p.Text)
				sb.WriteByte('\n')
			}
		}
		if l := detectLanguage(sb.String()); l != "" {
			codes = []string{l}
		} else if l, _, _ := strings.Cut(strings.ToLower(res.Info.Language), "-"); l != "" {
			codes = []string{l}
		}
	}
	langs, _ = eng.LanguagesFor(codes)
	known = len(codes) > 0
	if len(langs) == 0 && eng.Has("eng") {
		langs = []string{"eng"}
	}
	return langs, known
}

// probeLanguage decides the language of a document nothing says anything
// about from one of its pages: by the script Tesseract sees, and for Latin
// script by the words English OCR reads there. It returns fallback when
// the page does not tell.
func probeLanguage(ctx context.Context, eng *ocr.Engine, ir *pdftext.ImageReader, path string, n int, fallback []string) []string {
	img, err := ir.Page(ctx, n)
	var nr *pdftext.NeedsRenderError
	if errors.As(err, &nr) {
		img, err = renderPage(ctx, path, n, nr)
	}
	if err != nil {
		return fallback
	}
	l, err := eng.DetectLayout(ctx, img.Gray, img.DPI)
	if err != nil {
		return fallback
	}
	if lang := eng.LanguageForScript(l.Script); lang != "" && lang != "eng" {
		return []string{lang}
	}
	if l.Script != "Latin" {
		return fallback
	}
	t, err := eng.Recognize(ctx, ocr.Turn(img.Gray, l.Rotate), ocr.Options{Languages: fallback, DPI: img.DPI})
	if err != nil {
		return fallback
	}
	if langs, _ := eng.LanguagesFor([]string{detectLanguage(t.Text)}); len(langs) > 0 {
		return langs
	}
	return fallback
}
