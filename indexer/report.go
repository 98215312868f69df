package indexer

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Outcomes of a file in a run, as written in the report.
const (
	OutcomeIndexed      = "indexed"      // text extracted and indexed with its catalog row
	OutcomeUncatalogued = "uncatalogued" // indexed, metadata taken from the PDF itself
	OutcomeUnchanged    = "unchanged"    // same bytes and catalog row as in the live index
	OutcomeNoText       = "no_text"      // indexed by its metadata only: no page has a text layer
	OutcomeEncrypted    = "encrypted"    // indexed by its metadata only: needs a password
	OutcomeBroken       = "broken"       // indexed by its metadata only: could not be read
	OutcomeDeleted      = "deleted"      // gone from the library, removed from the index
	OutcomeRefused      = "refused"      // not indexed: e.g. a symbolic link leading outside the library
)

// Report says what a run did with every file of the library.
type Report struct {
	Library     string         `json:"library"`
	Index       string         `json:"index"`
	Full        bool           `json:"full"`
	Started     time.Time      `json:"started"`
	Seconds     float64        `json:"seconds"`
	Committed   bool           `json:"committed"` // a new index generation went live
	Interrupted bool           `json:"interrupted,omitempty"`
	Documents   int            `json:"documents"` // in the index after the run
	Pages       int            `json:"pages"`     // pages with text extracted in this run
	Counts      map[string]int `json:"counts"`    // files per outcome
	Files       []FileReport   `json:"files"`
	Problems    []Problem      `json:"problems"` // catalog and library problems, with file:line
	OCR         *OCRReport     `json:"ocr,omitempty"`
}

// FileReport is what happened to one file.
type FileReport struct {
	Path       string `json:"path"` // relative to the library
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason,omitempty"`
	Pages      int    `json:"pages"`
	ID         string `json:"id,omitempty"`
	Catalogued bool   `json:"catalogued"`
	// Extraction is the extraction outcome behind an unchanged document
	// (ok, no_text, encrypted, broken).
	Extraction string `json:"extraction,omitempty"`
	Cached     bool   `json:"cached,omitempty"` // text taken from the extraction cache
	// NeedsOCR lists the pages (from 1) that have no text layer: scanned
	// images whose text only OCR could recover.
	NeedsOCR []int `json:"needs_ocr,omitempty"`
	// PageErrors says why some pages' text is missing or partial.
	PageErrors []string `json:"page_errors,omitempty"`
	// OCRPages lists the pages whose text was read from their picture by
	// OCR; LowConfidence those of them read with low confidence.
	OCRPages      []int `json:"ocr_pages,omitempty"`
	LowConfidence []int `json:"low_confidence,omitempty"`
}

func (r *Report) add(f FileReport) {
	r.Files = append(r.Files, f)
	r.Counts[f.Outcome]++
}

func (r *Report) finish() {
	slices.SortFunc(r.Files, func(a, b FileReport) int { return strings.Compare(a.Path, b.Path) })
	slices.SortStableFunc(r.Problems, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	r.Seconds = time.Since(r.Started).Seconds()
}

// WriteJSON writes the report to path atomically.
func (r *Report) WriteJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// outcomeOrder is the order in which the summary lists outcomes.
var outcomeOrder = []string{OutcomeIndexed, OutcomeUncatalogued, OutcomeUnchanged, OutcomeNoText,
	OutcomeEncrypted, OutcomeBroken, OutcomeDeleted, OutcomeRefused}

// WriteSummary prints the report for people: counts, then every file that
// needs attention, then the catalog problems.
func (r *Report) WriteSummary(w io.Writer) {
	state := "index updated"
	switch {
	case r.Interrupted:
		state = "interrupted: the index was left as it was"
	case !r.Committed:
		state = "nothing changed"
	}
	fmt.Fprintf(w, "%s → %s: %d files in %.1fs, %s; %d documents in the index\n",
		r.Library, r.Index, len(r.Files), r.Seconds, state, r.Documents)
	var parts []string
	for _, o := range outcomeOrder {
		if n := r.Counts[o]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", o, n))
		}
	}
	for o, n := range r.Counts {
		if !slices.Contains(outcomeOrder, o) && n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", o, n))
		}
	}
	fmt.Fprintf(w, "  %s; %d pages extracted\n", strings.Join(parts, ", "), r.Pages)
	if s := r.OCR.summary(); s != "" {
		fmt.Fprintf(w, "  %s\n", s)
	}
	var attention []FileReport
	for _, f := range r.Files {
		switch f.Outcome {
		case OutcomeNoText, OutcomeEncrypted, OutcomeBroken, OutcomeRefused:
			attention = append(attention, f)
		}
	}
	if len(attention) > 0 {
		fmt.Fprintf(w, "files indexed without text or refused (%d):\n", len(attention))
		for _, f := range attention {
			fmt.Fprintf(w, "  %-9s %s: %s\n", f.Outcome, f.Path, oneLine(f.Reason, 160))
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "catalog and library problems (%d):\n", len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
}

// oneLine flattens s to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}
