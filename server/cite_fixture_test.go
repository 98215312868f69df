package server

import (
	"context"
	"strconv"
	"testing"

	"handbooks/search"
)

// hardTitle is a title that breaks careless escaping in every format:
// markup, quotes, TeX and CSV specials, accents, right-to-left text, emoji.
const hardTitle = `<Victims> & "survivors": 50% {#1} \ Protección, Côte d’Ivoire – الاتجار بالبشر 🧭`

// citeDocs are the documents of the citation, export and feed tests.
func citeDocs() []search.Document {
	page := func(n int, label, text string) search.Page {
		return search.Page{Number: n, Label: label, Text: text}
	}
	return []search.Document{
		{ID: "hard", File: "hard.pdf", Title: hardTitle, Types: []string{"Report"}, Regions: []string{"Africa"},
			Countries: []string{}, Tags: []string{"forced labour"}, Publishers: []string{"Ministère & <Co>"}, Year: 2024,
			Edition: "2nd edition", Language: "fr", URL: "https://example.org/hard?a=1&b=2", PageCount: 3, Outcome: "indexed",
			Pages: []search.Page{page(1, "i", "Cover page."), page(2, "1", "Introduction."), page(3, "2", "The duty to notify on a printed page two.")}},
		{ID: "toolkit", File: "toolkit.pdf", Title: "First Responder Toolkit", Types: []string{"Guidance"},
			Regions: []string{"Europe"}, Countries: []string{"United Kingdom"}, Tags: []string{"duty to notify"},
			Publishers: []string{"Home Office"}, Year: 2021, Language: "en", PageCount: 2, Outcome: "indexed",
			Pages: []search.Page{page(1, "1", "Contents."), page(2, "2", "The duty to notify the Home Office.")}},
		{ID: "manual", File: "manual.pdf", Title: "Labour Inspection Handbook", Types: []string{"Handbook"},
			Regions: []string{"Asia"}, Countries: []string{}, Tags: []string{}, Publishers: []string{"ILO"}, Year: 2019,
			Language: "en", PageCount: 1, Outcome: "indexed",
			Pages: []search.Page{page(1, "1", "Inspectors and the duty to notify forced labour.")}},
	}
}

// manyDocs are n small documents of type typ, ids prefix-0 … prefix-(n-1).
func manyDocs(n int, prefix, typ string) []search.Document {
	docs := make([]search.Document, n)
	for i := range docs {
		id := prefix + "-" + strconv.Itoa(i)
		docs[i] = search.Document{ID: id, File: id + ".pdf", Title: "Handbook " + id, Types: []string{typ},
			Regions: []string{}, Countries: []string{}, Tags: []string{}, Publishers: []string{"Publisher"},
			Year: 2000 + i%25, Language: "en", PageCount: 1, Outcome: "indexed",
			Pages: []search.Page{{Number: 1, Label: "1", Text: "Guidance on the duty to notify, number " + strconv.Itoa(i)}}}
	}
	return docs
}

// buildIndex writes docs into a new index with the real store and opens it.
func buildIndex(t testing.TB, docs []search.Document) *search.Index {
	t.Helper()
	dir := t.TempDir()
	st, err := search.OpenStore(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	upd, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(docs); i += 500 {
		if err := upd.Put(ctx, docs[i:min(i+500, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	if err := upd.Commit(ctx, search.RunInfo{Documents: len(docs)}, nil); err != nil {
		t.Fatal(err)
	}
	x, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// newIndexServer serves an index of docs.
func newIndexServer(t testing.TB, docs []search.Document, limits Limits) *Server {
	t.Helper()
	s, err := New(Config{Searcher: buildIndex(t, docs), Library: t.TempDir(), Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
