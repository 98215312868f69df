package pdftext

import (
	"regexp"
	"strings"
	"unicode"
)

// Running headers, footers and page numbers: lines in the top or bottom
// margin of a page that repeat across pages (digits aside), or that are
// only a page number. They stay in the page text and are also listed in
// Page.Running so that a ranker can weigh them down.

const marginShare = 0.12 // share of the page height taken as top or bottom margin

var rePageNumber = regexp.MustCompile(`(?i)^[\s\-–—(\[]*(page|p\.|pg\.?)?\s*([0-9]{1,4}|[ivxlcdm]{1,7})(\s*(of|/|\|)\s*[0-9]{1,4})?[\s\-–—)\]]*$`)

// marginLines returns the texts of the upright lines in a page's margins.
func marginLines(pl *pageLayout) []string {
	h := pl.box[3] - pl.box[1]
	var out []string
	for _, b := range pl.blocks {
		for _, l := range b.lines {
			if l.rot != 0 {
				continue
			}
			if l.y >= pl.box[3]-marginShare*h || l.y <= pl.box[1]+marginShare*h {
				out = append(out, l.text)
			}
		}
	}
	return out
}

// runningKey normalises a margin line: lower case, digit runs as #.
func runningKey(s string) string {
	var b strings.Builder
	lastDigit := false
	for _, r := range strings.ToLower(strings.Join(strings.Fields(s), " ")) {
		if unicode.IsDigit(r) {
			if !lastDigit {
				b.WriteByte('#')
			}
			lastDigit = true
			continue
		}
		lastDigit = false
		b.WriteRune(r)
	}
	return b.String()
}

// markRunning fills Page.Running from the margin lines of every page.
func markRunning(pages []Page, margins [][]string) {
	count := map[string]int{}
	for _, ms := range margins {
		seen := map[string]bool{}
		for _, m := range ms {
			k := runningKey(m)
			if k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	n := len(pages)
	for i := range pages {
		if i >= len(margins) {
			break
		}
		for _, m := range margins[i] {
			c := count[runningKey(m)]
			repeated := c >= 3 && (n >= 15 || 5*c >= n)
			if repeated || rePageNumber.MatchString(m) {
				pages[i].Running = append(pages[i].Running, m)
			}
		}
	}
}

// heading returns the largest-font text at the top of a page: the first
// line set in the largest size and the lines in that size that follow it.
func heading(pl *pageLayout, running []string) string {
	skip := map[string]bool{}
	for _, r := range running {
		skip[r] = true
	}
	var lines []*line
	for _, b := range pl.blocks {
		for _, l := range b.lines {
			if !skip[l.text] && strings.TrimSpace(l.text) != "" && len([]rune(l.text)) > 1 {
				lines = append(lines, l)
			}
		}
	}
	best := 0.0
	for _, l := range lines {
		if l.size > best {
			best = l.size
		}
	}
	var parts []string
	for i, l := range lines {
		if l.size < 0.95*best {
			continue
		}
		parts = append(parts, strings.TrimSpace(l.text))
		for j := i + 1; j < len(lines) && len(parts) < 3; j++ {
			if lines[j].size < 0.95*best {
				break
			}
			parts = append(parts, strings.TrimSpace(lines[j].text))
		}
		break
	}
	h := strings.Join(parts, " ")
	if len(h) > 300 {
		h = truncateUTF8(h, 300)
	}
	return h
}
