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
	if e := editionNote(title, oneLine(r.Edition)); e != "" {
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

// editionNote is what the edition adds to the title: all of it, or what
// follows its first part when the title already names that part ("2nd
// edition, September 2025" after a title ending "(2nd edition)").
func editionNote(title, edition string) string {
	first, rest, _ := strings.Cut(edition, ",")
	if first = strings.TrimSpace(first); first != "" && strings.Contains(strings.ToLower(title), strings.ToLower(first)) {
		return strings.TrimSpace(rest)
	}
	return edition
}
