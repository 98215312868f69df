package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// metadata is a file's catalog metadata after the catalog row and sidecar
// are merged and the values normalised; what the PDF itself says is added
// when the document is built.
type metadata struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Types      []string `json:"types,omitempty"`
	Regions    []string `json:"regions,omitempty"`
	Countries  []string `json:"countries,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	Publishers []string `json:"publishers,omitempty"`
	Year       int      `json:"year,omitempty"`
	Edition    string   `json:"edition,omitempty"`
	Language   string   `json:"language,omitempty"`
	// Languages lists every language of a document the catalog gives
	// several for ("en; fr"), the first being Language; OCR reads its
	// scanned pages with all of them.
	Languages  []string `json:"languages,omitempty"`
	Summary    string   `json:"summary,omitempty"`
	URL        string   `json:"url,omitempty"`
	Work       string   `json:"work,omitempty"`
	Catalogued bool     `json:"catalogued"`
}

// metaFormat changes when the way documents are built from metadata and
// text changes, so that every document is rebuilt.
const metaFormat = 2

// hash identifies the metadata in the run state: a file whose bytes and
// metadata hash are unchanged is not indexed again.
func (m *metadata) hash(vocabVersion string) string {
	b, _ := json.Marshal(m)
	h := sha256.New()
	h.Write([]byte(strconv.Itoa(metaFormat) + " " + vocabVersion + "\n"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// normalise turns a merged row into metadata, reporting bad values with the
// line they were written on. It leaves ID and Work to the caller.
func normalise(r *row, v *Vocabulary) (metadata, []Problem) {
	var probs []Problem
	m := metadata{Catalogued: true}
	m.Title = r.get("title")
	m.Types = v.Types(r.fields["types"].values)
	m.Tags = v.Tags(r.fields["tags"].values)
	m.Publishers = v.Publishers(r.fields["publisher"].values)
	m.Edition = r.get("edition")
	m.Summary = r.get("summary")
	m.URL = r.get("url")

	regions, unknown := v.Regions(r.fields["regions"].values)
	for _, u := range unknown {
		probs = append(probs, r.fields["regions"].pos.problem("unknown region %q (kept as written; add it to vocab/regions.tsv)", u))
	}
	countries, implied, unknownC := v.Countries(r.fields["countries"].values)
	for _, u := range unknownC {
		probs = append(probs, r.fields["countries"].pos.problem("unknown country %q (kept as written; add it to vocab/countries.tsv)", u))
	}
	m.Regions = sortedUnique(append(append(regions, implied...), unknown...))
	m.Countries = sortedUnique(append(countries, unknownC...))

	if y := r.get("year"); y != "" {
		year, msg := parseYear(y)
		if msg != "" {
			probs = append(probs, r.fields["year"].pos.problem("%s", msg))
		}
		m.Year = year
	}
	if l := r.get("language"); l != "" {
		parts := strings.FieldsFunc(l, func(c rune) bool { return c == ';' || c == ',' || c == '+' || c == '|' })
		if len(parts) <= 1 {
			parts = []string{l}
		}
		for _, part := range parts {
			code, ok := v.Language(part)
			if !ok {
				probs = append(probs, r.fields["language"].pos.problem("unknown language %q (detected from the text instead)", strings.TrimSpace(part)))
				continue
			}
			if m.Language == "" {
				m.Language = code
			}
			if len(parts) > 1 && !slices.Contains(m.Languages, code) {
				m.Languages = append(m.Languages, code)
			}
		}
		if len(m.Languages) < 2 {
			m.Languages = nil
		}
	}
	return m, probs
}

var (
	yearOnly = regexp.MustCompile(`^\d{4}$`)
	yearDate = regexp.MustCompile(`^(\d{4})[-/.]\d{1,2}([-/.]\d{1,2})?$`)
)

// parseYear reads a publication year: "2019" or a date starting with it
// ("2019-05", "2019-05-01"). It returns 0 and a message for anything else.
func parseYear(s string) (int, string) {
	s = strings.TrimSpace(s)
	ys := ""
	switch {
	case yearOnly.MatchString(s):
		ys = s
	case yearDate.MatchString(s):
		ys = s[:4]
	default:
		return 0, "bad year " + strconv.Quote(s) + " (ignored; write it as 2019)"
	}
	y, _ := strconv.Atoi(ys)
	if y < 1800 || y > time.Now().Year()+1 {
		return 0, "year " + strconv.Quote(s) + " out of range (ignored)"
	}
	return y, ""
}

// slugID is the default id of a file: its path, lower case, with every run
// of other characters than a-z and 0-9 turned into "-", without ".pdf".
func slugID(rel string) string {
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(rel) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	s := b.String()
	if len(s) > 100 {
		s = s[:100]
	}
	if s == "" {
		s = "doc"
	}
	return s
}

// pathHash is a short hash of a path, to tell apart ids that would collide.
func pathHash(rel string) string {
	h := sha256.Sum256([]byte(rel))
	return hex.EncodeToString(h[:])[:8]
}

// validID reports whether a catalog id can be used as it is: ids appear in
// addresses, so no spaces, slashes or control characters.
func validID(id string) bool {
	if id == "" || len(id) > 200 {
		return false
	}
	return !strings.ContainsFunc(id, func(r rune) bool {
		return r <= ' ' || r == '/' || r == '\\' || r == '?' || r == '#' || r == '%' || r == 0x7f
	})
}
