package server

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"handbooks/search"
)

// newPagesServer returns a server over the fixture library.
func newPagesServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Searcher: fixtureIndex(t), Library: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func fetchPage(s *Server, target string, header ...string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	s.ServeHTTP(w, r)
	return w
}

// TestPagesNeedles checks what a reader sees at each address: strings that
// must appear, and strings that must not.
func TestPagesNeedles(t *testing.T) {
	tests := []struct {
		url    string
		status int
		want   []string
		not    []string
	}{
		{"/", 200, []string{
			"<h1>Find guidance on trafficking and modern slavery</h1>",
			`<form id="sf" class="search" action="/" method="get" role="search"`,
			`<label for="q">Search the handbooks</label>`,
			`name="type" value="Guidance" form="sf">`,
			`class="skip" href="#main"`,
			`<main id="main"`,
			`aria-live="polite">7 results (9 documents, counting editions and translations)</p>`,
		}, []string{"Clear all", `class="relax"`}},
		{"/?q=duty+to+notify", 200, []string{
			"<h1>Results for “duty to notify”</h1>",
			"2 results (3 documents, counting editions and translations) for “duty to notify”",
			`<a href="/documents/ho-frt-2025?q=duty&#43;to&#43;notify">First Responder Toolkit`,
			`href="/documents/ho-frt-2025/file#page=12">p. 12<span class="vh">, open the PDF at this page</span></a>`,
			"<mark>duty</mark> to <mark>notify</mark> is met by the online referral form", // "to" is a stop word
			`href="/documents/ho-frt-2025/pages/12?q=duty&#43;to&#43;notify"`,
			`Other editions: <a href="/documents/ho-frt-2021?q=duty&#43;to&#43;notify">1st edition, 2021, English</a>`,
			`<li class="badge b-type"><span class="vh">Type: </span>Guidance</li>`,
			`<li class="badge b-country"><span class="vh">Country: </span>United Kingdom</li>`,
			"Home Office<span class=\"sep\"> · </span>2025<span class=\"sep\"> · </span>2nd edition",
		}, []string{"ho-frt-2021/file#page=9"}},
		// Filters: checked boxes, chips that remove one value, clear all.
		{"/?q=labour&type=Handbook&lang=fr", 200, []string{
			`name="type" value="Handbook" form="sf" checked>`,
			`name="lang" value="fr" form="sf" checked><label for="f-lang-`,
			`>French <span class="n">`,
			`<a class="chip" href="/?lang=fr&amp;q=labour"><span class="vh">Remove filter </span>Type: Handbook`,
			`<a class="chip" href="/?q=labour&amp;type=Handbook"><span class="vh">Remove filter </span>Language: French`,
			`<a class="clear" href="/?q=labour">Clear all filters</a>`,
			"L&#39;inspection du travail",
		}, nil},
		// Countries nested under their region; sub-regions too.
		{"/?region=Europe", 200, []string{
			`value="Europe" form="sf" checked><label for="f-region-0">Europe`,
			`<ul><li><input type="checkbox" id="f-region-`,
			`name="country" value="United Kingdom"`,
		}, nil},
		// Few results: which filter to drop, with the documents it gives
		// (2 results: 3 documents, counting editions, as facets count).
		{"/?q=duty&region=Asia", 200, []string{
			"No document matches all your filters.",
			`<a href="/?q=duty">Remove Region: Asia</a> <span class="muted">(3 documents)</span>`,
		}, nil},
		// A misspelling the library does not have is searched as the word it does.
		{"/?q=notfy", 200, []string{`Also searched for: notify`, "<mark>notify</mark> the Home Office"}, nil},
		// Year range: chip and inputs.
		{"/?year_from=2020&year_to=2023", 200, []string{
			`Year: 2020–2023`, `id="year_from" name="year_from" type="number"`, `value="2020" placeholder="2009"`,
		}, []string{"Anti-Human Trafficking Manual"}},
		// A plain form submits empty fields; they mean "no filter".
		{"/?q=shelters&year_from=&year_to=&sort=relevance", 200, []string{"Minimum Standards for Shelters"}, nil},
		// Unknown parameters on a shared link are ignored, not an error.
		{"/?q=shelters&utm_source=newsletter", 200, []string{"Minimum Standards for Shelters"}, []string{"utm_source"}},
		// Mistakes are explained on the page, which stays usable.
		{"/?q=duty&year_from=abc", 400, []string{`role="alert"`, "The first year is not valid", `name="q" type="search" value="duty"`}, nil},
		{"/?sort=best", 400, []string{"The sort order is not valid"}, nil},
		// Paging.
		{"/?per_page=2", 200, []string{
			`<ol class="hits" start="1">`, `<a href="/?page=2&amp;per_page=2" rel="next">Next →</a>`, "Page 1 of 4",
			`<input type="hidden" name="per_page" value="2" form="sf">`,
		}, nil},
		{"/?per_page=2&page=3", 200, []string{`<ol class="hits" start="5">`, `rel="prev"`, `rel="next"`}, nil},
		{"/?sort=newest", 200, []string{`<option value="newest" selected>Newest first</option>`}, nil},
		// What the reader typed is text, never markup.
		{"/?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>alert"}},

		{"/documents/ho-frt-2025", 200, []string{
			`<h1 lang="en">First Responder Toolkit`,
			`<a class="button" href="/documents/ho-frt-2025/file">Open the PDF</a>`,
			`<h2 id="inside-h">Search inside this document</h2>`,
			`<a href="/?tag=duty&#43;to&#43;notify">duty to notify</a>`,
			`<a href="/?country=United&#43;Kingdom">United Kingdom</a>`,
			`<h2 id="editions-h">Other editions and translations</h2>`,
			`<a href="/documents/ho-frt-2021">First Responder Toolkit`,
			`href="https://www.example.gov.uk/frt-2025" rel="noreferrer noopener"`,
		}, []string{`id="count"`}},
		{"/documents/ho-frt-2025?q=notify", 200, []string{
			`2 pages contain “notify”.`,
			`href="/documents/ho-frt-2025/file#page=12"`,
			`href="/documents/ho-frt-2025/file#page=13"`,
			`href="/documents/ho-frt-2025/pages/12?q=notify"`,
			`value="notify"`,
		}, nil},
		{"/documents/ho-frt-2025?q=zebra", 200, []string{"No page of this document contains “zebra”."}, nil},
		{"/documents/no-such-doc", 404, []string{"<h1>Page not found</h1>"}, nil},
		{"/documents/ho-frt-2025/pages/12?q=notify", 200, []string{
			"<h1>First Responder Toolkit",
			": page 12</h1>",
			`<a class="button" href="/documents/ho-frt-2025/file#page=12">Open the PDF at this page</a>`,
			"have a duty to <mark>notify</mark> the Home Office",
			`<a href="/documents/ho-frt-2025/pages/11?q=notify" rel="prev">← Page 11</a>`,
			`<a href="/documents/ho-frt-2025/pages/13?q=notify" rel="next">Page 13 →</a>`,
			"Page 12 of 20",
		}, nil},
		{"/documents/ho-frt-2025/pages/1", 200, []string{"Page 1 of 20"}, []string{`rel="prev"`}},
		{"/documents/ho-frt-2025/pages/21", 404, []string{"Page not found"}, nil},
		{"/documents/ho-frt-2025/pages/x", 404, []string{"Page not found"}, nil},
	}
	s := newPagesServer(t)
	for _, tt := range tests {
		w := fetchPage(s, tt.url)
		body := w.Body.String()
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.url, w.Code, tt.status)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tt.url, ct)
		}
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s: missing %q", tt.url, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(body, s) {
				t.Errorf("%s: has %q", tt.url, s)
			}
		}
		if t.Failed() && testing.Verbose() {
			t.Logf("%s:\n%s", tt.url, body)
		}
	}
}

