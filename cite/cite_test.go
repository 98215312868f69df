package cite

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// hard is a record whose text would break a careless writer: markup,
// TeX and CSV specials, quotes, accents, right-to-left text, emoji and a
// line break.
var hard = Record{
	ID:         "hard/1 é",
	Title:      `<Victims> & "survivors": 50% of #1 {cases} at $5 ~ ^ _ \ – Protección, Côte d’Ivoire, Straße, Łódź, ёлка, الاتجار بالبشر 🧭` + "\nsecond line",
	Publishers: []string{"Ministère de l'Intérieur", "ООН & UNODC"},
	Year:       2024,
	Edition:    "2nd edition, “revised”",
	Language:   "fr",
	Types:      []string{"Report"},
	Tags:       []string{"travail forcé", "=cmd|' /C calc'!A0"},
	Summary:    "Summary with a\ttab and a line\r\nbreak.",
	SourceURL:  "https://example.org/a b/{x}?q=1&r=%41#frag",
	Link:       "http://localhost/documents/hard%2F1%20%C3%A9",
	FileURL:    "http://localhost/documents/hard%2F1%20%C3%A9/file",
	Pages:      []Page{{Number: 8, Label: "5"}, {Number: 9}},
}

var plain = Record{ID: "ho-frt-2021", Title: "First Responder Toolkit", Publishers: []string{"Home Office"},
	Year: 2021, Language: "en", Types: []string{"Guidance", "Tools"}, Link: "http://h/documents/ho-frt-2021"}

