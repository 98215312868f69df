package server

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"handbooks/search"
)

// libraryFake is a Searcher over a small library held in memory that
// behaves like the index in the ways the page shows: words match documents
// and pages, filters combine (OR within a facet, AND across), facet counts
// follow the other filters, editions of one work collapse into one hit.
type libraryFake struct {
	docs   []search.Document
	parent map[string]string // country or sub-region → region
	fixes  map[string]string // misspelling → correction, for did-you-mean
}

func fxPage(n int, text string) search.Page {
	return search.Page{Number: n, Label: strconv.Itoa(n), Text: text}
}

// newLibraryFake returns the fixture library: handbooks of the kind the
// service is for, with their own invented text.
func newLibraryFake() *libraryFake {
	filler := func(n int) []search.Page {
		ps := make([]search.Page, n)
		for i := range ps {
			ps[i] = fxPage(i+1, fmt.Sprintf("Contents and general introduction, section %d.", i+1))
		}
		return ps
	}
	frt25 := filler(20)
	frt25[11] = fxPage(12, "Public authorities in England and Wales have a duty to notify the Home Office when they encounter a potential victim of modern slavery. The duty to notify is met by the online referral form or, for adults who do not consent, an anonymous notification.")
	frt25[12] = fxPage(13, "Children do not need to consent to a referral. Refer every child who may be a victim and notify the local authority children's services.")
	frt25[3] = fxPage(4, "Spotting the signs: indicators of modern slavery include restricted movement, debt bondage and withheld identity documents.")
	frt21 := filler(16)
	frt21[8] = fxPage(9, "The duty to notify applies to specified public authorities. Use the MS1 form to notify the Home Office of adult victims who do not consent to enter the referral mechanism.")
	ilo := filler(30)
	ilo[6] = fxPage(7, "Labour inspectors meet forced labour at workplaces first. Indicators include abuse of vulnerability, deception, restriction of movement and retention of wages.")
	ilo[21] = fxPage(22, "When an inspection finds indicators of forced labour, inspectors refer the case to the police and notify victim support services.")
	iloFr := filler(32)
	iloFr[6] = fxPage(7, "Les inspecteurs du travail rencontrent le travail forcé sur les lieux de travail. Les indicateurs comprennent la tromperie et la rétention des salaires.")
	unodc := filler(40)
	unodc[4] = fxPage(5, "Victim identification is the first step of every trafficking investigation. Interview potential victims in a safe place with an interpreter.")
	unodc[27] = fxPage(28, "Prosecutors should avoid relying on the victim's testimony alone; corroborating evidence includes financial records and phone data.")
	shelter := filler(12)
	shelter[2] = fxPage(3, "Shelters for survivors of trafficking provide safe accommodation, medical care, counselling and legal advice. Minimum standards for shelters cover staffing and confidentiality.")
	child := filler(18)
	child[5] = fxPage(6, "Social workers assessing a child who may have been trafficked should consider criminal exploitation, including county lines, and the duty to notify does not apply to children in the same way.")
	guia := filler(10)
	guia[1] = fxPage(2, "La identificación de víctimas de trata requiere una entrevista en un lugar seguro y la atención inmediata a sus necesidades.")
	ind := filler(8)
	ind[0] = fxPage(1, "Indicators of trafficking for use by frontline workers: signs of control, lack of identity documents, and debt owed to a recruiter.")

	return &libraryFake{
		parent: map[string]string{
			"United Kingdom": "Europe", "Ireland": "Europe", "France": "Europe",
			"Nepal": "Asia", "India": "Asia", "Mexico": "Latin America", "Nigeria": "Africa",
			"Western Europe": "Europe",
		},
		fixes: map[string]string{"notfy": "notify", "trafficing": "trafficking", "shelterz": "shelters"},
		docs: []search.Document{
			{ID: "ho-frt-2025", File: "toolkit/frt-2025.pdf", Title: "First Responder Toolkit: Identifying and Referring Potential Victims of Modern Slavery",
				Types: []string{"Guidance", "Toolkit"}, Regions: []string{"Europe"}, Countries: []string{"United Kingdom"},
				Tags: []string{"national referral mechanism", "duty to notify", "first responders", "children"}, Publishers: []string{"Home Office"},
				Year: 2025, Edition: "2nd edition", Language: "en", Work: "frt",
				Summary: "How first responders in England and Wales spot the signs, meet the duty to notify and refer potential victims.",
				URL:     "https://www.example.gov.uk/frt-2025", Pages: frt25},
			{ID: "ho-frt-2021", File: "toolkit/frt-2021.pdf", Title: "First Responder Toolkit: Identifying and Referring Potential Victims of Modern Slavery",
				Types: []string{"Guidance", "Toolkit"}, Regions: []string{"Europe"}, Countries: []string{"United Kingdom"},
				Tags: []string{"national referral mechanism", "duty to notify", "first responders"}, Publishers: []string{"Home Office"},
				Year: 2021, Edition: "1st edition", Language: "en", Work: "frt",
				Summary: "The first edition of the toolkit for first responders.", Pages: frt21},
			{ID: "ilo-inspect-2019", File: "ilo/inspection-en.pdf", Title: "Labour Inspection and Forced Labour: A Handbook for Inspectors",
				Types: []string{"Handbook", "Training"}, Regions: []string{"Global"}, Tags: []string{"forced labour", "labour inspection", "indicators"},
				Publishers: []string{"International Labour Office"}, Year: 2019, Language: "en", Work: "ilo-inspect",
				Summary: "What labour inspectors can do when a workplace shows signs of forced labour.", Pages: ilo},
			{ID: "ilo-inspect-2020-fr", File: "ilo/inspection-fr.pdf", Title: "L'inspection du travail et le travail forcé : manuel pour les inspecteurs",
				Types: []string{"Handbook", "Training"}, Regions: []string{"Global"}, Tags: []string{"forced labour", "labour inspection", "indicators"},
				Publishers: []string{"International Labour Office"}, Year: 2020, Language: "fr", Work: "ilo-inspect",
				Summary: "Traduction française du manuel pour les inspecteurs du travail.", Pages: iloFr},
			{ID: "unodc-cj-2009", File: "unodc/criminal-justice.pdf", Title: "Anti-Human Trafficking Manual for Criminal Justice Practitioners",
				Types: []string{"Manual", "Training"}, Regions: []string{"Global"}, Tags: []string{"investigation", "prosecution", "victim identification"},
				Publishers: []string{"UNODC"}, Year: 2009, Language: "en",
				Summary: "Modules for police, prosecutors and judges on investigating and prosecuting trafficking cases.", Pages: unodc},
			{ID: "shelter-2017", File: "ngo/shelter-standards.pdf", Title: "Minimum Standards for Shelters for Survivors of Trafficking",
				Types: []string{"Standards"}, Regions: []string{"Asia"}, Countries: []string{"Nepal", "India"}, Tags: []string{"shelters", "victim support"},
				Publishers: []string{"South Asia Shelter Network"}, Year: 2017, Language: "en",
				Summary: "Standards for safe accommodation, care and confidentiality in shelters.", Pages: shelter},
			{ID: "child-sw-2023", File: "ie/child-guidance.pdf", Title: "Child Trafficking: Practice Guidance for Social Workers",
				Types: []string{"Guidance"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"Ireland"}, Tags: []string{"children", "safeguarding", "criminal exploitation"},
				Publishers: []string{"Child and Family Agency"}, Year: 2023, Language: "en",
				Summary: "Assessing and protecting children who may have been trafficked.", Pages: child},
			{ID: "guia-mx-2022", File: "mx/guia-atencion.pdf", Title: "Guía de atención a víctimas de trata de personas",
				Types: []string{"Guidance"}, Regions: []string{"Latin America"}, Countries: []string{"Mexico"}, Tags: []string{"victim support", "victim identification"},
				Publishers: []string{"Red de Apoyo a Víctimas"}, Year: 2022, Language: "es",
				Summary: "Guía para la atención inmediata de víctimas de trata.", Pages: guia},
			{ID: "indicators-ng-2021", File: "ng/indicators.pdf", Title: "Indicators of Human Trafficking for Frontline Workers",
				Types: []string{"Tools"}, Regions: []string{"Africa"}, Countries: []string{"Nigeria"}, Tags: []string{"indicators", "victim identification"},
				Publishers: []string{"NAPTIP"}, Year: 2021, Language: "en",
				Summary: "A pocket list of signs of trafficking for frontline workers.", Pages: ind},
		},
	}
}

