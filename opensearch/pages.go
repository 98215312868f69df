package opensearch

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"handbooks/search"
)

// pagesPerHit is how many pages each hit shows.
const pagesPerHit = 3

// passageChars is the length of a passage, in characters.
const passageChars = 220

// docPages are the best pages of a document for a query.
type docPages struct {
	pages    []search.PageHit
	matching int     // pages with every required word (any, when none has all)
	best     float64 // score of the best page
}

func highlight(q map[string]any, fragments int) map[string]any {
	f := map[string]any{"fragment_size": passageChars, "number_of_fragments": fragments, "no_match_size": passageChars}
	if fragments == 0 {
		f = map[string]any{"number_of_fragments": 0, "no_match_size": 1 << 20}
	}
	return map[string]any{
		"pre_tags": []string{"<mark>"}, "post_tags": []string{"</mark>"}, "encoder": "html",
		"highlight_query": q, "fields": map[string]any{"text_*": f},
	}
}

// pageScoring ranks pages matching any word of the query, those with every
// required word first.
func pageScoring(c *compiled) map[string]any {
	b := map[string]any{"must": []any{c.pages}}
	if c.all != nil {
		b["should"] = []any{map[string]any{"constant_score": map[string]any{"filter": c.all, "boost": 2}}}
	}
	return map[string]any{"bool": b}
}

// bestPages finds, for each hit, its best pages with passages and its
// number of matching pages, in one request over the pages index.
func (x *Index) bestPages(ctx context.Context, c *compiled, hits []search.Hit) (map[string]*docPages, error) {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	q := pageScoring(c)
	q["bool"].(map[string]any)["filter"] = []any{map[string]any{"terms": map[string]any{"doc": ids}}}
	count := map[string]any{"terms": map[string]any{"field": "doc", "size": len(ids)}}
	// The best pages of each document come from a top_hits aggregation
	// under the count of its pages: one search, no second phase per
	// document as field collapsing with inner hits would run.
	anyAgg := map[string]any{"terms": map[string]any{"field": "doc", "size": len(ids)},
		"aggs": map[string]any{"top": map[string]any{"top_hits": map[string]any{
			"size": pagesPerHit, "_source": []string{"doc", "page", "label"},
			"highlight": highlight(c.pages, 1)}}}}
	aggs := map[string]any{"any": anyAgg}
	if c.all != nil {
		aggs["all"] = map[string]any{"filter": c.all, "aggs": map[string]any{"v": count}}
	}
	body := map[string]any{"query": q, "size": 0, "aggs": aggs}
	var ans struct {
		Shards struct {
			Failed int `json:"failed"`
		} `json:"_shards"`
		Aggregations struct {
			Any struct {
				Buckets []struct {
					Key string `json:"key"`
					Top struct {
						Hits hitList `json:"hits"`
					} `json:"top"`
				} `json:"buckets"`
			} `json:"any"`
			All bucketAgg `json:"all"`
		} `json:"aggregations"`
	}
	if err := x.c.do(ctx, "POST", "/"+x.c.pagesAlias()+"/_search", body, &ans); err != nil {
		return nil, err
	}
	if ans.Shards.Failed > 0 {
		return nil, fmt.Errorf("%w: %d shards failed", search.ErrUnavailable, ans.Shards.Failed)
	}
	out := map[string]*docPages{}
	anyCount := map[string]int{}
	for _, b := range ans.Aggregations.Any.Buckets {
		top := b.Top.Hits
		anyCount[b.Key] = top.Total.Value
		if len(top.Hits) == 0 {
			continue
		}
		dp := &docPages{best: top.MaxScore}
		for _, p := range top.Hits {
			dp.pages = append(dp.pages, pageHit(p))
		}
		out[b.Key] = dp
	}
	allCount := bucketCounts(ans.Aggregations.All)
	for id, dp := range out {
		dp.matching = allCount[id]
		if dp.matching == 0 {
			dp.matching = anyCount[id]
		}
	}
	return out, nil
}

func bucketCounts(a bucketAgg) map[string]int {
	m := map[string]int{}
	for _, b := range a.V.Buckets {
		m[keyString(b.Key)] = b.Count
	}
	for _, b := range a.Buckets {
		m[keyString(b.Key)] = b.Count
	}
	return m
}

func pageHit(p rawHit) search.PageHit {
	snip := ""
	for _, frags := range p.Highlight {
		if len(frags) > 0 {
			snip = strings.Join(strings.Fields(frags[0]), " ")
			break
		}
	}
	return search.PageHit{Page: p.page().Page, Label: p.page().Label, Snippet: snip, Score: p.Score}
}

// rerank orders the best works again by their score scaled to the best
// hit's plus 0.6 × their best page's score scaled likewise, as package
// search does, so that a long handbook with a page about the query is not
// buried under short documents that mention it.
func rerank(hits []search.Hit, pages map[string]*docPages) {
	maxDoc, maxPage := 0.0, 0.0
	for _, h := range hits {
		maxDoc = max(maxDoc, h.Score)
		if p := pages[h.ID]; p != nil {
			maxPage = max(maxPage, p.best)
		}
	}
	if maxDoc == 0 {
		return
	}
	for i := range hits {
		s := hits[i].Score / maxDoc
		if p := pages[hits[i].ID]; p != nil && maxPage > 0 {
			s += 0.6 * p.best / maxPage
		}
		hits[i].Score = s
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if hits[i].Year != hits[j].Year {
			return hits[i].Year > hits[j].Year
		}
		return hits[i].ID < hits[j].ID
	})
}