// TestPagesCSP checks that no page needs 'unsafe-inline': no inline script,
// style or event handler, and that the security headers are there.
func TestPagesCSP(t *testing.T) {
	s := newPagesServer(t)
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]|<script>|<style|\sstyle=|\son[a-z]+=|javascript:`)
	for _, u := range []string{"/", "/?q=duty+to+notify&region=Europe", "/?q=duty&region=Asia", "/documents/ho-frt-2025?q=notify",
		"/documents/ho-frt-2025/pages/12", "/documents/none", "/?year_from=x"} {
		w := fetchPage(s, u)
		if m := inline.FindString(w.Body.String()); m != "" {
			t.Errorf("%s: inline code %q", u, m)
		}
		if got := w.Header().Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") {
			t.Errorf("%s: CSP %q", u, got)
		}
	}
}

// TestPagesPageJump checks the form that opens a page by number.
func TestPagesPageJump(t *testing.T) {
	s := newPagesServer(t)
	w := fetchPage(s, "/documents/ho-frt-2025/pages?page=7&q=duty")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/documents/ho-frt-2025/pages/7?q=duty" {
		t.Errorf("jump: %d %q", w.Code, w.Header().Get("Location"))
	}
	if w := fetchPage(s, "/documents/ho-frt-2025/pages?page=0"); w.Code != http.StatusBadRequest {
		t.Errorf("jump to page 0: %d", w.Code)
	}
}

func TestPagesStatic(t *testing.T) {
	s := newPagesServer(t)
	home := fetchPage(s, "/").Body.String()
	for _, name := range []string{"style.css", "app.js", "icon.svg"} {
		u := assetURL(name)
		if !regexp.MustCompile(`^/static/[a-z]+\.[0-9a-f]{10}\.[a-z]+$`).MatchString(u) {
			t.Errorf("%s: URL %q has no content hash", name, u)
		}
		if !strings.Contains(home, `"`+u+`"`) {
			t.Errorf("home page does not link %s", u)
		}
		w := fetchPage(s, u)
		if w.Code != 200 || w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, Cache-Control %q", u, w.Code, w.Header().Get("Cache-Control"))
		}
		etag := w.Header().Get("ETag")
		if w := fetchPage(s, u, "If-None-Match", etag); w.Code != http.StatusNotModified {
			t.Errorf("%s with If-None-Match: %d", u, w.Code)
		}
		if w := fetchPage(s, "/static/"+name); w.Code != 200 || w.Header().Get("Cache-Control") != "public, no-cache" {
			t.Errorf("unhashed %s: %d %q", name, w.Code, w.Header().Get("Cache-Control"))
		}
	}
	css := fetchPage(s, assetURL("style.css"))
	gz := fetchPage(s, assetURL("style.css"), "Accept-Encoding", "gzip, br")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Body.Len() >= css.Body.Len() {
		t.Errorf("gzip: encoding %q, %d bytes for %d", gz.Header().Get("Content-Encoding"), gz.Body.Len(), css.Body.Len())
	}
	if w := fetchPage(s, "/static/nothing.js"); w.Code != 404 {
		t.Errorf("missing asset: %d", w.Code)
	}
	// Small on a slow connection: every asset together stays under 40 KB
	// (pdf.js, which only the viewer page loads, apart).
	total := 0
	for name, a := range assets {
		if !strings.HasPrefix(name, "pdfjs/") {
			total += len(a.body)
		}
	}
	if total > 40<<10 {
		t.Errorf("static assets are %d bytes", total)
	}
}

func TestSnippetHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the <mark>duty</mark> to notify", "the <mark>duty</mark> to notify"},
		{"a &lt;b&gt; &amp; <mark>c</mark>", "a &lt;b&gt; &amp; <mark>c</mark>"},
		{"<script>x</script> <mark>y</mark>", "&lt;script&gt;x&lt;/script&gt; y"},
		{`<mark onclick="x">y</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;y"},
	}
	for _, tt := range tests {
		if got := string(snippetHTML(tt.in)); got != tt.want {
			t.Errorf("snippetHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{"": false, "gzip": true, "br, gzip;q=0.5": true, "gzip;q=0": false, "gzip; q=0.0": false, "deflate": false, "*": false} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", h)
		if got := acceptsGzip(r); got != want {
			t.Errorf("acceptsGzip(%q) = %v", h, got)
		}
	}
}

