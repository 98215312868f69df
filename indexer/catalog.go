package indexer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// A catalog describes the library's files, one row per file:
//
//	catalog.csv   a header line naming the columns, then one row per file;
//	              multi-valued cells separate their values with ";"
//	catalog.json  an array of objects with the same keys; a multi-valued
//	              key takes an array of strings or a ";"-separated string
//	NAME.json     beside NAME.pdf: one object whose keys override the
//	              catalog's, field by field
//
// The columns are those of catalogFields. A catalog may also sit in a
// sub-folder of the library; its "file" column is then relative to that
// folder.

// catalogFields are the known columns; true marks multi-valued ones.
var catalogFields = map[string]bool{
	"file": false, "id": false, "title": false, "types": true, "regions": true,
	"countries": true, "tags": true, "publisher": true, "year": false,
	"edition": false, "language": false, "summary": false, "url": false,
	"work": false, "translation_of": false,
}

// fieldAliases are other column names that spreadsheets use.
var fieldAliases = map[string]string{
	"filename": "file", "path": "file", "pdf": "file",
	"type": "types", "region": "regions", "country": "countries",
	"tag": "tags", "keywords": "tags", "topics": "tags", "topic": "tags",
	"publishers": "publisher", "organisation": "publisher", "organization": "publisher",
	"lang": "language", "abstract": "summary", "description": "summary",
	"link": "url", "source_url": "url", "translation": "translation_of",
	"translationof": "translation_of", "work_id": "work", "date": "year",
}

// Problem is something wrong in the library that did not stop the run: a
// catalog row, a sidecar, a file that was refused. Line is 0 when the
// problem concerns a whole file.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// pos is where a catalog value was written.
type pos struct {
	file string // slash path relative to the library root
	line int
}

func (p pos) problem(format string, args ...any) Problem {
	return Problem{File: p.file, Line: p.line, Message: fmt.Sprintf(format, args...)}
}

// field is one cell of a row with where it was written.
type field struct {
	values []string // one value for single-valued fields
	pos    pos
}

// row is one catalog row or sidecar, keyed by canonical field name.
type row struct {
	pos    pos
	fields map[string]field
}

func (r *row) get(name string) string {
	if f, ok := r.fields[name]; ok && len(f.values) > 0 {
		return f.values[0]
	}
	return ""
}

// canonicalField maps a column name to a known field ("" when unknown).
func canonicalField(name string) string {
	k := strings.ToLower(strings.TrimSpace(cleanText(name)))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if _, ok := catalogFields[k]; ok {
		return k
	}
	return fieldAliases[k]
}

// setField stores a cell, splitting multi-valued fields.
func (r *row) setField(name, value string, p pos) {
	var vals []string
	if catalogFields[name] {
		vals = splitMulti(value)
	} else if v := cleanText(value); v != "" {
		vals = []string{v}
	}
	r.fields[name] = field{values: vals, pos: p}
}

