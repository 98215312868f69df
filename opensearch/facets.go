package opensearch

import (
	"sort"
	"strconv"

	"handbooks/search"
)

// Facets are counted with aggregations over the docs index, where one
// entry is one document, so counts are documents as in package search.
// They are disjunctive: the request's filters are a post_filter (they cut
// the hits, not the aggregations), and each facet's counts are under a
// filter aggregation of every filter but its own.

// filterSet is a request's filters as queries, per facet (in the order of
// search.FacetNames); nil where the facet is not filtered.
type filterSet struct {
	q        [7]map[string]any
	selected [6]map[string]bool // folded values per metadata facet
	from, to int
}

func newFilterSet(f search.Filters) *filterSet {
	fs := &filterSet{from: f.YearFrom, to: f.YearTo}
	for i, vs := range [][]string{f.Types, f.Regions, f.Countries, f.Tags, f.Publishers, f.Languages} {
		var terms []string
		for _, v := range vs {
			if v = search.Fold(v); v != "" {
				if fs.selected[i] == nil {
					fs.selected[i] = map[string]bool{}
				}
				if !fs.selected[i][v] {
					fs.selected[i][v] = true
					terms = append(terms, v)
				}
			}
		}
		if len(terms) > 0 {
			fs.q[i] = map[string]any{"terms": map[string]any{facetFields[i] + ".f": terms}}
		}
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		fs.q[6] = yearRange(f.YearFrom, f.YearTo)
	}
	return fs
}

// except is the filter of every facet but skip (-1: all of them).
func (fs *filterSet) except(skip int) map[string]any {
	var list []any
	for i, q := range fs.q {
		if q != nil && i != skip {
			list = append(list, q)
		}
	}
	return map[string]any{"bool": map[string]any{"filter": list}}
}

func (fs *filterSet) any() bool {
	for _, q := range fs.q {
		if q != nil {
			return true
		}
	}
	return false
}

// maxFacetValues bounds the values listed per facet.
const maxFacetValues = 1000

func facetField(i int) string {
	if i == 6 {
		return "year"
	}
	return facetFields[i]
}

// facetAggs are the aggregations of the facets and of the number of
// works (distinct work keys; exact up to 40,000 works, approximate beyond:
// see doc.go).
func facetAggs(fs *filterSet) map[string]any {
	aggs := map[string]any{}
	for i := range fs.q {
		aggs["f"+strconv.Itoa(i)] = map[string]any{
			"filter": fs.except(i),
			"aggs": map[string]any{"v": map[string]any{"terms": map[string]any{
				"field": facetField(i), "size": maxFacetValues}}},
		}
	}
	aggs["all"] = map[string]any{"filter": fs.except(-1),
		"aggs": map[string]any{"works": map[string]any{"cardinality": map[string]any{"field": "work", "precision_threshold": 40000}}}}
	return aggs
}

type bucketAgg struct {
	V struct {
		Buckets []struct {
			Key   any `json:"key"`
			Count int `json:"doc_count"`
		} `json:"buckets"`
	} `json:"v"`
	Buckets []struct {
		Key   any `json:"key"`
		Count int `json:"doc_count"`
	} `json:"buckets"`
	Works struct {
		Value int `json:"value"`
	} `json:"works"`
	Count int `json:"doc_count"`
}

// facetResult turns the aggregations into Result.Facets, ordered and
// marked as package search does.
func facetResult(aggs map[string]bucketAgg, fs *filterSet, parents map[string]string) map[string][]search.Facet {
	out := map[string][]search.Facet{}
	for i, name := range search.FacetNames {
		list := []search.Facet{}
		seen := map[string]bool{}
		for _, b := range aggs["f"+strconv.Itoa(i)].V.Buckets {
			v := keyString(b.Key)
			seen[search.Fold(v)] = true
			list = append(list, search.Facet{Value: v, Count: b.Count, Selected: fs != nil && fs.isSelected(i, v), Parent: parents[name+":"+v]})
		}
		if fs != nil && i < 6 {
			for v := range fs.selected[i] {
				if !seen[v] {
					list = append(list, search.Facet{Value: v, Selected: true})
				}
			}
		}
		if i == 6 {
			sort.Slice(list, func(a, b int) bool { return list[a].Value > list[b].Value })
		} else {
			sort.Slice(list, func(a, b int) bool {
				if list[a].Count != list[b].Count {
					return list[a].Count > list[b].Count
				}
				return list[a].Value < list[b].Value
			})
		}
		out[name] = list
	}
	return out
}

func (fs *filterSet) isSelected(i int, v string) bool {
	if i == 6 {
		y, _ := strconv.Atoi(v)
		return (fs.from != 0 || fs.to != 0) && y != 0 && (fs.from == 0 || y >= fs.from) && (fs.to == 0 || y <= fs.to)
	}
	return fs.selected[i][search.Fold(v)]
}

func keyString(k any) string {
	switch k := k.(type) {
	case string:
		return k
	case float64:
		return strconv.Itoa(int(k))
	}
	return ""
}
