package opensearch

import (
	"strings"

	"handbooks/search"
)

// Query DSL from the query language. The tree comes from search.ParseQuery
// and equivalents from search's thesaurus, so both backends read a query
// the same way; this file only says what each part means in OpenSearch's
// terms:
//
//	word        multi_match over title_* ^3, tags ^3, summary_* ^1.5 and
//	            body_* (each field analysed by its language's analyzer); a
//	            word that is only stop words matches everything (optional);
//	            thesaurus equivalents as alternatives (boost 0.7)
//	a b c       consecutive words: each required, the run as a phrase is
//	            an optional boost (2); a run the thesaurus knows ("forced
//	            labour") may be matched by an equivalent instead
//	"phrase"    the same as a phrase (positions)
//	word*       prefix of a folded, unstemmed word (field "words")
//	title:...   the same on title fields only
//	type:x ...  the folded value, or the value as whole words of a longer
//	            value (region:asia matches "South Asia"), as package search
//	year:...    a range on year
//	-x, a OR b  must_not, should
type compiled struct {
	docs  map[string]any // the docs query; nil: match every document
	pages map[string]any // pages matching any positive text term; nil: none
	all   map[string]any // pages with every required text term; nil: none
	words []*search.Word // plain words, for did-you-mean
	also  []string       // thesaurus equivalents searched
	// pageNot are the text excluded (-word, NOT "a b"): as in package
	// search, they leave out pages, not documents; a document is found by
	// a page with some of the query's words and none of the excluded text.
	pageNot []any
	hasText bool
}

const (
	boostPhrase  = 2.0
	boostSynonym = 0.7
)

var (
	docFields   = []string{"title_*^3", "tags_text^3", "summary_*^1.5", "body_*"}
	titleFields = []string{"title_*"}
	pageFields  = []string{"text_*"}
)

type compiler struct {
	th                                          *search.Thesaurus
	out                                         *compiled
	seen                                        map[string]bool
	must, should, not, filter, pageAny, pageAll []any
	run                                         []*search.Word
}

func compile(tree *search.And, th *search.Thesaurus) *compiled {
	c := &compiler{th: th, out: &compiled{}, seen: map[string]bool{}}
	for _, n := range tree.Children {
		switch n := n.(type) {
		case *search.Not:
			c.flush()
			if isMeta(n.Child) {
				c.not = append(c.not, docNode(n.Child))
			} else if p := excludedPages(n.Child); p != nil {
				c.out.pageNot = append(c.out.pageNot, p)
			}
		case *search.FieldValue, *search.YearRange:
			c.flush()
			c.filter = append(c.filter, docNode(n))
		case *search.Word:
			c.out.hasText = true
			if n.Field == "" {
				c.out.words = append(c.out.words, n)
				c.run = append(c.run, n)
				continue
			}
			c.flush()
			c.must = append(c.must, c.withEquivalents(docNode(n), n.Text, fieldsFor(n.Field), false))
		default:
			c.out.hasText = true
			c.flush()
			q := docNode(n)
			if p, ok := n.(*search.Phrase); ok {
				q = c.withEquivalents(q, p.Text, fieldsFor(p.Field), false)
			}
			c.must = append(c.must, q)
			if p := pageNode(n); p != nil {
				c.pageAny = append(c.pageAny, p)
				if _, or := n.(*search.Or); !or {
					c.pageAll = append(c.pageAll, p)
				}
			}
		}
	}
	c.flush()
	out := c.out
	if len(c.must)+len(c.not)+len(c.filter) > 0 {
		b := map[string]any{}
		if len(c.must) > 0 {
			b["must"] = c.must
		}
		if len(c.should) > 0 {
			b["should"] = c.should
		}
		if len(c.not) > 0 {
			b["must_not"] = c.not
		}
		if len(c.filter) > 0 {
			b["filter"] = c.filter
		}
		out.docs = map[string]any{"bool": b}
	}
	if len(c.pageAny) > 0 {
		out.pages = anyOf(c.pageAny...)
	}
	if len(out.pageNot) > 0 {
		if out.pages != nil {
			out.pages = map[string]any{"bool": map[string]any{"must": []any{out.pages}, "must_not": out.pageNot}}
		}
	}
	if len(c.pageAll) > 0 {
		all := map[string]any{"must": c.pageAll}
		if len(out.pageNot) > 0 {
			all["must_not"] = out.pageNot
		}
		out.all = map[string]any{"bool": all}
	}
	return out
}