func write(t *testing.T, f Format, recs ...Record) string {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(f, &b)
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReference(t *testing.T) {
	p := Page{Number: 8, Label: "5"}
	for _, tc := range []struct {
		name string
		r    Record
		page *Page
		want string
	}{
		{"document", plain, nil, "Home Office (2021). First Responder Toolkit. http://h/documents/ho-frt-2021"},
		{"page with printed label", plain, &p, "Home Office (2021). First Responder Toolkit. p. 5 (PDF p. 8). http://h/documents/ho-frt-2021"},
		{"same label", plain, &Page{Number: 3, Label: "3"}, "Home Office (2021). First Responder Toolkit. p. 3. http://h/documents/ho-frt-2021"},
		{"no label", plain, &Page{Number: 3}, "Home Office (2021). First Responder Toolkit. p. 3. http://h/documents/ho-frt-2021"},
		{"no publisher, no year, question", Record{Title: "Who is a victim?", SourceURL: "https://x"}, nil, "Who is a victim? (n.d.). https://x"},
		{"two publishers, edition", Record{Title: "Guide", Publishers: []string{"ILO", "IOM", "UNODC"}, Year: 2012, Edition: "2nd edition"}, nil, "ILO, IOM and UNODC (2012). Guide. 2nd edition."},
		{"edition named in the title", Record{Title: "Toolkit (2nd edition)", Year: 2025, Edition: "2nd Edition, September 2025"}, nil, "Toolkit (2nd edition). (2025). September 2025."},
		{"edition wholly in the title", Record{Title: "Toolkit, 2nd edition", Publishers: []string{"HO"}, Year: 2025, Edition: "2nd edition"}, nil, "HO (2025). Toolkit, 2nd edition."},
	} {
		if got := Reference(tc.r, tc.page); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
	if got := Reference(hard, nil); strings.ContainsAny(got, "\n\r\t") || !strings.Contains(got, "🧭 second line") {
		t.Errorf("hard reference not on one line or lost text: %q", got)
	}
}

func TestRISRoundTrip(t *testing.T) {
	out := write(t, RIS, hard, plain)
	recs, err := parseRIS(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	r := recs[0]
	want := map[string][]string{
		"TY": {"RPRT"},
		"TI": {oneLine(hard.Title)},
		"AU": {"Ministère de l'Intérieur,", "ООН & UNODC,"},
		"PY": {"2024"},
		"ET": {hard.Edition},
		"LA": {"fr"},
		"KW": hard.Tags,
		"AB": {"Summary with a tab and a line break."},
		"UR": {hard.SourceURL, hard.Link},
		"L1": {hard.FileURL},
		"ID": {hard.ID},
	}
	for tag, vs := range want {
		if strings.Join(r[tag], "\x00") != strings.Join(vs, "\x00") {
			t.Errorf("%s = %q, want %q", tag, r[tag], vs)
		}
	}
	if recs[1]["TY"][0] != "GEN" || recs[1]["UR"][0] != plain.Link {
		t.Errorf("plain record: %v", recs[1])
	}
}

func TestBibTeXRoundTrip(t *testing.T) {
	dup := plain
	out := write(t, BibTeX, hard, plain, dup)
	es, err := parseBibTeX(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(es) != 3 {
		t.Fatalf("%d entries, want 3", len(es))
	}
	e := es[0]
	if e.Type != "techreport" || e.Key != "hard_1__" {
		t.Errorf("entry %s{%s}", e.Type, e.Key)
	}
	text := func(field string) string {
		t.Helper()
		s, err := detex(e.Fields[field])
		if err != nil {
			t.Errorf("%s: %v", field, err)
		}
		return s
	}
	if got, want := text("title"), oneLine(hard.Title); got != want {
		t.Errorf("title:\n got %q\nwant %q", got, want)
	}
	if !strings.HasPrefix(e.Fields["title"], "{") || !strings.HasSuffix(e.Fields["title"], "}") {
		t.Errorf("title is not protected by braces: %s", e.Fields["title"])
	}
	if got := text("author"); got != "Ministère de l'Intérieur and ООН & UNODC" {
		t.Errorf("author %q", got)
	}
	if !strings.HasPrefix(e.Fields["author"], "{Minist") {
		t.Errorf("corporate author not braced: %s", e.Fields["author"])
	}
	for field, want := range map[string]string{"year": "2024", "edition": hard.Edition, "language": "fr",
		"keywords": "travail forcé, =cmd|' /C calc'!A0", "abstract": "Summary with a tab and a line break.",
		"institution": "Ministère de l'Intérieur; ООН & UNODC"} {
		if got := text(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if !strings.Contains(e.Fields["title"], `{\'{o}}`) || !strings.Contains(e.Fields["title"], `{\ss}`) || !strings.Contains(e.Fields["title"], "ёлка") {
		t.Errorf("accents not as TeX commands, or Cyrillic changed: %s", e.Fields["title"])
	}
	if got := e.Fields["url"]; got != "https://example.org/a%20b/%7Bx%7D?q=1&r=%41#frag" {
		t.Errorf("url %q", got)
	}
	if es[1].Key != "ho-frt-2021" || es[2].Key != "ho-frt-2021-2" {
		t.Errorf("keys %q, %q: want unique keys", es[1].Key, es[2].Key)
	}
}

func TestTeXEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"a & b":   `a \& b`,
		"100%":    `100\%`,
		"café":    `caf{\'{e}}`,
		"naïve":   `na{\"{\i}}ve`,
		"Ç":       `{\c{C}}`,
		"š":       `{\v{s}}`,
		"{x}":     `\{x\}`,
		`C:\path`: `C:\textbackslash{}path`,
		"한국어":     "한국어",
		"ё":       "ё",
	} {
		if got := tex(in); got != want {
			t.Errorf("tex(%q) = %q, want %q", in, got, want)
		}
		back, err := detex(tex(in))
		if err != nil || back != in {
			t.Errorf("detex(tex(%q)) = %q, %v", in, back, err)
		}
	}
}

func TestCSLJSONRoundTrip(t *testing.T) {
	out := write(t, CSLJSON, hard, plain)
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	for k, want := range map[string]any{"id": hard.ID, "type": "report", "title": oneLine(hard.Title),
		"publisher": "Ministère de l'Intérieur; ООН & UNODC", "edition": hard.Edition, "language": "fr",
		"URL": hard.SourceURL, "abstract": "Summary with a tab and a line break."} {
		if it[k] != want {
			t.Errorf("%s = %v, want %v", k, it[k], want)
		}
	}
	authors, _ := it["author"].([]any)
	if len(authors) != 2 || authors[1].(map[string]any)["literal"] != "ООН & UNODC" {
		t.Errorf("author %v", it["author"])
	}
	if d := it["issued"].(map[string]any)["date-parts"].([]any)[0].([]any)[0]; d != 2024.0 {
		t.Errorf("issued %v", it["issued"])
	}
	if items[1]["type"] != "document" {
		t.Errorf("plain type %v", items[1]["type"])
	}
	var empty []any
	if err := json.Unmarshal([]byte(write(t, CSLJSON)), &empty); err != nil || len(empty) != 0 {
		t.Errorf("empty export: %v %v", empty, err)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	out := write(t, CSV, hard, plain)
	if !strings.HasSuffix(out, "\r\n") {
		t.Error("rows do not end with CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("rows %q", rows)
	}
	col := func(row []string, name string) string {
		for i, h := range csvHeader {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	r := rows[1]
	for name, want := range map[string]string{
		"id": hard.ID, "title": oneLine(hard.Title), "publisher": "Ministère de l'Intérieur; ООН & UNODC",
		"tags": "travail forcé; =cmd|' /C calc'!A0", "pages": "p. 5 (PDF p. 8); p. 9", "source_url": hard.SourceURL,
		"citation": Reference(hard, nil),
	} {
		if got := col(r, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	formula := plain
	formula.Title = "=HYPERLINK(\"http://evil\")"
	rows, _ = csv.NewReader(strings.NewReader(write(t, CSV, formula))).ReadAll()
	if got := col(rows[1], "title"); got != "'"+formula.Title {
		t.Errorf("formula title %q not defused", got)
	}
	rows, _ = csv.NewReader(strings.NewReader(write(t, CSV))).ReadAll()
	if len(rows) != 1 {
		t.Errorf("empty export has %d rows, want the header", len(rows))
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if g, err := ParseFormat(string(f)); err != nil || g != f {
			t.Errorf("ParseFormat(%s) = %v, %v", f, g, err)
		}
	}
	if _, err := ParseFormat("endnote"); err == nil || !strings.Contains(err.Error(), "ris, bibtex, csljson, csv") {
		t.Errorf("ParseFormat(endnote): %v", err)
	}
}

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		types []string
		want  Kind
	}{
		{nil, Document}, {[]string{"Guidance"}, Document}, {[]string{"Handbook", "Training"}, Book},
		{[]string{"Toolkit", "Research report"}, Report},
	} {
		if got := KindOf(tc.types); got != tc.want {
			t.Errorf("KindOf(%v) = %v, want %v", tc.types, got, tc.want)
		}
	}
}
