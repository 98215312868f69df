package opensearch

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"
	"unicode"

	"handbooks/search"
)

// corrections proposes, for words of the query that no document has, the
// most frequent word of the library within one edit (two from eight
// letters), as package search's did-you-mean does; OpenSearch's term
// suggester over the folded words does the lookup.
func (x *Index) corrections(ctx context.Context, gm *genMeta, words []*search.Word) map[string]string {
	fix := map[string]string{}
	sug := map[string]any{}
	var asked []string
	for _, w := range words {
		edits, ok := search.Correctable(w.Text)
		if !ok {
			continue
		}
		term := map[string]any{"field": "words", "suggest_mode": "missing", "max_edits": edits, "prefix_length": 0,
			"min_word_length": 2, "sort": "frequency", "size": 1, "analyzer": "hb_fold"}
		if gm.Info.Documents >= 200 {
			// Words of a single document are left out (typos, OCR noise).
			// (A min_doc_freq of 1 or less would be a fraction of documents.)
			term["min_doc_freq"] = 2
		}
		sug[fmt.Sprintf("w%d", len(asked))] = map[string]any{"text": search.Fold(w.Text), "term": term}
		asked = append(asked, search.Fold(w.Text))
	}
	if len(asked) == 0 {
		return fix
	}
	ans, err := x.search(ctx, x.c.docsAlias(), map[string]any{"size": 0, "suggest": sug})
	if err != nil {
		return fix
	}
	for i, w := range asked {
		for _, e := range ans.Suggest[fmt.Sprintf("w%d", i)] {
			if len(e.Options) > 0 && e.Options[0].Text != w {
				fix[w] = e.Options[0].Text
			}
		}
	}
	return fix
}

// searchWithin searches the pages of one document: all its pages with
// every required word (or, when none has them all, with any), best first.
func (x *Index) searchWithin(ctx context.Context, c *compiled, r *search.Request, res *search.Result) error {
	d, err := x.getDoc(ctx, r.Within)
	if err != nil {
		return err
	}
	h := hitFromDoc(*d, 0)
	eds, _, err := x.editionsOf(ctx, []string{search.WorkKey(*d)}, nil)
	if err != nil {
		return err
	}
	h.OtherEditions = otherEditions(eds[search.WorkKey(*d)], d.ID)
	res.Hits = []search.Hit{h}
	res.Facets = map[string][]search.Facet{}
	if c.pages == nil {
		return nil
	}
	per := r.PerPage
	if per == 0 {
		per = x.limits.DefaultPerPage
	}
	from := (max(r.Page, 1) - 1) * per
	if r.Cursor != "" {
		if from, err = decodeCursor(r.Cursor, "within"); err != nil {
			return err
		}
	}
	run := func(q map[string]any) (*searchAnswer, error) {
		body := map[string]any{
			"query": map[string]any{"bool": map[string]any{"must": []any{q},
				"filter": []any{map[string]any{"term": map[string]any{"doc": d.ID}}}}},
			"from": min(from, maxResultWindow-per), "size": per, "track_total_hits": true,
			"_source": []string{"doc", "page", "label"}, "highlight": highlight(c.pages, 1),
			"sort": []any{"_score", map[string]any{"page": "asc"}},
		}
		return x.search(ctx, x.c.pagesAlias()+"?routing="+url.QueryEscape(d.ID), body)
	}
	var ans *searchAnswer
	if c.all != nil {
		if ans, err = run(c.all); err != nil {
			return err
		}
	}
	if ans == nil || ans.Hits.Total.Value == 0 {
		if ans, err = run(c.pages); err != nil {
			return err
		}
	}
	res.Total = ans.Hits.Total.Value
	res.Hits[0].MatchingPages = res.Total
	for _, p := range ans.Hits.Hits {
		res.Hits[0].Pages = append(res.Hits[0].Pages, pageHit(p))
	}
	if to := from + per; to < res.Total {
		s := encodeCursor("within", to)
		res.NextCursor = &s
	}
	return nil
}

// Document returns a document's metadata and its other editions.
func (x *Index) Document(ctx context.Context, id string) (*search.DocumentInfo, error) {
	if err := x.limits.CheckID(id); err != nil {
		return nil, err
	}
	if _, err := x.live(ctx); err != nil {
		return nil, err
	}
	d, err := x.getDoc(ctx, id)
	if err != nil {
		return nil, err
	}
	eds, _, err := x.editionsOf(ctx, []string{search.WorkKey(*d)}, nil)
	if err != nil {
		return nil, err
	}
	list := eds[search.WorkKey(*d)]
	cur, by := currency(list, *d)
	return &search.DocumentInfo{Document: *d, Current: cur, SupersededBy: by, OtherEditions: otherEditions(list, id)}, nil
}

