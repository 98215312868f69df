package main

// library lists the documents of the sample library in catalog order.
func library() []*doc {
	return []*doc{
		toolkit2021(),
		toolkit2025(),
		labourEN(),
		labourFR(),
		nrmHandbook(),
		russianNRM(),
		shelters(),
		spanishChildren(),
		supplyChain(),
		nonPunishment(),
		financialVietNam(),
		dataProtection(),
		westAfricaReport(),
		arabicGuide(),
	}
}