func anyOf(qs ...any) map[string]any {
	if len(qs) == 1 {
		return qs[0].(map[string]any)
	}
	return map[string]any{"bool": map[string]any{"should": qs, "minimum_should_match": 1}}
}

func (c *compiler) addAlso(e string) {
	if !c.seen[e] {
		c.seen[e] = true
		c.out.also = append(c.out.also, e)
	}
}

// withEquivalents: q, or any thesaurus equivalent of text.
func (c *compiler) withEquivalents(q map[string]any, text string, fields []string, page bool) map[string]any {
	eq := c.th.Lookup(text)
	if len(eq) == 0 {
		return q
	}
	alts := []any{q}
	for _, e := range eq {
		if !page {
			c.addAlso(e)
		}
		alts = append(alts, boosted(textMatch(e, fields, strings.Contains(e, " ")), boostSynonym))
	}
	return anyOf(alts...)
}

func boosted(q map[string]any, boost float64) map[string]any {
	for _, v := range q {
		if m, ok := v.(map[string]any); ok {
			m["boost"] = boost
		}
	}
	return q
}

// flush compiles the run of consecutive plain words.
func (c *compiler) flush() {
	run := c.run
	c.run = nil
	if len(run) == 0 {
		return
	}
	if len(run) >= 2 {
		c.should = append(c.should, boosted(textMatch(runText(run), docFields, true), boostPhrase))
	}
	for i := 0; i < len(run); {
		n := c.thesaurusRun(run, i)
		if n == 0 {
			w := run[i].Text
			c.must = append(c.must, c.withEquivalents(textMatch(w, docFields, false), w, docFields, false))
			p := c.withEquivalents(textMatch(w, pageFields, false), w, pageFields, true)
			c.pageAny = append(c.pageAny, p)
			c.pageAll = append(c.pageAll, p)
			i++
			continue
		}
		text := runText(run[i : i+n])
		c.must = append(c.must, c.withEquivalents(textMatch(text, docFields, false), text, docFields, false))
		p := c.withEquivalents(textMatch(text, pageFields, false), text, pageFields, true)
		c.pageAny = append(c.pageAny, p)
		c.pageAll = append(c.pageAll, p)
		i += n
	}
}

func runText(run []*search.Word) string {
	words := make([]string, len(run))
	for i, w := range run {
		words[i] = w.Text
	}
	return strings.Join(words, " ")
}

// thesaurusRun returns the length (2 to 4) of the longest word sequence
// starting at run[i] that the thesaurus knows, or 0.
func (c *compiler) thesaurusRun(run []*search.Word, i int) int {
	for n := min(4, len(run)-i); n >= 2; n-- {
		if len(c.th.Lookup(runText(run[i:i+n]))) > 0 {
			return n
		}
	}
	return 0
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
		return anyOf(should...)
	case *search.And:
		var must []any
		for _, ch := range n.Children {
			must = append(must, docNode(ch))
		}
		return map[string]any{"bool": map[string]any{"must": must}}
	case *search.Not:
		if isMeta(n.Child) {
			return map[string]any{"bool": map[string]any{"must_not": []any{docNode(n.Child)}}}
		}
		// Text excluded inside a group: pages, not documents (see compile).
		return map[string]any{"match_all": map[string]any{}}
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
	return anyOf(should...)
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
	case *search.Or, *search.And:
		var chs []search.Node
		if o, ok := n.(*search.Or); ok {
			chs = o.Children
		} else {
			chs = n.(*search.And).Children
		}
		var should []any
		for _, ch := range chs {
			if p := pageNode(ch); p != nil {
				should = append(should, p)
			}
		}
		if len(should) > 0 {
			return anyOf(should...)
		}
	}
	return nil
}

// excludedPages is the page query of excluded text: any of its words
// (a group's words together).
func excludedPages(n search.Node) map[string]any {
	switch n := n.(type) {
	case *search.Word, *search.Phrase, *search.Prefix, *search.Or:
		return pageNode(n)
	case *search.And:
		var must []any
		for _, ch := range n.Children {
			if p := excludedPages(ch); p != nil {
				must = append(must, p)
			}
		}
		if len(must) > 0 {
			return map[string]any{"bool": map[string]any{"must": must}}
		}
	}
	return nil
}

// isMeta reports whether n restricts metadata rather than text.
func isMeta(n search.Node) bool {
	switch n.(type) {
	case *search.FieldValue, *search.YearRange:
		return true
	}
	return false
}
