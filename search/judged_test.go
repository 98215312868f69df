package search_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"handbooks/search"
)

// The judged set: practitioner queries judged to the physical pages that
// answer them (testdata/judged/README.md says how it was written and how a
// ranked list of pages is read from a result).

var judgedHeldOut = flag.Bool("judged.heldout", false, "TestJudged: also list the held-out queries that miss (the tune split's are always listed)")

const judgedDir = "testdata/judged"

// judgedQuery is one line of testdata/judged/queries.tsv.
type judgedQuery struct {
	ID       string
	Split    string // tune or held-out
	Type     string // question, keyword, typo, acronym, spelling, exclusion, phrase, filter
	Library  string // sample or domain
	Query    string
	Filters  search.Filters
	Relevant map[string]map[int]bool // document id → pages that answer
	Note     string
	line     int
}

// judgedLibraries maps the library column to the folder indexed for it.
var judgedLibraries = map[string]string{
	"sample": filepath.Join("..", "testdata", "library"),
	"domain": filepath.Join("..", "..", "shared", "corpus", "domain"),
}

var judgedTypes = []string{"question", "keyword", "typo", "acronym", "spelling", "exclusion", "phrase", "filter"}

// loadJudged reads the judged set; any malformed line is an error.
func loadJudged(path string) ([]judgedQuery, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []judgedQuery
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue // header, blank, comment
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 8 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 8 (id split type library query filters relevant note)", path, n, len(cols))
		}
		q := judgedQuery{ID: cols[0], Split: cols[1], Type: cols[2], Library: cols[3], Query: cols[4], Note: cols[7], line: n}
		if seen[q.ID] {
			return nil, fmt.Errorf("%s:%d: duplicate id %s", path, n, q.ID)
		}
		seen[q.ID] = true
		if q.Split != "tune" && q.Split != "held-out" {
			return nil, fmt.Errorf("%s:%d: split %q, want tune or held-out", path, n, q.Split)
		}
		if !contains(judgedTypes, q.Type) {
			return nil, fmt.Errorf("%s:%d: type %q, want one of %v", path, n, q.Type, judgedTypes)
		}
		if _, ok := judgedLibraries[q.Library]; !ok {
			return nil, fmt.Errorf("%s:%d: library %q, want sample or domain", path, n, q.Library)
		}
		if q.Filters, err = parseJudgedFilters(cols[5]); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if q.Relevant, err = parseJudgedRelevant(cols[6]); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if strings.TrimSpace(q.Note) == "" {
			return nil, fmt.Errorf("%s:%d: no note saying why the pages answer", path, n)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// parseJudgedFilters reads "type=Guidance;region=Europe;year=2019-2023";
// several values of one facet are separated by "|".
func parseJudgedFilters(s string) (search.Filters, error) {
	var f search.Filters
	if s == "" || s == "-" {
		return f, nil
	}
	for _, kv := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			return f, fmt.Errorf("filter %q, want name=value", kv)
		}
		vals := strings.Split(v, "|")
		switch k {
		case "type":
			f.Types = vals
		case "region":
			f.Regions = vals
		case "country":
			f.Countries = vals
		case "tag":
			f.Tags = vals
		case "publisher":
			f.Publishers = vals
		case "lang":
			f.Languages = vals
		case "year":
			from, to, _ := strings.Cut(v, "-")
			var err1, err2 error
			if from != "" {
				f.YearFrom, err1 = strconv.Atoi(from)
			}
			if to != "" {
				f.YearTo, err2 = strconv.Atoi(to)
			}
			if err1 != nil || err2 != nil {
				return f, fmt.Errorf("year filter %q, want FROM-TO, FROM- or -TO", v)
			}
		default:
			return f, fmt.Errorf("unknown filter %q", k)
		}
	}
	return f, nil
}

// parseJudgedRelevant reads "docA:3,4 docB:9".
func parseJudgedRelevant(s string) (map[string]map[int]bool, error) {
	rel := map[string]map[int]bool{}
	for _, part := range strings.Fields(s) {
		doc, pages, ok := strings.Cut(part, ":")
		if !ok || doc == "" || pages == "" {
			return nil, fmt.Errorf("relevant %q, want doc:page,page", part)
		}
		if rel[doc] == nil {
			rel[doc] = map[int]bool{}
		}
		for _, p := range strings.Split(pages, ",") {
			n, err := strconv.Atoi(p)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("relevant %q: page %q is not a page number from 1", part, p)
			}
			rel[doc][n] = true
		}
	}
	if len(rel) == 0 {
		return nil, fmt.Errorf("no relevant pages")
	}
	return rel, nil
}

