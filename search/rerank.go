package search

import "context"

// rerankDepth is how many of the best documents by document-level score
// are ranked again with their best page.
const rerankDepth = 30

// pageWeight is the weight of the best page against the document's own
// score (1) in rerank: below 1, so that a document whose title or tags
// name the query stays above one that only has a page about it.
const pageWeight = 0.6

// rerank rescores hits (sorted by document score; the caller sorts them
// again): the document's BM25, scaled to the best hit's, plus pageWeight
// times the score of its best page, scaled to the best such page, for the
// first rerankDepth hits. A long handbook with a page about the query then
// ranks with the short documents that merely mention it. Deeper documents
// keep only the first part and stay below. It returns the matching pages
// found, best first, for the pages shown.
func rerank(ctx context.Context, g *generation, c *compiled, hits []scored, cv *coverage) (map[string][]pageScore, error) {
	if c.pages == nil || len(hits) == 0 {
		return nil, nil
	}
	top := hits[:min(rerankDepth, len(hits))]
	docs := make([]*docMeta, len(top))
	for i, h := range top {
		docs[i] = h.d
	}
	cd := c.forDocs(g, docs)
	found, err := matchingPages(ctx, g, cd.pages, docs)
	if err != nil {
		return nil, err
	}
	if err := rescorePages(ctx, g, cd, found); err != nil {
		return nil, err
	}
	for _, d := range docs {
		if _, ok := found[d.ID]; !ok {
			found[d.ID] = nil // no page matches: known, not to be looked up again
		}
	}
	maxDoc, maxPage := 0.0, 0.0
	for _, h := range hits {
		maxDoc = max(maxDoc, h.score)
	}
	for _, h := range top {
		if ps := found[h.d.ID]; len(ps) > 0 {
			maxPage = max(maxPage, ps[0].score)
		}
	}
	for i := range hits {
		s := 0.0
		if maxDoc > 0 {
			s = hits[i].score / maxDoc
		}
		if share, ok := cv.lookup(hits[i].d.ID); ok && i < len(top) {
			s *= share * share
		}
		if ps := found[hits[i].d.ID]; i < len(top) && len(ps) > 0 && maxPage > 0 {
			s += pageWeight * ps[0].score / maxPage
		}
		hits[i].score = s
	}
	return found, nil
}
