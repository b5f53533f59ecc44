// Package eventlog measures a tracker's event log (shared/formats.md part
// 2), an interval log of stage visits or a transition log of status changes,
// in .csv or .xlsx, into per-stage statistics (vsm.EventLogStats): wait and
// work per item, WIP, re-entries, %C&A and throughput. It streams large logs
// on every core, reports progress and can be canceled, reads the status
// mapping file of `flowmap-cli events --mapping` and proposes a role for
// each status it does not name.
package eventlog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"flowmap/vsm"
)

// ErrCanceled is returned when vsm.EventLogOptions.Cancel is closed during a read;
// it is vsm.ErrCanceled.
var ErrCanceled = fmt.Errorf("event log import %w", vsm.ErrCanceled)

// Error is a problem with an event log, located as precisely as it
// can be: file, sheet, row (as a spreadsheet numbers it, the header row
// included) and column. It wraps vsm.ErrInvalid, and ErrNotALog when
// no event-log header was found.
type Error struct {
	File, Sheet string
	Row         int    // 0 when the problem is not on one row
	Column      string // header of the column, as written
	Value       string // the offending value, when there is one
	Reason      string
	// NoHeader: no row names the columns of an event log, so the file is
	// likely something else (a stage sheet) rather than a broken log.
	NoHeader bool
}

// ErrNotALog is wrapped by the Error of a file with no event-log
// header: callers that accept several kinds of file try the next reader.
var ErrNotALog = errors.New("not an event log")

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, ", sheet %q", e.Sheet)
	}
	if e.Row > 0 {
		fmt.Fprintf(&b, ", row %d", e.Row)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	b.WriteString(": ")
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", e.Value)
	}
	b.WriteString(e.Reason)
	return b.String()
}

func (e *Error) Unwrap() []error {
	if e.NoHeader {
		return []error{vsm.ErrInvalid, ErrNotALog}
	}
	return []error{vsm.ErrInvalid}
}

// ReadFile opens path and reads it with Read.
func ReadFile(path string, opt vsm.EventLogOptions) (*vsm.EventLogStats, error) {
	return readFile(path, opt, defaultConfig())
}

func readFile(path string, opt vsm.EventLogOptions, cfg config) (*vsm.EventLogStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, path, opt, cfg)
}

// Read measures per-stage statistics from an event log in .csv or
// .xlsx (told apart by content, not name; name is used in messages).
//
// Two shapes are read, recognized from the header (names match ignoring case,
// spaces and punctuation; the header may sit below up to 19 title rows):
//
//   - intervals, one row per item per stage visit: item (workItemId, issue_key,
//     id, ...), stage, entered (enteredAt, start), exited (exitedAt, end) and
//     optionally kind: work (the default) or wait. An empty exit means the
//     item is still inside; a later visit of the same item ends it.
//   - transitions, one row per status change: item, to_status (to, status),
//     changed_at (created, timestamp) and optionally from_status, which is
//     listed among the statuses but not needed: the item's previous row says
//     where it came from. The item is in to_status from changed_at until its
//     next change; opt.Mapping says what each status means (see vsm.StatusRole).
//
// Timestamps may be RFC 3339 (2026-03-02T09:00:00Z, +01:00 offsets,
// fractions), 2026-03-02 09:00[:05] (no offset: read as written), a date
// alone, or in .xlsx an Excel date cell (1900 or 1904 date system). Each is
// measured on its own wall clock (see vsm.WorkCalendar).
//
// Per item and stage the reader adds up work and wait (see vsm.StageStats); a
// stage's figures are over its items. Stages are in flow order: for every
// pair of stages it counts the items that first entered one before the
// other; a stage ranks by how many stages it precedes for most items minus
// how many precede it (Copeland's rule), then by the sum of those margins,
// then by first appearance. A stage's re-entries and %C&A use that order.
//
// A CSV may separate fields with commas, semicolons, tabs or pipes, quote
// them as RFC 4180 does (leniently: a stray quote is kept as text), and be
// UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
// or hold Windows-1252 names.
//
// The reader streams: with each item's rows in time order (grouped by item,
// or the whole log sorted by time) memory grows with items x stages, not with
// rows, and the CSV is parsed on up to 8 cores. When an item's rows are out
// of order the log is read again (or, from a reader that cannot seek, kept
// from the start) as compact rows, about 60 bytes each, and sorted per item.
//
// Bad input stops the read at its first problem with an *Error naming
// the file, row and column: a missing column (naming the columns found and
// those expected), an unparseable time, an exit before its entry, a row
// repeating the item's previous row, an empty log. A log with more than 64
// stages is refused.
func Read(r io.Reader, name string, opt vsm.EventLogOptions) (*vsm.EventLogStats, error) {
	return read(r, name, opt, defaultConfig())
}

// read is Read with the pipeline's configuration.
func read(r io.Reader, name string, opt vsm.EventLogOptions, cfg config) (*vsm.EventLogStats, error) {
	file := fileName(name)
	head := make([]byte, 8)
	n, err := io.ReadFull(r, head)
	switch {
	case err == io.EOF:
		return nil, &Error{File: file, Reason: "the event log is empty"}
	case err != nil && err != io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%s: reading: %w", file, err)
	}
	head = head[:n]
	full := io.MultiReader(bytes.NewReader(head), r)
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return readXLSX(full, file, opt, cfg)
	case bytes.HasPrefix(head, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}):
		return nil, &Error{File: file, Reason: "is an encrypted workbook or an Excel 97-2003 .xls file: save it as .xlsx (without a password) or .csv"}
	}
	// A seekable source can be read a second time if it turns out unsorted.
	var rewind func() (io.Reader, error)
	if s, ok := r.(io.Seeker); ok {
		if pos, err := s.Seek(0, io.SeekCurrent); err == nil {
			start := pos - int64(n)
			rewind = func() (io.Reader, error) {
				if _, err := s.Seek(start, io.SeekStart); err != nil {
					return nil, fmt.Errorf("%s: reading again: %w", file, err)
				}
				return r, nil
			}
		}
	}
	total := int64(0)
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			total = fi.Size()
		}
	} else if l, ok := r.(interface{ Len() int }); ok {
		total = int64(l.Len() + n)
	}
	return readCSV(full, rewind, total, file, opt, cfg)
}

func fileName(name string) string {
	if name == "" {
		return "input"
	}
	return filepath.Base(name)
}
