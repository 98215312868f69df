package search

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query language, forgiving by design: anything that does not parse is
// searched as plain words, and parsing never fails.
//
//	word            a word, in any text field (stemmed in each language)
//	"a phrase"      words in this order
//	word*           words starting with "word" (at least Limits.MinPrefix letters)
//	-word -"a b"    exclude pages with the word or phrase: a document is
//	NOT word        found by its other pages (-type:x excludes documents)
//	a OR b          either; binds tighter than the implicit AND between terms
//	a AND b         both (as a space)
//	(a b) OR c      parentheses group; -(a b) excludes the group
//	title:word      the word in the title (title:"a phrase" too)
//	type:x region:x country:x tag:x publisher:x lang:x
//	                documents with that metadata value (case and accents
//	                ignored; a multi-word value in quotes: region:"South Asia")
//	year:2018 year:2015..2020 year:>=2018 year:<2010 year:..2020
//	                documents of those years

// Node is a node of a parsed query.
type Node interface{ String() string }

// And matches documents matching all of its children.
type And struct{ Children []Node }

// Or matches documents matching any of its children.
type Or struct{ Children []Node }

// Not excludes documents matching Child.
type Not struct{ Child Node }

// Word is one word; Field is "" (all text) or "title".
type Word struct{ Text, Field string }

// Phrase is words in order; Field is "" or "title".
type Phrase struct{ Text, Field string }

// Prefix matches words starting with Text.
type Prefix struct{ Text, Field string }

// FieldValue restricts to documents whose metadata Field (type, region,
// country, tag, publisher, lang) has Value.
type FieldValue struct{ Field, Value string }

// YearRange restricts to documents published From..To inclusive (0: open).
type YearRange struct{ From, To int }

func (n *And) String() string { return "(and " + joinNodes(n.Children) + ")" }
func (n *Or) String() string  { return "(or " + joinNodes(n.Children) + ")" }
func (n *Not) String() string { return "(not " + n.Child.String() + ")" }
func (n *Word) String() string {
	return fieldPrefix(n.Field) + n.Text
}
func (n *Phrase) String() string { return fieldPrefix(n.Field) + strconv.Quote(n.Text) }
func (n *Prefix) String() string { return fieldPrefix(n.Field) + n.Text + "*" }
func (n *FieldValue) String() string {
	return n.Field + ":" + strconv.Quote(n.Value)
}
func (n *YearRange) String() string {
	return "year:" + strconv.Itoa(n.From) + ".." + strconv.Itoa(n.To)
}

func fieldPrefix(f string) string {
	if f == "" {
		return ""
	}
	return f + ":"
}

func joinNodes(ns []Node) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.String()
	}
	return strings.Join(s, " ")
}

// metadataFields are the field prefixes that restrict metadata.
var metadataFields = map[string]bool{"type": true, "region": true, "country": true, "tag": true, "publisher": true, "lang": true}

// ParseQuery parses q into a tree: always an *And (empty for an empty query)
// whose children are atoms, *Not, *Or, or *And of a parenthesised group
// inside them. NOT word is -word; AND between terms is what a space
// already means; OR binds tighter than the implicit AND; unbalanced
// parentheses are ignored.
func ParseQuery(q string) *And {
	p := &parser{toks: lex(q)}
	return &And{Children: p.seq(false)}
}

// parser reads tokens into a tree by recursive descent:
//
//	seq   = { or }              (implicit AND)
//	or    = unary { OR unary }
//	unary = NOT unary | [-] "(" seq ")" | atom
type parser struct {
	toks []token
	i    int
}

func (p *parser) seq(nested bool) []Node {
	var out []Node
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if t.close {
			if nested {
				return out
			}
			p.i++ // a ")" without "("
			continue
		}
		if t.or || t.and {
			p.i++ // OR without a left operand; AND is implicit
			continue
		}
		n := p.or()
		if a, ok := n.(*And); ok {
			out = append(out, a.Children...)
		} else if n != nil {
			out = append(out, n)
		}
	}
	return out
}

func (p *parser) or() Node {
	n := p.unary()
	for p.i+1 < len(p.toks) && p.toks[p.i].or && p.toks[p.i+1].starts() {
		p.i++
		next := p.unary()
		switch {
		case next == nil:
		case n == nil:
			n = next
		default:
			if o, ok := n.(*Or); ok {
				o.Children = append(o.Children, next)
			} else {
				n = &Or{Children: []Node{n, next}}
			}
		}
	}
	return n
}

func (p *parser) unary() Node {
	t := p.toks[p.i]
	p.i++
	switch {
	case t.not:
		if p.i >= len(p.toks) || !p.toks[p.i].starts() {
			return nil
		}
		return negate(p.unary())
	case t.open:
		ch := p.seq(true)
		if p.i < len(p.toks) && p.toks[p.i].close {
			p.i++
		}
		var n Node
		switch len(ch) {
		case 0:
			return nil
		case 1:
			n = ch[0]
		default:
			n = &And{Children: ch}
		}
		if t.neg {
			return negate(n)
		}
		return n
	case t.close, t.or, t.and:
		return nil
	}
	return atom(t)
}

// negate excludes n; excluding an exclusion keeps its child.
func negate(n Node) Node {
	switch n := n.(type) {
	case nil:
		return nil
	case *Not:
		return n.Child
	}
	return &Not{Child: n}
}

// token is a lexical unit: [-][field:]text or [-][field:]"quoted text".
type token struct {
	neg    bool
	field  string
	text   string
	quoted bool
	or     bool
	and    bool // AND
	not    bool // NOT
	open   bool // "(" (with neg: "-(")
	close  bool // ")"
}

// starts reports whether t can begin a term.
func (t token) starts() bool { return !t.or && !t.and && !t.close }

