// Package atomicfile writes files so that a reader sees either the old file or
// the whole new one, never a half-written one: the content goes to a temporary
// file in the same folder, is synced, and is renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Write creates or replaces path with what write produces. When write or any
// step fails, the target is left as it was and no temporary file remains; the
// error says why in words a person can act on. Only a regular file is
// replaced (CheckTarget): a folder, device, named pipe or socket at path is
// refused before anything is written.
func Write(path string, write func(w io.Writer) error) (err error) {
	if err := CheckTarget(path); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return Explain(path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // the disk, not the content, failed mid-write
			return Explain(path, err)
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return Explain(path, err)
	}
	if err = tmp.Close(); err != nil {
		return Explain(path, err)
	}
	// CreateTemp makes the file 0600; a report or map file is a normal document.
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return Explain(path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return Explain(path, err)
	}
	if d, derr := os.Open(dir); derr == nil { // make the rename itself durable
		d.Sync()
		d.Close()
	}
	return nil
}

// CheckTarget refuses a path that Write must not replace: an existing
// folder, or anything that is not a regular file (a device node, a named
// pipe, a socket), after following links. The rename Write ends with would
// put a file in its place: as root, /dev/null or a disk's device node. A
// path that does not exist yet is fine.
func CheckTarget(path string) error {
	st, err := os.Stat(path)
	switch {
	case err != nil || st.Mode().IsRegular():
		return nil // not there (Write says what is wrong with the folder), or a file
	case st.IsDir():
		return fmt.Errorf("cannot write %s: it is a folder: a folder of that name is in the way, choose a file name", path)
	}
	return fmt.Errorf("cannot write %s: it is %s, not a regular file: choose a file name", path, DescribeMode(st.Mode()))
}

// DescribeMode names the kind of file mode describes, for errors: "a
// folder", "a named pipe (FIFO)", "a device", "a socket", "a regular file".
func DescribeMode(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// WriteBytes is Write for content already in memory.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Explain turns a file-system error into a sentence that names the path and
// the likely cause (permission, full disk, too long a name, missing folder).
func Explain(path string, err error) error {
	var reason string
	switch {
	case errors.Is(err, fs.ErrPermission):
		reason = "permission denied: choose a folder you can write to"
	case errors.Is(err, syscall.ENOSPC):
		reason = "the disk is full"
	case errors.Is(err, syscall.ENAMETOOLONG):
		reason = "the path is too long"
	case errors.Is(err, fs.ErrNotExist):
		reason = "the folder does not exist"
	case errors.Is(err, syscall.EROFS):
		reason = "the disk is read-only"
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.EEXIST), errors.Is(err, syscall.ENOTEMPTY):
		reason = "a folder of that name is in the way"
	default:
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return fmt.Errorf("cannot write %s: %s: %w", path, reason, err)
}