var fxWordRE = regexp.MustCompile(`[\pL\pN']+`)

func fxWords(s string) []string {
	return fxWordRE.FindAllString(strings.ToLower(s), -1)
}

// facetValues returns a document's values of one facet.
func fxFacetValues(d *search.Document, facet string) []string {
	switch facet {
	case "type":
		return d.Types
	case "region":
		return d.Regions
	case "country":
		return d.Countries
	case "tag":
		return d.Tags
	case "publisher":
		return d.Publishers
	case "lang":
		return []string{d.Language}
	case "year":
		if d.Year > 0 {
			return []string{strconv.Itoa(d.Year)}
		}
	}
	return nil
}

func fxFilterValues(f *search.Filters, facet string) []string {
	for _, fp := range filterParams {
		if fp.Param == facet {
			return *fp.field(f)
		}
	}
	return nil
}

// passes reports whether d passes every filter but the one named skip.
func fxPasses(d *search.Document, f search.Filters, skip string) bool {
	for _, fp := range filterParams {
		want := *fp.field(&f)
		if fp.Param == skip || len(want) == 0 {
			continue
		}
		ok := false
		for _, v := range fxFacetValues(d, fp.Param) {
			if contains(want, v) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if skip != "year" && (f.YearFrom != 0 && d.Year < f.YearFrom || f.YearTo != 0 && (d.Year == 0 || d.Year > f.YearTo)) {
		return false
	}
	return true
}

// score counts the query's words in a document (0: it lacks one).
func fxScore(d *search.Document, qw []string) int {
	if len(qw) == 0 {
		return 1
	}
	text := fxWords(d.Title + " " + d.Summary + " " + strings.Join(d.Tags, " "))
	for _, p := range d.Pages {
		text = append(text, fxWords(p.Text)...)
	}
	total := 0
	for _, w := range qw {
		n := 0
		for _, t := range text {
			if strings.HasPrefix(t, w) {
				n++
			}
		}
		if n == 0 {
			return 0
		}
		total += n
	}
	return total
}

func (f *libraryFake) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := bounds.Check(req); err != nil {
		return nil, err
	}
	qw := fxWords(req.Query)
	type scored struct {
		d *search.Document
		s int
	}
	var matched []scored
	for i := range f.docs {
		d := &f.docs[i]
		if req.Within != "" && d.ID != req.Within {
			continue
		}
		if s := fxScore(d, qw); s > 0 {
			matched = append(matched, scored{d, s})
		}
	}
	res := &search.Result{Query: req.Query, AlsoSearched: []string{}, Hits: []search.Hit{}, Facets: map[string][]search.Facet{}}
	for _, facet := range []string{"type", "region", "country", "tag", "publisher", "lang", "year"} {
		counts := map[string]int{}
		for _, m := range matched {
			if fxPasses(m.d, req.Filters, facet) {
				for _, v := range fxFacetValues(m.d, facet) {
					counts[v]++
				}
			}
		}
		fs := []search.Facet{}
		for v, n := range counts {
			fs = append(fs, search.Facet{Value: v, Count: n, Selected: contains(fxFilterValues(&req.Filters, facet), v), Parent: f.parent[v]})
		}
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Value < fs[j].Value
		})
		res.Facets[facet] = fs
	}
	var kept []scored
	for _, m := range matched {
		if fxPasses(m.d, req.Filters, "") {
			kept = append(kept, m)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		switch req.Sort {
		case "newest":
			return a.d.Year > b.d.Year
		case "oldest":
			return a.d.Year < b.d.Year
		case "title":
			return a.d.Title < b.d.Title
		}
		if a.s != b.s {
			return a.s > b.s
		}
		return a.d.Year > b.d.Year
	})
	// One hit per work: the best-ranked edition, the others under it.
	seenWork := map[string]bool{}
	var hits []search.Hit
	for _, m := range kept {
		work := m.d.Work
		if work == "" {
			work = m.d.ID
		}
		if seenWork[work] {
			continue
		}
		seenWork[work] = true
		hits = append(hits, f.hit(m.d, qw, req.Within != ""))
	}
	res.Total = len(hits)
	res.Documents = len(kept)
	if len(hits) == 0 && len(qw) > 0 {
		fixed := make([]string, len(qw))
		changed := false
		for i, w := range qw {
			fixed[i] = w
			if c, ok := f.fixes[w]; ok {
				fixed[i], changed = c, true
			}
		}
		if changed {
			s := strings.Join(fixed, " ")
			res.DidYouMean = &s
		}
	}
	per := max(req.PerPage, 1)
	from := (max(req.Page, 1) - 1) * per
	if from < len(hits) {
		res.Hits = hits[from:min(from+per, len(hits))]
	}
	return res, nil
}

