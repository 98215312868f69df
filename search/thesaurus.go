package search

import (
	"bufio"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"unicode"
)

//go:embed thesaurus.txt
var defaultThesaurus string

// thesaurus maps a folded word or phrase to the other members of its groups.
type thesaurus struct {
	groups map[string][]string // key → equivalents, as written in the file
	exact  map[string]bool     // short acronyms that match only in capitals
}

func loadThesaurus(file string) (*thesaurus, error) {
	text := defaultThesaurus
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("thesaurus: %w", err)
		}
		text = string(b)
	}
	return parseThesaurus(text)
}

func parseThesaurus(text string) (*thesaurus, error) {
	th := &thesaurus{groups: map[string][]string{}, exact: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		var terms []string
		for _, t := range strings.Split(s, ",") {
			if t = strings.Join(strings.Fields(t), " "); t != "" {
				terms = append(terms, t)
			}
		}
		if len(terms) < 2 {
			return nil, fmt.Errorf("thesaurus line %d: a group needs at least two terms separated by commas", line)
		}
		for _, t := range terms {
			k := thesaurusKey(t)
			if isShortAcronym(t) {
				th.exact[k] = true
			}
			for _, o := range terms {
				if o != t && !contains(th.groups[k], o) {
					th.groups[k] = append(th.groups[k], o)
				}
			}
		}
	}
	return th, sc.Err()
}

// lookup returns the equivalents of a word or phrase as typed in a query.
func (th *thesaurus) lookup(typed string) []string {
	if th == nil {
		return nil
	}
	k := thesaurusKey(typed)
	if th.exact[k] && !isShortAcronym(strings.TrimSpace(typed)) {
		return nil
	}
	return th.groups[k]
}

func thesaurusKey(s string) string {
	return string(foldTerm([]byte(strings.ToLower(strings.Join(strings.Fields(s), " ")))))
}

func isShortAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 3
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
