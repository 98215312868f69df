package main

import "time"

// westAfricaReport is written in full and then cut to half its length.
func westAfricaReport() *doc {
	return &doc{
		File:     "reports/counter-trafficking-west-africa-2010.pdf",
		Producer: goPDF,
		Font:     "core",
		Lang:     "en",
		Info: info{
			Title:    "Counter-Trafficking in West Africa: Annual Report 2010",
			Author:   "IOM Regional Office for West and Central Africa",
			Subject:  "Assistance to trafficked persons in West Africa, 2010",
			Keywords: "annual report; West Africa; return and reintegration",
			Date:     date(2011, time.March, 30),
		},
		Header:   "Counter-Trafficking in West Africa - Annual Report 2010",
		Footer:   "IOM",
		Truncate: true,
		Pages: []page{
			pg(
				title("Counter-Trafficking in West Africa"),
				subtitle("Annual Report 2010"),
				p("In 2010 the programme assisted 412 trafficked persons in Nigeria, Ghana, Senegal and Mali, most of them women trafficked for sexual exploitation and children trafficked for domestic work and street vending."),
				p("Of the persons assisted, 61 percent were women, 27 percent were children under 18 and 12 percent were men. Two thirds were identified outside their country of origin, mainly in Côte d'Ivoire, Gabon and Libya, and were assisted to return home; the others were identified in their own country after internal trafficking."),
				p("The year was marked by the adoption of a regional plan of action against trafficking in persons and by new bilateral agreements on the return of child victims between Mali and Côte d'Ivoire and between Nigeria and Benin."),
			),
			pg(
				h1("1. Assistance provided"),
				p("Assistance included shelter, medical care, family tracing, return transport and reintegration grants. Reintegration grants averaged 650 US dollars per person and were used mainly to start small businesses."),
				ul("shelter and medical care: 388 persons;", "family tracing and assessment: 301 persons;", "return transport: 274 persons;", "reintegration grants and vocational training: 236 persons."),
				p("Children were returned only after a family assessment by social workers in the country of origin. Where the family had been involved in the trafficking, the child was placed in a foster family or a community-based care centre."),
			),
			pg(
				h1("2. Partnerships"),
				p("The programme worked with the National Agency for the Prohibition of Traffic in Persons in Nigeria, the Ghana Police Service's Anti-Human Trafficking Unit and eleven NGOs."),
				p("Joint training was held for 140 police officers, immigration officers and labour inspectors in Accra, Abuja and Bamako, using a common curriculum on the identification of victims and the rights of children. Border posts on the Lagos-Abidjan corridor received information leaflets in English, French and Hausa."),
			),
			pg(
				h1("3. Lessons learned"),
				p("Family tracing took longer than planned, and a third of children could not return home safely within six months."),
				p("Reintegration was most successful where the returnee received both a grant and follow-up visits for at least a year. Grants without follow-up were often spent on debts to the recruiter, and several returnees were re-trafficked."),
				ul("plan family tracing before return, not after;", "fund follow-up visits for at least twelve months;", "involve labour inspectors in the identification of children in domestic work."),
			),
		},
		Row: &row{
			ID:        "iom-west-africa-2010",
			Title:     "Counter-Trafficking in West Africa: Annual Report 2010",
			Types:     "Publications",
			Regions:   "Africa;Western Africa",
			Countries: "Nigeria;Ghana;Senegal;Mali",
			Tags:      "annual report;return and reintegration;children",
			Publisher: "International Organisation for Migration (IOM)",
			Year:      "2010",
			Edition:   "",
			Language:  "en",
			Summary:   "Annual report of a regional counter-trafficking programme: persons assisted, partnerships and lessons learned.",
			URL:       "",
			Work:      "",
		},
		Special: "truncated: the first half of a valid 4-page PDF (no xref, no trailer)",
	}
}
