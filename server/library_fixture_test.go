package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"handbooks/search"
)

// The page tests run against a real index of the fixture library, built
// once per test binary with the search package's own store: the pages are
// checked against the engine they show, not against a second one.

var fixture struct {
	once sync.Once
	dir  string
	err  error
}

// fixtureIndex opens the index of the fixture library (built on first use).
func fixtureIndex(t testing.TB) *search.Index {
	t.Helper()
	fixture.once.Do(func() { fixture.dir, fixture.err = buildFixtureIndex() })
	if fixture.err != nil {
		t.Fatalf("build the fixture index: %v", fixture.err)
	}
	x, err := search.Open(fixture.dir, search.Options{ReloadInterval: -1, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// removeFixtureIndex removes the fixture index, if one was built.
func removeFixtureIndex() {
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
}

func buildFixtureIndex() (string, error) {
	dir, err := os.MkdirTemp("", "server-fixture-index-")
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	st, err := search.OpenStore(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		return dir, err
	}
	up, err := st.Begin(ctx, true)
	if err != nil {
		return dir, err
	}
	docs := fixtureDocs()
	pages := 0
	for i := range docs {
		docs[i].PageCount = len(docs[i].Pages)
		docs[i].Outcome = "indexed"
		pages += len(docs[i].Pages)
	}
	if err := up.Put(ctx, docs...); err != nil {
		up.Abort()
		return dir, err
	}
	up.SetPlaces(fixturePlaces)
	return dir, up.Commit(ctx, search.RunInfo{Documents: len(docs), Pages: pages}, nil)
}

// fixturePlaces is the region tree of the fixture library, in the shape of
// the indexer's vocabulary.
var fixturePlaces = search.Places{
	RegionParent: map[string]string{
		"Global": "", "Europe": "", "Asia": "", "Africa": "", "Latin America": "",
		"Western Europe": "Europe",
	},
	CountryRegion: map[string]string{
		"United Kingdom": "Europe", "Ireland": "Europe", "France": "Europe",
		"Nepal": "Asia", "India": "Asia", "Mexico": "Latin America", "Nigeria": "Africa",
	},
}

func fxPage(n int, text string) search.Page {
	return search.Page{Number: n, Label: strconv.Itoa(n), Text: text}
}

// fixtureDocs are the fixture library: handbooks of the kind the service
// is for, with their own invented text.
func fixtureDocs() []search.Document {
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

	return []search.Document{
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
	}
}

// writeFixturePDFs writes a PDF with the right number of (blank) pages for
// each fixture document into a new library folder, so that the file route
// serves what page links point to.
func writeFixturePDFs(t interface {
	TempDir() string
	Fatal(...any)
}) string {
	dir := t.TempDir()
	for _, d := range fixtureDocs() {
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
