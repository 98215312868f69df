package server

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"strings"
	"testing"
)

// TestCitationsOnPages checks what a reader sees to cite, share and follow:
// addresses and the strings that must appear in their HTML.
func TestCitationsOnPages(t *testing.T) {
	s := newIndexServer(t, datedDocs(), Limits{})
	hardCite := html.EscapeString(`Ministère & <Co> (2024). ` + hardTitle + `. 2nd edition.`)
	for _, tc := range []struct {
		target  string
		needles []string
	}{
		{"/?q=duty+notify&region=Africa", []string{
			// The feed of the search, in the head and as a link.
			`<link rel="alternate" type="application/atom+xml" title="New in the library: “duty notify”, Region: Africa" href="/feed?q=duty&#43;notify&amp;region=Africa">`,
			`<a class="feed" href="/feed?q=duty&#43;notify&amp;region=Africa" type="application/atom+xml">Follow this search`,
			// Exports of the list, and of each hit.
			`href="/api/export?format=ris&amp;q=duty&#43;notify&amp;region=Africa" download>RIS</a>`,
			`href="/api/export?format=csv&amp;q=duty&#43;notify&amp;region=Africa" download>CSV</a>`,
			`href="/api/export?format=bibtex&amp;id=hard" download>BibTeX</a>`,
			// The document's citation, shown and copied in one click.
			`<p class="citation">` + hardCite + ` https://example.org/hard?a=1&amp;b=2</p>`,
			`<button type="button" class="copy js-only" data-copy="` + hardCite + ` https://example.org/hard?a=1&amp;b=2">Copy citation</button>`,
			// Each matching page: its citation with the printed label, and
			// its link to the viewer (the PDF without JavaScript).
			`data-copy="` + hardCite + ` p. 2 (PDF p. 3). https://example.org/hard?a=1&amp;b=2">cite<span class="vh"> this page</span></button>`,
			`<a class="pg" data-viewer="/documents/hard/pages/3/view?q=duty&#43;notify" href="/documents/hard/file#page=3">`,
			`<link rel="search" type="application/opensearchdescription+xml" title="Handbook library" href="/opensearch.xml">`,
		}},
		{"/documents/toolkit?q=notify", []string{
			`<p class="citation">Home Office (2021). First Responder Toolkit. http://example.com/documents/toolkit</p>`,
			`data-copy="Home Office (2021). First Responder Toolkit. p. 2. http://example.com/documents/toolkit"`,
		}},
		{"/documents/hard/pages/3?q=notify", []string{
			`<p class="citation" id="citation">` + hardCite + ` p. 2 (PDF p. 3). https://example.org/hard?a=1&amp;b=2</p>`,
			`<a class="share" href="/documents/hard/pages/3/view?q=notify">Link to this page with the words marked</a>`,
			`<a class="button view" href="/documents/hard/pages/3/view?q=notify">Show it in the viewer with the words marked</a>`,
		}},
		{"/documents/hard/pages/3/view?q=notify", []string{
			`<a class="button" href="/documents/hard/file#page=3">Open the PDF at this page</a>`,
			`Marked: <mark>notify</mark>`,
			`data-pdf="/documents/hard/file" data-page="3" data-terms="[&#34;notify&#34;]"`,
			`<noscript><p class="problem">The page viewer needs JavaScript. <a href="/documents/hard/file#page=3">Open the PDF at page 3</a>`,
			`<p class="citation">` + hardCite + ` p. 2 (PDF p. 3). https://example.org/hard?a=1&amp;b=2</p>`,
			`<script type="module" src="/static/viewer.`,
			`data-worker="/static/pdfjs/pdf.worker.min.`,
		}},
		{"/documents/hard/pages/1/view?q=notify", []string{`data-terms="[]"`, `“notify” is not on this page.`}},
	} {
		w := fetchPage(s, tc.target)
		if w.Code != 200 {
			t.Errorf("%s: status %d", tc.target, w.Code)
			continue
		}
		body := w.Body.String()
		for _, n := range tc.needles {
			if !strings.Contains(body, n) {
				t.Errorf("%s: missing %s", tc.target, n)
			}
		}
	}
}

func TestViewerPage(t *testing.T) {
	s := newIndexServer(t, datedDocs(), Limits{})
	w := fetchPage(s, "/documents/hard/pages/3/view")
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "worker-src 'self'") || !strings.HasPrefix(csp, contentSecurityPolicy) {
		t.Errorf("viewer CSP %q", csp)
	}
	if csp := fetchPage(s, "/documents/hard/pages/3").Header().Get("Content-Security-Policy"); csp != contentSecurityPolicy {
		t.Errorf("other pages' CSP changed: %q", csp)
	}
	for _, target := range []string{"/documents/nope/pages/1/view", "/documents/hard/pages/9/view", "/documents/hard/pages/0/view", "/documents/hard/pages/x/view"} {
		if w := fetchPage(s, target); w.Code != 404 {
			t.Errorf("%s: %d, want 404", target, w.Code)
		}
	}
	for _, a := range []string{"pdfjs/pdf.min.mjs", "pdfjs/pdf.worker.min.mjs", "pdfjs/pdf_viewer.mjs", "viewer.js"} {
		w := fetchPage(s, assetURL(a))
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/javascript") {
			t.Errorf("%s: %d %q", a, w.Code, w.Header().Get("Content-Type"))
		}
	}
	// pdf.js is compressed on its first request, not at start.
	gz := fetchPage(s, assetURL("pdfjs/pdf.worker.min.mjs"), "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("pdf.js worker not compressed: %q", gz.Header().Get("Content-Encoding"))
	} else if zr, err := gzip.NewReader(gz.Body); err != nil {
		t.Error(err)
	} else if b, err := io.ReadAll(zr); err != nil || !bytes.Equal(b, assets["pdfjs/pdf.worker.min.mjs"].body) {
		t.Errorf("compressed worker does not decompress to the file: %v", err)
	}
	if w := fetchPage(s, "/static/pdfjs/images/loading-icon.gif"); w.Code != 200 {
		t.Errorf("pdf.js's loading icon: %d", w.Code)
	}
}

func TestMarkedTerms(t *testing.T) {
	for in, want := range map[string]string{
		"": "",
		"the <mark>Duty</mark> to <mark>notify</mark>; a <mark>duty</mark>": "Duty|notify",
		"<mark>R&amp;D</mark> and <mark>a\nb</mark>":                        "R&D|a b",
	} {
		if got := strings.Join(markedTerms(in), "|"); got != want {
			t.Errorf("markedTerms(%q) = %q, want %q", in, got, want)
		}
	}
}
