package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A generated library of about 100,000 pages for measuring search speed:
// 4,000 documents of 5 to 45 pages (25 on average), each page about 350
// words drawn from a Zipf-distributed vocabulary of the field, each
// document and page with a few topics of its own (and headings naming
// them), varied metadata, mostly English with some French, Spanish and
// Russian. The index is built once and cached under the user cache
// directory, keyed by benchGenVersion and the index mappings.

const (
	benchGenVersion = "3"
	benchDocs       = 4000
)

// benchLibrary returns the directory of the cached generated index,
// building it when missing, and the number of text bytes indexed.
func benchLibrary(tb testing.TB) (dir string, textBytes int64) {
	tb.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		tb.Skipf("no cache directory: %v", err)
	}
	dir = filepath.Join(cache, "handbooks", "search-bench", "v"+benchGenVersion+"-"+mappingKey(tb))
	stats := filepath.Join(dir, "textbytes")
	if b, err := os.ReadFile(stats); err == nil {
		n, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		return dir, n
	}
	tb.Logf("building the generated library in %s (once)", dir)
	tmp := dir + ".tmp"
	os.RemoveAll(tmp)
	st, err := OpenStore(tmp, discardLogger())
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	up, err := st.Begin(ctx, true)
	if err != nil {
		tb.Fatal(err)
	}
	gen := newBenchGen()
	pagesN := 0
	for i := 0; i < benchDocs; i += 50 {
		chunk := make([]Document, 0, 50)
		for k := i; k < min(i+50, benchDocs); k++ {
			d := gen.doc(k)
			for _, p := range d.Pages {
				textBytes += int64(len(p.Text))
			}
			pagesN += len(d.Pages)
			chunk = append(chunk, d)
		}
		if err := up.Put(ctx, chunk...); err != nil {
			tb.Fatal(err)
		}
	}
	if err := up.Commit(ctx, RunInfo{Documents: benchDocs, Pages: pagesN}, nil); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "textbytes"), []byte(strconv.FormatInt(textBytes, 10)), 0o644); err != nil {
		tb.Fatal(err)
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built: %d documents, %d pages, %d MB of text", benchDocs, pagesN, textBytes>>20)
	return dir, textBytes
}

