package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Page layout of generated handbooks.
const (
	linesPerPage = 44
	lineWidth    = 92 // characters
)

// Handbook is one generated handbook: its catalog row and its pages.
type Handbook struct {
	Row Row
	Doc PDFDoc
}

// PageCount draws the length of a handbook: log-normal around 20 pages,
// between 2 and 240.
func PageCount(r *rand.Rand) int {
	n := int(math.Exp(3.0 + 0.8*r.NormFloat64()))
	return max(2, min(240, n))
}

// NewHandbook generates handbook number i with the given number of pages.
// The same (seed, i, pages) always gives the same handbook.
func NewHandbook(vocabs []*Vocab, seed uint64, i, pages int) Handbook {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	// English most often, then the others.
	li := 0
	if x := r.IntN(10); x >= 6 {
		li = 1 + (x-6)%(len(vocabs)-1)
	}
	v := vocabs[li]
	l := v.Lang
	row := Row{Language: l.Code}
	RandomMeta(r, &row)
	row.Title = capitalise(fmt.Sprintf(l.Titles[r.IntN(len(l.Titles))], l.Topics[r.IntN(len(l.Topics))]))
	row.Summary = v.Sentence(r) + " " + v.Sentence(r)

	var lines []Line
	// Title page: title, publisher and year, summary, contents.
	lines = append(lines, Line{Text: row.Title, Heading: true}, Line{})
	lines = append(lines, Line{Text: strings.Join(row.Publisher, ", ") + fmt.Sprintf(" · %d %s", row.Year, row.Edition)}, Line{})
	for _, s := range wrap(row.Summary, lineWidth) {
		lines = append(lines, Line{Text: s})
	}
	nsec := max(1, pages/3)
	headings := make([]string, nsec)
	lines = append(lines, Line{})
	for s := range headings {
		headings[s] = fmt.Sprintf("%d. %s", s+1, l.Headings[r.IntN(len(l.Headings))])
		if s < 20 {
			lines = append(lines, Line{Text: headings[s]})
		}
	}
	doc := PDFDoc{Title: row.Title, Lang: l.Code}
	doc.Pages = append(doc.Pages, lines)

	// Body: sections of one to several pages; a section starts on a new page.
	footer := func(n int) Line { return Line{Text: fmt.Sprintf("%s — %d", shorten(row.Title, 60), n)} }
	sec := 0
	for len(doc.Pages) < pages {
		left := pages - len(doc.Pages)
		span := min(left, 1+r.IntN(5))
		if sec == nsec-1 || sec >= len(headings) {
			span = left
		}
		heading := headings[min(sec, len(headings)-1)]
		sec++
		var body []Line
		body = append(body, Line{Text: heading, Heading: true}, Line{})
		for len(body) < span*(linesPerPage-1) {
			para := make([]string, 2+r.IntN(6))
			for k := range para {
				para[k] = v.Sentence(r)
			}
			for _, s := range wrap(strings.Join(para, " "), lineWidth) {
				body = append(body, Line{Text: s})
			}
			body = append(body, Line{})
		}
		for p := 0; p < span; p++ {
			chunk := body[p*(linesPerPage-1) : (p+1)*(linesPerPage-1)]
			page := append(append([]Line(nil), chunk...), footer(len(doc.Pages)+1))
			doc.Pages = append(doc.Pages, page)
		}
	}
	return Handbook{Row: row, Doc: doc}
}

func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