// TestFacetItemsCase checks that a value chosen in the URL keeps its
// spelling when the index answers with another case, and is listed once.
func TestFacetItemsCase(t *testing.T) {
	st := newSearchState(map[string][]string{"region": {"Asia"}, "country": {"Nepal"}})
	gs := st.facetGroups(map[string][]search.Facet{
		"region":  {{Value: "Europe", Count: 2}, {Value: "asia", Count: 0, Selected: true}},
		"country": {{Value: "nepal", Count: 0, Selected: true, Parent: "asia"}},
	})
	if len(gs) != 1 || gs[0].Param != "region" {
		t.Fatalf("groups %+v", gs)
	}
	var got []string
	for _, it := range gs[0].Items {
		got = append(got, fmt.Sprintf("%s=%s %v", it.Param, it.Value, it.Selected))
		for _, c := range it.Children {
			got = append(got, fmt.Sprintf("  %s=%s %v", c.Param, c.Value, c.Selected))
		}
	}
	want := []string{"region=Europe false", "region=Asia true", "  country=Nepal true"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPagesGzip(t *testing.T) {
	s := newPagesServer(t)
	plain := fetchPage(s, "/?q=notify")
	gz := fetchPage(s, "/?q=notify", "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Body.Len()*3 > plain.Body.Len() {
		t.Fatalf("gzip: %q, %d bytes for %d", gz.Header().Get("Content-Encoding"), gz.Body.Len(), plain.Body.Len())
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil || string(b) != plain.Body.String() {
		t.Errorf("gzipped page differs from the plain one (%v)", err)
	}
	if plain.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("Vary %q", plain.Header().Get("Vary"))
	}
}
