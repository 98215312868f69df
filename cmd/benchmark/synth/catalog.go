package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Row is one catalog.csv row.
type Row struct {
	File      string
	Title     string
	Types     []string
	Regions   []string
	Countries []string
	Tags      []string
	Publisher []string
	Year      int
	Edition   string
	Language  string
	Summary   string
	URL       string
}

// CatalogHeader is the header of catalog.csv, as in the real resource centres'
// exports.
var CatalogHeader = []string{"file", "title", "types", "regions", "countries", "tags",
	"publisher", "year", "edition", "language", "summary", "url"}

// Record is the row as CSV fields; multi-values are joined with ';'.
func (r Row) Record() []string {
	year := ""
	if r.Year > 0 {
		year = strconv.Itoa(r.Year)
	}
	j := func(v []string) string { return strings.Join(v, ";") }
	return []string{r.File, r.Title, j(r.Types), j(r.Regions), j(r.Countries), j(r.Tags),
		j(r.Publisher), year, r.Edition, r.Language, r.Summary, r.URL}
}

// Metadata vocabularies for catalog rows.
var (
	Types = []string{"Guidance", "Tools", "Publications", "Training", "Good Practices",
		"Standards & Codes of Conduct", "News & Analysis"}
	// RegionCountries maps a region to some of its countries; "Global" has none.
	RegionCountries = map[string][]string{
		"Europe":   {"United Kingdom", "France", "Germany", "Spain", "Italy", "Poland", "Romania", "Netherlands"},
		"Africa":   {"Nigeria", "Kenya", "Ghana", "Morocco", "Ethiopia", "Senegal"},
		"Asia":     {"Viet Nam", "Thailand", "India", "Philippines", "Nepal", "Cambodia"},
		"Americas": {"Mexico", "Brazil", "Colombia", "United States", "Peru", "Canada"},
		"Oceania":  {"Australia", "New Zealand"},
		"Global":   nil,
	}
	Regions = []string{"Europe", "Africa", "Asia", "Americas", "Oceania", "Global"}
	Tags    = []string{"victim identification", "national referral mechanism", "first responders",
		"labour exploitation", "forced labour", "child trafficking", "sexual exploitation",
		"domestic servitude", "supply chains", "due diligence", "labour inspection",
		"prosecution", "non-punishment", "compensation", "return and reintegration",
		"trauma-informed interviews", "shelters", "online exploitation", "migration",
		"data protection", "duty to notify", "interviewing", "forms", "gender", "indicators"}
	Publishers = []string{"Home Office", "UNODC", "IOM", "ILO", "OSCE ODIHR", "Council of Europe",
		"La Strada International", "ICMPD", "UNICEF", "Anti-Slavery International",
		"Ministry of Labour", "National Rapporteur", "ECPAT", "Walk Free", "OHCHR"}
)

// pick returns 1..max distinct values of vs.
func pick(r *rand.Rand, vs []string, max int) []string {
	n := 1 + r.IntN(max)
	perm := r.Perm(len(vs))
	out := make([]string, 0, n)
	for _, i := range perm[:min(n, len(vs))] {
		out = append(out, vs[i])
	}
	return out
}

// RandomMeta fills the metadata of a row (all but File, Title, Language and
// Summary) from r.
func RandomMeta(r *rand.Rand, row *Row) {
	row.Types = pick(r, Types, 2)
	row.Regions = pick(r, Regions, 2)
	row.Countries = nil
	for _, reg := range row.Regions {
		if cs := RegionCountries[reg]; len(cs) > 0 && r.IntN(3) > 0 {
			row.Countries = append(row.Countries, cs[r.IntN(len(cs))])
		}
	}
	row.Tags = pick(r, Tags, 4)
	row.Publisher = pick(r, Publishers, 1)
	if r.IntN(25) != 0 { // a few rows without a year, as in real catalogs
		row.Year = 2000 + r.IntN(27)
	} else {
		row.Year = 0
	}
	row.Edition = ""
	if r.IntN(4) == 0 {
		row.Edition = fmt.Sprintf("v%d", 1+r.IntN(4))
	}
	row.URL = ""
	if r.IntN(2) == 0 {
		row.URL = fmt.Sprintf("https://example.org/resources/%d", r.IntN(1_000_000))
	}
}
