package search

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Values that cannot mean anything in the library are 400s that say what
// to give: a filter value no document has, year: without a year, within=
// an unknown document.
func TestRequestValuesTheLibraryLacks(t *testing.T) {
	x := openFixture(t)
	for _, c := range []struct {
		req   Request
		param string
		say   []string
	}{
		{Request{Filters: Filters{Regions: []string{"Atlantis"}}}, "region",
			[]string{`no document in the library has the region "Atlantis"`, "Values in the library: Africa, Americas, Asia"}},
		{Request{Query: "labour", Filters: Filters{Countries: []string{"Kenyaa"}}}, "country", []string{`did you mean "Kenya"?`}},
		{Request{Filters: Filters{Types: []string{"Guidance", "Guidence"}}}, "type", []string{`"Guidence": did you mean "Guidance"?`}},
		{Request{Filters: Filters{Languages: []string{"English"}}}, "lang", []string{"language", "Values in the library: ar, de, en"}},
		{Request{Query: "year:abc"}, "q", []string{"year:abc", "year:2015..2020"}},
		{Request{Query: "referral -year:20x9"}, "q", []string{"year:20x9"}},
		{Request{Query: "x", Within: "abc"}, "within", []string{`"abc"`}},
	} {
		_, err := x.Search(context.Background(), c.req)
		var e *Error
		if !errors.As(err, &e) || e.Code != Invalid || e.Param != c.param {
			t.Errorf("%+v: %v; want an invalid %s", c.req, err, c.param)
			continue
		}
		for _, s := range c.say {
			if !strings.Contains(e.Message, s) {
				t.Errorf("%+v: %q does not say %q", c.req, e.Message, s)
			}
		}
	}
	// Known values, in any case or accents, and valid years pass.
	for _, r := range []Request{
		{Filters: Filters{Regions: []string{"EUROPE"}, Countries: []string{"mexico"}}},
		{Query: "year:2015..2020 trafficking"},
		{Query: "year:>=2018"},
	} {
		if _, err := x.Search(context.Background(), r); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
}

func TestClosest(t *testing.T) {
	known := []string{"Guidance", "Toolkit", "Good Practices"}
	for v, want := range map[string]string{"guidence": "Guidance", "Tolkit": "Toolkit", "manual": "", "x": ""} {
		if got := closest(v, known); got != want {
			t.Errorf("closest(%q) = %q, want %q", v, got, want)
		}
	}
}
