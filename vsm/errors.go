package vsm

import (
	"errors"
	"fmt"
)

// The error vocabulary of Flowmap. Adapters (the store, the importers, the
// screens) wrap these with %w and add what a person needs to act (the file,
// sheet, row, map name); callers tell the cases apart with errors.Is, never by
// matching messages and never by importing another adapter.
var (
	// ErrInvalid is wrapped by every validation error, so callers can tell bad
	// data (exit 1, a message beside the cell) from failures of the machine.
	ErrInvalid = errors.New("invalid value")
	// ErrNotFound: no map (or other item) with that ID or name.
	ErrNotFound = errors.New("no such map")
	// ErrNameTaken: another map already has that name (names are unique
	// ignoring case and surrounding spaces).
	ErrNameTaken = errors.New("another map already has that name")
	// ErrCanceled: the person canceled a long read or computation.
	ErrCanceled = errors.New("canceled")
	// ErrEmpty: there is nothing to import (no bytes, no cells, no stages).
	ErrEmpty = errors.New("nothing to import")
)

// FieldError says which field of which stage holds which bad value, and why.
type FieldError struct {
	Stage  string // stage name, "" for a map-level field
	Index  int    // 0-based stage position, -1 for a map-level field
	Field  string // "wait", "process", "complete & accurate", ...
	Value  string // the value as given
	Reason string
}

func (e *FieldError) Error() string {
	where := ""
	switch {
	case e.Index >= 0 && e.Stage != "":
		where = fmt.Sprintf("stage %d %q: ", e.Index+1, e.Stage)
	case e.Index >= 0:
		where = fmt.Sprintf("stage %d: ", e.Index+1)
	}
	if e.Value == "" {
		return fmt.Sprintf("%s%s: %s", where, e.Field, e.Reason)
	}
	return fmt.Sprintf("%s%s: %q %s", where, e.Field, e.Value, e.Reason)
}

func (e *FieldError) Unwrap() error { return ErrInvalid }