// parseCSV reads a catalog.csv. name is its path relative to the library.
// Problems are collected; nothing in the file stops the parse.
func parseCSV(name string, data []byte) ([]*row, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var probs []Problem
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffDelimiter(data)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []Problem{{File: name, Message: "empty catalog"}}
		}
		return nil, []Problem{{File: name, Line: 1, Message: "cannot read the header: " + err.Error()}}
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		c := canonicalField(h)
		hp := pos{name, 1}
		switch {
		case strings.TrimSpace(h) == "":
			probs = append(probs, hp.problem("column %d has no name (ignored)", i+1))
		case c == "":
			probs = append(probs, hp.problem("unknown column %q (ignored)", cleanText(h)))
		case seen[c]:
			probs = append(probs, hp.problem("column %q appears twice (the second is ignored)", cleanText(h)))
			c = ""
		}
		seen[c] = true
		cols[i] = c
	}
	if !seen["file"] {
		return nil, append(probs, pos{name, 1}.problem("no \"file\" column: rows cannot be matched to PDFs"))
	}
	var rows []*row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				probs = append(probs, pos{name, pe.StartLine}.problem("unreadable row: %v", pe.Err))
				continue
			}
			probs = append(probs, Problem{File: name, Message: err.Error()})
			break
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		p := pos{name, line}
		if len(rec) > len(cols) {
			probs = append(probs, p.problem("row has %d fields, the header %d: the extra ones are ignored", len(rec), len(cols)))
		}
		r := &row{pos: p, fields: map[string]field{}}
		for i, v := range rec {
			if i < len(cols) && cols[i] != "" {
				r.setField(cols[i], v, p)
			}
		}
		rows = append(rows, r)
	}
	return rows, probs
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// sniffDelimiter picks ",", ";" or tab from the header line: spreadsheets
// in many locales export ";"-separated files.
func sniffDelimiter(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(line, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

// parseCatalogJSON reads a catalog.json: an array of objects.
func parseCatalogJSON(name string, data []byte) ([]*row, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int { return lineOf(data, off) }
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return nil, []Problem{{File: name, Line: 1, Message: "not a JSON array of objects"}}
	}
	var rows []*row
	var probs []Problem
	for dec.More() {
		line := lineAt(dec.InputOffset())
		var obj map[string]json.RawMessage
		if err := dec.Decode(&obj); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				line = errorLine(data, se.Offset)
			}
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				probs = append(probs, pos{name, line}.problem("not an object (skipped)"))
				continue
			}
			return rows, append(probs, pos{name, line}.problem("invalid JSON, the rest of the file is ignored: %v", err))
		}
		r, pr := rowFromObject(obj, pos{name, line})
		probs = append(probs, pr...)
		rows = append(rows, r)
	}
	return rows, probs
}

// parseSidecar reads NAME.json beside NAME.pdf: one object.
func parseSidecar(name string, data []byte) (*row, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var obj map[string]json.RawMessage
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil {
		line := 1
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = errorLine(data, se.Offset)
		}
		return nil, []Problem{{File: name, Line: line, Message: fmt.Sprintf("not a JSON object (sidecar ignored): %v", err)}}
	}
	return rowFromObject(obj, pos{name, 1})
}

func rowFromObject(obj map[string]json.RawMessage, p pos) (*row, []Problem) {
	r := &row{pos: p, fields: map[string]field{}}
	var probs []Problem
	for k, raw := range obj {
		c := canonicalField(k)
		if c == "" {
			probs = append(probs, p.problem("unknown key %q (ignored)", k))
			continue
		}
		var v any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			continue
		}
		switch v := v.(type) {
		case nil:
			r.fields[c] = field{pos: p}
		case string:
			r.setField(c, v, p)
		case json.Number:
			r.setField(c, v.String(), p)
		case bool:
			r.setField(c, strconv.FormatBool(v), p)
		case []any:
			var vals []string
			for _, e := range v {
				switch e := e.(type) {
				case string:
					vals = append(vals, splitMulti(e)...)
				case json.Number:
					vals = append(vals, e.String())
				default:
					probs = append(probs, p.problem("key %q: only strings are allowed in the list", k))
				}
			}
			if !catalogFields[c] && len(vals) > 1 {
				probs = append(probs, p.problem("key %q takes one value, not a list: the first is used", k))
				vals = vals[:1]
			}
			r.fields[c] = field{values: vals, pos: p}
		default:
			probs = append(probs, p.problem("key %q: a string or a list of strings is expected", k))
		}
	}
	return r, probs
}

// lineOf is the 1-based line of byte offset off in data, skipping the
// separators before the value that starts there.
func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
		off++
	}
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// errorLine is the line of the byte a JSON syntax error stopped at.
func errorLine(data []byte, off int64) int {
	off = min(max(off-1, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// catalogFile resolves a row's "file" cell relative to the catalog's folder
// into a clean slash path relative to the library ("" when it leaves it).
func catalogFile(catalog, file string) string {
	file = strings.ReplaceAll(strings.TrimSpace(file), `\`, "/")
	file = strings.TrimPrefix(file, "./")
	if file == "" || path.IsAbs(file) {
		return ""
	}
	p := path.Join(path.Dir(catalog), file)
	if p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}
