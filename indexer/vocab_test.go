package indexer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func vocab(t *testing.T) *Vocabulary {
	t.Helper()
	v, err := DefaultVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCountryRegions(t *testing.T) {
	v := vocab(t)
	tests := []struct {
		in      string
		country string
		regions string
	}{
		{"Viet Nam", "Viet Nam", "Asia; South-eastern Asia"},
		{"Vietnam", "Viet Nam", "Asia; South-eastern Asia"},
		{"VN", "Viet Nam", "Asia; South-eastern Asia"},
		{"Sénégal", "Senegal", "Africa; Sub-Saharan Africa; Western Africa"},
		{"COTE D’IVOIRE", "Côte d'Ivoire", "Africa; Sub-Saharan Africa; Western Africa"},
		{"UK", "United Kingdom", "Europe; Northern Europe"},
		{"United Kingdom of Great Britain and Northern Ireland", "United Kingdom", "Europe; Northern Europe"},
		{"england and wales", "United Kingdom", "Europe; Northern Europe"},
		{"Nigeria", "Nigeria", "Africa; Sub-Saharan Africa; Western Africa"},
		{"Ivory Coast", "Côte d'Ivoire", "Africa; Sub-Saharan Africa; Western Africa"},
		{"Cote d’Ivoire", "Côte d'Ivoire", "Africa; Sub-Saharan Africa; Western Africa"},
		{"DRC", "Democratic Republic of the Congo", "Africa; Middle Africa; Sub-Saharan Africa"},
		{"Mexico", "Mexico", "Americas; Central America; Latin America and the Caribbean"},
		{"USA", "United States", "Americas; Northern America"},
		{"Russia", "Russian Federation", "Eastern Europe; Europe"},
		{"Turkey", "Türkiye", "Asia; Western Asia"},
		{"Bolivia (Plurinational State of)", "Bolivia", "Americas; Latin America and the Caribbean; South America"},
		{"Lao PDR", "Lao People's Democratic Republic", "Asia; South-eastern Asia"},
		{"Fiji", "Fiji", "Melanesia; Oceania"},
		{"  moldova ", "Moldova", "Eastern Europe; Europe"},
	}
	for _, tt := range tests {
		countries, regions, unknown := v.Countries([]string{tt.in})
		if len(unknown) > 0 || !slices.Equal(countries, []string{tt.country}) || strings.Join(regions, "; ") != tt.regions {
			t.Errorf("Countries(%q) = %q, %q, unknown %q; want %q, %q", tt.in, countries, regions, unknown, tt.country, tt.regions)
		}
	}
	if _, _, unknown := v.Countries([]string{"Atlantis"}); !slices.Equal(unknown, []string{"Atlantis"}) {
		t.Errorf("Atlantis: unknown = %q", unknown)
	}
}

func TestRegions(t *testing.T) {
	v := vocab(t)
	tests := []struct{ in, want string }{
		{"South-East Asia", "Asia; South-eastern Asia"},
		{"southeast asia", "Asia; South-eastern Asia"},
		{"West Africa", "Africa; Sub-Saharan Africa; Western Africa"},
		{"Latin America", "Americas; Latin America and the Caribbean"},
		{"Caribbean", "Americas; Caribbean; Latin America and the Caribbean"},
		{"Global", "Global"},
		{"worldwide", "Global"},
		{"EUROPE", "Europe"},
		{"Middle East", "Asia; Western Asia"},
	}
	for _, tt := range tests {
		regions, unknown := v.Regions([]string{tt.in})
		if len(unknown) > 0 || strings.Join(regions, "; ") != tt.want {
			t.Errorf("Regions(%q) = %q unknown %q, want %q", tt.in, regions, unknown, tt.want)
		}
	}
}

// Every country must map to a region, and no spelling may mean two things.
func TestVocabularyComplete(t *testing.T) {
	v := vocab(t)
	if n := len(v.countryRegion); n < 245 {
		t.Errorf("%d countries, want all of M49 (≥ 245)", n)
	}
	for c, r := range v.countryRegion {
		if r == "" {
			t.Errorf("country %q has no region", c)
		}
	}
}

func TestNormalise(t *testing.T) {
	v := vocab(t)
	tests := []struct {
		kind string
		in   []string
		want []string
	}{
		{"publishers", []string{"OSCE/ODIHR"}, []string{"OSCE/ODIHR"}},
		{"publishers", []string{"OSCE & ODIHR"}, []string{"OSCE/ODIHR"}},
		{"publishers", []string{"osce  odihr", "OSCE and ODIHR"}, []string{"OSCE/ODIHR"}},
		{"publishers", []string{"United Nations Office on Drugs and Crime"}, []string{"UNODC"}},
		{"publishers", []string{"Some  NGO "}, []string{"Some NGO"}},
		{"publishers", []string{"Caritas Ã–sterreich"}, []string{"Caritas Österreich"}},
		{"types", []string{"guidance", "GUIDELINES", "Toolkit"}, []string{"Guidance", "Tools"}},
		{"types", []string{"standards and codes of conduct"}, []string{"Standards & Codes of Conduct"}},
		{"types", []string{"Good practice"}, []string{"Good Practices"}},
		{"tags", []string{"Forced Labor", "forced labour", "NRM"}, []string{"forced labour", "national referral mechanism"}},
		{"tags", []string{"Domestic Servitude"}, []string{"domestic servitude"}},
		{"tags", []string{"CSEC", "Victims of THB in Transit"}, []string{"CSEC", "victims of THB in transit"}},
		{"tags", []string{"csec"}, []string{"csec"}},
		{"tags", []string{"Forced  Labór"}, []string{"forced labour"}},
	}
	for _, tt := range tests {
		var got []string
		switch tt.kind {
		case "publishers":
			got = v.Publishers(tt.in)
		case "types":
			got = v.Types(tt.in)
		case "tags":
			got = v.Tags(tt.in)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s(%q) = %q, want %q", tt.kind, tt.in, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Donâ€™t", "Don’t"},
		{"â€œquotedâ€\u009d", "“quoted”"},
		{"rÃ©fÃ©rence", "référence"},
		{"cafÃƒÂ©", "café"}, // twice over
		{"café", "café"},    // already right
		{"Ã la", "Ã la"},    // not mojibake: Ã followed by a space
		{"  a \t b\u00a0c\u200b ", "a b c"},
		{"naïve “quotes”", "naïve “quotes”"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguageNames(t *testing.T) {
	v := vocab(t)
	tests := []struct{ in, want string }{
		{"English", "en"}, {"en", "en"}, {"EN", "en"}, {"en-GB", "en"}, {"fr-FR", "fr"},
		{"Français", "fr"}, {"pt_BR", "pt"}, {"spa", "es"}, {"Russian", "ru"}, {"русский", "ru"},
		{"العربية", "ar"}, {"Arabic", "ar"}, {"de-AT", "de"}, {"Klingon", ""},
	}
	for _, tt := range tests {
		if got, _ := v.Language(tt.in); got != tt.want {
			t.Errorf("Language(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The first responder should explain the National Referral Mechanism to the potential victim and ask for their consent before the referral is made.", "en"},
		{"Le premier intervenant doit expliquer le mécanisme national d'orientation à la victime potentielle et lui demander son consentement avant de faire le signalement.", "fr"},
		{"El primer interviniente debe explicar el mecanismo nacional de derivación a la posible víctima y pedir su consentimiento antes de hacer la derivación.", "es"},
		{"Die Ersthelfer sollen dem möglichen Opfer den nationalen Verweismechanismus erklären und vor der Meldung die Zustimmung der Person einholen, die nicht immer leicht ist.", "de"},
		{"O primeiro interveniente deve explicar o mecanismo nacional de referência à possível vítima e pedir o seu consentimento antes de fazer a referência para os serviços.", "pt"},
		{"Сотрудник, первым выявивший жертву, должен объяснить национальный механизм перенаправления и получить согласие человека.", "ru"},
		{"يجب على المستجيب الأول أن يشرح الآلية الوطنية للإحالة للضحية المحتملة وأن يطلب موافقتها قبل الإحالة.", "ar"},
		{"短い", ""},
		{"12 34 56 78 90", ""},
	}
	for _, tt := range tests {
		if got := detectLanguage(tt.text); got != tt.want {
			t.Errorf("detectLanguage(%.40q…) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPDFTitle(t *testing.T) {
	tests := []struct{ title, heading, file, want string }{
		{"Home Office document template", "First responder guide", "x.pdf", "First responder guide"},
		{"Microsoft Word - guide_v2.docx", "Victim support in practice", "x.pdf", "Victim support in practice"},
		{"guide_v2.docx", "Victim support in practice", "x.pdf", "Victim support in practice"},
		{"Untitled", "", "reports/labour_inspection-2020.pdf", "labour inspection 2020"},
		{"labour_inspection", "Labour inspection", "labour_inspection.pdf", "Labour inspection"},
		{"Labour inspection and forced labour", "Chapter 1", "x.pdf", "Labour inspection and forced labour"},
		{"", "", "a.pdf", "a"},
	}
	for _, tt := range tests {
		info := pdftextInfo(tt.title, tt.heading)
		if got := pdfTitle(info, tt.file); got != tt.want {
			t.Errorf("pdfTitle(%q, %q, %q) = %q, want %q", tt.title, tt.heading, tt.file, got, tt.want)
		}
	}
}

// A librarian's copy of the vocabulary folder, extended with a new alias,
// replaces the built-in one.
func TestLoadVocabularyDir(t *testing.T) {
	dir := t.TempDir()
	entries, err := vocabFiles.ReadDir("vocab")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := vocabFiles.ReadFile("vocab/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "publishers.tsv" {
			b = append(b, "Anti-Slavery Resource Centre\tASRC; A.S.R.C.\n"...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	v, err := LoadVocabularyDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Publishers([]string{"asrc"}); !slices.Equal(got, []string{"Anti-Slavery Resource Centre"}) {
		t.Errorf("Publishers(asrc) = %q", got)
	}
	if _, err := LoadVocabularyDir(t.TempDir()); err == nil {
		t.Error("an empty folder loaded as a vocabulary")
	}
}
