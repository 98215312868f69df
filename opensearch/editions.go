package opensearch

import (
	"context"
	"net/url"
	"sort"

	"handbooks/search"
)

// maxEditions bounds the editions listed per work.
const maxEditions = 100

// editionsOf reads every edition of the given works, newest first, and
// which of them match the query match (nil: none is asked).
func (x *Index) editionsOf(ctx context.Context, works []string, match map[string]any) (map[string][]search.Document, map[string]bool, error) {
	out := map[string][]search.Document{}
	matched := map[string]bool{}
	if len(works) == 0 {
		return out, matched, nil
	}
	q := map[string]any{"terms": map[string]any{"work": works}}
	if match != nil {
		q = map[string]any{"bool": map[string]any{"filter": []any{q},
			"should": []any{map[string]any{"bool": map[string]any{"filter": []any{match}, "_name": "m"}}}}}
	}
	body := map[string]any{
		"query": q,
		"size":  min(maxResultWindow, maxEditions*len(works)),
		"sort":  []any{map[string]any{"year": map[string]any{"order": "desc", "missing": "_last"}}, map[string]any{"id": "asc"}},
	}
	ans, err := x.search(ctx, x.c.docsAlias(), metaFetch(body))
	if err != nil {
		return nil, nil, err
	}
	if err := x.fillMeta(ctx, ans.Hits.Hits); err != nil {
		return nil, nil, err
	}
	for _, h := range ans.Hits.Hits {
		d := h.doc()
		w := search.WorkKey(d)
		out[w] = append(out[w], d)
		if len(h.MatchedQueries) > 0 {
			matched[d.ID] = true
		}
	}
	for _, eds := range out {
		// Newest first as package search lists them.
		sort.SliceStable(eds, func(i, j int) bool {
			if search.NewerEdition(eds[i], eds[j]) != search.NewerEdition(eds[j], eds[i]) {
				return search.NewerEdition(eds[i], eds[j])
			}
			return eds[i].ID < eds[j].ID
		})
	}
	return out, matched, nil
}

func otherEditions(eds []search.Document, id string) []search.Edition {
	out := []search.Edition{}
	for _, e := range eds {
		if e.ID != id {
			cur, by := currency(eds, e)
			out = append(out, search.Edition{ID: e.ID, Title: e.Title, Year: e.Year, Edition: e.Edition, Language: e.Language,
				Current: cur, SupersededBy: by})
		}
	}
	return out
}

// currency says whether d is the current edition of its work in its
// language (eds: every edition of the work), and if not which one is.
func currency(eds []search.Document, d search.Document) (bool, string) {
	newest := d
	for _, e := range eds {
		if e.Language == d.Language && search.NewerEdition(e, newest) {
			newest = e
		}
	}
	if newest.ID == d.ID {
		return true, ""
	}
	return false, newest.ID
}

// addEditions fills the other editions of the hits shown and says which
// edition of its work each is, from the editions read for the page.
func addEditions(hits []search.Hit, works map[string]string, eds map[string][]search.Document) {
	for i := range hits {
		list := eds[works[hits[i].ID]]
		hits[i].OtherEditions = otherEditions(list, hits[i].ID)
		for _, e := range list {
			if e.ID == hits[i].ID {
				hits[i].Current, hits[i].SupersededBy = currency(list, e)
			}
		}
	}
}

// getDoc reads a document's metadata.
func (x *Index) getDoc(ctx context.Context, id string) (*search.Document, error) {
	var out struct {
		Source struct {
			Doc search.Document `json:"doc"`
		} `json:"_source"`
	}
	err := x.c.do(ctx, "GET", "/"+x.c.docsAlias()+"/_doc/"+url.PathEscape(id), nil, &out)
	if isStatus(err, 404) {
		return nil, search.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &out.Source.Doc, nil
}
