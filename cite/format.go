package cite

import (
	"fmt"
	"io"
	"strings"
)

// Format is an export format.
type Format string

// The export formats.
const (
	RIS     Format = "ris"
	BibTeX  Format = "bibtex"
	CSLJSON Format = "csljson"
	CSV     Format = "csv"
)

// Formats lists the export formats, in the order they are offered.
var Formats = []Format{RIS, BibTeX, CSLJSON, CSV}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q; give one of %s", s, strings.Join(names, ", "))
}

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case RIS:
		return "application/x-research-info-systems"
	case BibTeX:
		return "application/x-bibtex"
	case CSLJSON:
		return "application/vnd.citationstyles.csl+json"
	case CSV:
		return "text/csv; charset=utf-8"
	}
	return "application/octet-stream"
}

// Ext is the file name extension of the format, with its dot.
func (f Format) Ext() string {
	switch f {
	case RIS:
		return ".ris"
	case BibTeX:
		return ".bib"
	case CSLJSON:
		return ".json"
	case CSV:
		return ".csv"
	}
	return ""
}

// Writer writes records in one format. Close ends the output (a JSON array
// needs its closing bracket); it does not close the underlying writer.
type Writer interface {
	Write(Record) error
	Close() error
}

// NewWriter returns a Writer of format f on w.
func NewWriter(f Format, w io.Writer) Writer {
	switch f {
	case BibTeX:
		return newBibTeXWriter(w)
	case CSLJSON:
		return newCSLWriter(w)
	case CSV:
		return newCSVWriter(w)
	}
	return newRISWriter(w)
}
