package search

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned for a document or page that does not exist.
var ErrNotFound = errors.New("not found")

// ErrNoIndex is returned while no index has been built yet.
var ErrNoIndex = errors.New("no index has been built yet")

// Code says what kind of mistake an Error is. Callers switch on it (the
// server maps each code to a status in one table); the message is for
// people.
type Code int

const (
	// Invalid: a value that is malformed, outside its bounds or in
	// conflict with another parameter. The zero Code.
	Invalid Code = iota
	// OverLimit: a value over one of the Limits (a longer query, more
	// results per page, a broader prefix than the index allows).
	OverLimit
	// Timeout: the search ran out of its time (Limits.Timeout).
	Timeout
)

func (c Code) String() string {
	switch c {
	case Invalid:
		return "invalid"
	case OverLimit:
		return "over limit"
	case Timeout:
		return "timeout"
	}
	return fmt.Sprintf("Code(%d)", int(c))
}

// Error is a mistake in a request that its sender can fix: a limit exceeded
// or a value outside its bounds. Param names the offending parameter
// ("q", "per_page", "page", "cursor", "year_from", ...).
type Error struct {
	Code    Code
	Param   string
	Message string
}

func (e *Error) Error() string {
	if e.Param == "" {
		return e.Message
	}
	return fmt.Sprintf("%s: %s", e.Param, e.Message)
}

func invalid(param, format string, args ...any) *Error {
	return &Error{Code: Invalid, Param: param, Message: fmt.Sprintf(format, args...)}
}

func overLimit(param, format string, args ...any) *Error {
	return &Error{Code: OverLimit, Param: param, Message: fmt.Sprintf(format, args...)}
}
