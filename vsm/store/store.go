package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// DB is an open store. Its methods are safe for concurrent use; each is one
// bbolt transaction. Only one process at a time can have a store open.
type DB struct {
	path    string
	bolt    *bbolt.DB
	changed atomic.Bool // maps were created, saved, renamed or deleted this session

	closeMu sync.Mutex
	closed  bool
}

// DefaultPath is the desktop app's store: flowmap/flowmap.db under the user's
// configuration folder (os.UserConfigDir: ~/.config on Linux).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the folder for Flowmap's store: %w", err)
	}
	return filepath.Join(dir, "flowmap", "flowmap.db"), nil
}

// Open opens the store at path, creating its folders and the store itself
// (seeded with vsm.ExampleMap, made current) when the file does not exist.
//
// An existing file is first checked read-only (see the package doc); a file
// that fails the check is never written, and the error wraps ErrDamaged (a
// *DamagedError), or ErrNewerSchema when a newer Flowmap wrote it. When another
// process has the store open, Open gives up after about a second with
// "Flowmap is already open: another window or process is using <path>",
// wrapping ErrLocked. A store at an older schema is backed up and migrated.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("no path given for the Flowmap store")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the folder for the Flowmap store: %w", err)
	}
	version := schemaVersion()
	st, err := os.Stat(path)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return nil, notAFile(path, st.Mode())
	case errors.Is(err, fs.ErrNotExist):
		err = create(path)
		if errors.Is(err, fs.ErrExist) { // another process created it first
			version, err = verify(path)
		}
	case err != nil:
		return nil, fmt.Errorf("opening the Flowmap store: %w", err)
	default:
		version, err = verify(path)
	}
	if err != nil {
		return nil, err
	}

	bdb, err := openBolt(path, false)
	if err != nil {
		return nil, err
	}
	db := &DB{path: path, bolt: bdb}
	removeHalfMade(path)
	if version < schemaVersion() {
		// Migrations rewrite data, so keep the store as it was first.
		if _, err := db.writeBackup(); err != nil {
			bdb.Close()
			return nil, fmt.Errorf("backing up %s before upgrading it: %w", path, err)
		}
		if err := migrate(bdb, path); err != nil {
			bdb.Close()
			return nil, err
		}
		db.changed.Store(true)
	}
	return db, nil
}

// create builds a new store in a temporary file beside path and links it into
// place, so path never names a half-made store. It returns an error wrapping
// fs.ErrExist when another process created path first.
func create(path string) (err error) {
	dir, base := splitPath(path)
	f, err := os.CreateTemp(dir, base+newInfix+"*")
	if err != nil {
		return fmt.Errorf("creating the Flowmap store %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // after the link, path keeps the file

	bdb, err := bbolt.Open(tmp, 0o600, &bbolt.Options{Timeout: lockTimeout})
	if err != nil {
		return fmt.Errorf("creating the Flowmap store %s: %w", path, err)
	}
	db := &DB{path: path, bolt: bdb}
	err = bdb.Update(writeSchema1)
	if err == nil {
		err = migrate(bdb, path)
	}
	if err == nil {
		err = db.seed()
	}
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("creating the Flowmap store %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("creating the Flowmap store %s: %w", path, err)
	}
	// A link never replaces an existing file, unlike a rename.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// Some file systems have no hard links; a rename is atomic too, and
		// only loses to a concurrent creator (whose file then wins the name).
		if _, serr := os.Lstat(path); serr == nil {
			return fs.ErrExist
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("creating the Flowmap store %s: %w", path, err)
		}
	}
	syncDir(dir)
	return nil
}

// removeHalfMade deletes temporary stores that a first start killed before
// linking left beside path. A creator still running when its file vanishes
// only loses the race it would have lost anyway: its link fails and it opens
// the existing store.
func removeHalfMade(path string) {
	dir, base := splitPath(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), base+newInfix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// seed stores the example map and makes it current, in one transaction.
func (db *DB) seed() error {
	m := vsm.ExampleMap()
	now := now()
	m.Created, m.Updated = now, now
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		id, err := newID(tx)
		if err != nil {
			return err
		}
		if err := putMap(tx, id, m); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyCurrent, []byte(id))
	})
}

// Path is the store's file.
func (db *DB) Path() string { return db.path }

// Close closes the store. When maps changed in this session (created, saved,
// renamed, duplicated, deleted, or the store was upgraded), it first writes a
// backup beside the store and keeps only the newest BackupsKept. A failed
// backup is reported but does not keep the store open: when it is the only
// failure, the error is a *BackupError and nothing the session wrote is lost
// (every write committed when its method returned), so a caller reports it as
// a warning, never as a failed write. Closing twice is a no-op.
func (db *DB) Close() error {
	db.closeMu.Lock()
	defer db.closeMu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	var backupErr error
	if db.changed.Load() {
		if _, err := db.writeBackup(); err != nil {
			backupErr = &BackupError{Path: db.path, Err: err}
		}
	}
	if err := db.bolt.Close(); err != nil {
		return errors.Join(backupErr, fmt.Errorf("closing the Flowmap store %s: %w", db.path, err))
	}
	return backupErr
}
