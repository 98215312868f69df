package cite

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reference is a readable citation of the document, and of one of its
// pages when page is not nil, in an author–date style:
//
//	Home Office (2021). First Responder Toolkit. 2nd edition. p. 5 (PDF p. 8). https://…
func Reference(r Record, page *Page) string {
	var parts []string
	pubs := cleanList(r.Publishers)
	year := "n.d."
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	title := oneLine(r.Title)
	if len(pubs) > 0 {
		parts = append(parts, joinNames(pubs)+" ("+year+").", sentence(title))
	} else {
		parts = append(parts, sentence(title), "("+year+").")
	}
	if e := oneLine(r.Edition); e != "" {
		parts = append(parts, sentence(e))
	}
	if page != nil {
		parts = append(parts, page.String()+".")
	}
	if u := oneLine(r.URL()); u != "" {
		parts = append(parts, u)
	}
	return strings.Join(parts, " ")
}

// joinNames lists names: "A", "A and B", "A, B and C".
func joinNames(ns []string) string {
	if len(ns) == 1 {
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// sentence ends s with a full stop unless it already ends with punctuation
// (a title may end with "?" or "!").
func sentence(s string) string {
	if s == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsPunct(last) && last != ')' && last != ']' && last != '"' && last != '”' && last != '»' {
		return s
	}
	return s + "."
}
