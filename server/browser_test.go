package server

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the results page's screenshot to docs/screenshot.png")

// chromiumPath finds the browser for the browser tests: $CHROMIUM, or
// Debian's chromium on the PATH.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless Chromium tab on a test server. It collects what
// the page writes to the console at the error level: script errors, failed
// requests, Content-Security-Policy violations.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T, h http.Handler) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are not run with -short")
	}
	path := chromiumPath()
	if path == "" {
		t.Skip("browser tests skipped: no Chromium found (install Debian's chromium package, or set CHROMIUM to a Chromium binary)")
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "en-GB"),
		// No smooth scrolling: a click must land where the element was found.
		chromedp.Flag("force-prefers-reduced-motion", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{t: t, base: ts.URL}
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithListener(b.listen))
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	b.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return b
}

// listen runs in the tab's event loop: it must return fast.
func (b *browser) listen(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
		}
	case *runtime.EventExceptionThrown:
		p = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			p += " " + ev.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p = "log (" + string(ev.Entry.Source) + "): " + ev.Entry.Text + " " + ev.Entry.URL
		}
	}
	if p != "" {
		b.mu.Lock()
		b.problems = append(b.problems, p)
		b.mu.Unlock()
	}
}

// noConsoleErrors fails the test for every error the page logged so far.
func (b *browser) noConsoleErrors(where string) {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("%s: %s", where, p)
	}
	b.problems = nil
}

// stepTimeout bounds one step, so that a step that hangs says which.
const stepTimeout = 30 * time.Second

// step returns a context for one step of the tab, ended when the test ends.
func (b *browser) step() context.Context {
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	b.t.Cleanup(cancel)
	return ctx
}

// forget drops what the page logged so far.
func (b *browser) forget() {
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
}

