package server

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"handbooks/internal/scanpdf"
	"handbooks/search"
)

var updateViewerScreenshot = flag.Bool("update-viewer-screenshot", false, "write the viewer's screenshot of a highlighted passage to docs/viewer.png")

// viewerState is what the viewer page says about itself.
type viewerState struct {
	State, Page, Matches string
	Marked               []string
	Selected             string // text of the selected highlight
	SelectedPage         string // its page's number
	InView               bool   // the selected highlight is inside the visible part of the viewer
}

// waitViewer waits until the viewer has opened its PDF and selected a
// match (or failed), and returns its state.
func (b *browser) waitViewer() viewerState {
	b.t.Helper()
	b.do("viewer ready", chromedp.WaitVisible(chromedp.CSS(`#viewer-root[data-state="ready"] .textLayer .highlight.selected, #viewer-root[data-state="failed"]`)))
	return eval[viewerState](b, `(() => {
		const root = document.getElementById('viewer-root');
		const sel = document.querySelector('.textLayer .highlight.selected');
		const c = document.getElementById('viewerContainer').getBoundingClientRect();
		const r = sel ? sel.getBoundingClientRect() : null;
		return {
			State: root.dataset.state || '', Page: root.dataset.currentPage || '', Matches: root.dataset.matches || '',
			Marked: [...document.querySelectorAll('.marked mark')].map(m => m.textContent),
			Selected: sel ? sel.textContent : '',
			SelectedPage: sel ? sel.closest('.page').dataset.pageNumber : '',
			InView: !!r && r.top >= c.top && r.bottom <= c.bottom && r.left >= c.left && r.right <= c.right,
		};
	})()`)
}

// TestBrowserViewer: over the real index of the sample library, a page
// link of a result opens the built-in viewer at that page with the query's
// words highlighted and the first match selected and in view, under the
// site's Content-Security-Policy and without any other origin; without
// JavaScript the link is the plain PDF.
func TestBrowserViewer(t *testing.T) {
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

	// The result's page link is the viewer's address, stable and readable.
	b.open("/?q=duty+to+notify&sort=newest")
	want := "/documents/ho-frt-2025/pages/4/view?q=duty+to+notify"
	links := eval[[]string](b, `[...document.querySelectorAll('a.pg')].map(a => a.getAttribute('href'))`)
	found := false
	for _, l := range links {
		found = found || l == want
	}
	if !found {
		t.Fatalf("no page link to %s among %q", want, links)
	}
	// A page's "cite" button copies its citation in one click.
	b.do("record the clipboard", chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); }`))
	b.do("cite", chromedp.Click(chromedp.CSS(`a.pg[href="`+want+`"] ~ button.copy`)))
	b.do("copied", chromedp.WaitVisible(chromedp.CSS(`button.copy.copied`)))
	copied := eval[string](b, `window.__copied || ''`)
	wantCite := "Home Office (2025). First Responder Toolkit: Identifying and Referring Potential Victims of Modern Slavery (2nd edition). September 2025. p. 4. https://www.example.gov.uk/publications/first-responder-toolkit-2025"
	if copied != wantCite {
		t.Errorf("copied %q, want %q", copied, wantCite)
	}
	if got := b.text("#copy-status"); got != "Citation copied" {
		t.Errorf("status %q after copying", got)
	}

	b.load("open the page", 200, chromedp.Click(chromedp.CSS(`a.pg[href="`+want+`"]`)))
	if got := b.path(); got != want {
		t.Errorf("opened %s, want %s", got, want)
	}
	v := b.waitViewer()
	if v.State != "ready" || v.Page != "4" || v.SelectedPage != "4" || !v.InView {
		t.Fatalf("viewer %+v: want page 4 open with its first match selected and in view", v)
	}
	sel := strings.ToLower(strings.TrimSpace(v.Selected))
	ok := false
	for _, m := range v.Marked {
		ok = ok || strings.EqualFold(strings.TrimSpace(m), sel)
	}
	if !ok || !strings.ContainsAny(sel, "dn") {
		t.Errorf("selected highlight %q is not one of the marked words %q", v.Selected, v.Marked)
	}
	if n := eval[int](b, `document.querySelectorAll('.page[data-page-number="4"] .textLayer .highlight').length`); n < 2 {
		t.Errorf("%d highlights on page 4, want every match marked", n)
	}
	png := b.screenshot("viewer.png")
	b.axe("viewer")
	b.noConsoleErrors("viewer")
	// Nothing came from another origin.
	if other := eval[[]string](b, `performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))`); len(other) > 0 {
		t.Errorf("requests to other origins: %q", other)
	}
	if *updateViewerScreenshot {
		if err := os.WriteFile(filepath.Join("..", "docs", "viewer.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// A page without the words opens at the page, nothing marked.
	b.open("/documents/ho-frt-2025/pages/2/view")
	b.do("viewer ready", chromedp.WaitVisible(chromedp.CSS(`#viewer-root[data-state="ready"] .page[data-page-number="2"] .textLayer`)))
	if p := eval[string](b, `document.getElementById('viewer-root').dataset.currentPage`); p != "2" {
		t.Errorf("viewer at page %s, want 2", p)
	}
	b.noConsoleErrors("viewer without words")

	// Without JavaScript the page link is the PDF at the page.
	if _, err := chromedp.Call(b.step(), emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.open("/?q=duty+to+notify&sort=newest")
	links = eval[[]string](b, `[...document.querySelectorAll('a.pg')].map(a => a.getAttribute('href'))`)
	if len(links) == 0 || !strings.Contains(links[0], "/file#page=") {
		t.Errorf("without scripts the page links are %q, want the PDF", links)
	}
	b.open(want)
	if got := eval[string](b, `document.querySelector('.viewer-bar a.button').getAttribute('href')`); got != "/documents/ho-frt-2025/file#page=4" {
		t.Errorf("viewer's PDF link %q", got)
	}
}