// ourEngine is this project's search, first page of results.
type ourEngine struct{ libs map[string]*search.Index }

func (ourEngine) Name() string { return "handbooks" }

func (e ourEngine) Run(ctx context.Context, q judgedQuery) (judgedOutcome, error) {
	res, err := e.libs[q.Library].Search(ctx, search.Request{Query: q.Query, Filters: q.Filters, PerPage: 10})
	if err != nil {
		return judgedOutcome{}, err
	}
	list := pagesOf(res)
	return judgedOutcome{Rank: rankOf(q, list), Empty: len(res.Hits) == 0, Top: list[:min(3, len(list))]}, nil
}

func TestJudged(t *testing.T) {
	queries, err := loadJudged(filepath.Join(judgedDir, "queries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	checkJudgedSplit(t, queries)
	floors, err := loadFloors(filepath.Join(judgedDir, "floors.txt"))
	if err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	libs := map[string]*search.Index{}
	var run []judgedQuery
	skipped := map[string]int{}
	for _, q := range queries {
		dir := judgedLibraries[q.Library]
		if _, err := os.Stat(dir); err != nil {
			skipped[q.Library]++
			continue
		}
		if libs[q.Library] == nil {
			libs[q.Library] = indexLibrary(t, dir)
		}
		run = append(run, q)
	}
	for lib, n := range skipped {
		t.Logf("library %s not at %s: its %d queries are left out (the floors apply to a full run only)", lib, judgedLibraries[lib], n)
	}
	checkJudgedDocs(t, libs, run)

	engines := []judgedEngine{ourEngine{libs}}
	bm25, err := newBleveBaseline(ctx, libs)
	if err != nil {
		t.Fatal(err)
	}
	defer bm25.Close()
	engines = append(engines, bm25)
	if xap, why := newXapianBaseline(t, ctx, libs); xap != nil {
		engines = append(engines, xap)
	} else {
		t.Logf("Xapian baseline left out: %s", why)
	}

	outcomes := map[string][]judgedOutcome{}
	for _, e := range engines {
		for _, q := range run {
			o, err := e.Run(ctx, q)
			if err != nil {
				t.Errorf("%s %s %q: %v", e.Name(), q.ID, q.Query, err)
			}
			outcomes[e.Name()] = append(outcomes[e.Name()], o)
		}
	}
	t.Logf("\n%s", judgedTable(engines, run, outcomes))
	t.Logf("\n%s", judgedGoals(engines, run, outcomes))
	t.Logf("\n%s", judgedMisses(engines, run, outcomes, *judgedHeldOut))
	if len(skipped) == 0 {
		checkFloors(t, floors, run, outcomes["handbooks"])
	}
}

// checkJudgedSplit: about half of each type is held out.
func checkJudgedSplit(t *testing.T, qs []judgedQuery) {
	t.Helper()
	count := map[string][2]int{}
	for _, q := range qs {
		c := count[q.Type]
		if q.Split == "tune" {
			c[0]++
		} else {
			c[1]++
		}
		count[q.Type] = c
	}
	for typ, c := range count {
		if d := c[0] - c[1]; d > 1 || d < -1 {
			t.Errorf("type %s: %d tune and %d held-out queries; the split must be balanced by type (differ by at most one)", typ, c[0], c[1])
		}
	}
}

// checkJudgedDocs: every judged document exists and has the judged pages.
func checkJudgedDocs(t *testing.T, libs map[string]*search.Index, qs []judgedQuery) {
	t.Helper()
	for _, q := range qs {
		for doc, pages := range q.Relevant {
			info, err := libs[q.Library].Document(context.Background(), doc)
			if err != nil {
				t.Errorf("%s (line %d): document %s: %v", q.ID, q.line, doc, err)
				continue
			}
			for p := range pages {
				if p > info.PageCount {
					t.Errorf("%s (line %d): %s has %d pages, judged page %d", q.ID, q.line, doc, info.PageCount, p)
				}
			}
		}
	}
}
