package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Field weights of the document-level ranking: title and tags above the
// summary above the body. BM25 already favours short fields; these boosts
// add the editorial order on top.
const (
	boostTitle   = 3.0
	boostTags    = 3.0
	boostSummary = 1.5
	boostBody    = 1.0
	boostPhrase  = 2.0 // the query's words as a phrase, in addition
	boostSynonym = 0.7 // a thesaurus equivalent, relative to the word typed
	boostFuzzy   = 0.5 // a correction of a word the library does not have
	boostHeading = 3.0 // page level: the words in a heading of the page, in addition
)

// compiled is a parsed query made ready to run.
type compiled struct {
	tree    *And
	th      *thesaurus
	fix     map[string]string
	docs    query.Query           // document-level query; nil: no text (browse)
	pages   query.Query           // page-level query (OR of all positive text); nil: none
	pageAll query.Query           // page-level query requiring every required word; nil: none
	marks   query.Query           // every word of positive text in page text, for passages; nil: none
	preds   []func(*docMeta) bool // metadata restrictions typed in the query
	also    []string              // thesaurus equivalents searched
	words   []*Word               // plain positive words, for did-you-mean
	// units are the required parts of the text, each a query over
	// documents and one over pages; should and mustNot are the rest of
	// the document query. Soft matching rebuilds docs and pageAll from the
	// units it keeps (see relax).
	units []unit
	drop  []bool // units left out by soft matching; nil: none
	// pageNot are the page queries of the text excluded (-word, NOT
	// word): pages holding it are left out, and documents left with no
	// page (see excludePages); excluded are their nodes.
	pageNot  []query.Query
	excluded []*Not
	should   []query.Query
	mustNot  []query.Query
	hasText  bool
	terms    int
	prefixes []*Prefix
}

type compiler struct {
	g     *generation
	th    *thesaurus
	fix   map[string]string // folded word → correction searched as well
	out   *compiled
	marks []query.Query
	seen  map[string]bool
	langs []string
}

// compile turns a tree into queries. fix holds corrections of words to
// search as well (fuzzy matching), or nil.
func compile(g *generation, th *thesaurus, tree *And, fix map[string]string) *compiled {
	return compileLangs(g, th, tree, fix, g.langs)
}