// Page returns the text of page n (from 1) of a document; with q, its
// matches are marked in HTML. A page without text has empty text.
func (x *Index) Page(ctx context.Context, id string, n int, q string) (*search.PageText, error) {
	if err := x.limits.CheckID(id); err != nil {
		return nil, err
	}
	if err := x.limits.CheckPageQuery(q); err != nil {
		return nil, err
	}
	if _, err := x.live(ctx); err != nil {
		return nil, err
	}
	d, err := x.getDoc(ctx, id)
	if err != nil {
		return nil, err
	}
	pages := max(d.PageCount, 0)
	if n < 1 || n > pages {
		return nil, search.ErrNotFound
	}
	pt := &search.PageText{ID: id, Page: n, Label: fmt.Sprint(n), Pages: pages}
	var c *compiled
	if strings.TrimSpace(q) != "" {
		c = compile(search.ParseQuery(q), x.th)
	}
	query := map[string]any{"ids": map[string]any{"values": []string{pageID(id, n)}}}
	body := map[string]any{"query": query, "size": 1}
	if c != nil && c.pages != nil {
		body["highlight"] = highlight(c.pages, 0)
	}
	ans, err := x.search(ctx, x.c.pagesAlias()+"?routing="+url.QueryEscape(id), body)
	if err != nil {
		return nil, err
	}
	if len(ans.Hits.Hits) == 0 {
		return pt, nil
	}
	p := ans.Hits.Hits[0]
	pt.Label, pt.Text = p.page().Label, p.page().text()
	if c != nil {
		pt.HTML = html.EscapeString(pt.Text)
		for _, frags := range p.Highlight {
			if len(frags) > 0 {
				pt.HTML = frags[0]
			}
		}
	}
	return pt, nil
}

// Facets returns every facet value of the library with its document count.
func (x *Index) Facets(ctx context.Context) (map[string][]search.Facet, error) {
	gm, err := x.live(ctx)
	if err != nil {
		return nil, err
	}
	fs := newFilterSet(search.Filters{})
	ans, err := x.search(ctx, x.c.docsAlias(), map[string]any{"size": 0, "aggs": facetAggs(fs)})
	if err != nil {
		return nil, err
	}
	return facetResult(ans.Aggregations, nil, gm.parents()), nil
}

// Suggest completes what someone is typing: titles containing the words
// typed so far (the last one as a prefix), then the query completed with
// the most frequent words of titles and tags starting with the last word.
func (x *Index) Suggest(ctx context.Context, q string, n int) ([]string, error) {
	if err := x.limits.CheckSuggest(q, n); err != nil {
		return nil, err
	}
	if n == 0 {
		n = x.limits.DefaultSuggestions
	}
	if _, err := x.live(ctx); err != nil {
		return nil, err
	}
	words := strings.Fields(search.Fold(q))
	if len(words) == 0 {
		return []string{}, nil
	}
	last := words[len(words)-1]
	body := map[string]any{
		"size":  (n + 1) / 2,
		"query": map[string]any{"match_bool_prefix": map[string]any{"title_words": map[string]any{"query": strings.Join(words, " "), "operator": "and"}}},
		"aggs": map[string]any{"w": map[string]any{"terms": map[string]any{"field": "title_words", "size": n,
			"include": regexpQuote(last) + ".+"}}},
	}
	ans, err := x.search(ctx, x.c.docsAlias(), metaFetch(body))
	if err != nil {
		return nil, err
	}
	if err := x.fillMeta(ctx, ans.Hits.Hits); err != nil {
		return nil, err
	}
	out := []string{}
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[strings.ToLower(s)] && len(out) < n {
			seen[strings.ToLower(s)] = true
			out = append(out, s)
		}
	}
	for _, h := range ans.Hits.Hits {
		add(h.doc().Title)
	}
	head := strings.Join(words[:len(words)-1], " ")
	for _, b := range ans.Aggregations["w"].Buckets {
		w := keyString(b.Key)
		if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			continue
		}
		if head != "" {
			w = head + " " + w
		}
		add(w)
	}
	return out, nil
}

// regexpQuote escapes the characters of Lucene's regular expressions.
func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`.?+*|{}[]()"\#@&<>~`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Stats describe the live generation. It fails while the cluster is red
// (some primary shard has no node) or cannot be reached, so /readyz says
// not ready.
func (x *Index) Stats() (search.Stats, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var h struct {
		Status string `json:"status"`
	}
	if err := x.c.do(ctx, "GET", "/_cluster/health/"+x.c.docsAlias()+","+x.c.pagesAlias(), nil, &h); err != nil {
		if isStatus(err, 404) {
			return search.Stats{}, search.ErrNoIndex
		}
		return search.Stats{}, err
	}
	if h.Status == "red" {
		return search.Stats{}, errors.New("opensearch: cluster health is red")
	}
	gm, err := x.live(ctx)
	if err != nil {
		return search.Stats{}, err
	}
	count := func(alias string) (int, error) {
		var c struct {
			Count int `json:"count"`
		}
		err := x.c.do(ctx, "GET", "/"+alias+"/_count", nil, &c)
		return c.Count, err
	}
	docs, err := count(x.c.docsAlias())
	if err != nil {
		return search.Stats{}, err
	}
	pages, err := count(x.c.pagesAlias())
	if err != nil {
		return search.Stats{}, err
	}
	return search.Stats{Generation: gm.Generation, Documents: docs, Pages: pages, LastRun: gm.Info}, nil
}
