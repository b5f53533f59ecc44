package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"flowmap/internal/atomicfile"
	"flowmap/vsm"
)

// Sentinel errors; every error the store returns about one of these cases
// wraps one of them, so callers test with errors.Is and show Error() as is.
var (
	// ErrNotFound is vsm.ErrNotFound: no map with that ID or name.
	ErrNotFound = vsm.ErrNotFound
	// ErrNameTaken is vsm.ErrNameTaken: another map already has that name
	// (names are unique ignoring case and surrounding spaces).
	ErrNameTaken = vsm.ErrNameTaken
	// ErrLocked is wrapped by the "Flowmap is already open" error.
	ErrLocked = errors.New("store is locked by another process")
	// ErrDamaged is wrapped by every error about a damaged store file
	// (see DamagedError).
	ErrDamaged = errors.New("store file is damaged")
	// ErrNewerSchema: the store was written by a newer Flowmap whose layout
	// this code does not know; it is refused and left untouched.
	ErrNewerSchema = errors.New("store was written by a newer Flowmap")
)

// DamagedError says that a store file cannot be used as it is, and why. The
// file has been left untouched. It wraps ErrDamaged and, when there is one,
// the underlying error.
type DamagedError struct {
	Path    string // the store file
	Problem string // what is wrong, in words
	Err     error  // the underlying error, nil when Problem says it all
	Backup  string // the newest backup beside the store, "" when there is none
}

func (e *DamagedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the Flowmap store %s is damaged: %s", e.Path, e.Problem)
	if e.Err != nil {
		fmt.Fprintf(&b, " (%v)", e.Err)
	}
	b.WriteString(". The file was left as it is. ")
	if e.Backup != "" {
		fmt.Fprintf(&b, "Restore a backup (flowmap-cli restore-backup lists them); the newest is %s", filepath.Base(e.Backup))
	} else {
		b.WriteString("There is no backup beside it; move the file away to start a new store")
	}
	return b.String()
}

// Unwrap lets errors.Is find ErrDamaged and the underlying error.
func (e *DamagedError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrDamaged}
	}
	return []error{ErrDamaged, e.Err}
}

// damaged builds the DamagedError for path, looking up its newest backup.
func damaged(path, problem string, err error) *DamagedError {
	e := &DamagedError{Path: path, Problem: problem, Err: err}
	if bs, berr := Backups(path); berr == nil && len(bs) > 0 {
		e.Backup = bs[0].Path
	}
	return e
}

// message is an error with a fixed text that still wraps a sentinel, for
// messages that must read exactly as specified.
type message struct {
	text string
	err  error
}

func (e *message) Error() string { return e.text }
func (e *message) Unwrap() error { return e.err }

func lockedError(path string) error {
	return &message{text: "Flowmap is already open: another window or process is using " + path, err: ErrLocked}
}

func newerError(path string, version, known int) error {
	return &message{
		text: fmt.Sprintf("%s: this store was written by a newer Flowmap (store schema %d; this Flowmap reads up to schema %d). Update Flowmap to open it; the file was left as it is",
			path, version, known),
		err: ErrNewerSchema,
	}
}

// BackupError says that a session's changes are in the store but the backup
// Close writes after them failed (a full disk, a folder that became
// read-only). Nothing was lost: report it as a warning, not as a failed
// write, or a retry meets its own first attempt ("already exists").
type BackupError struct {
	Path string // the store
	Err  error
}

func (e *BackupError) Error() string {
	return fmt.Sprintf("the changes are saved in %s, but its backup could not be written: %v", e.Path, e.Err)
}

func (e *BackupError) Unwrap() error { return e.Err }

// notAFile is the error for a store path that names something other than a
// regular file (a named pipe would block Open for ever, a device is no
// store).
func notAFile(path string, mode fs.FileMode) error {
	return fmt.Errorf("the Flowmap store %s is %s, not a regular file", path, atomicfile.DescribeMode(mode))
}
