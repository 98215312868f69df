package server

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbooks/indexer"
	"handbooks/search"
)

// indexLibrary indexes a library folder (relative to the repository root)
// with the real indexer into a temporary folder and opens it. It skips the
// test when the folder is absent.
func indexLibrary(t *testing.T, rel string) (lib string, x *search.Index) {
	t.Helper()
	lib, err := filepath.Abs(filepath.Join("..", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(lib, "catalog.csv")); err != nil {
		t.Skipf("no library at %s: %v", lib, err)
	}
	dir := t.TempDir()
	_, err = indexer.Run(context.Background(), indexer.Config{
		Library: lib, Index: dir, Workers: 2, Timeout: 60 * time.Second,
		NoOCR: true, // pages must not depend on whether Tesseract is installed
	})
	if err != nil {
		t.Fatalf("index %s: %v", lib, err)
	}
	x, err = search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return lib, x
}

// TestBrowserSampleLibrary uses the page over the real index of the sample
// library: the page about the duty to notify in the newest toolkit is found
// in three actions (search, sort by newest, open the page).
func TestBrowserSampleLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the sample library")
	}
	if chromiumPath() == "" {
		t.Skip("browser tests skipped: no Chromium found (install Debian's chromium package, or set CHROMIUM to a Chromium binary)")
	}
	lib, x := indexLibrary(t, "testdata/library")
	s, err := New(Config{Searcher: x, Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s)
	b.open("/")
	b.axe("sample library: home page")

	// 1. Search.
	b.do("type", chromedp.Click(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "duty to notify"))
	b.load("search", 200, chromedp.KeyEvent(kb.Enter))
	if got := b.path(); got != "/?q=duty+to+notify" {
		t.Errorf("after searching: %s", got)
	}
	if n := len(b.resultTitles()); n == 0 {
		t.Fatal("no results for duty to notify")
	}
	b.screenshot("sample-results.png")
	b.axe("sample library: results")

	// 2. Newest first.
	b.load("sort", 200, chromedp.Evaluate[chromedp.Void](`(s => { s.value = 'newest';
		s.dispatchEvent(new Event('change', {bubbles: true})) })(document.getElementById('sort'))`))
	if got := b.path(); got != "/?q=duty+to+notify&sort=newest" {
		t.Errorf("after sorting: %s", got)
	}

	// 3. The newest toolkit's card links its page 4, "3. Duty to notify",
	// which opens in the viewer with the words marked.
	want := "/documents/ho-frt-2025/pages/4/view?q=duty+to+notify"
	links := eval[[]string](b, `[...document.querySelectorAll('a.pg')].map(a => a.getAttribute('href'))`)
	if !slices.Contains(links, want) {
		t.Fatalf("no link to %s among %q (results %q)", want, links, b.resultTitles())
	}
	b.load("open the page", 200, chromedp.Click(chromedp.CSS(`a.pg[href="`+want+`"]`)))
	if v := b.waitViewer(); b.path() != want || v.Page != "4" || v.SelectedPage != "4" {
		t.Errorf("opened %s: %+v, want %s at page 4 with a match selected", b.path(), v, want)
	}
	b.noConsoleErrors("sample library search")

	// The document page, search inside it, and the page's text.
	b.open("/documents/ho-frt-2025?q=duty+to+notify")
	if got := b.text("#count"); !strings.Contains(got, "contain “duty to notify”") {
		t.Errorf("search inside: %q", got)
	}
	b.axe("sample library: document page")
	b.open("/documents/ho-frt-2025/pages/4?q=duty+to+notify")
	if got := eval[int](b, `document.querySelectorAll('.text mark').length`); got == 0 {
		t.Error("page 4 has no marked words")
	}
	b.axe("sample library: page text")
	b.noConsoleErrors("sample library document")

	if *updateScreenshot {
		b.open("/?q=duty+to+notify")
		png := b.screenshot("screenshot.png")
		docs := filepath.Join("..", "docs")
		if err := os.MkdirAll(docs, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(docs, "screenshot.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserDomainCorpus does the same over the real Home Office documents
// of ../shared/corpus/domain, when they are there: search, newest first, and
// the newest toolkit's page about the duty to notify opens in the PDF.
func TestBrowserDomainCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the domain corpus")
	}
	if chromiumPath() == "" {
		t.Skip("browser tests skipped: no Chromium found (install Debian's chromium package, or set CHROMIUM to a Chromium binary)")
	}
	lib, x := indexLibrary(t, "../shared/corpus/domain")
	s, err := New(Config{Searcher: x, Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s)
	b.open("/")
	b.do("type", chromedp.Click(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "duty to notify"))
	b.load("search", 200, chromedp.KeyEvent(kb.Enter))
	b.load("sort", 200, chromedp.Evaluate[chromedp.Void](`(s => { s.value = 'newest';
		s.dispatchEvent(new Event('change', {bubbles: true})) })(document.getElementById('sort'))`))
	if got := b.path(); got != "/?q=duty+to+notify&sort=newest" {
		t.Errorf("after sorting: %s", got)
	}
	// The first toolkit card is the newest edition; its first page link
	// is a page with the phrase, opened in the viewer.
	type card struct {
		Title, Meta, Href string
	}
	c := eval[card](b, `(h => h && {Title: h.querySelector('.hit-title').textContent, Meta: h.querySelector('.meta').textContent,
		Href: (h.querySelector('a.pg') || {getAttribute: () => ''}).getAttribute('href')})(
		[...document.querySelectorAll('.hit')].find(h => /First Responder Toolkit/.test(h.textContent)))`)
	m := regexp.MustCompile(`/pages/(\d+)/view\?q=duty\+to\+notify$`).FindStringSubmatch(c.Href)
	if !strings.Contains(c.Meta, "2026") || m == nil {
		t.Fatalf("first toolkit card: %+v", c)
	}
	b.screenshot("domain-results.png")
	b.load("open the page", 200, chromedp.Click(chromedp.CSS(`a.pg[href="`+c.Href+`"]`)))
	if v := b.waitViewer(); b.path() != c.Href || v.Page != m[1] || v.SelectedPage != m[1] {
		t.Errorf("opened %s: %+v, want %s at page %s with a match selected", b.path(), v, c.Href, m[1])
	}
	b.screenshot("domain-viewer.png")
	b.noConsoleErrors("domain corpus")
	// The page the link opens holds the phrase.
	textURL := strings.TrimSuffix(c.Href, "/view?q=duty+to+notify")
	b.open(textURL)
	if got := strings.ToLower(b.text(".text")); !strings.Contains(strings.Join(strings.Fields(got), " "), "duty to notify") {
		t.Errorf("%s does not say duty to notify", textURL)
	}
}
