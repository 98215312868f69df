package search

import (
	"errors"
	"strings"
	"testing"
)

// TestLimitsCheck is the table of every bound of a request: which
// parameter a value outside it blames, and with which code.
func TestLimitsCheck(t *testing.T) {
	long := strings.Repeat("a", 501)
	many := make([]string, 21)
	for i := range many {
		many[i] = "x"
	}
	tests := []struct {
		name  string
		req   Request
		code  Code
		param string // "" when the request is valid
	}{
		{"empty", Request{}, 0, ""},
		{"everything valid", Request{Query: "duty", Filters: Filters{Types: []string{"Guidance"}, YearFrom: 2015, YearTo: 2020}, Sort: "newest", Page: 2, PerPage: 50}, 0, ""},
		{"query too long", Request{Query: long}, OverLimit, "q"},
		{"too many values", Request{Filters: Filters{Types: many}}, OverLimit, "type"},
		{"empty value", Request{Filters: Filters{Regions: []string{" "}}}, Invalid, "region"},
		{"long value", Request{Filters: Filters{Tags: []string{strings.Repeat("t", 201)}}}, OverLimit, "tag"},
		{"year not a year", Request{Filters: Filters{YearFrom: 99}}, Invalid, "year_from"},
		{"year too late", Request{Filters: Filters{YearTo: 20200}}, Invalid, "year_to"},
		{"years reversed", Request{Filters: Filters{YearFrom: 2020, YearTo: 2010}}, Invalid, "year_to"},
		{"unknown sort", Request{Sort: "best"}, Invalid, "sort"},
		{"negative per_page", Request{PerPage: -5}, Invalid, "per_page"},
		{"per_page over", Request{PerPage: 101}, OverLimit, "per_page"},
		{"negative page", Request{Page: -1}, Invalid, "page"},
		{"beyond window", Request{Page: 11, PerPage: 100}, OverLimit, "page"},
		{"window by default size", Request{Page: 101}, OverLimit, "page"},
		{"cursor and page", Request{Cursor: "abc", Page: 2}, Invalid, "cursor"},
		{"long cursor", Request{Cursor: strings.Repeat("c", 1025)}, OverLimit, "cursor"},
		{"long within", Request{Within: long}, OverLimit, "within"},
	}
	for _, tt := range tests {
		err := Limits{}.Check(tt.req)
		if tt.param == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != tt.code || e.Param != tt.param || e.Message == "" {
			t.Errorf("%s: %#v; want code %v param %s", tt.name, err, tt.code, tt.param)
		}
	}
}

func TestLimitsCheckSuggest(t *testing.T) {
	tests := []struct {
		q     string
		n     int
		code  Code
		param string
	}{
		{"du", 0, 0, ""},
		{"du", 20, 0, ""},
		{"du", 21, OverLimit, "limit"},
		{"du", -1, Invalid, "limit"},
		{strings.Repeat("d", 201), 3, OverLimit, "q"},
	}
	for _, tt := range tests {
		err := Limits{}.CheckSuggest(tt.q, tt.n)
		var e *Error
		switch {
		case tt.param == "" && err != nil:
			t.Errorf("%.10s %d: %v", tt.q, tt.n, err)
		case tt.param != "" && (!errors.As(err, &e) || e.Code != tt.code || e.Param != tt.param):
			t.Errorf("%.10s %d: %v; want code %v param %s", tt.q, tt.n, err, tt.code, tt.param)
		}
	}
}
