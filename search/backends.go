package search

import (
	"errors"
	"strings"
)

// ErrUnavailable is returned by a backend whose index cannot answer for
// the moment (a cluster that lost the nodes holding part of it); the
// request may succeed when retried.
var ErrUnavailable = errors.New("the index is not available")

// The functions of this file let another index backend (package
// opensearch) keep the rules of this package rather than copies of them:
// the limits and their error codes, how facet values compare, which
// documents are editions of one work, the region tree and the rewriting of
// a query with corrections.

// WithDefaults returns l with the defaults in its zero fields.
func (l Limits) WithDefaults() Limits { return l.withDefaults() }

// CheckQuery checks a parsed query as Index.Search does: something to
// search for, at most MaxTerms words, phrases and prefixes, and prefixes of
// at least MinPrefix letters.
func CheckQuery(l Limits, q string, tree *And) error {
	l = l.withDefaults()
	if len(tree.Children) == 0 && strings.TrimSpace(q) != "" {
		return invalid("q", "nothing to search for: give words, \"phrases\", word* or filters such as type:Guidance (regular expressions and lone wildcards are not supported)")
	}
	terms := 0
	var walk func(n Node) error
	walk = func(n Node) error {
		switch n := n.(type) {
		case *Word, *Phrase:
			terms++
		case *Prefix:
			terms++
			if k := len([]rune(n.Text)); k < l.MinPrefix {
				return overLimit("q", "%s* is too short a prefix: give at least %d letters before *", n.Text, l.MinPrefix)
			}
		case *Or:
			for _, c := range n.Children {
				if err := walk(c); err != nil {
					return err
				}
			}
		case *Not:
			return walk(n.Child)
		}
		return nil
	}
	for _, c := range tree.Children {
		if err := walk(c); err != nil {
			return err
		}
	}
	if terms > l.MaxTerms {
		return overLimit("q", "the query has %d terms; the limit is %d", terms, l.MaxTerms)
	}
	return nil
}

// Fold is how facet values, filters and field prefixes compare: lower
// case, spaces collapsed, Latin accents folded.
func Fold(s string) string { return fold(s) }

// WorkKey is the work a document is grouped under with its other editions
// and translations.
func WorkKey(d Document) string { return groupKey(d) }

// FacetParents keys the region tree as Facet.Parent is looked up:
// "region:NAME" and "country:NAME" → the region that contains it.
func (p Places) FacetParents() map[string]string { return p.facetParents() }

// Correctable reports whether a word typed in a query may be corrected by
// did-you-mean, and with how many edits: words of MinCorrectable letters or
// more that are not numbers, one edit below eight letters, two from eight.
func Correctable(w string) (edits int, ok bool) {
	f := fold(w)
	n := len([]rune(f))
	if n < minCorrectable || strings.ContainsAny(f, " *?") || isNumber(f) {
		return 0, false
	}
	if n >= 8 {
		return 2, true
	}
	return 1, true
}

// DidYouMean rewrites q with corrections of its words (folded word →
// correction).
func DidYouMean(q string, fix map[string]string) string { return didYouMean(q, fix) }

// Thesaurus is the acronyms and synonyms a search also looks for.
type Thesaurus struct{ th *thesaurus }

// LoadThesaurus reads a thesaurus in the format of thesaurus.txt; an
// empty file name gives the built-in one.
func LoadThesaurus(file string) (*Thesaurus, error) {
	th, err := loadThesaurus(file)
	if err != nil {
		return nil, err
	}
	return &Thesaurus{th}, nil
}

// Lookup returns the equivalents of a word or words as typed.
func (t *Thesaurus) Lookup(typed string) []string {
	if t == nil {
		return nil
	}
	return t.th.lookup(typed)
}

// NewerEdition reports whether a is a newer edition than b, by what their
// years and edition labels say (see editions.go).
func NewerEdition(a, b Document) bool {
	return compareEditions(parseEdition(a.Year, a.Edition), parseEdition(b.Year, b.Edition)) > 0
}
