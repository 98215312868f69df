package pdftext

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Outcomes of an extraction.
const (
	OutcomeOK        = "ok"        // text on at least one page
	OutcomeNoText    = "no_text"   // opened, but no page has a text layer (needs OCR)
	OutcomeEncrypted = "encrypted" // needs a password we do not have
	OutcomeBroken    = "broken"    // cannot be read
)

// SourceGlyphs names the text path of this package: glyphs placed by
// interpreting the page content, assembled by geometry.
const SourceGlyphs = "glyphs"

// SourceOCR names text read from the page's picture by OCR.
const SourceOCR = "ocr"

// Limits on the text kept.
const (
	maxPageText = 2 << 20
	maxDocText  = 64 << 20
)

// Page is the text of one physical page.
type Page struct {
	Number int    `json:"page"`  // from 1
	Label  string `json:"label"` // printed page label; the number when the PDF has none
	Text   string `json:"text"`
	Source string `json:"source"` // extraction path that produced the text
	// NeedsOCR says the page's text layer is missing or useless (OCRReason
	// says which), so its text can only come from OCR of its picture.
	NeedsOCR  bool   `json:"needs_ocr,omitempty"`
	OCRReason string `json:"ocr_reason,omitempty"`
	// OCR describes the reading of the page's picture, when Source is
	// SourceOCR.
	OCR *OCRInfo `json:"ocr,omitempty"`
	// Running lists the lines of Text that are running headers, footers or
	// page numbers, to be weighted down by search.
	Running []string `json:"running,omitempty"`
	// Error says why the page's text is missing or partial.
	Error string `json:"error,omitempty"`
}

// OCRInfo says how a page's text was read from its picture.
type OCRInfo struct {
	Confidence float64 `json:"confidence"` // the OCR engine's mean word confidence, 0–100
	Languages  string  `json:"languages"`  // e.g. "eng+fra"
	Seconds    float64 `json:"seconds"`    // time spent reading it (0 when cached)
	Image      string  `json:"image"`      // where the picture came from: "decoded DCTDecode", "rendered", ...
	Cached     bool    `json:"cached,omitempty"`
}

// Info is the document-level metadata found in the file.
type Info struct {
	Title    string `json:"title,omitempty"`
	Author   string `json:"author,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Keywords string `json:"keywords,omitempty"`
	Creator  string `json:"creator,omitempty"`
	Producer string `json:"producer,omitempty"`
	Language string `json:"language,omitempty"` // from /Lang or XMP dc:language
	Year     int    `json:"year,omitempty"`     // from CreationDate
	// Heading is the largest-font line of the first page with text: a better
	// title than Info's when that looks like a template or a file name.
	Heading   string `json:"heading,omitempty"`
	Encrypted bool   `json:"encrypted,omitempty"`
}

// Result is what Extract found. Outcome is always set; Reason says why when
// the outcome is not ok.
type Result struct {
	Pages   []Page `json:"pages"`
	Info    Info   `json:"info"`
	Outcome string `json:"outcome"`
	Reason  string `json:"reason,omitempty"`
}

// Extract reads the PDF at path. It never panics; a file it cannot read gives
// a Result with an outcome and a reason. It honours ctx between pages and
// within long pages.
func Extract(ctx context.Context, path string) (res *Result) {
	defer func() {
		if p := recover(); p != nil {
			res = &Result{Outcome: OutcomeBroken, Reason: fmt.Sprintf("parser panic: %v", p)}
		}
	}()
	r, f, err := openReader(ctx, path)
	if err != nil {
		return &Result{Outcome: openOutcome(err), Reason: err.Error()}
	}
	defer f.Close()
	return extractReader(ctx, r)
}

func openOutcome(err error) string {
	if errors.Is(err, ErrEncrypted) {
		return OutcomeEncrypted
	}
	return OutcomeBroken
}

// extractReader extracts every page of an open document.
func extractReader(ctx context.Context, r *pdf.Reader) *Result {
	res := &Result{}
	func() {
		defer func() { recover() }() // metadata is optional
		res.Info = readInfo(r)
	}()
	var pages []pageRef
	var labels []labelRange
	func() {
		defer func() {
			if p := recover(); p != nil {
				res.Reason = fmt.Sprintf("page tree: %v", p)
			}
		}()
		pages = collectPages(r)
		labels = readPageLabels(r.Trailer().Key("Root"))
	}()
	if len(pages) == 0 {
		res.Outcome = OutcomeBroken
		if res.Reason == "" {
			res.Reason = "no pages found"
		}
		return res
	}
	doc := newDocState()
	var layouts []pageLayout
	var margins [][]string
	var pics []pagePictures
	var boxes [][4]float64
	total := 0
	for i, pg := range pages {
		if err := ctx.Err(); err != nil {
			res.Outcome = OutcomeBroken
			res.Reason = fmt.Sprintf("stopped at page %d: %v", i+1, err)
			return res
		}
		p := Page{Number: i + 1, Label: safeLabel(labels, i), Source: SourceGlyphs}
		lay, pp, err := doc.page(ctx, pg)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			res.Outcome = OutcomeBroken
			res.Reason = fmt.Sprintf("stopped at page %d: %v", i+1, err)
			return res
		}
		if err != nil {
			p.Error = err.Error()
		}
		if total < maxDocText {
			p.Text = lay.text(min(maxPageText, maxDocText-total))
			total += len(p.Text)
		} else if p.Error == "" {
			p.Error = "document text limit reached"
		}
		res.Pages = append(res.Pages, p)
		pics = append(pics, pp)
		boxes = append(boxes, pg.box)
		layouts = append(layouts, lay)
		margins = append(margins, marginLines(&lay))
	}
	markRunning(res.Pages, margins)
	for i := range res.Pages {
		p := &res.Pages[i]
		if p.Error == "" {
			p.OCRReason = ocrReason(p.Text, p.Running, &pics[i], boxes[i])
			p.NeedsOCR = p.OCRReason != ""
		}
	}
	for i := range res.Pages {
		if strings.TrimSpace(res.Pages[i].Text) != "" {
			res.Info.Heading = heading(&layouts[i], res.Pages[i].Running)
			break
		}
	}
	res.Outcome = OutcomeNoText
	for _, p := range res.Pages {
		if strings.TrimSpace(p.Text) != "" {
			res.Outcome = OutcomeOK
			break
		}
	}
	if res.Outcome == OutcomeNoText {
		res.Reason = "no page has a text layer (needs OCR)"
	}
	return res
}

func safeLabel(labels []labelRange, i int) (s string) {
	defer func() {
		if recover() != nil {
			s = fmt.Sprint(i + 1)
		}
	}()
	return pageLabel(labels, i)
}

// page interprets one page and lays out its text. A fault inside the page
// keeps the glyphs found before it and is returned as the error.
func (d *docState) page(ctx context.Context, pg pageRef) (lay pageLayout, pics pagePictures, err error) {
	r := &runner{ctx: ctx, doc: d, box: pg.box, glyphs: d.glyphBuf[:0]}
	defer func() { d.glyphBuf = r.glyphs[:0] }()
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("content: %v", p)
			}
		}()
		data := readContents(pg.v.Key("Contents"), maxStreamBytes)
		r.run(data, pg.res, gstate{ctm: identity, scale: 1})
		if r.stop == nil {
			r.runAnnotations(pg.v, pg.res)
		}
	}()
	if err == nil && r.stop != nil {
		err = r.stop
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("layout: %v", p)
				lay = pageLayout{box: pg.box}
			}
		}()
		lay = layoutPage(r.glyphs, pg.box)
	}()
	return lay, r.pics, err
}
