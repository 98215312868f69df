package server

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDocument(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	w := get(s, "GET", "/api/documents/guide")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["id"] != "guide" || doc["url"] != "/documents/guide/file" || doc["page_count"] != 3.0 || doc["outcome"] != "indexed" {
		t.Errorf("document %s", w.Body)
	}
	if _, ok := doc["pages"]; ok {
		t.Errorf("document carries its page text: %s", w.Body)
	}
	checkError(t, get(s, "GET", "/api/documents/nope"), 404, codeNotFound, "")
	checkError(t, get(s, "GET", "/api/documents/"+strings.Repeat("x", bounds.MaxValueBytes+1)), 400, codeLimitExceeded, "id")
	checkError(t, get(s, "GET", "/api/documents/%ff"), 400, codeInvalidParameter, "id")
	checkError(t, get(s, "GET", "/api/documents/guide?q=x"), 400, codeUnknownParameter, "q")
}

func TestPage(t *testing.T) {
	s := newTestServer(t, newFake(), "", Limits{})
	w := get(s, "GET", "/api/documents/guide/pages/2?q=duty")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	for _, needle := range []string{`"page":2`, `"label":"1"`, `"pages":3`, `<mark>duty</mark>`, `"url":"/documents/guide/file#page=2"`} {
		if !strings.Contains(w.Body.String(), needle) {
			t.Errorf("page lacks %s: %s", needle, w.Body)
		}
	}
	if w := get(s, "GET", "/api/documents/guide/pages/1"); w.Code != 200 || strings.Contains(w.Body.String(), `"html"`) {
		t.Errorf("page without q: %d %s", w.Code, w.Body)
	}
	tests := []struct {
		target      string
		status      int
		code, param string
	}{
		{"/api/documents/guide/pages/4", 404, codeNotFound, ""},
		{"/api/documents/nope/pages/1", 404, codeNotFound, ""},
		{"/api/documents/guide/pages/0", 400, codeInvalidParameter, "n"},
		{"/api/documents/guide/pages/-1", 400, codeInvalidParameter, "n"},
		{"/api/documents/guide/pages/two", 400, codeInvalidParameter, "n"},
		{"/api/documents/guide/pages/99999999999999", 400, codeInvalidParameter, "n"},
		{"/api/documents/guide/pages/1?q=%ff", 400, codeInvalidParameter, "q"},
		{"/api/documents/guide/pages/1?q=a&q=b", 400, codeInvalidParameter, "q"},
		{"/api/documents/guide/pages/1?q=" + strings.Repeat("a", bounds.MaxQueryBytes+1), 400, codeLimitExceeded, "q"},
		{"/api/documents/guide/pages/1?x=1", 400, codeUnknownParameter, "x"},
	}
	for _, tt := range tests {
		checkError(t, get(s, "GET", tt.target), tt.status, tt.code, tt.param)
	}
}
