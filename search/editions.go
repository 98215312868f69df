package search

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Editions of a work are ordered by what they say about their age, not by
// their labels as strings: the catalog year first, then the date within the
// year ("12 April 2026", "2026-04"), then the edition's number ("v2",
// "Version 3.1", "2nd edition", "segunda edición"); a draft is older than
// the edition it is a draft of. So "v2 April 2026" is newer than
// "v1 March 2026", and "Version 10" newer than "Version 9".
//
// An edition is current when no edition of its work in its language is
// newer; an older one is superseded by the newest in its language.
// Translations do not supersede each other: a French edition of 2018 stays
// current beside an English one of 2025.

// editionKey is what an edition's year and label say about its age.
type editionKey struct {
	year       int
	month, day int   // 0 when not given
	version    []int // edition or version number, by component
	draft      bool
}

// newerEdition reports whether a is a newer edition than b.
func newerEdition(a, b *docMeta) bool { return compareEditions(a.edKey, b.edKey) > 0 }

// compareEditions is +1 when a is newer than b, -1 when older, 0 when
// nothing tells them apart.
func compareEditions(a, b editionKey) int {
	if c := cmpInt(a.year, b.year); c != 0 {
		return c
	}
	if a.month != 0 && b.month != 0 {
		if c := cmpInt(a.month, b.month); c != 0 {
			return c
		}
		if a.day != 0 && b.day != 0 {
			if c := cmpInt(a.day, b.day); c != 0 {
				return c
			}
		}
	}
	for i := 0; i < max(len(a.version), len(b.version)); i++ {
		if c := cmpInt(at(a.version, i), at(b.version, i)); c != 0 {
			return c
		}
	}
	if a.draft != b.draft {
		if a.draft {
			return -1
		}
		return 1
	}
	return 0
}

func cmpInt(a, b int) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}

func at(s []int, i int) int {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// months names months in the library's main languages, with common
// abbreviations.
var months = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan janvier enero januar",
		"february feb fevrier février febrero februar",
		"march mar mars marzo märz",
		"april apr avril abril",
		"may mai mayo",
		"june jun juin junio juni",
		"july jul juillet julio juli",
		"august aug aout août agosto",
		"september sep sept septembre septiembre setiembre",
		"october oct octobre octubre oktober",
		"november nov novembre noviembre",
		"december dec decembre décembre diciembre dezember",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// ordinals are edition numbers written as words.
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10,
	"premiere": 1, "première": 1, "deuxieme": 2, "deuxième": 2, "seconde": 2, "troisieme": 3, "troisième": 3,
	"primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5,
}

// versionWords introduce an edition number: "v2", "version 3", "edition 2",
// "rev. 4", "issue 5".
var versionWords = map[string]bool{
	"v": true, "ver": true, "version": true, "versión": true, "edition": true, "ed": true,
	"édition": true, "edición": true, "rev": true, "revision": true, "release": true, "issue": true,
}

// parseEdition reads an edition's age from its catalog year and label.
func parseEdition(year int, label string) editionKey {
	k := editionKey{year: year}
	toks := editionTokens(label)
	versionAt := -1 // the token read as the version number
	for i, t := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1]
		}
		switch {
		case t == "draft" || t == "borrador" || t == "projet":
			k.draft = true
		case months[t] != 0 && k.month == 0:
			k.month = months[t]
			if d := dayNumber(prev); d != 0 && versionAt != i-1 {
				k.day = d
			} else if d := dayNumber(next); d != 0 {
				k.day = d
			}
		case isYear(t):
			if k.year == 0 {
				k.year, _ = strconv.Atoi(t[:4])
			}
			if y, m, d, ok := isoDate(t); ok && y == k.year {
				k.month, k.day = m, d
			}
		case k.version == nil && versionWords[t] && startsWithDigit(next) && !isYear(next):
			k.version = versionNumber(next)
			versionAt = i + 1
		case k.version == nil && len(t) > 1 && t[0] == 'v' && startsWithDigit(t[1:]):
			k.version = versionNumber(t[1:])
		case k.version == nil && (versionWords[next] || next == "ed") && ordinalNumber(t) != 0:
			k.version = []int{ordinalNumber(t)}
		}
	}
	return k
}

// editionTokens splits a label into lower-case words and numbers; dots,
// hyphens and slashes between digits are kept ("3.1", "2026-04-12").
func editionTokens(s string) []string {
	var toks []string
	var b strings.Builder
	rs := []rune(strings.ToLower(s))
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, strings.Trim(b.String(), ".-/"))
			b.Reset()
		}
	}
	for i, r := range rs {
		digitJoin := (r == '.' || r == '-' || r == '/') && i > 0 && i+1 < len(rs) &&
			unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || digitJoin:
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

func isYear(t string) bool {
	if len(t) < 4 {
		return false
	}
	y, err := strconv.Atoi(t[:4])
	return err == nil && y >= 1900 && y <= 2100 && (len(t) == 4 || t[4] == '-')
}

// isoDate reads "2026-04" and "2026-04-12".
func isoDate(t string) (y, m, d int, ok bool) {
	parts := strings.Split(t, "-")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(parts[0])
	m, err := strconv.Atoi(parts[1])
	if err != nil || m < 1 || m > 12 {
		return 0, 0, 0, false
	}
	if len(parts) == 3 {
		if d, err = strconv.Atoi(parts[2]); err != nil || d < 1 || d > 31 {
			d = 0
		}
	}
	return y, m, d, true
}

// dayNumber reads "12" or "12th" as a day of the month.
func dayNumber(t string) int {
	t = strings.TrimRight(t, "stndrh")
	if n, err := strconv.Atoi(t); err == nil && n >= 1 && n <= 31 && len(t) <= 2 {
		return n
	}
	return 0
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// versionNumber reads "3", "3.1" or "3.1.2".
func versionNumber(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			break
		}
		out = append(out, n)
	}
	return out
}

// ordinalNumber reads "2nd", "3rd", "2e", "2ª", "second", "segunda".
func ordinalNumber(t string) int {
	if n, ok := ordinals[t]; ok {
		return n
	}
	digits := strings.TrimRightFunc(t, unicode.IsLetter)
	suffix := t[len(digits):]
	switch suffix {
	case "st", "nd", "rd", "th", "e", "er", "re", "eme", "ème", "a", "ª", "o", "º":
		if n, err := strconv.Atoi(digits); err == nil && n > 0 && n < 100 {
			return n
		}
	}
	return 0
}

func sortEditions(eds []*docMeta) {
	sort.SliceStable(eds, func(i, j int) bool {
		if c := compareEditions(eds[i].edKey, eds[j].edKey); c != 0 {
			return c > 0
		}
		return eds[i].ID < eds[j].ID
	})
}

// markEditions orders each work's editions newest first and marks, within
// each language, the current edition and what supersedes the others.
func (g *generation) markEditions() {
	for _, d := range g.docs {
		d.edKey = parseEdition(d.Year, d.Edition)
	}
	for _, eds := range g.works {
		sortEditions(eds)
		newest := map[string]*docMeta{} // language → its newest edition
		for _, e := range eds {
			n := newest[e.Language]
			if n == nil {
				newest[e.Language] = e
				e.current = true
				continue
			}
			if compareEditions(n.edKey, e.edKey) == 0 {
				e.current = true // nothing says which is newer
				continue
			}
			e.supersededBy = n.ID
		}
	}
}
