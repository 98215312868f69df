package search

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a match in a page text: byte offsets and the term it matched.
type span struct {
	start, end int
	term       string
}

// snippetWidth is the length of a passage in bytes (about two lines).
const snippetWidth = 240

// maxSpans bounds the work on pages where a common term matches everywhere.
const maxSpans = 400

// cleanSpans sorts spans and drops those that overlap, fall outside text or
// split a character.
func cleanSpans(text string, spans []span) []span {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	out := spans[:0]
	last := -1
	for _, s := range spans {
		if s.start < last || s.start >= s.end || s.end > len(text) ||
			!utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			continue
		}
		out = append(out, s)
		last = s.end
		if len(out) == maxSpans {
			break
		}
	}
	return out
}

// snippet returns the passage of text with the most distinct matched terms,
// HTML-escaped, matches in <mark>, whitespace collapsed, "…" where cut.
func snippet(text string, spans []span) string {
	spans = cleanSpans(text, spans)
	if len(spans) == 0 {
		end := wordEnd(text, min(snippetWidth, len(text)))
		return render(text, 0, end, nil)
	}
	best, bestScore := 0, -1
	for i := range spans {
		terms := map[string]bool{}
		n := 0
		for j := i; j < len(spans) && spans[j].end <= spans[i].start+snippetWidth*3/4; j++ {
			terms[spans[j].term] = true
			n++
		}
		if score := len(terms)*100 + n; score > bestScore {
			best, bestScore = i, score
		}
	}
	begin := wordStart(text, max(0, spans[best].start-snippetWidth/4))
	end := wordEnd(text, min(len(text), begin+snippetWidth))
	if end < spans[best].end {
		end = spans[best].end
	}
	var in []span
	for _, s := range spans {
		if s.start >= begin && s.end <= end {
			in = append(in, s)
		}
	}
	return render(text, begin, end, in)
}

// render escapes text[begin:end] with spans marked.
func render(text string, begin, end int, spans []span) string {
	var b strings.Builder
	if begin > 0 {
		b.WriteString("… ")
	}
	pos := begin
	for _, s := range spans {
		b.WriteString(collapse(html.EscapeString(text[pos:s.start])))
		b.WriteString("<mark>")
		b.WriteString(collapse(html.EscapeString(text[s.start:s.end])))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(collapse(html.EscapeString(text[pos:end])))
	if end < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

// markAll returns the whole text escaped with every span marked.
func markAll(text string, spans []span) string {
	spans = cleanSpans(text, spans)
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String()
}

// collapse turns runs of white space into one space.
func collapse(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// wordStart moves i back to the start of a word (at most 30 bytes).
func wordStart(text string, i int) int {
	for k := 0; i > 0 && k < 30; k++ {
		r, w := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			return i
		}
		i -= w
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// wordEnd moves i forward to the end of a word (at most 30 bytes).
func wordEnd(text string, i int) int {
	for k := 0; i < len(text) && k < 30; k++ {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += w
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}
