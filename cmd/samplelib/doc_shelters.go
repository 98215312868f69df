package main

import "time"

// shelters is the oldest document; its page 4 (an annex of house rules) is
// replaced by a scanned image with no text layer.
func shelters() *doc {
	return &doc{
		File:     "victim-support/shelter-minimum-standards-2004.pdf",
		Producer: goPDF,
		Font:     "core",
		Lang:     "en",
		Info: info{
			Title:    "Minimum Standards for Shelters Assisting Trafficked Persons",
			Author:   "IOM Mission in Chisinau",
			Subject:  "Standards of care in shelters for victims of trafficking",
			Keywords: "shelters; victim support; minimum standards; South-eastern Europe",
			Date:     date(2004, time.November, 22),
		},
		Header:   "Minimum Standards for Shelters Assisting Trafficked Persons",
		Footer:   "IOM 2004",
		ScanPage: 4,
		Pages: []page{
			pg(
				title("Minimum Standards for Shelters Assisting Trafficked Persons"),
				subtitle("Agreed by the shelter providers of the regional network, Chisinau, November 2004"),
				space(),
				p("Shelters are often the first safe place a trafficked person reaches after leaving exploitation. What happens there in the first days - whether the person feels safe, believed and in control of their own decisions - shapes their recovery and their willingness to trust anyone again."),
				p("These standards were agreed by eight shelter providers from Albania, Bulgaria, the Republic of Moldova, Romania and Serbia and Montenegro. They set a floor, not a ceiling: every shelter in the network commits to meet them within one year."),
			),
			pg(
				h1("1. Admission"),
				p("A shelter admits a person on referral from the national referral mechanism, the police, an NGO or an international organisation, and also when a person arrives alone and asks for help. Admission is never conditional on a statement to the police."),
				ul("Admission is possible 24 hours a day, seven days a week.",
					"Every new resident is seen by a caseworker within 24 hours of arrival and by a doctor within 72 hours.",
					"The resident receives the house rules and a written explanation of their rights in a language they understand.",
					"A reflection period is explained: time to rest and decide, without pressure, whether to take part in criminal proceedings."),
				h1("2. Safety and confidentiality"),
				p("The address of the shelter is confidential and is not given to taxi drivers, relatives or journalists. Residents may receive visitors only in an agreed meeting place outside the shelter, after a risk assessment."),
			),
			pg(
				h1("3. Staffing and care"),
				p("Each shelter has staff present at all times. A caseworker is responsible for no more than eight residents, and each resident has one named caseworker throughout their stay."),
				ul("medical care, including sexual and reproductive health, with the resident's informed consent;",
					"psychological counselling by a qualified psychologist, at least weekly;",
					"legal counselling on residence, compensation and criminal proceedings;",
					"vocational training and help to find work before leaving the shelter."),
				h2("Length of stay"),
				p("The standard stay is up to three months and may be extended on the caseworker's recommendation. A person leaving the shelter has an individual reintegration plan and a follow-up contact for at least twelve months."),
				h2("Children"),
				p("Children are accommodated separately from unrelated adults, and a legal guardian is appointed without delay. A child's stay is decided in the child's best interests, in consultation with the child."),
			),
			pg(
				h1("Annex 1. Model house rules"),
				p("These house rules are displayed in the common room in every language spoken by residents. They were signed by the directors of all eight shelters of the network on 22 November 2004."),
				ol("You may leave the shelter whenever you wish. Please tell staff when you go out and when you expect to return.",
					"Do not tell anyone the address of the shelter.",
					"Mobile telephones are kept in the office at night and returned each morning.",
					"Meals are served at 8.00, 13.00 and 19.00. Tell the cook about any diet you need.",
					"Violence, alcohol and drugs are not allowed in the house.",
					"You have the right to complain about staff to the shelter director or to the network coordinator."),
				space(),
				p("Signed for the network: (signature) ........................  Date: 22.11.2004"),
			),
			pg(
				h1("4. Monitoring"),
				p("The network coordinator visits each shelter twice a year and reports to the network on compliance with these standards. Residents are asked, anonymously, whether they felt safe and respected, and the answers are part of the report."),
				p("Complaints received from residents are recorded in a register, answered in writing within 14 days, and reviewed at each monitoring visit."),
				note("Contact for the network: Regional Shelter Network secretariat, care of the IOM Mission, Chisinau."),
			),
		},
		Row: &row{
			ID:        "iom-shelter-standards-2004",
			Title:     "Minimum Standards for Shelters Assisting Trafficked Persons",
			Types:     "Standards & Codes of Conduct",
			Regions:   "Europe;Southern Europe;Eastern Europe",
			Countries: "Albania;Bulgaria;Republic of Moldova;Romania;Serbia",
			Tags:      "shelters;victim support;minimum standards;children",
			Publisher: "International Organization for Migration",
			Year:      "2004",
			Edition:   "",
			Language:  "en",
			Summary:   "Minimum standards agreed by a regional network of shelters: admission at any hour, confidentiality, staffing ratios, length of stay and monitoring.",
			URL:       "https://www.example.org/iom/shelter-standards",
			Work:      "",
		},
		Special: "page 4 is a scanned image only (no text layer); producer fpdf with a Ghostscript image page, assembled by qpdf",
		Facts: []fact{
			{2, "within 24 hours of arrival", "admission standard"},
			{3, "no more than eight residents", "staffing ratio"},
			{3, "individual reintegration plan", "leaving the shelter"},
			{4, "Model house rules", "on the scanned page: NOT in the text layer (needs OCR)"},
			{5, "answered in writing within 14 days", "complaints"},
		},
	}
}
