package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// BackupsKept is how many automatic backups Close keeps beside a store.
const BackupsKept = 5

// backupLayout stamps backups and replaced stores with their UTC time, in a
// form that sorts by name: flowmap.db.backup-20261122T101500.000Z.
const backupLayout = "20060102T150405.000Z"

// Name parts of the files kept beside a store.
const (
	backupInfix    = ".backup-"
	replacedInfix  = ".replaced-"
	tmpBackupInfix = ".tmp-backup-"
	tmpRestoreInfx = ".tmp-restore-"
	newInfix       = ".new-" // a store being created
)

// Backup is one automatic backup beside a store.
type Backup struct {
	Path string
	Time time.Time // when it was written (UTC, from its name)
	Size int64
}

// Backups lists the backups beside the store at dbPath, newest first. A store
// with no backups (or no folder yet) has none; that is not an error.
func Backups(dbPath string) ([]Backup, error) {
	dir, base := splitPath(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing the backups of %s: %w", dbPath, err)
	}
	var list []Backup
	for _, e := range entries {
		stamp, ok := strings.CutPrefix(e.Name(), base+backupInfix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		t, err := time.Parse(backupLayout, stamp)
		if err != nil {
			continue // not one of ours
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed while listing
		}
		list = append(list, Backup{Path: filepath.Join(dir, e.Name()), Time: t, Size: fi.Size()})
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].Time.Equal(list[j].Time) {
			return list[i].Time.After(list[j].Time)
		}
		return list[i].Path > list[j].Path
	})
	return list, nil
}

// writeBackup copies a consistent snapshot of the store beside it, atomically,
// and prunes old backups. The caller holds the store open, so no other process
// is writing backups of it: leftovers of an interrupted backup are safe to
// delete.
func (db *DB) writeBackup() (string, error) {
	dir, base := splitPath(db.path)
	f, err := os.CreateTemp(dir, base+tmpBackupInfix+"*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := db.bolt.View(func(tx *bbolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	}); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	name := freeName(db.path+backupInfix, time.Now())
	if err := os.Rename(tmp, name); err != nil {
		return "", err
	}
	done = true
	syncDir(dir)
	return name, prune(db.path, name)
}

// prune deletes all but the newest BackupsKept backups (never keep, the one
// just written) and leftovers of interrupted backups.
func prune(dbPath, keep string) error {
	list, err := Backups(dbPath)
	if err != nil {
		return err
	}
	var errs []error
	others := 0
	for _, b := range list {
		if b.Path == keep {
			continue
		}
		if others++; others < BackupsKept { // keep plus BackupsKept-1 others
			continue
		}
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	dir, base := splitPath(dbPath)
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), base+tmpBackupInfix) && e.Type().IsRegular() {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return errors.Join(errs...)
}

// RestoreBackup replaces the store at dbPath with the backup at backupPath.
// See Restore.
func RestoreBackup(dbPath, backupPath string) error {
	_, err := Restore(dbPath, backupPath)
	return err
}

// Restore replaces the store at dbPath with a copy of the backup at
// backupPath and returns where the replaced store was kept ("" when there was
// none): <dbPath>.replaced-<time>. Nothing is deleted, the backup stays, and
// at every moment dbPath names either the old store or the whole restored one.
//
// The store must not be open (the "already open" error, wrapping ErrLocked),
// and the backup must pass the same checks as Open (else an error wrapping
// ErrDamaged or ErrNewerSchema, and nothing changes).
func Restore(dbPath, backupPath string) (replaced string, err error) {
	bst, err := os.Stat(backupPath)
	if err != nil {
		return "", fmt.Errorf("restoring a backup: %w", err)
	}
	if st, err := os.Stat(dbPath); err == nil && os.SameFile(st, bst) {
		return "", fmt.Errorf("restoring a backup: %s is the store itself, not a backup of it", backupPath)
	}
	if _, err := verify(backupPath); err != nil {
		var d *DamagedError
		if errors.As(err, &d) {
			problem := d.Problem
			if d.Err != nil {
				problem += " (" + d.Err.Error() + ")"
			}
			return "", &message{text: fmt.Sprintf("the backup %s cannot be restored: %s; choose another backup", backupPath, problem), err: err}
		}
		return "", fmt.Errorf("restoring the backup %s: %w", backupPath, err)
	}

	dir, base := splitPath(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("restoring a backup: %w", err)
	}
	cur, err := os.Open(dbPath)
	switch {
	case err == nil:
		defer cur.Close()
		// Held until the restored copy has replaced the store: Open waits on it.
		if err := lockFile(cur, true, lockTimeout); err != nil {
			if errors.Is(err, errLockTimeout) {
				return "", lockedError(dbPath)
			}
			return "", fmt.Errorf("locking the Flowmap store %s: %w", dbPath, err)
		}
	case errors.Is(err, fs.ErrNotExist):
		cur = nil
	default:
		return "", fmt.Errorf("restoring a backup: %w", err)
	}

	tmp, err := os.CreateTemp(dir, base+tmpRestoreInfx+"*")
	if err != nil {
		return "", fmt.Errorf("restoring a backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = copyInto(tmp, backupPath)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("copying the backup %s: %w", backupPath, err)
	}

	if cur != nil {
		replaced = freeName(dbPath+replacedInfix, time.Now())
		// A second name for the old store's file; a copy where links are not
		// supported. Either way the old store survives the rename below.
		if err := os.Link(dbPath, replaced); err != nil {
			if err := copyFile(dbPath, replaced); err != nil {
				return "", fmt.Errorf("keeping the replaced store as %s: %w", replaced, err)
			}
		}
	}
	if err := os.Rename(tmp.Name(), dbPath); err != nil {
		return replaced, fmt.Errorf("restoring the backup %s over %s: %w", backupPath, dbPath, err)
	}
	syncDir(dir)
	return replaced, nil
}

// copyInto copies the file at src into f and syncs f.
func copyInto(f *os.File, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err := io.Copy(f, in); err != nil {
		return err
	}
	return f.Sync()
}

// copyFile copies src to a new file dst (which must not exist), synced.
func copyFile(src, dst string) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = copyInto(f, src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// freeName is prefix plus t's stamp, moved on by a millisecond until no file
// has that name.
func freeName(prefix string, t time.Time) string {
	t = t.UTC()
	for {
		name := prefix + t.Format(backupLayout)
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		t = t.Add(time.Millisecond)
	}
}

func splitPath(path string) (dir, base string) {
	return filepath.Dir(path), filepath.Base(path)
}

// syncFile makes a file's content durable.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes renames and links in dir durable. Some systems cannot sync a
// folder; the rename is still atomic there, so the error is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
