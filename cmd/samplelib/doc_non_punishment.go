package main

import "time"

// nonPunishment has a sidecar NAME.json that overrides its catalog row: the
// catalog still describes the 2020 draft, the sidecar the final text.
func nonPunishment() *doc {
	return &doc{
		File:     "legal/non-punishment-principle-guidance.pdf",
		Producer: ghostscript,
		Lang:     "en",
		Info: info{
			Title:    "Applying the Non-Punishment Principle: Guidance for Prosecutors and Defence Lawyers",
			Author:   "European Anti-Trafficking Lawyers Network",
			Subject:  "Non-punishment of victims of trafficking for offences they were compelled to commit",
			Keywords: "non-punishment, THB, GRETA, prosecutors, criminal exploitation",
			Date:     date(2021, time.January, 25),
		},
		Header: "Applying the Non-Punishment Principle",
		Footer: "EATLN - Final text, January 2021 - page",
		Pages: []page{
			pg(
				title("Applying the Non-Punishment Principle"),
				subtitle("Guidance for Prosecutors and Defence Lawyers"),
				subtitle("European Anti-Trafficking Lawyers Network - final text, January 2021"),
				space(),
				p("Victims of trafficking in human beings (THB) are often made to commit offences: cultivating cannabis, shoplifting, using false documents, selling drugs, working without a permit. When they are arrested, they are frequently treated as offenders and their exploitation is never examined."),
				p("The non-punishment principle requires States to provide for the possibility of not imposing penalties on victims for their involvement in unlawful activities, to the extent that they have been compelled to do so. It is found in Article 26 of the Council of Europe Convention on Action against Trafficking in Human Beings and in Article 8 of EU Directive 2011/36/EU."),
			),
			pg(
				h1("1. The test to apply"),
				p("Two approaches are found in national law. Under the compulsion model, the principle applies where the victim was compelled to commit the offence by threats, force or abuse of a position of vulnerability. Under the causation model, it applies where the offence was a direct consequence of the trafficking, whether or not compulsion is proven."),
				p("GRETA, the Council of Europe's expert group, has repeatedly recommended the broader causation test, because victims rarely can prove the compulsion behind each single act."),
				h2("Questions for the prosecutor"),
				ol("Are there indicators that the suspect is a victim of trafficking?",
					"Has the suspect been referred to the national referral mechanism?",
					"Is there a link between the trafficking and the offence?",
					"Would prosecution be in the public interest, given that link?"),
			),
			pg(
				h1("2. Case example: cannabis cultivation"),
				p("A 17-year-old boy was found locked in a house converted into a cannabis farm. He had been brought into the country in the back of a lorry and told that he owed his transporters 25,000 euros. He was charged with the production of a controlled drug."),
				p("The defence lawyer asked for the proceedings to be stayed until the referral mechanism had decided whether the boy was a victim of trafficking. The prosecutor reviewed the file, found that the boy had been forced to tend the plants and could not leave the house, and discontinued the prosecution."),
				note("Lesson: the identification decision should come before the charging decision. Where it comes after, prosecutors must review the case again in its light."),
			),
			pg(
				h1("3. After a conviction"),
				p("Many victims are identified only after they have been convicted. Defence lawyers should consider an appeal out of time, or an application to the competent authority to expunge criminal records, so that a conviction for an offence committed under compulsion does not prevent the victim from finding work, housing or a residence permit."),
				ul("gather the evidence of trafficking that was not before the trial court;",
					"obtain the decision of the national referral mechanism, if any;",
					"explain the link between the exploitation and each offence on the record."),
			),
		},
		Row: &row{
			ID:        "eatln-non-punishment",
			Title:     "Non-punishment of victims of trafficking: draft guidance for prosecutors",
			Types:     "Guidance",
			Regions:   "Europe",
			Countries: "",
			Tags:      "non-punishment;criminal justice",
			Publisher: "European Anti-Trafficking Lawyers Network",
			Year:      "2020",
			Edition:   "Draft for consultation",
			Language:  "en",
			Summary:   "Draft guidance on applying the non-punishment principle to victims of trafficking compelled to commit offences.",
			URL:       "",
			Work:      "",
		},
		Sidecar: map[string]any{
			"title":   "Applying the Non-Punishment Principle: Guidance for Prosecutors and Defence Lawyers",
			"year":    2021,
			"edition": "Final text, January 2021",
			"tags":    []string{"non-punishment", "criminal justice", "criminal exploitation", "GRETA"},
			"summary": "Final guidance on the non-punishment principle: the compulsion and causation tests, a cannabis cultivation case and clearing criminal records after a conviction.",
		},
		Special: "sidecar `non-punishment-principle-guidance.json` overrides title, year (2020 -> 2021), edition, tags and summary",
		Facts: []fact{
			{2, "causation test", "GRETA recommendation"},
			{3, "cannabis farm", "case example"},
			{4, "expunge criminal records", "after a conviction"},
			{1, "Article 26 of the Council of Europe Convention", "legal basis"},
		},
	}
}
