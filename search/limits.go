package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// Limits are the bounds of a request: they keep one query from hurting
// the others and say what a valid value is. They are the one place these
// bounds live; the server parses a request's syntax and leaves its values
// to Check. Zero fields take the defaults of DefaultLimits. A request
// outside them fails with an *Error naming the parameter before any work
// is done, rather than running slowly.
type Limits struct {
	MaxQueryBytes int // length of q in bytes; default 500
	MaxTerms      int // words, phrases and field terms in q; default 32
	// MaxTermSearchers bounds the term searchers one Bleve search may open,
	// the expansion of fuzzy and prefix terms included (Bleve's
	// MaxTermSearchersKey); default 4096.
	MaxTermSearchers int
	MinPrefix        int // letters before a trailing * (prefix query); default 3
	MaxPerPage       int // default 100
	DefaultPerPage   int // default 10
	MaxWindow        int // page*per_page beyond this needs a cursor; default 1000
	// MaxFilterValues bounds the values of one filter; default 20.
	MaxFilterValues int
	// MaxValueBytes bounds one filter value, a document id (within) and
	// the text given to Suggest; default 200.
	MaxValueBytes  int
	MaxCursorBytes int // default 1024
	// MinYear and MaxYear bound the years of a filter; default 1000, 9999.
	MinYear, MaxYear int
	// DefaultSuggestions and MaxSuggestions: how many completions Suggest
	// gives when asked for none, and at most; default 8, 20.
	DefaultSuggestions, MaxSuggestions int
	Timeout                            time.Duration // deadline of one search; default 2s
}

// Sorts are the orders of a Request, the default first.
var Sorts = []string{"relevance", "newest", "oldest", "title", "added"}

// DefaultLimits are the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{
		MaxQueryBytes:      500,
		MaxTerms:           32,
		MaxTermSearchers:   4096,
		MinPrefix:          3,
		MaxPerPage:         100,
		DefaultPerPage:     10,
		MaxWindow:          1000,
		MaxFilterValues:    20,
		MaxValueBytes:      200,
		MaxCursorBytes:     1024,
		MinYear:            1000,
		MaxYear:            9999,
		DefaultSuggestions: 8,
		MaxSuggestions:     20,
		Timeout:            2 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	def := func(v *int, dv int) {
		if *v <= 0 {
			*v = dv
		}
	}
	def(&l.MaxQueryBytes, d.MaxQueryBytes)
	def(&l.MaxTerms, d.MaxTerms)
	def(&l.MaxTermSearchers, d.MaxTermSearchers)
	def(&l.MinPrefix, d.MinPrefix)
	def(&l.MaxPerPage, d.MaxPerPage)
	def(&l.DefaultPerPage, d.DefaultPerPage)
	def(&l.MaxWindow, d.MaxWindow)
	def(&l.MaxFilterValues, d.MaxFilterValues)
	def(&l.MaxValueBytes, d.MaxValueBytes)
	def(&l.MaxCursorBytes, d.MaxCursorBytes)
	def(&l.MinYear, d.MinYear)
	def(&l.MaxYear, d.MaxYear)
	def(&l.DefaultSuggestions, d.DefaultSuggestions)
	def(&l.MaxSuggestions, d.MaxSuggestions)
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	return l
}

