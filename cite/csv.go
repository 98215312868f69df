package cite

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the columns of a CSV export.
var csvHeader = []string{"id", "title", "publisher", "year", "edition", "language", "types",
	"regions", "countries", "tags", "pages", "url", "source_url", "pdf_url", "citation"}

// csvWriter writes one row per record after a header row (RFC 4180: CRLF,
// quoted where needed). Lists are joined with "; ". A cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
// is prefixed with an apostrophe.
type csvWriter struct {
	w      *csv.Writer
	header bool
}

func newCSVWriter(w io.Writer) *csvWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{w: cw}
}

func (cw *csvWriter) Write(r Record) error {
	if err := cw.writeHeader(); err != nil {
		return err
	}
	year := ""
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	pages := make([]string, len(r.Pages))
	for i, p := range r.Pages {
		pages[i] = p.String()
	}
	row := []string{r.ID, oneLine(r.Title), list(r.Publishers), year, oneLine(r.Edition), r.Language,
		list(r.Types), list(r.Regions), list(r.Countries), list(r.Tags), strings.Join(pages, "; "),
		r.Link, r.SourceURL, r.FileURL, Reference(r, nil)}
	for i, v := range row {
		row[i] = defuse(v)
	}
	if err := cw.w.Write(row); err != nil {
		return err
	}
	cw.w.Flush()
	return cw.w.Error()
}

func (cw *csvWriter) writeHeader() error {
	if cw.header {
		return nil
	}
	cw.header = true
	return cw.w.Write(csvHeader)
}

func (cw *csvWriter) Close() error {
	if err := cw.writeHeader(); err != nil {
		return err
	}
	cw.w.Flush()
	return cw.w.Error()
}

func list(vs []string) string { return strings.Join(cleanList(vs), "; ") }

// defuse keeps a spreadsheet from reading a cell as a formula.
func defuse(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
