package indexer

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"
)

// The catalog parsers take whatever a resource centre's spreadsheet or
// script wrote. On any input they return rows and problems without
// panicking, every problem and row points at a line of the file, and every
// value they keep is valid UTF-8 without control characters.
// The seed corpus is testdata/fuzz/FuzzCatalog; run it longer with
//
//	go test -run='^$' -fuzz=FuzzCatalog -fuzztime=3m ./indexer
func FuzzCatalog(f *testing.F) {
	if b, err := os.ReadFile("../testdata/library/catalog.csv"); err == nil {
		f.Add(b)
	}
	if b, err := os.ReadFile("../testdata/library/legal/non-punishment-principle-guidance.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("file;title;types;year\na.pdf;\"Un \"\"guide\"\"\";Handbook; Toolkit;2019\n"))
	f.Add([]byte("\xef\xbb\xbffile\ttitle\n\"unterminated\tx\n"))
	f.Add([]byte(`[{"file":"a.pdf","tags":["x","y"],"year":2020},3,{"file":`))
	f.Add([]byte(`{"title":"\u0000bad","countries":"Mali; Niger","year":"20x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		check := func(kind string, rows []*row, probs []Problem) {
			for _, p := range probs {
				if p.Line < 0 || p.Line > lines {
					t.Errorf("%s: problem at line %d of a %d-line file: %v", kind, p.Line, lines, p)
				}
				if !utf8.ValidString(p.Message) {
					t.Errorf("%s: problem message is not UTF-8: %q", kind, p.Message)
				}
			}
			for _, r := range rows {
				if r == nil {
					t.Fatalf("%s: nil row", kind)
				}
				if r.pos.line < 0 || r.pos.line > lines {
					t.Errorf("%s: row at line %d of a %d-line file", kind, r.pos.line, lines)
				}
				for name, fl := range r.fields {
					if _, ok := catalogFields[name]; !ok {
						t.Errorf("%s: unknown field %q kept", kind, name)
					}
					for _, v := range fl.values {
						if !utf8.ValidString(v) {
							t.Errorf("%s: field %s keeps invalid UTF-8 %q", kind, name, v)
						}
						for _, c := range v {
							if c < 0x20 && c != '\t' {
								t.Errorf("%s: field %s keeps control character %U in %q", kind, name, c, v)
								break
							}
						}
					}
				}
			}
		}
		rows, probs := parseCSV("catalog.csv", data)
		check("csv", rows, probs)
		rows, probs = parseCatalogJSON("catalog.json", data)
		check("json", rows, probs)
		r, probs := parseSidecar("a.json", data)
		if r != nil {
			rows = []*row{r}
		} else {
			rows = nil
		}
		check("sidecar", rows, probs)
	})
}
