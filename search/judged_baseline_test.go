package search_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"

	"handbooks/search"
)

// The baselines index one document per page and rank pages by plain BM25,
// with the words ORed: the simplest thing a practitioner's question could be
// answered with. They get the same page text as our index (read back from
// it), and filters are applied to the pages of the documents whose
// metadata match.

// libraryDocs lists every document of an index with its metadata.
func libraryDocs(ctx context.Context, x *search.Index) ([]*search.DocumentInfo, error) {
	ids := map[string]bool{}
	var order []string
	add := func(id string) {
		if !ids[id] {
			ids[id] = true
			order = append(order, id)
		}
	}
	for page := 1; ; page++ {
		res, err := x.Search(ctx, search.Request{Page: page, PerPage: 100})
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		for _, h := range res.Hits {
			add(h.ID)
			for _, e := range h.OtherEditions {
				add(e.ID)
			}
		}
		if len(res.Hits) < 100 {
			break
		}
	}
	var out []*search.DocumentInfo
	for _, id := range order {
		info, err := x.Document(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", id, err)
		}
		out = append(out, info)
	}
	return out, nil
}

// filtersAllow reports whether a document's metadata pass the filters:
// one of the values of each facet given, the year within the range.
func filtersAllow(f search.Filters, d *search.DocumentInfo) bool {
	if d == nil {
		return false
	}
	anyOf := func(want, have []string) bool {
		if len(want) == 0 {
			return true
		}
		for _, w := range want {
			for _, h := range have {
				if strings.EqualFold(strings.TrimSpace(w), strings.TrimSpace(h)) {
					return true
				}
			}
		}
		return false
	}
	return anyOf(f.Types, d.Types) && anyOf(f.Regions, d.Regions) && anyOf(f.Countries, d.Countries) &&
		anyOf(f.Tags, d.Tags) && anyOf(f.Publishers, d.Publishers) && anyOf(f.Languages, []string{d.Language}) &&
		(f.YearFrom == 0 || d.Year >= f.YearFrom) && (f.YearTo == 0 || (d.Year != 0 && d.Year <= f.YearTo))
}

// baselineQuery splits a query into the words to OR and the words to
// exclude (-word); quotes are dropped (the words of a phrase are ORed like
// the others) and field prefixes (type:Guidance) are left out, because
// their filters are applied as filters.
func baselineQuery(q string) (words, not []string) {
	for _, w := range strings.Fields(strings.ReplaceAll(q, `"`, " ")) {
		switch {
		case strings.Contains(w, ":"):
		case strings.HasPrefix(w, "-") && len(w) > 1:
			not = append(not, w[1:])
		case w == "OR" || w == "AND" || w == "NOT":
		default:
			words = append(words, w)
		}
	}
	return words, not
}

// prefixFilters reads the field prefixes of a query (type:Tools,
// year:2021, year:2019..2023) as filters, added to the query's own, so
// that the baselines apply them like our engine does.
func prefixFilters(q judgedQuery) search.Filters {
	f := q.Filters
	for _, w := range strings.Fields(q.Query) {
		name, v, ok := strings.Cut(w, ":")
		if !ok || v == "" {
			continue
		}
		v = strings.Trim(v, `"`)
		switch strings.ToLower(name) {
		case "type":
			f.Types = append(f.Types, v)
		case "region":
			f.Regions = append(f.Regions, v)
		case "country":
			f.Countries = append(f.Countries, v)
		case "tag":
			f.Tags = append(f.Tags, v)
		case "publisher":
			f.Publishers = append(f.Publishers, v)
		case "lang":
			f.Languages = append(f.Languages, v)
		case "year":
			from, to, isRange := strings.Cut(v, "..")
			a, _ := strconv.Atoi(from)
			b := a
			if isRange {
				b, _ = strconv.Atoi(to)
			}
			f.YearFrom, f.YearTo = a, b
		}
	}
	return f
}

// bleveBaseline is Bleve's BM25 over one document per page, English
// analyzer, words ORed.
type bleveBaseline struct {
	idx  map[string]bleve.Index
	docs map[string]map[string]*search.DocumentInfo // library → id → metadata
}

