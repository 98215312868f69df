package search

import (
	"strings"
	"testing"
)

// fixtureDocs is a small library built in tests: each document's pages say
// something checkable.
func fixtureDocs() []Document {
	filler := strings.Repeat("General guidance for practitioners working with partners on cases. ", 8)
	return []Document{
		{
			ID: "frg-2025", File: "uk/first-responder-guide-2025.pdf", Title: "First Responder Guide",
			Types: []string{"Guidance"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"United Kingdom"},
			Tags: []string{"identification", "referral"}, Publishers: []string{"Home Office"}, Year: 2025,
			Edition: "2025", Language: "en", Summary: "How first responders identify and refer potential victims.",
			Work: "frg", PageCount: 4,
			Pages: pages(
				filler,
				"Identifying potential victims of modern slavery. Indicators include control of documents. "+filler,
				filler+" The duty to notify: public authorities must notify the Home Office when they encounter a potential victim. "+filler,
				"Annex: contacts. "+filler,
			),
		},
		{
			ID: "frg-2024", File: "uk/first-responder-guide-2024.pdf", Title: "First Responder Guide",
			Types: []string{"Guidance"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"United Kingdom"},
			Tags: []string{"identification"}, Publishers: []string{"Home Office"}, Year: 2024, Edition: "2024",
			Language: "en", Work: "frg", PageCount: 2,
			Pages: pages(filler, "The duty to notify applies to specified public authorities. "+filler),
		},
		{
			ID: "labour-insp", File: "ilo/labour-inspection.pdf", Title: "Labour Inspection and Forced Labour",
			Types: []string{"Toolkit"}, Regions: []string{"Asia"}, Countries: []string{"Thailand"},
			Tags: []string{"forced labour", "labour inspection"}, Publishers: []string{"ILO"}, Year: 2019,
			Language: "en", Summary: "Labour inspectors and forced labour indicators.", PageCount: 3,
			Pages: pages(
				"Labour inspectors visit workplaces. "+filler,
				"Debt bondage is a common indicator of forced labour in fishing. "+filler,
				"Trafficking in human beings for labour exploitation. "+filler,
			),
		},
		{
			ID: "child-prot", File: "unicef/child-protection.pdf", Title: "Child Protection and Trauma-Informed Interviews",
			Types: []string{"Good Practices"}, Regions: []string{"Africa"}, Countries: []string{"Kenya"},
			Tags: []string{"children", "interviewing"}, Publishers: []string{"UNICEF"}, Year: 2021,
			Language: "en", PageCount: 3,
			Pages: pages(
				"Interviewing children. "+filler,
				"A trauma informed interview with a child avoids repeated questioning and lets the child rest. "+filler,
				"Commercial sexual exploitation of children online. "+filler,
			),
		},
		{
			ID: "proteccion-es", File: "es/proteccion.pdf", Title: "Protección de víctimas de trata",
			Types: []string{"Guidance"}, Regions: []string{"Americas"}, Countries: []string{"Mexico"},
			Tags: []string{"victim support"}, Publishers: []string{"OIM"}, Year: 2016, Language: "es",
			Work: "victim-support", PageCount: 2,
			Pages: pages("Introducción general al manual.", "La proteccion de las victimas de trata de personas requiere albergues seguros."),
		},
		{
			ID: "support-fr", File: "fr/soutien.pdf", Title: "Soutien aux victimes de la traite",
			Types: []string{"Good Practices"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"France"},
			Tags: []string{"victim support"}, Publishers: []string{"OSCE"}, Year: 2018, Language: "fr",
			Work: "victim-support", PageCount: 2,
			Pages: pages("Introduction.", "L'hébergement des victimes de la traite des êtres humains et leur protection."),
		},
		{
			ID: "ru-guide", File: "ru/guide.pdf", Title: "Руководство по противодействию торговле людьми",
			Types: []string{"Guidance"}, Regions: []string{"Europe", "Eastern Europe"}, Countries: []string{"Ukraine"},
			Tags: []string{"referral"}, Publishers: []string{"OSCE"}, Year: 2015, Language: "ru", PageCount: 2,
			Pages: pages("Введение.", "Национальный механизм перенаправления жертв торговли людьми."),
		},
		{
			ID: "ar-guide", File: "ar/guide.pdf", Title: "دليل مكافحة الاتجار بالبشر",
			Types: []string{"Guidance"}, Regions: []string{"Middle East"}, Countries: []string{"Jordan"},
			Tags: []string{"identification"}, Publishers: []string{"UNODC"}, Year: 2020, Language: "ar", PageCount: 1,
			Pages: pages("حماية ضحايا الاتجار بالبشر"),
		},
		{
			ID: "supply", File: "supply-chain.pdf", Title: "Supply Chain Due Diligence",
			Types: []string{"Toolkit"}, Regions: []string{"Global"}, Tags: []string{"business", "supply chains"},
			Publishers: []string{"OECD"}, Language: "en", PageCount: 2, // no year
			Pages: pages("Companies should map their supply chains. "+filler, "Remediation for workers. <script>alert(1)</script> & due diligence. "+filler),
		},
		{
			ID: "scanned", File: "scanned.pdf", Title: "Scanned Leaflet", Types: []string{"Leaflet"},
			Regions: []string{"Europe"}, Language: "de", Year: 2010, PageCount: 2, Outcome: "no_text",
			Pages: []Page{{Number: 2, Label: "ii", Text: "Menschenhandel erkennen und melden."}},
		},
	}
}

// openFixture builds the fixture library and opens it.
func openFixture(t testing.TB) *Index {
	t.Helper()
	dir := writeIndex(t, fixtureDocs()...)
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}
