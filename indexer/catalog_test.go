package indexer

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// resolveLibrary builds a library from files and resolves its catalog.
func resolveLibrary(t *testing.T, files map[string]string) (map[string]*entry, []Problem) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	lib, err := discover(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	v, err := DefaultVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	entries, probs := resolve(lib, v)
	byPath := map[string]*entry{}
	for _, e := range entries {
		byPath[e.file.rel] = e
	}
	return byPath, append(lib.problems, probs...)
}

const csvHeader = "file,id,title,types,regions,countries,tags,publisher,year,edition,language,summary,url,work,translation_of\n"

func TestCatalogProblems(t *testing.T) {
	pdf := "%PDF-1.4 placeholder"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // "file:line: fragment"
	}{
		{"unknown column", map[string]string{
			"catalog.csv": "file,title,colour\na.pdf,A,blue\n", "a.pdf": pdf},
			[]string{`catalog.csv:1: unknown column "colour"`}},
		{"bad year", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,,A,,,,,,2019,,,,,,\nb.pdf,,B,,,,,,c. 2019,,,,,,\nc.pdf,,C,,,,,,3019,,,,,,\n",
			"a.pdf":       pdf, "b.pdf": pdf, "c.pdf": pdf},
			[]string{`catalog.csv:3: bad year "c. 2019"`, `catalog.csv:4: year "3019" out of range`}},
		{"duplicate id", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,x1,A,,,,,,,,,,,,\nb.pdf,x2,B,,,,,,,,,,,,\nc.pdf,x1,C,,,,,,,,,,,,\n",
			"a.pdf":       pdf, "b.pdf": pdf, "c.pdf": pdf},
			[]string{`catalog.csv:4: duplicate id "x1", already used by a.pdf`}},
		{"missing file", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,,A,,,,,,,,,,,,\ngone.pdf,,Gone,,,,,,,,,,,,\n",
			"a.pdf":       pdf},
			[]string{`catalog.csv:3: file "gone.pdf" not found`}},
		{"row without file", map[string]string{
			"catalog.csv": csvHeader + ",,Nothing,,,,,,,,,,,,\n", "a.pdf": pdf},
			[]string{`catalog.csv:2: row has no file`}},
		{"second row for a file", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,,A,,,,,,,,,,,,\nA.pdf,,A again,,,,,,,,,,,,\n", "a.pdf": pdf},
			[]string{`catalog.csv:3: second row for "A.pdf" (the row at catalog.csv:2 is used)`}},
		{"too many fields", map[string]string{
			"catalog.csv": "file,title\na.pdf,A,extra\n", "a.pdf": pdf},
			[]string{`catalog.csv:2: row has 3 fields, the header 2`}},
		{"no file column", map[string]string{
			"catalog.csv": "title,year\nA,2019\n", "a.pdf": pdf},
			[]string{`catalog.csv:1: no "file" column`}},
		{"unknown vocabulary", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,,A,,Atlantis,Narnia,,,,,Klingon,,,,\n", "a.pdf": pdf},
			[]string{`catalog.csv:2: unknown region "Atlantis"`, `catalog.csv:2: unknown country "Narnia"`, `catalog.csv:2: unknown language "Klingon"`}},
		{"bad id", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,a b/c,A,,,,,,,,,,,,\n", "a.pdf": pdf},
			[]string{`catalog.csv:2: id "a b/c" has spaces`}},
		{"translation of nothing", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,,A,,,,,,,,,,,,nowhere\n", "a.pdf": pdf},
			[]string{`catalog.csv:2: translation_of "nowhere" names no document`}},
		{"line numbers after a multi-line cell", map[string]string{
			"catalog.csv": csvHeader + "a.pdf,,A,,,,,,,,,\"two\nlines\",,,\nb.pdf,,B,,,,,,20x9,,,,,,\n",
			"a.pdf":       pdf, "b.pdf": pdf},
			[]string{`catalog.csv:4: bad year "20x9"`}},
		{"outside the library", map[string]string{
			"catalog.csv": csvHeader + "../a.pdf,,A,,,,,,,,,,,,\n", "a.pdf": pdf},
			[]string{`catalog.csv:2: file "../a.pdf" is outside the library`}},
		{"json catalog", map[string]string{
			"catalog.json": "[\n  {\"file\": \"a.pdf\", \"title\": \"A\"},\n  {\"file\": \"b.pdf\",\n   \"colour\": \"red\", \"year\": \"soon\"},\n  {\"file\": \"gone.pdf\"}\n]\n",
			"a.pdf":        pdf, "b.pdf": pdf},
			[]string{`catalog.json:3: unknown key "colour"`, `catalog.json:3: bad year "soon"`, `catalog.json:5: file "gone.pdf" not found`}},
		{"broken json catalog", map[string]string{
			"catalog.json": "[\n  {\"file\": \"a.pdf\"},\n  {\"file\": \"b.pdf\" \"title\": 1}\n]\n", "a.pdf": pdf, "b.pdf": pdf},
			[]string{`catalog.json:3: invalid JSON`}},
		{"broken sidecar", map[string]string{
			"a.pdf": pdf, "a.json": "{\n \"title\": \"A\",\n \"year\": \n}\n"},
			[]string{`a.json:4: not a JSON object`}},
		{"semicolon-separated csv", map[string]string{
			"catalog.csv": "file;title;year\na.pdf;A;2019\nb.pdf;B;never\n", "a.pdf": pdf, "b.pdf": pdf},
			[]string{`catalog.csv:3: bad year "never"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := resolveLibrary(t, tt.files)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
					t.Errorf("missing problem %q; got:\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n  %s", len(got), len(tt.want), strings.Join(got, "\n  "))
			}
		})
	}
}

func TestCatalogValues(t *testing.T) {
	entries, probs := resolveLibrary(t, map[string]string{
		"catalog.csv": "\xef\xbb\xbf" + csvHeader +
			"a.pdf,guide-1,\" The  Guide \",guidelines; TOOLKIT,south east asia,Viet Nam,NRM; Forced Labor,OSCE & ODIHR,2019-05-01,2nd,English,Donâ€™t panic,https://example.org/a,,\n" +
			"sub/b.pdf,,Le guide,Guidance,,France;UK,,,2020,,fr-FR,,,,guide-1\n" +
			"c.pdf,,C,,Global,,,,,,,,,my-work,\n",
		"a.pdf": "x", "sub/b.pdf": "x", "c.pdf": "x", "d e.pdf": "x",
		"c.json": `{"title": "C from the sidecar", "tags": ["one", "Two"]}`,
	})
	for _, p := range probs {
		t.Errorf("unexpected problem: %s", p)
	}
	a := entries["a.pdf"].meta
	want := metadata{ID: "guide-1", Title: "The Guide", Types: []string{"Guidance", "Tools"},
		Regions: []string{"Asia", "South-eastern Asia"}, Countries: []string{"Viet Nam"},
		Tags: []string{"national referral mechanism", "forced labour"}, Publishers: []string{"OSCE/ODIHR"},
		Year: 2019, Edition: "2nd", Language: "en", Summary: "Don’t panic", URL: "https://example.org/a", Catalogued: true}
	if !equalMeta(a, want) {
		t.Errorf("a.pdf:\n got %+v\nwant %+v", a, want)
	}
	b := entries["sub/b.pdf"].meta
	if b.ID != "sub-b" || b.Language != "fr" || b.Work != "guide-1" ||
		!slices.Equal(b.Countries, []string{"France", "United Kingdom"}) ||
		!slices.Equal(b.Regions, []string{"Europe", "Northern Europe", "Western Europe"}) {
		t.Errorf("sub/b.pdf: %+v", b)
	}
	c := entries["c.pdf"].meta
	if c.Title != "C from the sidecar" || c.Work != "my-work" || !slices.Equal(c.Regions, []string{"Global"}) ||
		!slices.Equal(c.Tags, []string{"one", "two"}) {
		t.Errorf("c.pdf: %+v", c)
	}
	d := entries["d e.pdf"]
	if d.meta.Catalogued || d.meta.ID != "d-e" {
		t.Errorf("d e.pdf: %+v", d.meta)
	}
}

func equalMeta(a, b metadata) bool {
	return a.ID == b.ID && a.Title == b.Title && slices.Equal(a.Types, b.Types) &&
		slices.Equal(a.Regions, b.Regions) && slices.Equal(a.Countries, b.Countries) &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Publishers, b.Publishers) &&
		a.Year == b.Year && a.Edition == b.Edition && a.Language == b.Language &&
		a.Summary == b.Summary && a.URL == b.URL && a.Work == b.Work && a.Catalogued == b.Catalogued
}

func TestDefaultIDs(t *testing.T) {
	entries, _ := resolveLibrary(t, map[string]string{
		"A B.pdf": "x", "a-b.pdf": "x", "Reports/2019 Annual.PDF": "x", "taken.pdf": "x",
		"catalog.csv": "file,id\ntaken.pdf,reports-2019-annual\n",
	})
	got := map[string]string{}
	for p, e := range entries {
		got[p] = e.meta.ID
	}
	want := map[string]string{
		"A B.pdf": "a-b-" + pathHash("A B.pdf"), "a-b.pdf": "a-b-" + pathHash("a-b.pdf"),
		"Reports/2019 Annual.PDF": "reports-2019-annual-" + pathHash("Reports/2019 Annual.PDF"),
		"taken.pdf":               "reports-2019-annual",
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: id %q, want %q", p, got[p], w)
		}
	}
}

// TestCatalogSeveralLanguages: "en; fr" makes English the document's
// language and both the languages its scanned pages are read in.
func TestCatalogSeveralLanguages(t *testing.T) {
	entries, probs := resolveLibrary(t, map[string]string{
		"catalog.csv": csvHeader +
			"a.pdf,,A,,,,,,,,English; French,,,,\n" +
			"b.pdf,,B,,,,,,,,fr,,,,\n" +
			"c.pdf,,C,,,,,,,,es+Klingon,,,,\n",
		"a.pdf": "x", "b.pdf": "x", "c.pdf": "x",
	})
	if len(probs) != 1 || !strings.Contains(probs[0].String(), `unknown language "Klingon"`) {
		t.Errorf("problems %v, want one for Klingon", probs)
	}
	for file, want := range map[string][]string{"a.pdf": {"en", "en", "fr"}, "b.pdf": {"fr"}, "c.pdf": {"es"}} {
		m := entries[file].meta
		if m.Language != want[0] || !slices.Equal(m.Languages, want[1:]) && !(len(want) == 1 && m.Languages == nil) {
			t.Errorf("%s: language %q, languages %q; want %q", file, m.Language, m.Languages, want)
		}
	}
}
