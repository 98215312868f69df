package server

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"handbooks/search"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates are the parsed HTML templates, one per page, each combined
// with the shared layout.
var pageTemplates = mustParsePages("search.html", "document.html", "pagetext.html", "error.html", "viewer.html")

func mustParsePages(names ...string) map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html"))
	m := make(map[string]*template.Template, len(names))
	for _, n := range names {
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+n))
		m[n] = t
	}
	return m
}

var templateFuncs = template.FuncMap{
	"asset":    assetURL,
	"langName": langName,
	"join":     strings.Join,
	"plural":   plural,
	"snippet":  snippetHTML,
	"pdfURL":   pdfURL,
	"docURL":   docURL,
	"pageURL":  pageURL,
	"add":      func(a, b int) int { return a + b },
	"digits":   groupDigits,
	"passages": func(id, lang, q string, pages []search.PageHit) passageList {
		return passageList{ID: id, Lang: lang, Q: q, Pages: pages}
	},
	"hitPassages": hitPassages,
	"citeDoc":     citeDoc,
	"citation":    func(text, id string) citationBox { return citationBox{Text: text, Exports: docExports(id)} },
	"citeHit":     citeHit,
	"docExports":  docExports,
	"viewerURL":   viewerURL,
	"pageName":    pageName,
	"facetLinks":  facetLinks,
	"editionName": editionName,
	"hitEditions": hitEditions,
	"searchURL":   searchURL,
	"docEditions": docEditions,
}

// renderPage executes the named page template into a buffer first, so that a
// template error becomes a clean 500 instead of half a page. Pages are
// compressed for clients that accept it: a results page shrinks to a fifth.
func renderPage(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	t, ok := pageTemplates[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	body := buf.Bytes()
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Search pages name what someone looked for: keep them out of shared caches.
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Vary", "Accept-Encoding")
	if len(body) > minGzip && acceptsGzip(r) {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
		zw.Write(body)
		zw.Close()
		body = z.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) // an error here means the reader has gone: nothing to do
	return nil
}

// minGzip is the size below which compressing a page does not pay.
const minGzip = 1400

// passageList is the data of the "passages" template: pages of one document.
type passageList struct {
	ID, Lang, Q string
	Pages       []search.PageHit
	cite        func(search.PageHit) string // nil: pages without citations
}

// pageName is how a page is cited: "p. 12", with the printed label when the
// PDF numbers its pages differently ("p. 14 (printed 12)").
func pageName(p search.PageHit) string {
	s := "p. " + strconv.Itoa(p.Page)
	if p.Label != "" && p.Label != strconv.Itoa(p.Page) {
		s += " (printed " + p.Label + ")"
	}
	return s
}

// editionName tells an edition apart from its siblings.
func editionName(e search.Edition) string {
	var parts []string
	if e.Edition != "" {
		parts = append(parts, e.Edition)
	}
	if y := strconv.Itoa(e.Year); e.Year != 0 && !strings.Contains(e.Edition, y) {
		parts = append(parts, y)
	}
	if e.Language != "" {
		parts = append(parts, langName(e.Language))
	}
	if len(parts) == 0 {
		return e.Title
	}
	return strings.Join(parts, ", ")
}

// snippetHTML marks a passage as safe HTML. Passages come from the search
// package HTML-escaped, with <mark> and </mark> as their only markup; it is
// checked here again so that nothing else can ever reach the page unescaped.
func snippetHTML(s string) template.HTML {
	rest := strings.ReplaceAll(strings.ReplaceAll(s, "<mark>", ""), "</mark>", "")
	if strings.ContainsAny(rest, "<>") {
		return template.HTML(template.HTMLEscapeString(rest))
	}
	return template.HTML(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// languages names the languages of the catalogs by their ISO 639-1 code.
var languages = map[string]string{
	"ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech", "de": "German",
	"el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
	"hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
	"km": "Khmer", "ko": "Korean", "ne": "Nepali", "nl": "Dutch", "pl": "Polish",
	"pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sw": "Swahili", "th": "Thai",
	"tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
	"zh": "Chinese",
}

func langName(code string) string {
	if n, ok := languages[strings.ToLower(code)]; ok {
		return n
	}
	if code == "" {
		return "Unknown"
	}
	return code
}

// mustSub returns the subtree dir of an embedded file system.
func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return s
}
