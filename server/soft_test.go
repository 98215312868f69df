package server

import (
	"encoding/json"
	"html"
	"strings"
	"testing"
)

// TestSoftMatchingShown: over the real index of the sample library, the
// words left out and the exclusions that empty a result are said in the
// API and on the page, with a link to search without them.
func TestSoftMatchingShown(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the sample library")
	}
	lib, x := indexLibrary(t, "testdata/library")
	s, err := New(Config{Searcher: x, Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	// "model house rules": the model house rules are only on a scanned
	// page; no document has all three words in its text.
	var res searchResponse
	w := fetchPage(s, "/api/search?q=model+house+rules")
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != 200 {
		t.Fatalf("status %d, %v: %s", w.Code, err, w.Body)
	}
	if res.Total == 0 || len(res.Relaxed) != 1 {
		t.Fatalf("total %d, relaxed %q; want results without one of the words", res.Total, res.Relaxed)
	}
	page := fetchPage(s, "/?q=model+house+rules").Body.String()
	if !strings.Contains(page, "No results with all words; showing results without: "+res.Relaxed[0]) {
		t.Errorf("results page does not say which word was left out")
	}

	// An exclusion that leaves nothing: the API names it, the page links
	// the search without it.
	w = fetchPage(s, "/api/search?q=DPIA+-assessment")
	res = searchResponse{}
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || len(res.Removals) != 1 || res.Removals[0].Term != "-assessment" || res.Removals[0].Query != "DPIA" || res.Removals[0].Total == 0 {
		t.Fatalf("total %d, removals %+v; want none, and -assessment to remove", res.Total, res.Removals)
	}
	page = html.UnescapeString(fetchPage(s, "/?q=DPIA+-assessment").Body.String())
	if !strings.Contains(page, "No results with -assessment.") || !strings.Contains(page, `href="/?q=DPIA">Search without -assessment</a>`) {
		t.Errorf("results page does not offer the search without the exclusion")
	}
}
