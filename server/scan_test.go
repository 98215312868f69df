package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"handbooks/search"
)

// TestScannedPages: a page whose text was read by OCR says so in the API
// ("source": "ocr" with the confidence) and on the web page ("text from a
// scan"), in passages and on the page's text; a digital page says nothing.
func TestScannedPages(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := search.OpenStore(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	up, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	doc := search.Document{ID: "annual-2004", Title: "Annual report 2004", Language: "en", Outcome: "indexed", PageCount: 2,
		Types: []string{}, Regions: []string{}, Countries: []string{}, Tags: []string{}, Publishers: []string{},
		Pages: []search.Page{
			{Number: 1, Label: "1", Text: "Shelters for victims of trafficking opened in three towns.", Source: "glyphs"},
			{Number: 2, Label: "2", Text: "Model house rules for shelters, as scanned.", Source: search.SourceOCR, Confidence: 87.5},
		}}
	if err := up.Put(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if err := up.Commit(ctx, search.RunInfo{Documents: 1, Pages: 2}, nil); err != nil {
		t.Fatal(err)
	}
	x, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	s, err := New(Config{Searcher: x, Library: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	get := func(path string) string {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	var res struct {
		Hits []struct {
			Pages []map[string]any `json:"pages"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(get("/api/search?q=shelters")), &res); err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %+v", err, res)
	}
	for _, p := range res.Hits[0].Pages {
		switch p["page"] {
		case 2.0:
			if p["source"] != "ocr" || p["confidence"] != 87.5 {
				t.Errorf("scanned page: %v", p)
			}
		default:
			if _, ok := p["source"]; ok {
				t.Errorf("digital page: %v", p)
			}
		}
	}
	var pt map[string]any
	json.Unmarshal([]byte(get("/api/documents/annual-2004/pages/2")), &pt)
	if pt["source"] != "ocr" || pt["confidence"] != 87.5 {
		t.Errorf("page 2: %v", pt)
	}
	if html := get("/?q=model+house+rules"); strings.Count(html, "text from a scan") != 1 {
		t.Errorf("results page does not mark the scanned page once:\n%s", html)
	}
	if html := get("/documents/annual-2004/pages/2"); !strings.Contains(html, "text from a scan") {
		t.Error("page text does not say it comes from a scan")
	}
	if html := get("/documents/annual-2004/pages/1"); strings.Contains(html, "text from a scan") {
		t.Error("digital page said to come from a scan")
	}
}