// hit builds a result hit: the pages with the query's words, best first,
// three of them (all when searching inside the document).
func (f *libraryFake) hit(d *search.Document, qw []string, all bool) search.Hit {
	h := search.Hit{ID: d.ID, Title: d.Title, File: d.File, Types: d.Types, Regions: d.Regions,
		Countries: d.Countries, Tags: d.Tags, Publishers: d.Publishers, Year: d.Year, Edition: d.Edition,
		Language: d.Language, Summary: d.Summary, Score: 1, OtherEditions: f.editions(d)}
	type pg struct {
		p search.Page
		n int
	}
	var pages []pg
	for _, p := range d.Pages {
		n := 0
		for _, t := range fxWords(p.Text) {
			for _, w := range qw {
				if strings.HasPrefix(t, w) {
					n++
				}
			}
		}
		if n > 0 {
			pages = append(pages, pg{p, n})
		}
	}
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].n > pages[j].n })
	h.MatchingPages = len(pages)
	for i, p := range pages {
		if i == 3 && !all {
			break
		}
		h.Pages = append(h.Pages, search.PageHit{Page: p.p.Number, Label: p.p.Label, Snippet: fxMark(p.p.Text, qw)})
	}
	return h
}

func (f *libraryFake) editions(d *search.Document) []search.Edition {
	es := []search.Edition{}
	for _, o := range f.docs {
		if d.Work != "" && o.Work == d.Work && o.ID != d.ID {
			es = append(es, search.Edition{ID: o.ID, Title: o.Title, Year: o.Year, Edition: o.Edition, Language: o.Language})
		}
	}
	return es
}

