package opensearch

import (
	"context"
	"fmt"
)

// maxExcludeDocs bounds the documents a query with exclusions can find:
// the documents with an acceptable page are collected with a terms
// aggregation, and a terms query takes at most 65,536 ids.
const maxExcludeDocs = 65536

// excludePages restricts c's document query to the documents that have a
// page with some of the query's words (any page, when it has none) and
// none of its excluded text, as package search does.
func (x *Index) excludePages(ctx context.Context, c *compiled) error {
	if len(c.pageNot) == 0 {
		return nil
	}
	q := c.pages // already without the excluded pages
	if q == nil {
		q = map[string]any{"bool": map[string]any{"must_not": c.pageNot}}
	}
	body := map[string]any{"size": 0, "query": q,
		"aggs": map[string]any{"d": map[string]any{"terms": map[string]any{"field": "doc", "size": maxExcludeDocs}}}}
	ans, err := x.search(ctx, x.c.pagesAlias(), body)
	if err != nil {
		return err
	}
	ids := []string{}
	for _, b := range ans.Aggregations["d"].Buckets {
		ids = append(ids, keyString(b.Key))
	}
	if len(ids) >= maxExcludeDocs {
		return overLimit("q", "an exclusion (-word) over more than %d documents; add words or filters", maxExcludeDocs)
	}
	keep := map[string]any{"terms": map[string]any{"id": ids}}
	if c.docs == nil {
		c.docs = map[string]any{"bool": map[string]any{"filter": []any{keep}}}
		return nil
	}
	b, ok := c.docs["bool"].(map[string]any)
	if !ok {
		return fmt.Errorf("opensearch: unexpected document query %v", c.docs)
	}
	f, _ := b["filter"].([]any)
	b["filter"] = append(f, keep)
	return nil
}
