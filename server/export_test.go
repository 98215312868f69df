package server

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

var risTagLine = regexp.MustCompile(`^[A-Z][A-Z0-9]  - `)

// risRecords checks RIS line rules and returns each record's TI and ID.
func risRecords(t *testing.T, body string) (titles, ids []string) {
	t.Helper()
	in := false
	for i, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		switch {
		case l == "" && !in:
		case !risTagLine.MatchString(l) || strings.ContainsAny(l, "\r\n"):
			t.Fatalf("line %d %q breaks the RIS line rules", i+1, l)
		case strings.HasPrefix(l, "TY  - "):
			in = true
		case l == "ER  - ":
			in = false
		case strings.HasPrefix(l, "TI  - "):
			titles = append(titles, l[6:])
		case strings.HasPrefix(l, "ID  - "):
			ids = append(ids, l[6:])
		}
	}
	if in {
		t.Fatal("last RIS record has no ER")
	}
	return titles, ids
}

// exportIDs parses an export of format f and returns the ids in it, in order,
// and the title of the record with id "hard" when there is one.
func exportIDs(t *testing.T, f, body string) (ids []string, hard string) {
	t.Helper()
	switch f {
	case "ris":
		titles, ids := risRecords(t, body)
		for i, id := range ids {
			if id == "hard" {
				hard = titles[i]
			}
		}
		return ids, hard
	case "bibtex":
		for _, m := range regexp.MustCompile(`(?m)^@(\w+)\{([^,]+),$`).FindAllStringSubmatch(body, -1) {
			ids = append(ids, m[2])
		}
		if m := regexp.MustCompile(`(?s)@techreport\{hard,\n  title = \{\{(.*?)\}\},\n`).FindStringSubmatch(body); m != nil {
			hard = m[1]
		}
		return ids, hard
	case "csljson":
		var items []struct{ ID, Title string }
		if err := json.Unmarshal([]byte(body), &items); err != nil {
			t.Fatalf("CSL-JSON: %v", err)
		}
		for _, it := range items {
			ids = append(ids, it.ID)
			if it.ID == "hard" {
				hard = it.Title
			}
		}
		return ids, hard
	case "csv":
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(rows) == 0 || rows[0][0] != "id" {
			t.Fatalf("CSV: %v %q", err, rows)
		}
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
			if r[0] == "hard" {
				hard = r[1]
			}
		}
		return ids, hard
	}
	t.Fatalf("format %s", f)
	return nil, ""
}

func TestExportFormats(t *testing.T) {
	s := newIndexServer(t, citeDocs(), Limits{})
	types := map[string]string{"ris": "application/x-research-info-systems", "bibtex": "application/x-bibtex",
		"csljson": "application/vnd.citationstyles.csl+json", "csv": "text/csv"}
	for f, ctype := range types {
		t.Run(f, func(t *testing.T) {
			w := get(s, "GET", "/api/export?format="+f+"&q=duty+notify&sort=oldest")
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			mt, params, err := mime.ParseMediaType(w.Header().Get("Content-Type"))
			if err != nil || mt != ctype {
				t.Errorf("Content-Type %q, want %s", w.Header().Get("Content-Type"), ctype)
			}
			if f == "csv" && params["charset"] != "utf-8" {
				t.Errorf("CSV without charset=utf-8")
			}
			if d := w.Header().Get("Content-Disposition"); !strings.HasPrefix(d, "attachment") || !strings.Contains(d, "handbooks-search") {
				t.Errorf("Content-Disposition %q", d)
			}
			ids, hard := exportIDs(t, f, w.Body.String())
			if strings.Join(ids, ",") != "manual,toolkit,hard" {
				t.Errorf("ids %v, want the result order manual, toolkit, hard", ids)
			}
			switch f {
			case "bibtex":
				if !strings.Contains(hard, `\textless{}Victims\textgreater{} \& {"}survivors{"}: 50\% \{\#1\} \textbackslash{} Protecci{\'{o}}n`) ||
					!strings.Contains(hard, "الاتجار بالبشر 🧭") {
					t.Errorf("BibTeX title %q", hard)
				}
			default:
				if hard != hardTitle {
					t.Errorf("title %q, want %q", hard, hardTitle)
				}
			}
		})
	}
}

