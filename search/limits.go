package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Limits keep one query from hurting the others. Zero fields take the
// defaults below. A request over a limit fails with an *Error naming it
// before any work is done, rather than running slowly.
type Limits struct {
	MaxQueryBytes int // length of q in bytes; default 500
	MaxTerms      int // words, phrases and field terms in q; default 32
	// MaxTermSearchers bounds the term searchers one Bleve search may open,
	// the expansion of fuzzy and prefix terms included (Bleve's
	// MaxTermSearchersKey); default 4096.
	MaxTermSearchers int
	MinPrefix        int           // letters before a trailing * (prefix query); default 3
	MaxPerPage       int           // default 100
	DefaultPerPage   int           // default 10
	MaxWindow        int           // page*per_page beyond this needs a cursor; default 1000
	Timeout          time.Duration // deadline of one search; default 2s
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxQueryBytes, 500)
	def(&l.MaxTerms, 32)
	def(&l.MaxTermSearchers, 4096)
	def(&l.MinPrefix, 3)
	def(&l.MaxPerPage, 100)
	def(&l.DefaultPerPage, 10)
	def(&l.MaxWindow, 1000)
	if l.Timeout <= 0 {
		l.Timeout = 2 * time.Second
	}
	return l
}

func invalid(param, format string, args ...any) *Error {
	return &Error{Code: "invalid_parameter", Param: param, Message: fmt.Sprintf(format, args...)}
}

func overLimit(param, format string, args ...any) *Error {
	return &Error{Code: "limit_exceeded", Param: param, Message: fmt.Sprintf(format, args...)}
}

// checkRequest validates what can be checked before parsing.
func (l Limits) checkRequest(r *Request) error {
	if len(r.Query) > l.MaxQueryBytes {
		return overLimit("q", "query is %d bytes long; the limit is %d", len(r.Query), l.MaxQueryBytes)
	}
	if r.Page < 0 {
		return invalid("page", "must be 1 or more")
	}
	if r.PerPage < 0 {
		return invalid("per_page", "must be 1 or more")
	}
	if r.PerPage > l.MaxPerPage {
		return overLimit("per_page", "at most %d results per page", l.MaxPerPage)
	}
	if r.Cursor != "" && r.Page > 1 {
		return invalid("cursor", "use either page or cursor, not both")
	}
	per := r.PerPage
	if per == 0 {
		per = l.DefaultPerPage
	}
	page := max(r.Page, 1)
	if page*per > l.MaxWindow {
		return overLimit("page", "pages beyond result %d need the cursor of the previous page (next_cursor)", l.MaxWindow)
	}
	f := r.Filters
	if f.YearFrom < 0 || f.YearFrom > 9999 {
		return invalid("year_from", "not a year")
	}
	if f.YearTo < 0 || f.YearTo > 9999 {
		return invalid("year_to", "not a year")
	}
	if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
		return invalid("year_from", "year_from %d is after year_to %d", f.YearFrom, f.YearTo)
	}
	switch r.Sort {
	case "", "relevance", "newest", "oldest", "title":
	default:
		return invalid("sort", "sort must be relevance, newest, oldest or title")
	}
	return nil
}

// searchError turns errors of a Bleve search into what the caller sees.
func searchError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{Code: "timeout", Param: "q", Message: "the search took too long; try fewer or more specific words"}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	if s := err.Error(); strings.Contains(s, "TooManyTermSearchers") || strings.Contains(s, "TooManyClauses") {
		return overLimit("q", "a fuzzy or prefix term matches too many words; make it longer")
	}
	return err
}