func newBleveBaseline(ctx context.Context, libs map[string]*search.Index) (*bleveBaseline, error) {
	b := &bleveBaseline{idx: map[string]bleve.Index{}, docs: map[string]map[string]*search.DocumentInfo{}}
	for lib, x := range libs {
		m := bleve.NewIndexMapping()
		m.DefaultAnalyzer = en.AnalyzerName
		m.ScoringModel = "bm25"
		idx, err := bleve.NewMemOnly(m)
		if err != nil {
			return nil, err
		}
		b.idx[lib] = idx
		b.docs[lib] = map[string]*search.DocumentInfo{}
		docs, err := libraryDocs(ctx, x)
		if err != nil {
			return nil, err
		}
		batch := idx.NewBatch()
		for _, d := range docs {
			b.docs[lib][d.ID] = d
			for n := 1; n <= d.PageCount; n++ {
				p, err := x.Page(ctx, d.ID, n, "")
				if err != nil {
					return nil, fmt.Errorf("page %d of %s: %w", n, d.ID, err)
				}
				if err := batch.Index(fmt.Sprintf("%s#%d", d.ID, n), map[string]string{"text": p.Text}); err != nil {
					return nil, err
				}
			}
		}
		if err := idx.Batch(batch); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *bleveBaseline) Name() string { return "bleve-bm25" }

func (b *bleveBaseline) Close() {
	for _, idx := range b.idx {
		idx.Close()
	}
}

func (b *bleveBaseline) Run(ctx context.Context, q judgedQuery) (judgedOutcome, error) {
	words, not := baselineQuery(q.Query)
	if len(words) == 0 {
		return judgedOutcome{Empty: true}, nil
	}
	match := query.NewMatchQuery(strings.Join(words, " "))
	match.SetField("text")
	match.Analyzer = en.AnalyzerName
	match.SetOperator(query.MatchQueryOperatorOr)
	bq := query.NewBooleanQuery([]query.Query{match}, nil, nil)
	for _, w := range not {
		nq := query.NewMatchQuery(w)
		nq.SetField("text")
		nq.Analyzer = en.AnalyzerName
		bq.AddMustNot(nq)
	}
	// Enough pages that 30 remain after the filters in this small library.
	req := bleve.NewSearchRequestOptions(bq, 1000, 0, false)
	res, err := b.idx[q.Library].SearchInContext(ctx, req)
	if err != nil {
		return judgedOutcome{}, err
	}
	filters := prefixFilters(q)
	var list []rankedPage
	for _, h := range res.Hits {
		doc, page, ok := splitBaselineID(h.ID)
		if !ok || !filtersAllow(filters, b.docs[q.Library][doc]) {
			continue
		}
		list = append(list, rankedPage{doc, page})
		if len(list) == 30 { // as many pages as our first page of 10 hits can show
			break
		}
	}
	return judgedOutcome{Rank: rankOf(q, list), Empty: len(list) == 0, Top: list[:min(3, len(list))]}, nil
}

func splitBaselineID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	var n int
	if _, err := fmt.Sscanf(id[i+1:], "%d", &n); err != nil {
		return "", 0, false
	}
	return id[:i], n, true
}

// xapianBaseline is Xapian Omega's omindex over pdftotext pages (one file
// per page) searched with quest: English stemming, BM25, the default OR,
// its own query syntax for -word, NOT and "phrases". It extracts the text
// itself, so it also measures pdftotext against our extraction.
type xapianBaseline struct {
	db   map[string]string // library → database folder
	docs map[string]map[string]*search.DocumentInfo
}

func newXapianBaseline(t *testing.T, ctx context.Context, libs map[string]*search.Index) (*xapianBaseline, string) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "omindex", "quest"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, tool + " is not installed (Debian: poppler-utils, xapian-omega, xapian-tools)"
		}
	}
	b := &xapianBaseline{db: map[string]string{}, docs: map[string]map[string]*search.DocumentInfo{}}
	tmp := t.TempDir()
	for lib, x := range libs {
		docs, err := libraryDocs(ctx, x)
		if err != nil {
			t.Fatal(err)
		}
		b.docs[lib] = map[string]*search.DocumentInfo{}
		src := filepath.Join(tmp, lib, "pages")
		for _, d := range docs {
			b.docs[lib][d.ID] = d
			out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", filepath.Join(judgedLibraries[lib], filepath.FromSlash(d.File)), "-").Output()
			if err != nil {
				t.Logf("Xapian baseline: pdftotext %s: %v (its pages are not in the baseline)", d.File, err)
				continue
			}
			dir := filepath.Join(src, d.ID)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for i, text := range strings.Split(string(out), "\f") {
				if strings.TrimSpace(text) == "" {
					continue
				}
				if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i+1)+".txt"), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		db := filepath.Join(tmp, lib, "db")
		if out, err := exec.CommandContext(ctx, "omindex", "--db", db, "--url", "/", src).CombinedOutput(); err != nil {
			return nil, fmt.Sprintf("omindex: %v: %s", err, out)
		}
		b.db[lib] = db
	}
	return b, ""
}

func (b *xapianBaseline) Name() string { return "xapian" }

func (b *xapianBaseline) Run(ctx context.Context, q judgedQuery) (judgedOutcome, error) {
	var kept []string
	for _, w := range strings.Fields(q.Query) {
		if !strings.Contains(w, ":") { // field prefixes are applied as filters
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return judgedOutcome{Empty: true}, nil
	}
	out, err := exec.CommandContext(ctx, "quest", "-d", b.db[q.Library], "-m", "1000", strings.Join(kept, " ")).Output()
	if err != nil {
		return judgedOutcome{}, fmt.Errorf("quest: %w", err)
	}
	filters := prefixFilters(q)
	var list []rankedPage
	for _, line := range strings.Split(string(out), "\n") {
		u, ok := strings.CutPrefix(line, "url=/")
		if !ok {
			continue
		}
		doc, file, ok := strings.Cut(u, "/")
		page, err := strconv.Atoi(strings.TrimSuffix(file, ".txt"))
		if !ok || err != nil || !filtersAllow(filters, b.docs[q.Library][doc]) {
			continue
		}
		list = append(list, rankedPage{doc, page})
		if len(list) == 30 {
			break
		}
	}
	return judgedOutcome{Rank: rankOf(q, list), Empty: len(list) == 0, Top: list[:min(3, len(list))]}, nil
}
