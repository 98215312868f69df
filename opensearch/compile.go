package opensearch

import (
	"strings"

	"handbooks/search"
)

// Query DSL from the query language. The tree comes from search.ParseQuery,
// so both backends read a query the same way; this file only says what
// each node means in OpenSearch's terms:
//
//	word        multi_match over title_* ^3, tags ^3, summary_* ^1.5 and
//	            body_* (each field analysed by its language's analyzer); a
//	            word that is only stop words matches everything (optional)
//	"phrase"    the same as a phrase (positions)
//	word*       prefix of a folded, unstemmed word (field "words")
//	title:...   the same on title fields only
//	type:x ...  the folded value, or the value as whole words of a longer
//	            value (region:asia matches "South Asia"), as package search
//	year:...    a range on year
//	-x, a OR b  must_not, should
type compiled struct {
	docs    map[string]any // the docs query; nil: match every document
	pages   map[string]any // pages matching any positive text term; nil: none
	all     map[string]any // pages with every required text term; nil: none
	words   []*search.Word // plain words, for did-you-mean
	hasText bool
}

var (
	docFields   = []string{"title_*^3", "tags_text^3", "summary_*^1.5", "body_*"}
	titleFields = []string{"title_*"}
	pageFields  = []string{"text_*"}
)

func compile(tree *search.And) *compiled {
	c := &compiled{}
	var must, not, filter, pageAny, pageAll []any
	for _, n := range tree.Children {
		switch n := n.(type) {
		case *search.Not:
			not = append(not, docNode(n.Child))
		case *search.FieldValue, *search.YearRange:
			filter = append(filter, docNode(n))
		default:
			c.hasText = true
			must = append(must, docNode(n))
			if w, ok := n.(*search.Word); ok && w.Field == "" {
				c.words = append(c.words, w)
			}
			if p := pageNode(n); p != nil {
				pageAny = append(pageAny, p)
				if _, or := n.(*search.Or); !or {
					pageAll = append(pageAll, p)
				}
			}
		}
	}
	if len(must)+len(not)+len(filter) > 0 {
		b := map[string]any{}
		if len(must) > 0 {
			b["must"] = must
		}
		if len(not) > 0 {
			b["must_not"] = not
		}
		if len(filter) > 0 {
			b["filter"] = filter
		}
		c.docs = map[string]any{"bool": b}
	}
	if len(pageAny) > 0 {
		c.pages = map[string]any{"bool": map[string]any{"should": pageAny, "minimum_should_match": 1}}
	}
	if len(pageAll) > 0 {
		c.all = map[string]any{"bool": map[string]any{"must": pageAll}}
	}
	return c
}

func textMatch(text string, fields []string, phrase bool) map[string]any {
	m := map[string]any{"query": text, "fields": fields, "zero_terms_query": "all"}
	if phrase {
		m["type"] = "phrase"
	} else {
		m["operator"] = "and"
		m["type"] = "best_fields"
		m["tie_breaker"] = 0.3
	}
	return map[string]any{"multi_match": m}
}

func fieldsFor(field string) []string {
	if field == "title" {
		return titleFields
	}
	return docFields
}

// docNode is a node of the query over the docs index.
func docNode(n search.Node) map[string]any {
	switch n := n.(type) {
	case *search.Word:
		return textMatch(n.Text, fieldsFor(n.Field), false)
	case *search.Phrase:
		return textMatch(n.Text, fieldsFor(n.Field), true)
	case *search.Prefix:
		f := "words"
		if n.Field == "title" {
			f = "title_words"
		}
		return map[string]any{"prefix": map[string]any{f: map[string]any{"value": search.Fold(n.Text)}}}
	case *search.Or:
		var should []any
		for _, ch := range n.Children {
			should = append(should, docNode(ch))
		}
		return map[string]any{"bool": map[string]any{"should": should, "minimum_should_match": 1}}
	case *search.Not:
		return map[string]any{"bool": map[string]any{"must_not": []any{docNode(n.Child)}}}
	case *search.FieldValue:
		return fieldValue(n.Field, n.Value)
	case *search.YearRange:
		return yearRange(n.From, n.To)
	}
	return map[string]any{"match_none": map[string]any{}}
}

// fieldValue: the value, or the value as whole words of a longer value.
func fieldValue(field, value string) map[string]any {
	f := field + ".f"
	v := search.Fold(value)
	esc := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`).Replace(v)
	should := []any{map[string]any{"term": map[string]any{f: v}}}
	for _, p := range []string{esc + " *", "* " + esc, "* " + esc + " *"} {
		should = append(should, map[string]any{"wildcard": map[string]any{f: map[string]any{"value": p}}})
	}
	return map[string]any{"bool": map[string]any{"should": should, "minimum_should_match": 1}}
}

func yearRange(from, to int) map[string]any {
	r := map[string]any{}
	if from != 0 {
		r["gte"] = from
	}
	if to != 0 {
		r["lte"] = to
	}
	if len(r) == 0 {
		return map[string]any{"exists": map[string]any{"field": "year"}}
	}
	return map[string]any{"range": map[string]any{"year": r}}
}

// pageNode is the part of a node that pages can match: its positive text.
func pageNode(n search.Node) map[string]any {
	switch n := n.(type) {
	case *search.Word:
		if n.Field == "" {
			return textMatch(n.Text, pageFields, false)
		}
	case *search.Phrase:
		if n.Field == "" {
			return textMatch(n.Text, pageFields, true)
		}
	case *search.Prefix:
		if n.Field == "" {
			return map[string]any{"multi_match": map[string]any{"query": n.Text, "fields": pageFields, "type": "phrase_prefix"}}
		}
	case *search.Or:
		var should []any
		for _, ch := range n.Children {
			if p := pageNode(ch); p != nil {
				should = append(should, p)
			}
		}
		if len(should) > 0 {
			return map[string]any{"bool": map[string]any{"should": should, "minimum_should_match": 1}}
		}
	}
	return nil
}