// TestBrowserViewerScan: a scanned page (a CCITT Group 4 picture, the
// codec of most scans) is drawn by the viewer under the site's policy.
func TestBrowserViewerScan(t *testing.T) {
	if chromiumPath() == "" {
		t.Skip("browser tests skipped: no Chromium found (install Debian's chromium package, or set CHROMIUM to a Chromium binary)")
	}
	// A white page with a black block in its middle.
	img := image.NewGray(image.Rect(0, 0, 850, 1100))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := 450; y < 650; y++ {
		for x := 300; x < 550; x++ {
			img.SetGray(x, y, color.Gray{})
		}
	}
	lib := t.TempDir()
	var pdf bytes.Buffer
	if err := scanpdf.Write(&pdf, []scanpdf.Page{{Image: img, DPI: 100, Codec: scanpdf.G4}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lib, "scan.pdf"), pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	docs := []search.Document{{ID: "scan", File: "scan.pdf", Title: "A scanned leaflet", Types: []string{}, Regions: []string{},
		Countries: []string{}, Tags: []string{}, Publishers: []string{}, Language: "en", PageCount: 1, Outcome: "no_text"}}
	s, err := New(Config{Searcher: buildIndex(t, docs), Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s)
	b.open("/documents/scan/pages/1/view")
	b.do("page drawn", chromedp.WaitVisible(chromedp.CSS(`#viewer-root[data-state="ready"] .page[data-page-number="1"][data-loaded="true"] canvas`)))
	type px struct{ Middle, Corner float64 }
	var got px
	ctx := b.step()
	for {
		// The canvas is filled once the picture is decoded: ask until the
		// middle is dark or the step's time is up.
		v, err := chromedp.Run(ctx, chromedp.Evaluate[px](`(() => {
			const c = document.querySelector('.page[data-page-number="1"] canvas');
			const g = c.getContext('2d');
			const lum = (x, y) => { const d = g.getImageData(Math.floor(x * c.width), Math.floor(y * c.height), 1, 1).data; return (d[0] + d[1] + d[2]) / 3; };
			return {Middle: lum(0.5, 0.5), Corner: lum(0.05, 0.05)};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		got = v
		if got.Middle < 80 || ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got.Middle >= 80 || got.Corner < 200 {
		t.Errorf("scanned page drawn with luminance %.0f in the middle and %.0f in a corner, want a black block on white", got.Middle, got.Corner)
	}
	b.noConsoleErrors("viewer of a scan")
}