// Check validates what can be checked of r before it is parsed: every
// bound of Limits. Zero values mean "not given" (first page, default page
// size, no year bound, relevance).
func (l Limits) Check(r Request) error {
	l = l.withDefaults()
	if err := l.checkQuery(r.Query); err != nil {
		return err
	}
	f := r.Filters
	for _, p := range []struct {
		name   string
		values []string
	}{
		{"type", f.Types}, {"region", f.Regions}, {"country", f.Countries},
		{"tag", f.Tags}, {"publisher", f.Publishers}, {"lang", f.Languages},
	} {
		if err := l.checkValues(p.name, p.values); err != nil {
			return err
		}
	}
	if err := l.checkYear("year_from", f.YearFrom); err != nil {
		return err
	}
	if err := l.checkYear("year_to", f.YearTo); err != nil {
		return err
	}
	if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
		return invalid("year_to", "%d is earlier than year_from %d", f.YearTo, f.YearFrom)
	}
	if r.Sort != "" && !slices.Contains(Sorts, r.Sort) {
		return invalid("sort", "unknown order; give one of %s", strings.Join(Sorts, ", "))
	}
	if r.PerPage < 0 {
		return invalid("per_page", "give a whole number from 1 to %d", l.MaxPerPage)
	}
	if r.PerPage > l.MaxPerPage {
		return overLimit("per_page", "at most %d results per page", l.MaxPerPage)
	}
	if r.Page < 0 {
		return invalid("page", "give a whole number from 1")
	}
	per := r.PerPage
	if per == 0 {
		per = l.DefaultPerPage
	}
	if max(r.Page, 1)*per > l.MaxWindow {
		return overLimit("page", "page × per_page may not exceed %d; continue with the cursor of the previous page (next_cursor)", l.MaxWindow)
	}
	if len(r.Cursor) > l.MaxCursorBytes {
		return overLimit("cursor", "longer than %d bytes; give the next_cursor of a result", l.MaxCursorBytes)
	}
	if r.Cursor != "" && r.Page > 1 {
		return invalid("cursor", "use either page or cursor, not both")
	}
	if len(r.Within) > l.MaxValueBytes {
		return overLimit("within", "longer than %d bytes", l.MaxValueBytes)
	}
	return nil
}

// CheckSuggest validates the text and count given to Suggest; n of 0 asks
// for the default count.
func (l Limits) CheckSuggest(q string, n int) error {
	l = l.withDefaults()
	if len(q) > l.MaxValueBytes {
		return overLimit("q", "longer than %d bytes", l.MaxValueBytes)
	}
	if n < 0 {
		return invalid("limit", "give a whole number from 1 to %d", l.MaxSuggestions)
	}
	if n > l.MaxSuggestions {
		return overLimit("limit", "at most %d suggestions", l.MaxSuggestions)
	}
	return nil
}

// CheckID validates a document id given to Document or Page.
func (l Limits) CheckID(id string) error {
	l = l.withDefaults()
	if len(id) > l.MaxValueBytes {
		return overLimit("id", "longer than %d bytes", l.MaxValueBytes)
	}
	return nil
}

// MaxPageNumber bounds the page number given to Page: no PDF has more
// pages, so a larger number is a mistake in the request, not a missing page.
const MaxPageNumber = 1000000

// CheckPageNumber validates the page number given to Page.
func (l Limits) CheckPageNumber(n int) error {
	if n < 1 || n > MaxPageNumber {
		return invalid("n", "give a page number from 1 to %d", MaxPageNumber)
	}
	return nil
}

// CheckPageQuery validates the query whose matches Page marks.
func (l Limits) CheckPageQuery(q string) error {
	return l.withDefaults().checkQuery(q)
}

func (l Limits) checkQuery(q string) error {
	if len(q) > l.MaxQueryBytes {
		return overLimit("q", "%d bytes long; the limit is %d", len(q), l.MaxQueryBytes)
	}
	return nil
}

func (l Limits) checkValues(param string, values []string) error {
	if len(values) > l.MaxFilterValues {
		return overLimit(param, "at most %d values", l.MaxFilterValues)
	}
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			return invalid(param, "empty value; leave the parameter out to not filter")
		}
		if len(v) > l.MaxValueBytes {
			return overLimit(param, "a value is longer than %d bytes", l.MaxValueBytes)
		}
	}
	return nil
}

func (l Limits) checkYear(param string, y int) error {
	if y != 0 && (y < l.MinYear || y > l.MaxYear) {
		return invalid(param, "not a year; give one from %d to %d", l.MinYear, l.MaxYear)
	}
	return nil
}

// searchError turns errors of a Bleve search into what the caller sees.
func searchError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{Code: Timeout, Param: "q", Message: "the search took too long; try fewer or more specific words"}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	if s := err.Error(); strings.Contains(s, "TooManyTermSearchers") || strings.Contains(s, "TooManyClauses") {
		return overLimit("q", "a fuzzy or prefix term matches too many words; make it longer")
	}
	return err
}
