package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDocPhrases(t *testing.T) {
	d := Document{Language: "en", Title: "Referral Guide", Tags: []string{"national referral mechanism"},
		Pages: pages(
			"Public authorities have a duty to notify the Home Office. The duty to notify applies in England. "+
				"The duty is clear; the duty this creates is the duty the law sets.",
			"Write to NRMReform@homeoffice.gov.uk or see https://www.gov.uk/nrm. NRMReform NRMReform. "+
				"The Duty To Notify again, and once more the duty to notify.",
		)}
	got := map[string]bool{}
	for _, p := range docPhrases(d) {
		folded, shown, ok := strings.Cut(p, "\t")
		if !ok || folded != fold(shown) {
			t.Errorf("phrase %q: want folded TAB shown", p)
		}
		got[shown] = true
	}
	for _, want := range []string{"duty to notify", "referral guide", "national referral mechanism", "referral mechanism"} {
		if !got[want] {
			t.Errorf("missing %q in %v", want, got)
		}
	}
	for p := range got {
		if strings.Contains(p, "nrmreform") || strings.Contains(p, "homeoffice") || strings.Contains(p, "gov") {
			t.Errorf("phrase %q comes from an address or glued words", p)
		}
		w := strings.Fields(p)
		if stop := stopWordSets()["en"]; stop[w[0]] || stop[w[len(w)-1]] {
			t.Errorf("phrase %q starts or ends with a stop word", p)
		}
		if len(w) < phraseMinWords || len(w) > phraseMaxWords {
			t.Errorf("phrase %q: %d words", p, len(w))
		}
	}
	if got["duty is clear"] || got["authorities have a duty"] {
		t.Error("a phrase used once in the text is kept")
	}
}

func TestCleanWords(t *testing.T) {
	got := cleanWords("Contact NRMReform@homeoffice.gov.uk, www.gov.uk/nrm or the homeOffice team; NRM reform, McDonald, PhD.")
	if got != "Contact or the team; NRM reform, McDonald, PhD. " {
		t.Errorf("cleanWords = %q", got)
	}
}

// suggestDocs: "duty to notify" in three documents, "duty to report" in
// one; "duty the" and "duty this" are common pairs of words but no phrase;
// an e-mail address glues words; one title is very long.
func suggestDocs() []Document {
	filler := "The duty the officer has and the duty this creates are explained. "
	doc := func(id, title, text string) Document {
		return Document{ID: id, Title: title, Language: "en", PageCount: 1, Pages: pages(text)}
	}
	long := "Practical Guidance on Screening: " + strings.Repeat("identifying, referring and supporting potential victims of trafficking in every setting, ", 3)
	return []Document{
		doc("a", "Notification Handbook", filler+"The duty to notify. Again the duty to notify. Write to NRMReform@homeoffice.gov.uk."),
		doc("b", "Second Handbook", filler+"Under the duty to notify, and the duty to notify applies. NRMReform NRMReform."),
		doc("c", "Third Handbook", filler+"A duty to notify. The duty to notify. The duty to report. The duty to report."),
		doc("d", long, "Screening guidance for practitioners. Screening guidance again."),
	}
}

func TestSuggestPhrases(t *testing.T) {
	dir := writeIndex(t, suggestDocs()...)
	x, err := Open(dir, Options{Logger: discardLogger(), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	for _, c := range []struct {
		q     string
		first string
		not   []string
	}{
		{"duty t", "duty to notify", []string{"duty the", "duty this"}},
		{"duty", "duty to notify", nil},
		{"Duty To N", "duty to notify", nil},
		{"nrm", "", []string{"nrmreform"}},
		{"homeof", "", []string{"homeoffice"}},
		{"screening", "", nil},
	} {
		got, err := x.Suggest(ctx, c.q, 8)
		if err != nil {
			t.Fatal(err)
		}
		if c.first != "" && (len(got) == 0 || got[0] != c.first) {
			t.Errorf("Suggest(%q) = %q; want %q first", c.q, got, c.first)
		}
		for _, s := range got {
			if slices.Contains(c.not, s) {
				t.Errorf("Suggest(%q) offers %q: %q", c.q, s, got)
			}
			if utf8.RuneCountInString(s) > maxSuggestRunes {
				t.Errorf("Suggest(%q) offers %d characters: %q", c.q, utf8.RuneCountInString(s), s)
			}
		}
	}
	got, _ := x.Suggest(ctx, "duty to", 8)
	if i, j := slices.Index(got, "duty to notify"), slices.Index(got, "duty to report"); i < 0 || j < 0 || i > j {
		t.Errorf("Suggest(duty to) = %q; want duty to notify (3 documents) before duty to report (1)", got)
	}
	got, _ = x.Suggest(ctx, "practical guid", 8)
	if !slices.Contains(got, "Practical Guidance on Screening") {
		t.Errorf("Suggest(practical guid) = %q; want the long title by its short part", got)
	}
}
