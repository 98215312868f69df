package search_test

import (
	"context"
	"reflect"
	"testing"

	"handbooks/search"
)

// Scoring of the judged set: how a ranked list of pages is read from a
// result, and S@1, S@3 and MRR over it.

// rankedPage is one entry of the ranked list of pages read from a result.
type rankedPage struct {
	Doc  string
	Page int
}

// pagesOf reads the ranked list of pages from our result: for each hit in
// the order shown, the pages shown under it in their order (a hit shows
// its best pages, at most three). Other editions listed under a hit are
// not pages shown, so they do not count.
func pagesOf(res *search.Result) []rankedPage {
	var out []rankedPage
	for _, h := range res.Hits {
		for _, p := range h.Pages {
			out = append(out, rankedPage{h.ID, p.Page})
		}
	}
	return out
}

// rankOf is the 1-based position of the first relevant page in list, 0
// when none is.
func rankOf(q judgedQuery, list []rankedPage) int {
	for i, p := range list {
		if q.Relevant[p.Doc][p.Page] {
			return i + 1
		}
	}
	return 0
}

// judgedOutcome is how one engine did on one query.
type judgedOutcome struct {
	Rank  int // 0: no relevant page in the list
	Empty bool
	Top   []rankedPage // the first three pages, for the list of misses
}

// judgedScore aggregates outcomes.
type judgedScore struct {
	N, S1, S3, Empty int
	RR               float64
}

func (s *judgedScore) add(o judgedOutcome) {
	s.N++
	if o.Rank == 1 {
		s.S1++
	}
	if o.Rank >= 1 && o.Rank <= 3 {
		s.S3++
	}
	if o.Rank > 0 {
		s.RR += 1 / float64(o.Rank)
	}
	if o.Empty {
		s.Empty++
	}
}

func (s judgedScore) at1() float64 { return ratio(float64(s.S1), s.N) }
func (s judgedScore) at3() float64 { return ratio(float64(s.S3), s.N) }
func (s judgedScore) mrr() float64 { return ratio(s.RR, s.N) }

func ratio(a float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return a / float64(n)
}

// judgedEngine answers a judged query with a ranked list of pages.
type judgedEngine interface {
	Name() string
	Run(ctx context.Context, q judgedQuery) (judgedOutcome, error)
}

func TestJudgedScoring(t *testing.T) {
	res := &search.Result{Hits: []search.Hit{
		{ID: "a", Pages: []search.PageHit{{Page: 3}, {Page: 1}}},
		{ID: "b", Pages: []search.PageHit{{Page: 2}}},
	}}
	list := pagesOf(res)
	if want := []rankedPage{{"a", 3}, {"a", 1}, {"b", 2}}; !reflect.DeepEqual(list, want) {
		t.Fatalf("pagesOf = %v, want %v", list, want)
	}
	for _, c := range []struct {
		rel  string
		rank int
	}{
		{"a:3", 1},
		{"a:1", 2},
		{"b:2 a:7", 3},
		{"b:1", 0},
		{"c:2", 0},
	} {
		rel, err := parseJudgedRelevant(c.rel)
		if err != nil {
			t.Fatal(err)
		}
		if got := rankOf(judgedQuery{Relevant: rel}, list); got != c.rank {
			t.Errorf("rank with %s relevant = %d, want %d", c.rel, got, c.rank)
		}
	}
	var s judgedScore
	for _, r := range []int{1, 2, 0, 4} {
		s.add(judgedOutcome{Rank: r, Empty: r == 0})
	}
	if s.at1() != 0.25 || s.at3() != 0.5 || s.mrr() != (1+0.5+0+0.25)/4 || s.Empty != 1 {
		t.Errorf("S@1 %v S@3 %v MRR %v empty %d; want 0.25 0.5 0.4375 1", s.at1(), s.at3(), s.mrr(), s.Empty)
	}
}

func TestJudgedParse(t *testing.T) {
	for _, bad := range []string{"", "doc", "doc:", "doc:0", "doc:x", ":3"} {
		if _, err := parseJudgedRelevant(bad); err == nil {
			t.Errorf("relevant %q: no error", bad)
		}
	}
	f, err := parseJudgedFilters("type=Tools|Guidance;year=2019-2023;lang=en")
	if err != nil {
		t.Fatal(err)
	}
	want := search.Filters{Types: []string{"Tools", "Guidance"}, YearFrom: 2019, YearTo: 2023, Languages: []string{"en"}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("filters = %+v, want %+v", f, want)
	}
	for _, bad := range []string{"type", "colour=red", "year=abc"} {
		if _, err := parseJudgedFilters(bad); err == nil {
			t.Errorf("filters %q: no error", bad)
		}
	}
	got := prefixFilters(judgedQuery{Query: "type:Tools year:2019..2023 consent"})
	if !reflect.DeepEqual(got.Types, []string{"Tools"}) || got.YearFrom != 2019 || got.YearTo != 2023 {
		t.Errorf("prefixFilters = %+v", got)
	}
}
