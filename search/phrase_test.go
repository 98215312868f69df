package search

import (
	"testing"
)

// A quoted phrase must be on a page in its order; the same words apart do
// not make a page match.
func TestQuotedPhraseOnPages(t *testing.T) {
	doc := Document{
		ID: "p", File: "p.pdf", Title: "Referral handbook", Language: "en", PageCount: 3,
		Pages: []Page{
			{Number: 1, Label: "1", Text: "The notify form is separate. A duty of care applies to every officer."},
			{Number: 2, Label: "2", Text: "Public authorities have a duty to notify the Home Office of potential victims."},
			{Number: 3, Label: "3", Text: "Nothing about the subject here, only contact details and addresses."},
		},
	}
	dir := writeIndex(t, doc)
	x, err := Open(dir, Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()

	res := search(t, x, Request{Query: `"duty to notify"`, Within: "p"})
	if res.Total != 1 || len(res.Hits) != 1 || len(res.Hits[0].Pages) != 1 || res.Hits[0].Pages[0].Page != 2 {
		t.Fatalf(`"duty to notify" within the document: total %d, hits %+v; want page 2 only`, res.Total, res.Hits)
	}
	res = search(t, x, Request{Query: `duty notify`, Within: "p"})
	if res.Total != 2 {
		t.Fatalf("duty notify (unquoted) within the document: %d pages, want 2 (pages 1 and 2)", res.Total)
	}
}