// markWords escapes text and marks the words that start with a query word.
func fxMark(text string, qw []string) string {
	var b strings.Builder
	last := 0
	for _, loc := range fxWordRE.FindAllStringIndex(text, -1) {
		w := strings.ToLower(text[loc[0]:loc[1]])
		for _, q := range qw {
			if strings.HasPrefix(w, q) {
				b.WriteString(html.EscapeString(text[last:loc[0]]))
				b.WriteString("<mark>" + html.EscapeString(text[loc[0]:loc[1]]) + "</mark>")
				last = loc[1]
				break
			}
		}
	}
	b.WriteString(html.EscapeString(text[last:]))
	return b.String()
}

func (f *libraryFake) find(id string) (*search.Document, error) {
	for i := range f.docs {
		if f.docs[i].ID == id {
			return &f.docs[i], nil
		}
	}
	return nil, search.ErrNotFound
}

func (f *libraryFake) Document(ctx context.Context, id string) (*search.DocumentInfo, error) {
	d, err := f.find(id)
	if err != nil {
		return nil, err
	}
	info := &search.DocumentInfo{Document: *d, OtherEditions: f.editions(d)}
	info.PageCount, info.Outcome, info.Pages = len(d.Pages), "indexed", nil
	return info, nil
}

func (f *libraryFake) Page(ctx context.Context, id string, n int, q string) (*search.PageText, error) {
	d, err := f.find(id)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > len(d.Pages) {
		return nil, search.ErrNotFound
	}
	p := d.Pages[n-1]
	pt := &search.PageText{ID: id, Page: n, Label: p.Label, Pages: len(d.Pages), Text: p.Text}
	if q != "" {
		pt.HTML = fxMark(p.Text, fxWords(q))
	}
	return pt, nil
}

func (f *libraryFake) Facets(ctx context.Context) (map[string][]search.Facet, error) {
	res, err := f.Search(ctx, search.Request{})
	if err != nil {
		return nil, err
	}
	return res.Facets, nil
}

func (f *libraryFake) Suggest(ctx context.Context, q string, n int) ([]string, error) {
	q = strings.ToLower(strings.TrimSpace(q))
	if n == 0 {
		n = search.DefaultLimits().DefaultSuggestions
	}
	seen := map[string]bool{}
	var out []string
	for _, d := range f.docs {
		for _, t := range append([]string{d.Title}, d.Tags...) {
			if strings.HasPrefix(strings.ToLower(t), q) && !seen[t] && len(out) < n {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

func (f *libraryFake) Stats() (search.Stats, error) {
	return search.Stats{Generation: "g-fixture", Documents: len(f.docs)}, nil
}

// writeFixturePDFs writes a PDF with the right number of (blank) pages for
// each fixture document into a new library folder, so that the file route
// serves what page links point to.
func writeFixturePDFs(t interface {
	TempDir() string
	Fatal(...any)
}, f *libraryFake) string {
	dir := t.TempDir()
	for _, d := range f.docs {
		p := filepath.Join(dir, filepath.FromSlash(d.File))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, blankPDF(len(d.Pages)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// blankPDF returns a valid PDF of n empty A4 pages.
func blankPDF(n int) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", i+3)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, strings.Join(kids, " ")))
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}
