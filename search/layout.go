package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page layout hints found at indexing time: headings (indexed in their own
// field so that a page whose section is about the query ranks above pages
// that mention it in passing) and tables of contents (whose pages name
// every section in a few words and would otherwise outrank the sections).

// headings returns the heading-like lines of a page: short lines standing
// alone (blank line or page edge before and after, or at the top of the
// page), not ending like a sentence or with a page number.
func headings(text string) string {
	lines := strings.Split(text, "\n")
	var out []string
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if !isHeadingLine(l) {
			continue
		}
		before := i == 0 || strings.TrimSpace(lines[i-1]) == "" || len(out) == 0 && allBlank(lines[:i])
		after := i == len(lines)-1 || strings.TrimSpace(lines[i+1]) == ""
		if before && after || len(out) == 0 && allBlank(lines[:i]) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func allBlank(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

func isHeadingLine(l string) bool {
	if l == "" || len(l) > 90 || len(strings.Fields(l)) > 12 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	if strings.ContainsRune(".,;", last) || unicode.IsDigit(last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	if unicode.IsLower(first) {
		return false
	}
	return strings.IndexFunc(l, unicode.IsLetter) >= 0
}

var contentsTitles = map[string]bool{
	"contents": true, "table of contents": true, "sommaire": true, "table des matieres": true,
	"indice": true, "contenido": true, "содержание": true, "оглавление": true, "المحتويات": true,
}

// isContents reports whether a page looks like a table of contents: many
// lines ending in a page number, or a "Contents" title over such lines.
func isContents(text string) bool {
	var n, numbered int
	title := ""
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if n == 0 {
			title = fold(strings.TrimRight(l, ": "))
		}
		n++
		if endsWithPageNumber(l) {
			numbered++
		}
	}
	if contentsTitles[title] && numbered >= 2 {
		return true
	}
	return numbered >= 5 && numbered*10 >= n*4
}

func endsWithPageNumber(l string) bool {
	i := len(l)
	for i > 0 && l[i-1] >= '0' && l[i-1] <= '9' {
		i--
	}
	if i == len(l) || len(l)-i > 4 || i == 0 {
		return false
	}
	rest := strings.TrimRight(l[:i], " .\t…")
	return len(rest) < i && strings.IndexFunc(rest, unicode.IsLetter) >= 0
}