func lex(q string) []token {
	var toks []token
	q = strings.ToValidUTF8(q, " ")
	unclosed := false // no closing quote after this point (keeps lexing linear)
	for i := 0; i < len(q); {
		r, w := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		var t token
		start := i
		if q[i] == ')' {
			toks = append(toks, token{close: true})
			i++
			continue
		}
		if q[i] == '(' || strings.HasPrefix(q[i:], "-(") {
			t.neg = q[i] == '-'
			t.open = true
			i += len("(")
			if t.neg {
				i++
			}
			toks = append(toks, t)
			continue
		}
		if q[i] == '-' {
			t.neg = true
			i++
		}
		// field prefix
		if j := fieldEnd(q[i:]); j > 0 {
			t.field = strings.ToLower(q[i : i+j])
			i += j + 1
		}
		if i < len(q) && q[i] == '"' {
			end := -1
			if !unclosed {
				end = strings.IndexByte(q[i+1:], '"')
				unclosed = end < 0
			}
			if end >= 0 {
				t.text = q[i+1 : i+1+end]
				t.quoted = true
				i += end + 2
				toks = append(toks, t)
				continue
			}
			// Unbalanced quote: the rest is plain words.
			i++
			if t.field != "" || t.neg {
				toks = append(toks, token{text: strings.TrimSpace(q[start : i-1])})
			}
			continue
		}
		j := i
		for j < len(q) {
			r, w := utf8.DecodeRuneInString(q[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += w
		}
		t.text = q[i:j]
		i = j
		// Closing parentheses at the end of a word.
		closes := 0
		for !t.quoted && len(t.text) > 0 && t.text[len(t.text)-1] == ')' && strings.Count(t.text, "(") < strings.Count(t.text, ")") {
			t.text = t.text[:len(t.text)-1]
			closes++
		}
		if !t.neg && t.field == "" {
			t.or = t.text == "OR"
			t.and = t.text == "AND"
			t.not = t.text == "NOT"
		}
		if t.text == "" && t.field != "" {
			// "type:" with nothing: plain word
			t = token{text: q[start:i]}
		}
		if t.text != "" || t.field != "" || t.neg {
			toks = append(toks, t)
		}
		for ; closes > 0; closes-- {
			toks = append(toks, token{close: true})
		}
	}
	// An OR at the end has no right operand.
	for len(toks) > 0 && toks[len(toks)-1].or {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// fieldEnd returns the length of a known field name followed by ':' at the
// start of s, or 0.
func fieldEnd(s string) int {
	j := strings.IndexByte(s, ':')
	if j <= 0 || j > 9 {
		return 0
	}
	f := strings.ToLower(s[:j])
	if f == "title" || f == "year" || metadataFields[f] {
		return j
	}
	return 0
}

// atom turns a token into a node, or nil when it carries nothing.
func atom(t token) Node {
	var n Node
	text := strings.TrimSpace(t.text)
	switch {
	case text == "" || t.or:
		return nil
	case t.field == "year":
		yr, ok := parseYears(text)
		if !ok {
			return plain(t)
		}
		n = yr
	case metadataFields[t.field]:
		n = &FieldValue{Field: t.field, Value: strings.Join(strings.Fields(text), " ")}
	case t.quoted:
		n = &Phrase{Text: strings.Join(strings.Fields(text), " "), Field: t.field}
	default:
		// A sentence's punctuation after a word is not the word's: "ID,"
		// in "no ID, can I still refer her?" is the word ID.
		if trimmed := strings.TrimRight(text, ",;!?."); trimmed != "" {
			text = trimmed
		}
		n = wordOrPrefix(text, t.field)
		if n == nil {
			return nil
		}
	}
	if t.neg {
		return &Not{Child: n}
	}
	return n
}

// plain searches a token that did not parse as its words.
func plain(t token) Node {
	text := t.field + ":" + t.text
	n := wordOrPrefix(text, "")
	if n != nil && t.neg {
		return &Not{Child: n}
	}
	return n
}

func wordOrPrefix(text, field string) Node {
	if strings.HasSuffix(text, "*") {
		p := strings.TrimRight(text, "*")
		if p != "" && !strings.ContainsAny(p, "*?") {
			return &Prefix{Text: p, Field: field}
		}
	}
	text = strings.Trim(text, "*?")
	if text == "" || !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return nil
	}
	return &Word{Text: text, Field: field}
}

// parseYears parses 2018, 2015..2020, 2015.., ..2020, >=2018, >2018, <=2018, <2018.
func parseYears(s string) (*YearRange, bool) {
	year := func(s string) (int, bool) {
		if len(s) != 4 {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n > 0
	}
	switch {
	case strings.Contains(s, ".."):
		a, b, _ := strings.Cut(s, "..")
		var r YearRange
		var ok bool
		if a != "" {
			if r.From, ok = year(a); !ok {
				return nil, false
			}
		}
		if b != "" {
			if r.To, ok = year(b); !ok {
				return nil, false
			}
		}
		if (a == "" && b == "") || (r.From != 0 && r.To != 0 && r.From > r.To) {
			return nil, false
		}
		return &r, true
	case strings.HasPrefix(s, ">="):
		y, ok := year(s[2:])
		return &YearRange{From: y}, ok
	case strings.HasPrefix(s, "<="):
		y, ok := year(s[2:])
		return &YearRange{To: y}, ok
	case strings.HasPrefix(s, ">"):
		y, ok := year(s[1:])
		return &YearRange{From: y + 1}, ok
	case strings.HasPrefix(s, "<"):
		y, ok := year(s[1:])
		return &YearRange{To: y - 1}, ok
	}
	y, ok := year(s)
	return &YearRange{From: y, To: y}, ok
}