func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.step(), actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that navigate and waits for the new page; it fails
// unless the page answers with status.
func (b *browser) load(what string, status int64, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	// Mark the current document, act, then wait for a document without the
	// mark to finish loading: this sees every navigation, also to the same
	// address, without depending on when the browser reports the response.
	b.do(what+": mark the page", chromedp.Evaluate[chromedp.Void](`window.__old = true`))
	b.do(what, actions...)
	ctx := b.step()
	for {
		// Evaluation fails while the old document goes away; ask again.
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!window.__old && document.readyState === 'complete'`))
		if err == nil && done {
			break
		}
		if ctx.Err() != nil {
			b.t.Fatalf("%s: no new page loaded: %v", what, ctx.Err())
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := eval[float64](b, `(performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0`)
	if got != 0 && int64(got) != status {
		b.t.Fatalf("%s: status %d, want %d (%s)", what, int64(got), status, b.path())
	}
}

// history goes back or forward and waits until the page at want shows. A
// page from the back-forward cache fires no load event, so this waits for
// the main frame's navigation, then for the load of a page that is new.
func (b *browser) history(what, js, want string) {
	b.t.Helper()
	nav, err := chromedp.Run(b.step(), chromedp.WaitEvent(page.FrameNavigated,
		func(ev page.EventFrameNavigated) bool { return ev.Frame.ParentID == "" },
		chromedp.Evaluate[chromedp.Void](js)))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if got := strings.TrimPrefix(nav.Frame.URL, b.base); got != want {
		b.t.Fatalf("%s: at %s, want %s", what, got, want)
	}
	if nav.Type != page.NavigationTypeBackForwardCacheRestore {
		b.do(what+": wait for the load", chromedp.Evaluate[chromedp.Void](`new Promise(done =>
			document.readyState === 'complete' ? done() : addEventListener('load', () => done()))`, chromedp.EvalAwaitPromise))
	}
}

func (b *browser) open(path string) {
	b.t.Helper()
	b.load("open "+path, 200, chromedp.Navigate(b.base+path))
}

func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.step(), chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.step(), chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// path is the current address without the server's origin.
func (b *browser) path() string {
	b.t.Helper()
	h, err := chromedp.Run(b.step(), chromedp.NavigationEntries())
	if err != nil || h.CurrentIndex < 0 || int(h.CurrentIndex) >= len(h.Entries) {
		b.t.Fatalf("navigation history: %v", err)
	}
	return strings.TrimPrefix(h.Entries[h.CurrentIndex].URL, b.base)
}

// resultTitles lists the titles of the result cards in order.
func (b *browser) resultTitles() []string {
	return eval[[]string](b, `[...document.querySelectorAll('.hit-title')].map(e => e.textContent.trim())`)
}

// facetCounts maps "param=value" to the count shown beside its checkbox.
func (b *browser) facetCounts() map[string]string {
	return eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll('.facet input[type=checkbox]')].map(i =>
		[i.name + '=' + i.value, document.querySelector('label[for="' + i.id + '"] .n').firstChild.textContent]))`)
}

// screenshot saves the viewport as name in the test's artifact folder
// ($ARTIFACTS when set) and returns the PNG.
func (b *browser) screenshot(name string) []byte {
	b.t.Helper()
	png, err := chromedp.Run(b.step(), chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	dir := os.Getenv("ARTIFACTS")
	if dir == "" {
		dir = b.t.ArtifactDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	if err := os.WriteFile(out, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", out)
	return png
}

// axe runs the axe-core accessibility rules (WCAG 2.1 A and AA, and best
// practices) on the current page and fails on serious or critical
// violations; others are logged.
func (b *browser) axe(where string) {
	b.t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		b.t.Fatalf("axe-core: %v", err)
	}
	b.do("inject axe-core", chromedp.Evaluate[chromedp.Void](string(src)))
	type violation struct {
		ID     string   `json:"id"`
		Impact string   `json:"impact"`
		Help   string   `json:"help"`
		Nodes  []string `json:"nodes"`
	}
	vs, err := chromedp.Run(b.step(), chromedp.Evaluate[[]violation](`axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
		resultTypes: ['violations'],
	}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
		nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe on %s: %v", where, err)
	}
	for _, v := range vs {
		msg := fmt.Sprintf("%s: accessibility: %s (%s): %s at %s", where, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Error(msg)
		} else {
			b.t.Log(msg)
		}
	}
}

// TestBrowserSearchPage drives the search page over the fixture library as
// a reader would: type, pick, submit, tick a filter, go back, open a page.
func TestBrowserSearchPage(t *testing.T) {
	lib := writeFixturePDFs(t)
	s, err := New(Config{Searcher: fixtureIndex(t), Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s)

	b.open("/")
	if got := b.text("h1"); got != "Find guidance on trafficking and modern slavery" {
		t.Errorf("home heading %q", got)
	}
	b.axe("home page")

	// The first Tab reaches the skip link, and it is visible then.
	b.do("tab", chromedp.KeyEvent(kb.Tab))
	if got := eval[string](b, `document.activeElement.className + ' ' + getComputedStyle(document.activeElement).top`); !strings.HasPrefix(got, "skip ") || strings.HasPrefix(got, "skip -") {
		t.Errorf("first tab stop: %q, want the visible skip link", got)
	}

	// Typing offers completions from /api/suggest.
	b.do("type", chromedp.Click(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "duty to"))
	b.do("suggestions", chromedp.WaitVisible(chromedp.CSS("#q-suggest li")))
	if got := b.text("#q-suggest li"); got != "duty to notify" {
		t.Errorf("suggestion %q, want %q", got, "duty to notify")
	}
	if got := eval[string](b, `document.getElementById('q').getAttribute('aria-expanded')`); got != "true" {
		t.Errorf("aria-expanded %q with suggestions shown", got)
	}
	// Arrow down and Enter pick it and search.
	b.do("arrow down", chromedp.KeyEvent(kb.ArrowDown))
	b.load("pick a suggestion", 200, chromedp.KeyEvent(kb.Enter))
	if got := b.path(); got != "/?q=duty+to+notify" {
		t.Errorf("after picking: %s", got)
	}

	// Typing and pressing Enter submits the form.
	b.do("clear", chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`))
	b.do("type", chromedp.SendKeys(chromedp.CSS("#q"), "notify"))
	b.load("submit", 200, chromedp.KeyEvent(kb.Enter))
	if got := b.path(); got != "/?q=notify" {
		t.Errorf("after submitting: %s", got)
	}
	if got := b.text("#count"); got != "3 results (4 documents, counting editions and translations) for “notify”" {
		t.Errorf("count %q", got)
	}
	before := b.resultTitles()
	countsBefore := b.facetCounts()
	if len(before) != 3 || countsBefore["country=Ireland"] != "1" || countsBefore["type=Toolkit"] != "2" {
		t.Fatalf("results %q, counts %v", before, countsBefore)
	}
	b.screenshot("results.png")
	b.axe("results page")

	// Ticking a country applies it at once: fewer results, new counts, a
	// chip to remove it, and the box keeps the focus.
	b.load("tick Ireland", 200, chromedp.Click(chromedp.CSS(`input[name=country][value="Ireland"]`)))
	if got := b.path(); got != "/?q=notify&country=Ireland" {
		t.Errorf("after ticking: %s", got)
	}
	after := b.resultTitles()
	if len(after) != 1 || !strings.HasPrefix(after[0], "Child Trafficking") {
		t.Errorf("results after ticking Ireland: %q", after)
	}
	counts := b.facetCounts()
	if counts["type=Toolkit"] == countsBefore["type=Toolkit"] || counts["type=Guidance"] != "1" {
		t.Errorf("facet counts did not follow the filter: %v, before %v", counts, countsBefore)
	}
	if got := b.text(".chip"); !strings.Contains(got, "Country: Ireland") {
		t.Errorf("chip %q", got)
	}
	if got := eval[string](b, `document.activeElement.name + '=' + document.activeElement.value + ' ' + document.activeElement.checked`); got != "country=Ireland true" {
		t.Errorf("focus after ticking: %q", got)
	}
	if got := b.text("#count"); got != "1 document for “notify”" {
		t.Errorf("count %q", got)
	}

	// Back returns to the search before the filter, its box unticked
	// (the browser may show the page from its cache, as it was left).
	b.history("back", `history.back()`, "/?q=notify")
	if got := b.resultTitles(); len(got) != 3 {
		t.Errorf("after back: results %q", got)
	}
	if eval[bool](b, `document.querySelector('input[name=country][value="Ireland"]').checked`) {
		t.Error("after back: Ireland is still ticked")
	}
	b.history("forward", `history.forward()`, "/?q=notify&country=Ireland")

	// Sorting applies on change too.
	b.load("sort", 200, chromedp.Evaluate[chromedp.Void](`(s => { s.value = 'title';
		s.dispatchEvent(new Event('change', {bubbles: true})) })(document.getElementById('sort'))`))
	if got := b.path(); got != "/?q=notify&sort=title&country=Ireland" {
		t.Errorf("after sorting: %s", got)
	}

	// The chip removes its filter.
	b.load("remove chip", 200, chromedp.Click(chromedp.CSS(".chip")))
	if got := b.path(); got != "/?q=notify&sort=title" {
		t.Errorf("after removing the chip: %s", got)
	}

	// A page link opens the page in the viewer, with the words marked.
	href := eval[string](b, `document.querySelector('a.pg').getAttribute('href')`)
	if href != "/documents/child-sw-2023/pages/6/view?q=notify" && href != "/documents/ho-frt-2025/pages/12/view?q=notify" {
		t.Errorf("first page link %q", href)
	}
	b.load("follow the page link", 200, chromedp.Click(chromedp.CSS("a.pg")))
	if got := b.path(); got != href {
		t.Errorf("page link opened %s, want %s", got, href)
	}
	b.noConsoleErrors("search page")
}

// TestBrowserDocumentPage checks the document page, the search inside it
// and the text preview, each with the accessibility rules.
func TestBrowserDocumentPage(t *testing.T) {
	s, err := New(Config{Searcher: fixtureIndex(t), Library: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s)
	b.open("/documents/ho-frt-2025")
	b.axe("document page")
	b.do("type", chromedp.SendKeys(chromedp.CSS("#iq"), "notify"))
	b.load("search inside", 200, chromedp.KeyEvent(kb.Enter))
	if got := b.path(); got != "/documents/ho-frt-2025?q=notify#inside" {
		t.Errorf("after searching inside: %s", got)
	}
	if got := b.text("#count"); got != "2 pages contain “notify”." {
		t.Errorf("count %q", got)
	}
	b.axe("document page with matches")
	b.load("open the text of a page", 200, chromedp.Click(chromedp.CSS(`a.txt[href^="/documents/ho-frt-2025/pages/12?"]`)))
	if got := b.path(); got != "/documents/ho-frt-2025/pages/12?q=notify" {
		t.Errorf("text link landed on %s", got)
	}
	// Page 12 says "notify" twice; "notification" is an equivalent.
	if got := eval[[]string](b, `[...document.querySelectorAll('.text mark')].map(m => m.textContent)`); len(got) < 2 || slices.ContainsFunc(got, func(w string) bool { return !strings.HasPrefix(w, "notif") }) {
		t.Errorf("marked words %q", got)
	}
	b.axe("page text")
	b.load("next page", 200, chromedp.Click(chromedp.CSS(`a[rel=next]`)))
	if got := b.path(); got != "/documents/ho-frt-2025/pages/13?q=notify" {
		t.Errorf("next page: %s", got)
	}
	b.noConsoleErrors("document pages")
	b.load("missing page", 404, chromedp.Navigate(b.base+"/documents/ho-frt-2025/pages/99"))
	b.axe("not found page")
	b.forget() // the browser logs the 404 itself
}

// TestBrowserPhoneAndNoScript checks the page on a phone-sized screen (no
// sideways scrolling) and that filters work with JavaScript off.
func TestBrowserPhoneAndNoScript(t *testing.T) {
	s, err := New(Config{Searcher: fixtureIndex(t), Library: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s)
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	for _, p := range []string{"/?q=duty+to+notify", "/documents/ho-frt-2025?q=notify", "/documents/ho-frt-2025/pages/12?q=notify"} {
		b.open(p)
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s is %dpx wide on a 360px screen", p, w)
		}
	}
	b.open("/?q=duty+to+notify")
	b.screenshot("results-phone.png")
	b.do("desktop", chromedp.EmulateReset())

	// Without JavaScript, ticking does nothing until "Apply filters" sends
	// the whole form, empty year fields included.
	if _, err := chromedp.Call(b.step(), emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.open("/?q=notify")
	if got := eval[bool](b, `document.documentElement.classList.contains('js')`); got {
		t.Fatal("scripts still run")
	}
	b.do("tick Ireland", chromedp.Click(chromedp.CSS(`input[name=country][value="Ireland"]`)))
	b.load("apply filters", 200, chromedp.Click(chromedp.CSS("button.apply")))
	if got := b.path(); got != "/?q=notify&sort=relevance&country=Ireland&year_from=&year_to=" {
		t.Errorf("form sent %s", got)
	}
	if got := b.resultTitles(); len(got) != 1 {
		t.Errorf("results without scripts: %q", got)
	}
	b.noConsoleErrors("phone and no scripts")
}
