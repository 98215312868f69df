package main

import "time"

// arabicGuide has no catalog row: the indexer knows it only from its Info
// dictionary and its text.
func arabicGuide() *doc {
	return &doc{
		File:     "incoming/arabic-referral-guide.pdf",
		Producer: chromium,
		Lang:     "ar",
		RTL:      true,
		Info: info{
			Title:    "دليل إحالة ضحايا الاتجار بالبشر وحمايتهم",
			Author:   "الشبكة العربية لمكافحة الاتجار بالبشر",
			Subject:  "إحالة الضحايا وتقديم المساعدة",
			Keywords: "الاتجار بالبشر, الإحالة, الحماية, NRM",
			Date:     date(2026, time.January, 12),
		},
		Header: "دليل إحالة ضحايا الاتجار بالبشر وحمايتهم",
		Footer: "الشبكة العربية لمكافحة الاتجار بالبشر 2026 - صفحة",
		Pages: []page{
			pg(
				title("دليل إحالة ضحايا الاتجار بالبشر وحمايتهم"),
				subtitle("دليل عملي للعاملين في الخطوط الأمامية"),
				space(),
				p("يقدم هذا الدليل خطوات عملية لتحديد ضحايا الاتجار بالبشر وإحالتهم إلى الخدمات المتخصصة. وهو موجه إلى رجال الشرطة ومفتشي العمل والأخصائيين الاجتماعيين وموظفي المنظمات غير الحكومية."),
			),
			pg(
				h1("١. آلية الإحالة الوطنية"),
				p("آلية الإحالة الوطنية (NRM) هي إطار للتعاون بين مؤسسات الدولة والمجتمع المدني لضمان حصول كل ضحية على الحماية والمساعدة."),
				ul("توفير مأوى آمن خلال ٢٤ ساعة من تحديد الضحية.",
					"تقديم الرعاية الطبية والنفسية مجانا.",
					"توفير مترجم ومحام للضحية."),
			),
			pg(
				h1("٢. مبدأ عدم المعاقبة"),
				p("لا يجوز معاقبة ضحايا الاتجار بالبشر على الأفعال غير المشروعة التي أجبروا على ارتكابها. وينبغي التعاون مع المنظمة الدولية للهجرة (IOM) ومكتب الأمم المتحدة المعني بالمخدرات والجريمة (UNODC) في حالات العودة الطوعية."),
			),
		},
		Row:     nil,
		Special: "uncatalogued (no row, no sidecar); Arabic, right to left; Info title set from <title>; lam-alef ligatures come out of pdftotext as two letters (e.g. \"االتجار\")",
		Facts: []fact{
			{2, "NRM", "Latin acronym in Arabic text"},
			{3, "UNODC", "Latin acronym in Arabic text"},
		},
	}
}
