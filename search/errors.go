package search

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned for a document or page that does not exist.
var ErrNotFound = errors.New("not found")

// ErrNoIndex is returned while no index has been built yet.
var ErrNoIndex = errors.New("no index has been built yet")

// Error is a mistake in a request that its sender can fix: a limit exceeded
// or a value outside its bounds. Param names the offending parameter
// ("q", "per_page", "page", "cursor", "year_from", ...).
type Error struct {
	Code    string // invalid_parameter, limit_exceeded, timeout
	Param   string
	Message string
}

func (e *Error) Error() string {
	if e.Param == "" {
		return e.Message
	}
	return fmt.Sprintf("%s: %s", e.Param, e.Message)
}
