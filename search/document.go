package search

import "time"

// Document is one handbook as the indexer hands it to the index: its catalog
// metadata (already normalised by the indexer) and the text of its pages.
// Its JSON is the form in which the index stores a document's metadata, not
// a wire format: the server builds its responses from it.
type Document struct {
	ID         string   `json:"id"`
	File       string   `json:"file"` // slash-separated path relative to the library root
	Title      string   `json:"title"`
	Types      []string `json:"types"`
	Regions    []string `json:"regions"` // already expanded: a sub-region implies its region
	Countries  []string `json:"countries"`
	Tags       []string `json:"tags"`
	Publishers []string `json:"publisher"`
	Year       int      `json:"year,omitempty"` // 0 when unknown
	Edition    string   `json:"edition,omitempty"`
	Language   string   `json:"language"` // ISO 639-1 code: en, fr, es, ru, ar, ...
	Summary    string   `json:"summary,omitempty"`
	URL        string   `json:"source_url,omitempty"` // publisher's address of the document
	// Work groups editions and translations of the same work; empty means the
	// document is a work of its own (its ID is used).
	Work string `json:"work,omitempty"`
	// Added is when the document entered the library: the indexer keeps
	// it across runs, so a re-index never makes an old document new.
	Added time.Time `json:"added,omitzero"`

	PageCount int    `json:"page_count"`
	Outcome   string `json:"outcome"` // extraction outcome: indexed, no_text, encrypted, broken, ...
	Reason    string `json:"reason,omitempty"`
	Pages     []Page `json:"-"`
}

// Page is one physical page of a document.
type Page struct {
	Number int    `json:"page"`  // physical page number, from 1, as a PDF viewer's #page=N
	Label  string `json:"label"` // printed page label ("iv", "12"); the number when the PDF has none
	Text   string `json:"text"`
	Source string `json:"source,omitempty"` // which extraction path produced the text
	// Confidence is the OCR engine's mean word confidence (0–100) for text
	// read from a scan (Source "ocr").
	Confidence float64 `json:"confidence,omitempty"`
}

// SourceOCR is the Page.Source of text read from a scan by OCR; only such
// pages have their source stored and shown.
const SourceOCR = "ocr"

// RunInfo summarises the indexing run that produced an index generation.
type RunInfo struct {
	Finished  time.Time      `json:"finished"`
	Documents int            `json:"documents"`
	Pages     int            `json:"pages"`
	Failures  int            `json:"failures"` // files that could not be extracted
	Outcomes  map[string]int `json:"outcomes"` // files per outcome
}
