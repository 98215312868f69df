package indexer

import (
	"path"
	"regexp"
	"strings"

	"handbooks/indexer/pdftext"
	"handbooks/search"
)

// buildDocument makes the indexed document of a file from its metadata and
// its extracted text. Where the catalog says nothing, the PDF speaks: its
// title (or first heading), language, year, subject and keywords.
func buildDocument(e *entry, res *pdftext.Result, v *Vocabulary) search.Document {
	m := e.meta
	d := search.Document{
		ID: m.ID, File: e.file.rel, Title: m.Title, Types: m.Types, Regions: m.Regions,
		Countries: m.Countries, Tags: m.Tags, Publishers: m.Publishers, Year: m.Year,
		Edition: m.Edition, Language: m.Language, Summary: m.Summary, URL: m.URL, Work: m.Work,
		PageCount: len(res.Pages), Outcome: docOutcome(res.Outcome), Reason: res.Reason,
	}
	var sample strings.Builder
	for _, p := range res.Pages {
		text := withoutRunning(p)
		if strings.TrimSpace(text) == "" {
			continue
		}
		sp := search.Page{Number: p.Number, Label: p.Label, Text: text, Source: p.Source}
		if p.OCR != nil {
			sp.Confidence = p.OCR.Confidence
		}
		d.Pages = append(d.Pages, sp)
		if sample.Len() < 100_000 {
			sample.WriteString(p.Text)
			sample.WriteByte('\n')
		}
	}
	info := res.Info
	if d.Title == "" {
		d.Title = pdfTitle(info, e.file.rel)
	}
	if d.Language == "" {
		if code, ok := v.Language(info.Language); ok {
			d.Language = code
		} else {
			d.Language = detectLanguage(sample.String())
		}
	}
	if !m.Catalogued {
		if d.Year == 0 && info.Year >= 1800 {
			d.Year = info.Year
		}
		if d.Summary == "" {
			d.Summary = cleanText(info.Subject)
		}
		if len(d.Tags) == 0 && info.Keywords != "" {
			d.Tags = v.Tags(strings.FieldsFunc(info.Keywords, func(r rune) bool { return r == ',' || r == ';' }))
		}
	}
	for _, s := range []*[]string{&d.Types, &d.Regions, &d.Countries, &d.Tags, &d.Publishers} {
		if *s == nil {
			*s = []string{}
		}
	}
	return d
}

// docOutcome is the document's outcome in the index.
func docOutcome(extraction string) string {
	if extraction == pdftext.OutcomeOK {
		return OutcomeIndexed
	}
	return extraction
}

// reportOutcome is the file's outcome in the report.
func reportOutcome(extraction string, catalogued bool) string {
	switch {
	case extraction != pdftext.OutcomeOK:
		return extraction
	case catalogued:
		return OutcomeIndexed
	}
	return OutcomeUncatalogued
}

// pdfTitle picks a title for a file the catalog does not name: the Info
// title unless it looks like a template or a file name, else the largest
// heading of the first page, else the file name.
func pdfTitle(info pdftext.Info, rel string) string {
	title := cleanText(info.Title)
	heading := cleanText(info.Heading)
	if len([]rune(heading)) > 200 {
		heading = string([]rune(heading)[:200])
	}
	switch {
	case !junkTitle(title, rel):
		return title
	case !junkTitle(heading, ""):
		return heading
	}
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	return strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == '-' || r == ' ' }), " ")
}

var (
	junkWords = regexp.MustCompile(`(?i)\b(template|untitled|no title|document\d+|microsoft (word|powerpoint|excel)|powerpoint presentation|slide \d+|layout \d+)\b|^(title|document|word|pdf|doc|print)$`)
	fileLike  = regexp.MustCompile(`(?i)\.(docx?|pdf|rtf|odt|ods|odp|indd|qxd|pptx?|xlsx?|txt|tex|dvi|ps|html?|pages|key)\s*$`)
)

// junkTitle reports whether a title is the kind of placeholder authoring
// tools leave behind: "Home Office document template", "Microsoft Word -
// guide.docx", "Untitled", the file's own name (rel; "" to skip that
// test), or too short to mean much.
func junkTitle(t, rel string) bool {
	k := matchKey(t)
	if len([]rune(k)) < 4 || !strings.ContainsFunc(k, func(r rune) bool { return r > '9' }) {
		return true
	}
	if junkWords.MatchString(t) || fileLike.MatchString(t) {
		return true
	}
	if !strings.Contains(t, " ") && strings.ContainsAny(t, "_") {
		return true // an identifier, not a title
	}
	if rel == "" {
		return false
	}
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	return k == matchKey(base)
}

// withoutRunning is a page's text without its running headers, footers and
// page numbers: repeated on every page, they would match queries on every
// page and fill passages with "OFFICIAL - Page | 4".
func withoutRunning(p pdftext.Page) string {
	if len(p.Running) == 0 {
		return p.Text
	}
	drop := make(map[string]int, len(p.Running))
	for _, r := range p.Running {
		drop[strings.TrimSpace(r)]++
	}
	lines := strings.Split(p.Text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if k := strings.TrimSpace(l); drop[k] > 0 {
			drop[k]--
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}
