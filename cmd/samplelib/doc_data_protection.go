package main

import "time"

// dataProtection is encrypted with an empty user password (AES-256).
func dataProtection() *doc {
	return &doc{
		File:     "data-protection/data-protection-case-management-2018.pdf",
		Producer: goPDF,
		Font:     "dejavu",
		Lang:     "en-GB",
		Info: info{
			Title:    "Protecting Personal Data in Anti-Trafficking Case Management",
			Author:   "European Network of Victim Support Services",
			Subject:  "Data protection standards for organisations assisting victims of trafficking",
			Keywords: "data protection; GDPR; case management; confidentiality",
			Date:     date(2018, time.May, 25),
		},
		Header:  "Protecting Personal Data in Anti-Trafficking Case Management",
		Footer:  "ENVSS Standards 2018",
		Encrypt: true,
		Pages: []page{
			pg(
				title("Protecting Personal Data in Anti-Trafficking Case Management"),
				subtitle("Standards for organisations assisting victims of trafficking - May 2018"),
				space(),
				p("Organisations that assist victims of trafficking hold some of the most sensitive data there is: accounts of sexual violence, health records, immigration status, the names of exploiters who may still be looking for the person. A leak can put a life at risk."),
				p("These standards apply the General Data Protection Regulation (GDPR), which applies from 25 May 2018, to the daily work of caseworkers, shelters and helplines."),
			),
			pg(
				h1("1. Lawful basis and consent"),
				p("Every processing operation needs a lawful basis. For most case management, the lawful basis is the person's explicit consent or the protection of their vital interests; for statutory services it may be a legal obligation."),
				ul("Explain, in a language the person understands, what data you collect, why, who will see it and for how long.",
					"Record consent separately for each purpose: assistance, referral to other services, research.",
					"Consent can be withdrawn at any time; withdrawal must not affect the assistance offered."),
				h1("2. Minimisation"),
				p("Collect only what you need for the purpose. Do not record the person's full account of exploitation in the case file if a summary is enough for the service you provide; the full account belongs to the criminal proceedings."),
			),
			pg(
				h1("3. Security and retention"),
				p("Case files are kept in a system with individual logins and two-factor authentication, and access is logged. Paper files are kept in a locked cabinet and never taken home."),
				p("Case files are kept for a retention period of six years after the case is closed and then destroyed, unless the person asks for earlier deletion or a court orders a longer period."),
				ol("Do not send case details by ordinary e-mail; use the encrypted referral channel.",
					"Use initials, not names, in internal reports and statistics.",
					"Report any breach to the data protection officer within 24 hours, and to the supervisory authority within 72 hours where required."),
			),
			pg(
				h1("4. Sharing with other agencies"),
				p("Sharing data with the police, immigration authorities or other service providers requires either the person's consent or a clear legal basis. A data sharing agreement should set out what is shared, how, and for what purpose."),
				h2("Data protection impact assessment"),
				p("Before introducing a new case management system, a helpline recording or a joint database with other agencies, carry out a data protection impact assessment (DPIA) and consult survivors on the risks they see."),
				note("Anonymised data for research or statistics must not allow a person to be re-identified, for example by combining nationality, age and place of exploitation in a small group."),
			),
		},
		Row: &row{
			ID:        "envss-data-protection-2018",
			Title:     "Protecting Personal Data in Anti-Trafficking Case Management",
			Types:     "Standards & Codes of Conduct",
			Regions:   "Europe",
			Countries: "",
			Tags:      "data protection;GDPR;case management;victim support",
			Publisher: "European Network of Victim Support Services",
			Year:      "2018",
			Edition:   "",
			Language:  "en",
			Summary:   "Standards on lawful basis, consent, minimisation, retention and data sharing, so that a victimâ€™s personal data are protected in case management.",
			URL:       "https://www.example.org/envss/data-protection",
			Work:      "",
		},
		Special: "encrypted, empty user password, AES-256 (qpdf); summary in the catalog contains the mis-decoded `â€™`",
		Facts: []fact{
			{2, "lawful basis", "GDPR"},
			{3, "retention period of six years", "retention"},
			{4, "data protection impact assessment (DPIA)", "before a new system"},
		},
	}
}
