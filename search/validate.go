package search

import (
	"fmt"
	"sort"
	"strings"
)

// Request values that parse but cannot mean anything in this library are
// mistakes to point out, not empty results to leave unexplained.

// facetParams names the filters as the API's parameters and messages do.
var facetParams = [numFacets]struct{ param, noun string }{
	facetType:      {"type", "type"},
	facetRegion:    {"region", "region"},
	facetCountry:   {"country", "country"},
	facetTag:       {"tag", "topic"},
	facetPublisher: {"publisher", "publisher"},
	facetLang:      {"lang", "language"},
}

// maxListed bounds the values an error message lists.
const maxListed = 12

// checkFilters rejects a filter value that no document of the generation
// has: a filter on it could only answer nothing, and a value shown as
// selected would be one the library does not hold. The message names the
// closest value and lists the others.
func (g *generation) checkFilters(f Filters) error {
	for facet, vs := range [...][]string{
		facetType: f.Types, facetRegion: f.Regions, facetCountry: f.Countries,
		facetTag: f.Tags, facetPublisher: f.Publishers, facetLang: f.Languages,
	} {
		for _, v := range vs {
			if strings.TrimSpace(v) == "" || g.hasFacetValue(facet, v) {
				continue
			}
			return unknownValue(facetParams[facet].param, facetParams[facet].noun, v, g.facetVals[facet])
		}
	}
	return nil
}

func (g *generation) hasFacetValue(facet int, v string) bool {
	v = fold(v)
	if g.table != nil {
		return len(g.table.byFold[facet][v]) > 0
	}
	for _, known := range g.facetVals[facet] {
		if fold(known) == v {
			return true
		}
	}
	return false
}

func unknownValue(param, noun, v string, known []string) *Error {
	if len(known) == 0 {
		return invalid(param, "no document in the library has a %s; leave out %s=", noun, param)
	}
	vals := append([]string(nil), known...)
	sort.Strings(vals)
	msg := fmt.Sprintf("no document in the library has the %s %q", noun, v)
	if near := closest(v, vals); near != "" {
		msg += fmt.Sprintf(": did you mean %q?", near)
	} else {
		msg += "."
	}
	listed := vals[:min(len(vals), maxListed)]
	msg += fmt.Sprintf(" Values in the library: %s", strings.Join(listed, ", "))
	if n := len(vals) - len(listed); n > 0 {
		msg += fmt.Sprintf(" and %d more", n)
	}
	return invalid(param, "%s", msg)
}

// closest is the known value nearest to v in spelling, if near enough to
// be a slip (an edit for every four letters), else "".
func closest(v string, known []string) string {
	v = fold(v)
	best, bestD := "", len(v)/4+1
	for _, k := range known {
		if d := editDistance(v, fold(k)); d < bestD || d == bestD && best == "" && d <= len(v)/4 {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// checkYearTerms rejects year: with something that is not a year or a
// range of years. The parser, forgiving, searches it as a word, which no
// page can hold: the search would answer nothing without saying why.
func checkYearTerms(tree *And) error {
	var bad string
	var walk func(n Node)
	walk = func(n Node) {
		switch n := n.(type) {
		case *And:
			for _, c := range n.Children {
				walk(c)
			}
		case *Or:
			for _, c := range n.Children {
				walk(c)
			}
		case *Not:
			walk(n.Child)
		case *Word:
			if len(n.Text) > 5 && strings.EqualFold(n.Text[:5], "year:") && bad == "" {
				bad = n.Text
			}
		}
	}
	walk(tree)
	if bad == "" {
		return nil
	}
	return invalid("q", "%s: year: takes a year or a range of years, such as year:2018, year:2015..2020, year:>=2018 or year:<2010", bad)
}
