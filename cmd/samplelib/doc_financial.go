package main

import "time"

// financialVietNam is catalogued with the country "Viet Nam" only, no region.
func financialVietNam() *doc {
	return &doc{
		File:     "financial-investigations-viet-nam-2022.pdf",
		Producer: ghostscript,
		Lang:     "en",
		Info: info{
			Title:    "Following the Money: Financial Investigations in Human Trafficking Cases - Training Manual",
			Author:   "UNODC Regional Office for Southeast Asia and the Pacific",
			Subject:  "Parallel financial investigations and asset recovery in trafficking cases in Viet Nam",
			Keywords: "financial investigation, money laundering, asset recovery, Viet Nam, THB",
			Date:     date(2022, time.November, 8),
		},
		Header: "Following the Money - Training Manual (Viet Nam)",
		Footer: "UNODC 2022 - page",
		Pages: []page{
			pg(
				title("Following the Money"),
				subtitle("Financial Investigations in Human Trafficking Cases - Training Manual for Investigators and Prosecutors in Viet Nam"),
				subtitle("United Nations Office on Drugs and Crime (UNODC), Hanoi, 2022"),
				space(),
				p("Human trafficking is a crime committed for profit. Every case leaves a financial trail: payments to recruiters, transfers to bank accounts abroad, rent for premises, purchases of vehicles and land. This two-day training manual shows investigators how to follow that trail, and prosecutors how to use it in court."),
			),
			pg(
				h1("Module 1. Why a parallel financial investigation"),
				p("A parallel financial investigation is conducted alongside the criminal investigation into the trafficking offence itself. It has three purposes:"),
				ol("to gather evidence of the offence that does not depend on the testimony of victims;",
					"to identify other members of the network, including those who never meet the victims;",
					"to trace assets for confiscation and for compensation of victims."),
				p("Relying on victims' testimony alone places a heavy burden on them. Financial evidence - bank records, remittance receipts, phone payment apps - corroborates their account and sometimes allows a prosecution to proceed even when a victim cannot testify."),
			),
			pg(
				h1("Module 2. Red flag indicators"),
				p("Financial institutions and money transfer operators report suspicious transactions to the Anti-Money Laundering Department of the State Bank of Viet Nam. Indicators relevant to trafficking include:"),
				ul("many small remittances, each below 5,000,000 VND, sent by different people to one recipient;",
					"payments to recruitment companies just before groups of workers travel abroad;",
					"an account receiving salaries of several workers, with cash withdrawals the same day;",
					"frequent payments for hotel rooms, flights or online advertisements for escort services;",
					"a business with high turnover but no employees on its social insurance records."),
				note("Exercise: in groups, identify three red flags in the bank statement in Handout 2 and decide which institution you would ask for further records."),
			),
			pg(
				h1("Module 3. Asset recovery and compensation"),
				p("Assets can be frozen at the start of an investigation to prevent them from being moved. After conviction, the court may order confiscation of the proceeds of crime. The manual recommends that confiscated assets be used first to compensate victims, and that victims be informed of their right to claim compensation in the criminal proceedings."),
				h2("International cooperation"),
				p("Proceeds are often moved abroad. Investigators should use mutual legal assistance and, where possible, informal channels between financial intelligence units, such as requests through the Egmont Group, early in the investigation."),
			),
			pg(
				h1("Module 4. Case exercise: the Hai Phong employment agency"),
				p("An employment agency in Hai Phong recruited 63 young people for factory work abroad, charging each of them between 80 and 120 million VND. On arrival the workers were placed in a fishing fleet and their wages were paid to the agency."),
				ol("Draw a diagram of the flows of money between the workers, their families, the agency and its foreign partner.",
					"List the records you would request, and from which institutions.",
					"Identify the assets that could be frozen, and the legal basis for doing so."),
				p("Trainers' note: allow 90 minutes for this exercise and ask each group to present its diagram."),
			),
		},
		Row: &row{
			ID:        "unodc-following-money-vn-2022",
			Title:     "Following the Money: Financial Investigations in Human Trafficking Cases",
			Types:     "Training",
			Regions:   "",
			Countries: "Viet Nam",
			Tags:      "financial investigations;money laundering;asset recovery;law enforcement",
			Publisher: "UNODC",
			Year:      "2022",
			Edition:   "",
			Language:  "en",
			Summary:   "Two-day training manual on parallel financial investigations, red flag indicators, asset recovery and victim compensation, with a case exercise.",
			URL:       "https://www.example.org/unodc/following-the-money",
			Work:      "",
		},
		Special: "catalogued with country \"Viet Nam\" only and an empty region",
		Facts: []fact{
			{2, "parallel financial investigation", "module 1"},
			{3, "below 5,000,000 VND", "red flag indicator"},
			{4, "compensate victims", "asset recovery"},
			{5, "Hai Phong employment agency", "case exercise"},
		},
	}
}
