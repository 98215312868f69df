package opensearch

import (
	"encoding/json"
	"strconv"
	"strings"

	"handbooks/search"
)

// meta is a Document's metadata as kept in the docs index ("doc" field)
// and given back by Document and hits. Pages are left out.
type meta = search.Document

// docEntry is the docs-index source of a document.
func docEntry(d search.Document) map[string]any {
	l := fieldLang(d.Language)
	var body strings.Builder
	for _, p := range d.Pages {
		body.WriteString(p.Text)
		body.WriteString("\n")
	}
	m := d
	m.Pages = nil
	mj, _ := json.Marshal(m)
	e := map[string]any{
		"id": d.ID, "work": search.WorkKey(d), "title_key": search.Fold(d.Title),
		"type": d.Types, "region": d.Regions, "country": d.Countries, "tag": d.Tags,
		"publisher": d.Publishers, "lang": d.Language,
		"pages":      maxPage(d),
		"tags_text":  strings.Join(d.Tags, " "),
		"title_" + l: d.Title, "summary_" + l: d.Summary, "body_" + l: body.String(),
		"doc": m, "meta": string(mj),
	}
	if d.Year != 0 {
		e["year"] = d.Year
	}
	if !d.Added.IsZero() {
		e["added"] = d.Added
	}
	return e
}

// pageEntry is the pages-index source of one page.
func pageEntry(d search.Document, p search.Page) map[string]any {
	label := p.Label
	if label == "" {
		label = strconv.Itoa(p.Number)
	}
	return map[string]any{"doc": d.ID, "page": p.Number, "label": label, "lang": d.Language,
		"text_" + fieldLang(d.Language): p.Text}
}

func pageID(doc string, n int) string { return doc + "#" + strconv.Itoa(n) }

func maxPage(d search.Document) int {
	n := d.PageCount
	for _, p := range d.Pages {
		n = max(n, p.Number)
	}
	return n
}

// pageSource is a page as read back.
type pageSource struct {
	Doc       string `json:"doc"`
	Page      int    `json:"page"`
	Label     string `json:"label"`
	Lang      string `json:"lang"`
	TextEN    string `json:"text_en"`
	TextFR    string `json:"text_fr"`
	TextES    string `json:"text_es"`
	TextRU    string `json:"text_ru"`
	TextAR    string `json:"text_ar"`
	TextOther string `json:"text_other"`
}

func (p pageSource) text() string {
	return p.TextEN + p.TextFR + p.TextES + p.TextRU + p.TextAR + p.TextOther
}
