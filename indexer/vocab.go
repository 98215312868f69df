package indexer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:embed vocab/*.tsv
var vocabFiles embed.FS

// Vocabulary normalises catalog values: regions (an M49 taxonomy), countries
// (mapped to regions), types, publishers, tags and languages. It is read from
// the tab-separated files described in vocab/README.md.
type Vocabulary struct {
	regions       map[string]string // match key → region name
	parent        map[string]string // region name → parent region name
	countries     map[string]string // match key → country name
	countryRegion map[string]string // country name → its smallest region
	types         map[string]string
	publishers    map[string]string
	tags          map[string]string
	languages     map[string]string // match key → ISO 639-1 code
	// Version changes whenever a vocabulary file changes; documents built
	// with another version are rebuilt.
	Version string
}

var defaultVocabulary = sync.OnceValues(func() (*Vocabulary, error) {
	return LoadVocabulary(vocabFiles)
})

// DefaultVocabulary is the vocabulary embedded in the program, loaded once.
func DefaultVocabulary() (*Vocabulary, error) { return defaultVocabulary() }

// LoadVocabularyDir reads the vocabulary files (regions.tsv, countries.tsv,
// types.tsv, publishers.tsv, tags.tsv, languages.tsv) from the folder dir:
// a librarian's edited copy of indexer/vocab.
func LoadVocabularyDir(dir string) (*Vocabulary, error) {
	v, err := LoadVocabulary(dirAsVocab{os.DirFS(dir)})
	if err != nil {
		return nil, fmt.Errorf("vocabulary in %s: %w", dir, err)
	}
	return v, nil
}

// dirAsVocab serves a folder's files as vocab/NAME.
type dirAsVocab struct{ fs.FS }

func (d dirAsVocab) Open(name string) (fs.File, error) {
	rest, ok := strings.CutPrefix(name, "vocab/")
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return d.FS.Open(rest)
}

// LoadVocabulary reads vocab/*.tsv from fsys.
func LoadVocabulary(fsys fs.FS) (*Vocabulary, error) {
	v := &Vocabulary{
		regions: map[string]string{}, parent: map[string]string{},
		countries: map[string]string{}, countryRegion: map[string]string{},
		types: map[string]string{}, publishers: map[string]string{},
		tags: map[string]string{}, languages: map[string]string{},
	}
	h := sha256.New()
	read := func(name string, minCols int, each func(line int, cols []string) error) error {
		b, err := fs.ReadFile(fsys, "vocab/"+name)
		if err != nil {
			return err
		}
		h.Write([]byte(name))
		h.Write(b)
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cols := strings.Split(line, "\t")
			for len(cols) < minCols {
				cols = append(cols, "")
			}
			if cols[0] = strings.TrimSpace(cols[0]); cols[0] == "" {
				return fmt.Errorf("vocab/%s:%d: empty name", name, n)
			}
			if err := each(n, cols); err != nil {
				return fmt.Errorf("vocab/%s:%d: %w", name, n, err)
			}
		}
		return sc.Err()
	}
	add := func(m map[string]string, value string, spellings ...string) error {
		for _, s := range spellings {
			for _, a := range strings.Split(s, ";") {
				k := matchKey(a)
				if k == "" {
					continue
				}
				if old, ok := m[k]; ok && old != value {
					return fmt.Errorf("%q means both %q and %q", strings.TrimSpace(a), old, value)
				}
				m[k] = value
			}
		}
		return nil
	}
	err := read("regions.tsv", 4, func(_ int, c []string) error {
		if p := strings.TrimSpace(c[1]); p != "" {
			if _, ok := v.parent[p]; !ok && !slices.Contains(mapValues(v.regions), p) {
				return fmt.Errorf("parent %q of %q must be listed before it", p, c[0])
			}
			v.parent[c[0]] = p
		}
		return add(v.regions, c[0], c[0], c[3])
	})
	if err == nil {
		err = read("countries.tsv", 4, func(_ int, c []string) error {
			r := strings.TrimSpace(c[1])
			if r != "" && !slices.Contains(mapValues(v.regions), r) {
				return fmt.Errorf("region %q of %q is not in regions.tsv", r, c[0])
			}
			v.countryRegion[c[0]] = r
			return add(v.countries, c[0], c[0], c[2], c[3])
		})
	}
	for _, f := range []struct {
		name string
		m    map[string]string
	}{{"types.tsv", v.types}, {"publishers.tsv", v.publishers}, {"tags.tsv", v.tags}, {"languages.tsv", v.languages}} {
		if err != nil {
			break
		}
		err = read(f.name, 2, func(_ int, c []string) error { return add(f.m, c[0], c[0], c[1]) })
	}
	if err != nil {
		return nil, fmt.Errorf("load vocabulary: %w", err)
	}
	v.Version = hex.EncodeToString(h.Sum(nil))[:16]
	return v, nil
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// Regions normalises region values and adds the regions above each one.
// Values not in the taxonomy come back in unknown.
func (v *Vocabulary) Regions(values []string) (regions, unknown []string) {
	for _, val := range values {
		r, ok := v.regions[matchKey(val)]
		if !ok {
			unknown = append(unknown, cleanText(val))
			continue
		}
		regions = v.withParents(regions, r)
	}
	return sortedUnique(regions), unknown
}

func (v *Vocabulary) withParents(out []string, r string) []string {
	for r != "" && !slices.Contains(out, r) {
		out = append(out, r)
		r = v.parent[r]
	}
	return out
}

// Countries normalises country values and returns the regions they lie in.
// Values not in the list come back in unknown.
func (v *Vocabulary) Countries(values []string) (countries, regions, unknown []string) {
	for _, val := range values {
		c, ok := v.countries[matchKey(val)]
		if !ok {
			unknown = append(unknown, cleanText(val))
			continue
		}
		countries = append(countries, c)
		regions = v.withParents(regions, v.countryRegion[c])
	}
	return sortedUnique(countries), sortedUnique(regions), unknown
}

// Types normalises resource types; unknown ones are kept, cleaned.
func (v *Vocabulary) Types(values []string) []string { return lookupKeep(v.types, values, false) }

// Publishers normalises publishers; unknown ones are kept, cleaned.
func (v *Vocabulary) Publishers(values []string) []string {
	return lookupKeep(v.publishers, values, false)
}

// Tags normalises topic tags to lower case; unknown ones are kept.
func (v *Vocabulary) Tags(values []string) []string { return lookupKeep(v.tags, values, true) }

// Language returns the ISO 639-1 code for a language name or code such as
// "English", "en", "fr-FR", "pt_BR" or "spa"; ok is false when unknown.
func (v *Vocabulary) Language(s string) (code string, ok bool) {
	s = strings.ToLower(cleanText(s))
	if s == "" {
		return "", false
	}
	if c, ok := v.languages[matchKey(s)]; ok {
		return c, true
	}
	if i := strings.IndexAny(s, "-_"); i > 0 {
		base := s[:i]
		if c, ok := v.languages[matchKey(base)]; ok {
			return c, true
		}
	}
	return "", false
}

func lookupKeep(m map[string]string, values []string, lower bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, val := range values {
		val = cleanText(val)
		k := matchKey(val)
		if k == "" || seen[k] {
			continue
		}
		if c, ok := m[k]; ok {
			val = c
			k = matchKey(c)
			if seen[k] {
				continue
			}
		} else if lower {
			val = lowerKeepAcronyms(val)
		}
		seen[k] = true
		out = append(out, val)
	}
	return out
}

// lowerKeepAcronyms lower-cases a value word by word, except words written
// in capitals (acronyms such as CSEC or NRM), which keep their case.
func lowerKeepAcronyms(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if !isAcronym(w) {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func sortedUnique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