func TestExportDocument(t *testing.T) {
	s := newIndexServer(t, citeDocs(), Limits{})
	w := get(s, "GET", "/api/export?format=ris&id=hard")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	titles, ids := risRecords(t, w.Body.String())
	if len(ids) != 1 || ids[0] != "hard" || titles[0] != hardTitle {
		t.Errorf("ids %v titles %q", ids, titles)
	}
	body := w.Body.String()
	for _, want := range []string{"TY  - RPRT", "AU  - Ministère & <Co>,", "PY  - 2024", "UR  - https://example.org/hard?a=1&b=2",
		"UR  - http://example.com/documents/hard", "L1  - http://example.com/documents/hard/file"} {
		if !strings.Contains(body, want+"\r\n") {
			t.Errorf("no line %q in\n%s", want, body)
		}
	}
	if d := w.Header().Get("Content-Disposition"); d != `attachment; filename=hard.ris` {
		t.Errorf("Content-Disposition %q", d)
	}
	w = get(s, "HEAD", "/api/export?format=bibtex&id=toolkit")
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Type") != "application/x-bibtex" {
		t.Errorf("HEAD: %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	checkError(t, get(s, "GET", "/api/export?format=ris&id=nope"), http.StatusNotFound, codeNotFound, "")
}

func TestExportParameters(t *testing.T) {
	s := newIndexServer(t, citeDocs(), Limits{})
	for _, tc := range []struct {
		query       string
		status      int
		code, param string
	}{
		{"", 400, codeInvalidParameter, "format"},
		{"q=duty", 400, codeInvalidParameter, "format"},
		{"format=endnote", 400, codeInvalidParameter, "format"},
		{"format=ris&format=csv", 400, codeInvalidParameter, "format"},
		{"format=ris&id=hard&q=duty", 400, codeInvalidParameter, "q"},
		{"format=ris&id=", 400, codeInvalidParameter, "id"},
		{"format=ris&foo=1", 400, codeUnknownParameter, "foo"},
		{"format=ris&per_page=0", 400, codeInvalidParameter, "per_page"},
		{"format=ris&year_from=2020&year_to=2010", 400, codeInvalidParameter, "year_to"},
		{"format=csv&q=" + strings.Repeat("a", search.DefaultLimits().MaxQueryBytes+1), 400, codeLimitExceeded, "q"},
		{"format=csv&q=%2F.*%2F", 400, codeInvalidParameter, "q"},
	} {
		name := tc.query
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			checkError(t, get(s, "GET", "/api/export?"+tc.query), tc.status, tc.code, tc.param)
		})
	}
}

// TestExportLimit: beyond the limit a whole-list export is a 400 that says
// what to do, and a page of the list still exports.
func TestExportLimit(t *testing.T) {
	s := newIndexServer(t, manyDocs(5, "d", "Guidance"), Limits{MaxExport: 4})
	w := get(s, "GET", "/api/export?format=csv")
	checkError(t, w, http.StatusBadRequest, codeLimitExceeded, "")
	if !strings.Contains(w.Body.String(), "5 results") || !strings.Contains(w.Body.String(), "at most 4") {
		t.Errorf("message does not say the numbers: %s", w.Body)
	}
	w = get(s, "GET", "/api/export?format=csv&per_page=2&page=2")
	if ids, _ := exportIDs(t, "csv", w.Body.String()); w.Code != 200 || len(ids) != 2 {
		t.Errorf("one page: %d %v", w.Code, ids)
	}
	w = get(s, "GET", "/api/export?format=csv&type=Guidance&year_from=2001")
	if ids, _ := exportIDs(t, "csv", w.Body.String()); w.Code != 200 || len(ids) != 4 {
		t.Errorf("at the limit: %d %v", w.Code, ids)
	}
}

// TestExportPagesThroughResults: a list longer than a search page is
// exported whole, every document once, in the result order.
func TestExportPagesThroughResults(t *testing.T) {
	docs := manyDocs(250, "d", "Guidance")
	s := newIndexServer(t, docs, Limits{})
	w := get(s, "GET", "/api/export?format=csljson&sort=title")
	ids, _ := exportIDs(t, "csljson", w.Body.String())
	if w.Code != 200 || len(ids) != 250 {
		t.Fatalf("%d: %d records, want 250", w.Code, len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("%s exported twice", id)
		}
		seen[id] = true
	}
	// The same order as the search.
	w2 := get(s, "GET", "/api/search?sort=title&per_page=100")
	var res struct{ Hits []struct{ ID string } }
	json.Unmarshal(w2.Body.Bytes(), &res)
	for i, h := range res.Hits {
		if ids[i] != h.ID {
			t.Fatalf("record %d is %s, the search has %s", i, ids[i], h.ID)
		}
	}
}

// TestExportTenThousand exports 10,000 results (the documented limit) and
// refuses 10,001. It builds an index of 10,001 documents.
func TestExportTenThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 10,001 documents")
	}
	docs := append(manyDocs(DefaultMaxExport, "a", "Guidance"), manyDocs(1, "b", "Form")...)
	s := newIndexServer(t, docs, Limits{})
	checkError(t, get(s, "GET", "/api/export?format=ris"), http.StatusBadRequest, codeLimitExceeded, "")
	start := time.Now()
	w := get(s, "GET", "/api/export?format=ris&type=Guidance")
	took := time.Since(start)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	sc := bufio.NewScanner(strings.NewReader(w.Body.String()))
	n := 0
	for sc.Scan() {
		if sc.Text() == "ER  - " {
			n++
		}
	}
	if n != DefaultMaxExport {
		t.Errorf("%d records, want %d", n, DefaultMaxExport)
	}
	// The peer: the same 10,000 results paged through /api/search as JSON.
	start = time.Now()
	pages, hits := 0, 0
	for target := "/api/search?type=Guidance&per_page=100"; target != ""; pages++ {
		var res struct {
			Hits       []struct{ ID string }
			NextCursor *string `json:"next_cursor"`
		}
		if err := json.Unmarshal(get(s, "GET", target).Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		hits += len(res.Hits)
		target = ""
		if res.NextCursor != nil {
			target = "/api/search?type=Guidance&per_page=100&cursor=" + url.QueryEscape(*res.NextCursor)
		}
	}
	paged := time.Since(start)
	t.Logf("export of %d results as RIS: %d bytes in %v; the same %d results in %d /api/search pages: %v (ratio %.2f)",
		n, w.Body.Len(), took.Round(time.Millisecond), hits, pages, paged.Round(time.Millisecond), took.Seconds()/paged.Seconds())
}