// mappingKey changes when either index mapping changes, so a cached index
// always matches the code measured.
func mappingKey(tb testing.TB) string {
	dm, err := docsMapping()
	if err != nil {
		tb.Fatal(err)
	}
	pm, err := pagesMapping()
	if err != nil {
		tb.Fatal(err)
	}
	a, _ := json.Marshal(dm)
	b, _ := json.Marshal(pm)
	h := sha256.Sum256(append(a, b...))
	return hex.EncodeToString(h[:6])
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

type benchGen struct {
	ranked  []string // English vocabulary, most frequent first
	foreign map[string][]string
	tail    []string
}

func newBenchGen() *benchGen {
	g := &benchGen{foreign: benchForeign, tail: benchTail(2500)}
	g.ranked = append(g.ranked, benchStop...)
	// Domain entries and generic words interleaved: one domain entry for
	// every two generic words, then the long tail.
	e := 0
	for i, d := range benchDomain {
		g.ranked = append(g.ranked, d)
		for k := 0; k < 2 && e < len(benchEnglish); k++ {
			g.ranked = append(g.ranked, benchEnglish[e])
			e++
		}
		_ = i
	}
	g.ranked = append(g.ranked, benchEnglish[e:]...)
	g.ranked = append(g.ranked, g.tail...)
	return g
}

var (
	benchTypes      = []string{"Guidance", "Toolkit", "Good Practices", "Report", "Training", "Manual", "Tools", "Legislation"}
	benchRegions    = [][]string{{"Europe", "Western Europe"}, {"Europe", "Eastern Europe"}, {"Africa"}, {"Asia", "South-East Asia"}, {"Asia", "South Asia"}, {"Americas", "Latin America"}, {"Americas", "North America"}, {"Middle East"}, {"Global"}}
	benchCountries  = [][]string{{"United Kingdom", "France", "Germany", "Netherlands", "Spain", "Italy"}, {"Ukraine", "Moldova", "Romania", "Bulgaria", "Albania"}, {"Nigeria", "Kenya", "Ghana", "Ethiopia", "Uganda"}, {"Thailand", "Viet Nam", "Cambodia", "Philippines", "Indonesia"}, {"India", "Nepal", "Bangladesh", "Pakistan"}, {"Mexico", "Guatemala", "Colombia", "Brazil", "Peru"}, {"United States", "Canada"}, {"Jordan", "Lebanon", "Qatar"}, {}}
	benchTags       = []string{"identification", "referral", "forced labour", "child protection", "victim support", "prosecution", "supply chains", "labour inspection", "data protection", "non-punishment", "shelters", "interviewing", "financial investigation", "migration", "sexual exploitation", "domestic servitude", "training", "coordination", "legislation", "research"}
	benchPublishers = []string{"IOM", "ILO", "UNODC", "OSCE", "ODIHR", "UNICEF", "Council of Europe", "European Commission", "Home Office", "US Department of State", "Walk Free", "Anti-Slavery International", "La Strada International", "ECPAT", "ICMPD", "Polaris", "Freedom Fund", "RedLAC", "Save the Children", "UNHCR", "OECD", "ASEAN", "World Bank", "Europol", "Interpol"}
)

// doc generates document i; the same i always gives the same document.
func (g *benchGen) doc(i int) Document {
	rng := rand.New(rand.NewSource(int64(i) + 1))
	lang := "en"
	switch r := rng.Intn(100); {
	case r < 5:
		lang = "fr"
	case r < 9:
		lang = "es"
	case r < 12:
		lang = "ru"
	}
	topics := []string{g.domain(rng), g.domain(rng), g.domain(rng)}
	reg := rng.Intn(len(benchRegions))
	d := Document{
		ID:    fmt.Sprintf("gen-%05d", i),
		File:  fmt.Sprintf("gen/%05d.pdf", i),
		Title: strings.ToUpper(topics[0][:1]) + topics[0][1:] + ": a " + []string{"handbook", "guide", "toolkit", "manual", "report"}[rng.Intn(5)] + " on " + topics[1],
		Types: []string{benchTypes[rng.Intn(len(benchTypes))]}, Regions: benchRegions[reg],
		Publishers: []string{benchPublishers[rng.Intn(len(benchPublishers))]},
		Year:       1998 + rng.Intn(29), Language: lang,
		Summary: "This " + topics[2] + " resource covers " + topics[0] + " and " + topics[1] + ".",
	}
	if rng.Intn(10) == 0 {
		d.Year = 0
	}
	if cs := benchCountries[reg]; len(cs) > 0 {
		d.Countries = []string{cs[rng.Intn(len(cs))]}
		if rng.Intn(4) == 0 {
			d.Countries = append(d.Countries, cs[rng.Intn(len(cs))])
		}
	}
	for k := 1 + rng.Intn(3); k > 0; k-- {
		d.Tags = append(d.Tags, benchTags[rng.Intn(len(benchTags))])
	}
	if i%10 == 1 { // an edition of the previous document
		d.Work = fmt.Sprintf("gen-%05d", i-1)
	}
	n := 5 + rng.Intn(41)
	d.PageCount = n
	zipfEn := rand.NewZipf(rng, 1.1, 3, uint64(len(g.ranked)-1))
	var zipfF *rand.Zipf
	if lang != "en" {
		zipfF = rand.NewZipf(rng, 1.1, 2, uint64(len(g.foreign[lang])-1))
	}
	word := func(pageTopic string) string {
		switch r := rng.Intn(100); {
		case r < 3:
			return pageTopic
		case r < 6:
			return topics[rng.Intn(len(topics))]
		case zipfF != nil && r < 80:
			return g.foreign[lang][zipfF.Uint64()]
		}
		return g.ranked[zipfEn.Uint64()]
	}
	for p := 1; p <= n; p++ {
		topic := g.domain(rng)
		var b strings.Builder
		if rng.Intn(2) == 0 {
			fmt.Fprintf(&b, "%d. %s%s\n\n", p, strings.ToUpper(topic[:1]), topic[1:])
		}
		words := 300 + rng.Intn(100)
		for w, para := 0, 0; w < words; {
			e := word(topic)
			b.WriteString(e)
			w += strings.Count(e, " ") + 1
			para++
			switch {
			case para > 50 && rng.Intn(20) == 0:
				b.WriteString(".\n\n")
				para = 0
			case rng.Intn(14) == 0:
				b.WriteString(". ")
			default:
				b.WriteByte(' ')
			}
		}
		d.Pages = append(d.Pages, Page{Number: p, Text: b.String()})
	}
	return d
}

// domain draws a domain entry, the frequent ones more often.
func (g *benchGen) domain(rng *rand.Rand) string {
	k := int(rng.ExpFloat64() * 60)
	return benchDomain[k%len(benchDomain)]
}
