package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
)

// A row is one line of catalog.csv, written exactly as given: the sample
// catalog keeps the small inconsistencies of real exports (aliases, stray
// spaces, a country without its region, mis-decoded punctuation) that the
// indexer normalises.
type row struct {
	ID, Title, Types, Regions, Countries, Tags, Publisher string
	Year, Edition, Language, Summary, URL, Work           string
}

var catalogHeader = []string{"file", "id", "title", "types", "regions", "countries", "tags",
	"publisher", "year", "edition", "language", "summary", "url", "work"}

// catalogCSV returns catalog.csv for the documents that have a row.
func catalogCSV(docs []*doc) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(catalogHeader); err != nil {
		return nil, err
	}
	for _, d := range docs {
		r := d.Row
		if r == nil {
			continue
		}
		rec := []string{d.File, r.ID, r.Title, r.Types, r.Regions, r.Countries, r.Tags,
			r.Publisher, r.Year, r.Edition, r.Language, r.Summary, r.URL, r.Work}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// sidecarJSON returns the NAME.json written beside d's PDF.
func sidecarJSON(d *doc) ([]byte, error) {
	b, err := json.MarshalIndent(d.Sidecar, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("%s sidecar: %w", d.File, err)
	}
	return append(b, '\n'), nil
}

// expectations returns the checks make.sh runs on the built PDFs, one per
// line, tab-separated: "pages FILE N", "text FILE PAGE PHRASE", "notext FILE PAGE".
func expectations(docs []*doc) []byte {
	var b strings.Builder
	for _, d := range docs {
		if d.Truncate {
			continue
		}
		fmt.Fprintf(&b, "pages\t%s\t%d\n", d.File, len(d.Pages))
		for _, f := range d.Facts {
			if f.Page == d.ScanPage {
				continue
			}
			fmt.Fprintf(&b, "text\t%s\t%d\t%s\n", d.File, f.Page, f.Phrase)
		}
		if d.ScanPage > 0 {
			fmt.Fprintf(&b, "notext\t%s\t%d\n", d.File, d.ScanPage)
		}
	}
	return []byte(b.String())
}

// checkFacts reports a fact whose phrase is not on its page as written.
func checkFacts(d *doc) error {
	for _, f := range d.Facts {
		if f.Page < 1 || f.Page > len(d.Pages) {
			return fmt.Errorf("%s: fact %q on page %d of %d", d.File, f.Phrase, f.Page, len(d.Pages))
		}
		if !strings.Contains(d.pageText(f.Page), f.Phrase) {
			return fmt.Errorf("%s: %q is not on page %d", d.File, f.Phrase, f.Page)
		}
	}
	return nil
}

// readmeTables returns the Markdown tables of README.md: one line per file,
// then one line per fact.
func readmeTables(docs []*doc) string {
	var b strings.Builder
	b.WriteString("| file | producer | language | pages | catalogued | special |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, d := range docs {
		prod := string(d.Producer)
		if d.ScanPage > 0 {
			prod += " + ghostscript (image page) + qpdf"
		}
		if d.Encrypt {
			prod += " + qpdf"
		}
		cat := "yes"
		switch {
		case d.Row == nil:
			cat = "no"
		case d.Sidecar != nil:
			cat = "yes + sidecar"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %d | %s | %s |\n", d.File, prod, d.Lang, len(d.Pages), cat, d.Special)
	}
	b.WriteString("\n| file | page (label) | phrase | what it shows |\n| --- | --- | --- | --- |\n")
	for _, d := range docs {
		for _, f := range d.Facts {
			pl := fmt.Sprint(f.Page)
			if l := d.label(f.Page); l != pl {
				pl += " (" + l + ")"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", d.File, pl, f.Phrase, f.Note)
		}
	}
	return b.String()
}
