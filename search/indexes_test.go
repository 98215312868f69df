package search

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// writeIndex builds an index generation in a temporary directory from docs.
func writeIndex(t testing.TB, docs ...Document) string {
	t.Helper()
	dir := t.TempDir()
	st, err := OpenStore(dir, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	up, err := st.Begin(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := up.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	up.SetPlaces(fixturePlaces)
	if err := up.Commit(context.Background(), RunInfo{Documents: len(docs)}, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

func pages(texts ...string) []Page {
	ps := make([]Page, len(texts))
	for i, s := range texts {
		ps[i] = Page{Number: i + 1, Text: s}
	}
	return ps
}

func TestFoldTerm(t *testing.T) {
	for in, want := range map[string]string{
		"protección": "proteccion",
		"traité":     "traite",
		"ёлка":       "елка",
		"straße":     "strasse",
		"plain":      "plain",
		"اتجار":      "اتجار",
	} {
		if got := string(foldTerm([]byte(in))); got != want {
			t.Errorf("foldTerm(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAnalysis checks that each language's analyzer folds accents and stems,
// so that a query in the analyzer of the field matches other spellings.
func TestAnalysis(t *testing.T) {
	m, err := docsMapping()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		analyzer, a, b string
	}{
		{"hb_es", "protección", "proteccion"},
		{"hb_es", "víctimas", "victima"},
		{"hb_fr", "l'exploitation", "exploitations"},
		{"hb_fr", "traité", "traite"},
		{"hb_en", "victims", "victim"},
		{"hb_en", "trafficking", "trafficked"},
		{"hb_ru", "торговли", "торговля"},
		{"hb_ar", "الاتجار", "اتجار"},
		{foldAnalyzer, "Menschenhändel", "menschenhandel"},
	}
	for _, tt := range tests {
		a := m.AnalyzerNamed(tt.analyzer)
		if a == nil {
			t.Fatalf("no analyzer %s", tt.analyzer)
		}
		ta, tb := a.Analyze([]byte(tt.a)), a.Analyze([]byte(tt.b))
		if len(ta) != 1 || len(tb) != 1 || string(ta[0].Term) != string(tb[0].Term) {
			t.Errorf("%s: %q → %v, %q → %v; want one equal term", tt.analyzer, tt.a, ta, tt.b, tb)
		}
	}
}

func TestWriteReplaceDelete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, _ := OpenStore(dir, discardLogger())
	up, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	a := Document{ID: "a", Title: "Protección de víctimas", Language: "es", PageCount: 3, Pages: pages("uno", "dos", "tres proteccion")}
	b := Document{ID: "b", Title: "Other", Language: "en", PageCount: 1, Pages: pages("one")}
	if err := up.Put(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	// A new version of a with fewer pages, in the same update.
	a.Pages = pages("uno")
	a.PageCount = 1
	if err := up.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := up.Commit(ctx, RunInfo{}, nil); err != nil {
		t.Fatal(err)
	}
	count := func() (uint64, uint64) {
		gen, _ := currentGeneration(dir)
		ix, err := openIndexes(dir+"/"+gen, true)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.close()
		d, _ := ix.docs.DocCount()
		p, _ := ix.pages.DocCount()
		return d, p
	}
	if d, p := count(); d != 2 || p != 2 {
		t.Fatalf("after put: %d docs, %d pages; want 2, 2", d, p)
	}
	up, err = st.Begin(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := up.Delete(ctx, "a", "missing"); err != nil {
		t.Fatal(err)
	}
	if err := up.Commit(ctx, RunInfo{}, nil); err != nil {
		t.Fatal(err)
	}
	if d, p := count(); d != 1 || p != 1 {
		t.Fatalf("after delete: %d docs, %d pages; want 1, 1", d, p)
	}
}

func TestAccentFoldingMatches(t *testing.T) {
	dir := writeIndex(t, Document{ID: "es1", Title: "Guía", Language: "es", PageCount: 1, Pages: pages("La proteccion de las victimas de trata.")})
	gen, _ := currentGeneration(dir)
	ix, err := openIndexes(dir+"/"+gen, true)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.close()
	q := bleve.NewMatchQuery("protección")
	q.SetField(pageField("es"))
	res, err := ix.pages.Search(bleve.NewSearchRequest(q))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != "es1#1" {
		t.Fatalf("protección: got %v, want es1#1", res.Hits)
	}
}

func writeFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