// forDocs returns the query compiled for the languages of docs only: its
// page-level queries then leave out the fields of other languages.
func (c *compiled) forDocs(g *generation, docs []*docMeta) *compiled {
	has := map[string]bool{}
	for _, d := range docs {
		has[fieldLang(d.Language)] = true
	}
	var langs []string
	for _, l := range g.langs {
		if has[l] {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 || len(langs) == len(g.langs) {
		return c
	}
	r := compileLangs(g, c.th, c.tree, c.fix, langs)
	if c.drop != nil && len(r.units) == len(c.drop) {
		r, _ = r.relaxed(c.drop)
	}
	return r
}

func compileLangs(g *generation, th *thesaurus, tree *And, fix map[string]string, langs []string) *compiled {
	c := &compiler{g: g, th: th, fix: fix, out: &compiled{tree: tree, th: th, fix: fix}, seen: map[string]bool{}, langs: langs}
	if len(c.langs) == 0 {
		c.langs = []string{otherLang}
	}
	var should, mustNot, pageQs []query.Query
	var units, stops []unit
	// A run of consecutive plain words gets a phrase boost, and its word
	// sequences found in the thesaurus are searched with their equivalents.
	var run []runWord
	flushRun := func() {
		if len(run) >= 2 {
			words := make([]string, len(run))
			for i, r := range run {
				words[i] = r.w.Text
			}
			p := strings.Join(words, " ")
			should = append(should, c.textQuery(p, "", true, boostPhrase, docFields))
			// On pages the run's words together are rewarded; exact order
			// is checked only for phrases the user quoted (positions on
			// every page of the candidates cost more than they change).
			pageQs = append(pageQs, c.textQuery(p, "", false, boostPhrase, pageFields))
		}
		for i := 0; i < len(run); {
			n := c.thesaurusRun(run, i)
			if n == 0 {
				if run[i].stop {
					should = append(should, run[i].q)
					stops = append(stops, unit{text: run[i].w.Text, q: run[i].q, pq: run[i].pq, texts: c.withTwins(run[i].w.Text), plain: true})
				} else {
					units = append(units, unit{text: run[i].w.Text, q: run[i].q, pq: run[i].pq, texts: c.withTwins(run[i].w.Text), plain: true})
				}
				i++
				continue
			}
			words := make([]string, n)
			var conj, pageConj []query.Query
			for k, r := range run[i : i+n] {
				words[k] = r.w.Text
				if !r.stop {
					conj = append(conj, r.q)
					pageConj = append(pageConj, r.pq)
				}
			}
			text := strings.Join(words, " ")
			alts := []query.Query{bleve.NewConjunctionQuery(conj...)}
			pageAlts := []query.Query{bleve.NewConjunctionQuery(pageConj...)}
			u := unit{text: text, texts: []string{text}, plain: true}
			for _, e := range c.equivalents(text) {
				u.texts = append(u.texts, e)
				c.addAlso(e)
				phrase := strings.Contains(e, " ")
				alts = append(alts, c.textQuery(e, "", phrase, boostSynonym, docFields))
				pq := c.textQuery(e, "", phrase, boostSynonym, pageFields)
				pageQs = append(pageQs, pq)
				pageAlts = append(pageAlts, pq)
			}
			u.q, u.pq = bleve.NewDisjunctionQuery(alts...), bleve.NewDisjunctionQuery(pageAlts...)
			units = append(units, u)
			i += n
		}
		run = run[:0]
	}
	for _, n := range tree.Children {
		switch n := n.(type) {
		case *FieldValue, *YearRange:
			c.out.preds = append(c.out.preds, c.pred(n))
			flushRun()
		case *Not:
			switch ch := n.Child.(type) {
			case *FieldValue, *YearRange:
				p := c.pred(ch)
				c.out.preds = append(c.out.preds, func(d *docMeta) bool { return !p(d) })
			default:
				if onPage(ch) {
					// Pages with it are left out, not documents.
					marks := len(c.marks)
					c.out.pageNot = append(c.out.pageNot, c.pageQuery(ch))
					c.marks = c.marks[:marks]
					c.out.terms++
					c.out.excluded = append(c.out.excluded, n)
				} else {
					mustNot = append(mustNot, c.docQuery(ch))
				}
			}
			flushRun()
		default:
			q := c.docQuery(n)
			pq := c.pageQuery(n)
			pageQs = append(pageQs, pq)
			if w, ok := n.(*Word); ok && w.Field == "" {
				c.out.words = append(c.out.words, w)
				run = append(run, runWord{w: w, q: q, pq: pq, stop: c.isStopword(w.Text) || isQuestionWord(w.Text)})
				continue
			}
			flushRun()
			var texts []string
			for _, t := range nodeTexts(n) {
				texts = append(texts, c.withTwins(t)...)
			}
			u := unit{text: n.String(), q: q, texts: texts}
			if onPage(n) {
				u.pq = pq
			}
			units = append(units, u)
		}
	}
	flushRun()
	if len(units) == 0 {
		// Only stop words: require them after all.
		units = stops
	}
	c.out.units, c.out.should, c.out.mustNot = units, should, mustNot
	if len(units) == 0 && len(mustNot) == 0 {
		return c.out
	}
	c.out.hasText = len(units) > 0
	c.out.docs, c.out.pageAll = c.out.required(nil)
	if len(pageQs) > 0 {
		c.out.pages = c.out.withoutPages(bleve.NewDisjunctionQuery(pageQs...))
	}
	if len(c.marks) > 0 {
		c.out.marks = bleve.NewDisjunctionQuery(c.marks...)
	}
	return c.out
}

type fieldSet int

const (
	docFields fieldSet = iota
	titleFields
	pageFields
)

// textQuery matches text (a word or a phrase) in the fields of every
// language present, each field analysing it with its own analyzer.
func (c *compiler) textQuery(text, field string, phrase bool, boost float64, set fieldSet) query.Query {
	if field == "title" && set == docFields {
		set = titleFields
	}
	var qs []query.Query
	add := func(f string, b float64) {
		var q query.Query
		if phrase {
			m := bleve.NewMatchPhraseQuery(text)
			m.SetField(f)
			m.SetBoost(b * boost)
			q = m
		} else {
			m := bleve.NewMatchQuery(text)
			m.SetField(f)
			m.SetBoost(b * boost)
			m.SetOperator(query.MatchQueryOperatorAnd)
			q = m
		}
		qs = append(qs, q)
	}
	if set == pageFields {
		// Passages mark each word of the text, phrase or not.
		for _, l := range c.langs {
			m := bleve.NewMatchQuery(text)
			m.SetField(pageField(l))
			c.marks = append(c.marks, m)
		}
	}
	if phrase && set == docFields {
		// Phrases in documents: every pair of adjacent words, as terms.
		for _, l := range c.langs {
			if c.hasPairs(text, l) {
				m := bleve.NewMatchQuery(text)
				m.SetField(pairsField(l))
				m.SetBoost(boost)
				m.SetOperator(query.MatchQueryOperatorAnd)
				qs = append(qs, m)
				continue
			}
			// One word in this language: the word itself.
			phrase = false
			add(titleField(l), boostTitle)
			add(summaryField(l), boostSummary)
			add(bodyField(l), boostBody)
			phrase = true
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	for _, l := range c.langs {
		switch set {
		case docFields:
			add(titleField(l), boostTitle)
			add(summaryField(l), boostSummary)
			add(bodyField(l), boostBody)
		case titleFields:
			add(titleField(l), boostTitle)
		case pageFields:
			add(pageField(l), 1)
			add(headField(l), boostHeading)
		}
	}
	if set == docFields {
		add(fTagsText, boostTags)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// hasPairs reports whether text analysed in language l gives at least one
// pair of words (else it is one word and cannot be matched as pairs).
func (c *compiler) hasPairs(text, l string) bool {
	a := c.g.ix.docs.Mapping().AnalyzerNamed(analyzerFor(l) + pairsSuffix)
	return a != nil && len(a.Analyze([]byte(text))) > 0
}

// withEquivalents adds the thesaurus equivalents and corrections of text.
func (c *compiler) withEquivalents(q query.Query, text, field string, set fieldSet) query.Query {
	alts := []query.Query{q}
	for _, e := range c.equivalents(text) {
		c.addAlso(e)
		alts = append(alts, c.textQuery(e, field, strings.Contains(e, " "), boostSynonym, set))
	}
	if fix, ok := c.fix[fold(text)]; ok {
		alts = append(alts, c.textQuery(fix, field, false, boostFuzzy, set))
	}
	if len(alts) == 1 {
		return q
	}
	return bleve.NewDisjunctionQuery(alts...)
}

func (c *compiler) docQuery(n Node) query.Query { return c.nodeQuery(n, docFields) }

func (c *compiler) pageQuery(n Node) query.Query { return c.nodeQuery(n, pageFields) }

func (c *compiler) nodeQuery(n Node, set fieldSet) query.Query {
	switch n := n.(type) {
	case *Word:
		if set == docFields {
			c.out.terms++
		}
		return c.withBridge(c.withEquivalents(c.textQuery(n.Text, n.Field, false, 1, set), n.Text, n.Field, set), n, set)
	case *Phrase:
		if set == docFields {
			c.out.terms++
		}
		return c.withEquivalents(c.textQuery(n.Text, n.Field, true, 1, set), n.Text, n.Field, set)
	case *Prefix:
		if set == docFields {
			c.out.terms++
			c.out.prefixes = append(c.out.prefixes, n)
		}
		return c.prefixQuery(n, set)
	case *Or:
		qs := make([]query.Query, 0, len(n.Children))
		for _, ch := range n.Children {
			if set == pageFields && !onPage(ch) {
				continue
			}
			qs = append(qs, c.nodeQuery(ch, set))
		}
		if len(qs) == 0 {
			return bleve.NewMatchNoneQuery()
		}
		return bleve.NewDisjunctionQuery(qs...)
	case *And:
		qs := make([]query.Query, 0, len(n.Children))
		for _, ch := range n.Children {
			if set == pageFields && !onPage(ch) {
				continue
			}
			qs = append(qs, c.nodeQuery(ch, set))
		}
		if len(qs) == 0 {
			return bleve.NewMatchNoneQuery()
		}
		return bleve.NewConjunctionQuery(qs...)
	case *Not:
		if set == pageFields {
			return bleve.NewMatchNoneQuery()
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(c.nodeQuery(n.Child, set))
		return b
	case *FieldValue, *YearRange:
		if set == pageFields {
			return bleve.NewMatchNoneQuery()
		}
		// Nested in OR: the documents that match, from the table.
		p := c.pred(n)
		var ids []string
		for _, d := range c.g.docs {
			if p(d) {
				ids = append(ids, d.ID)
			}
		}
		return bleve.NewDocIDQuery(ids)
	}
	return bleve.NewMatchNoneQuery()
}

// onPage reports whether n is text a page can match: words, phrases,
// prefixes and OR of them, not restricted to the title.
func onPage(n Node) bool {
	switch n := n.(type) {
	case *Word:
		return n.Field == ""
	case *Phrase:
		return n.Field == ""
	case *Prefix:
		return n.Field == ""
	case *Or:
		for _, ch := range n.Children {
			if !onPage(ch) {
				return false
			}
		}
		return len(n.Children) > 0
	case *And:
		for _, ch := range n.Children {
			if !onPage(ch) {
				return false
			}
		}
		return len(n.Children) > 0
	}
	return false
}

// prefixQuery: the prefix is matched against unstemmed words (documents)
// or the page text's terms.
func (c *compiler) prefixQuery(n *Prefix, set fieldSet) query.Query {
	p := fold(n.Text)
	var qs []query.Query
	switch {
	case set == pageFields:
		for _, l := range c.langs {
			q := bleve.NewPrefixQuery(p)
			q.SetField(pageField(l))
			qs = append(qs, q)
			c.marks = append(c.marks, q)
		}
	case n.Field == "title":
		for _, l := range c.langs {
			q := bleve.NewPrefixQuery(p)
			q.SetField(titleField(l))
			qs = append(qs, q)
		}
	default:
		q := bleve.NewPrefixQuery(p)
		q.SetField(fWords)
		return q
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// pred is the metadata restriction of a FieldValue or YearRange.
func (c *compiler) pred(n Node) func(*docMeta) bool {
	switch n := n.(type) {
	case *YearRange:
		return func(d *docMeta) bool { return inYears(d.Year, n.From, n.To) }
	case *FieldValue:
		f := facetIndex(n.Field)
		want := fold(n.Value)
		return func(d *docMeta) bool {
			for _, v := range d.folded[f] {
				if v == want || containsWords(v, want) {
					return true
				}
			}
			return false
		}
	}
	return func(*docMeta) bool { return true }
}

func facetIndex(name string) int {
	for i, n := range FacetNames {
		if n == name {
			return i
		}
	}
	return -1
}

// containsWords reports whether the words of want occur in v as whole words.
func containsWords(v, want string) bool {
	i := strings.Index(" "+v+" ", " "+want+" ")
	return i >= 0
}

// isStopword reports whether w is dropped by the analyzer of any language
// present: such a word cannot be required of every document.
func (c *compiler) isStopword(w string) bool {
	m := c.g.ix.docs.Mapping()
	for _, l := range c.langs {
		if a := m.AnalyzerNamed(analyzerFor(l)); a != nil && len(a.Analyze([]byte(w))) == 0 {
			return true
		}
	}
	return false
}

func (c *compiler) addAlso(e string) {
	if !c.seen[e] {
		c.seen[e] = true
		c.out.also = append(c.out.also, e)
	}
}

// thesaurusRun returns the length (2 to 4) of the longest word sequence
// starting at run[i] that the thesaurus knows, or 0.
func (c *compiler) thesaurusRun(run []runWord, i int) int {
	for n := min(4, len(run)-i); n >= 2; n-- {
		words := make([]string, n)
		for k, r := range run[i : i+n] {
			words[k] = r.w.Text
		}
		if len(c.equivalents(strings.Join(words, " "))) > 0 {
			return n
		}
	}
	return 0
}

// runWord is a plain word of the query with its document-level query.
type runWord struct {
	w    *Word
	q    query.Query
	pq   query.Query // page-level query
	stop bool
}

// nodeTexts returns the words a node searches for, for its document
// frequency.
func nodeTexts(n Node) []string {
	switch n := n.(type) {
	case *Word:
		return []string{n.Text}
	case *Phrase:
		return []string{n.Text}
	case *Prefix:
		return []string{n.Text}
	case *Or:
		var out []string
		for _, ch := range n.Children {
			out = append(out, nodeTexts(ch)...)
		}
		return out
	case *And:
		var words []string
		for _, ch := range n.Children {
			if t := nodeTexts(ch); len(t) > 0 {
				words = append(words, t[0])
			}
		}
		return []string{strings.Join(words, " ")}
	}
	return nil
}

// equivalents returns the thesaurus equivalents of text that the
// analyzers do not already match: an inflection of the word typed
// ("decides" for "decided") is found by stemming, and searching or
// reporting it again would add nothing.
func (c *compiler) equivalents(text string) []string {
	var out []string
	for _, e := range c.th.lookup(text) {
		if !c.sameTerms(text, e) {
			out = append(out, e)
		}
	}
	return out
}

// sameTerms reports whether a and b analyse to the same terms in every
// language searched.
func (c *compiler) sameTerms(a, b string) bool {
	m := c.g.ix.docs.Mapping()
	for _, l := range c.langs {
		an := m.AnalyzerNamed(analyzerFor(l))
		if an == nil {
			return false
		}
		ta, tb := an.Analyze([]byte(a)), an.Analyze([]byte(b))
		if len(ta) != len(tb) {
			return false
		}
		for i := range ta {
			if string(ta[i].Term) != string(tb[i].Term) {
				return false
			}
		}
	}
	return true
}

// withTwins returns text with its thesaurus equivalents, its bridge words
// and its correction, as searched: what a unit's frequency and evidence count.
func (c *compiler) withTwins(text string) []string {
	out := append([]string{text}, c.equivalents(text)...)
	out = append(out, c.bridgeWords(text)...)
	if fix, ok := c.fix[fold(text)]; ok {
		out = append(out, fix)
	}
	return out
}
