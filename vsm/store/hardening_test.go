package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// openWithin runs Open(path) and gives up after a generous deadline: before
// the check, a named pipe as the store blocked Open for ever.
func openWithin(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		db, err := Open(path)
		if err == nil {
			db.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatalf("Open(%s) did not return within a minute", path)
		return nil
	}
}

func TestOpenRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.db")
	if !makeFIFO(t, fifo) {
		t.Skip("no named pipes here")
	}
	cases := map[string]string{fifo: "is a named pipe (FIFO), not a regular file"}
	if dev := filepath.Join(dir, "null.db"); makeDevice(t, dev) {
		cases[dev] = "is a device, not a regular file"
	}
	for path, want := range cases {
		err := openWithin(t, path)
		if err == nil || !strings.Contains(err.Error(), "the Flowmap store "+path+" "+want) {
			t.Errorf("Open(%s) = %v, want %q", path, err, want)
		}
	}
	// Restore checks its backup the same way.
	if _, err := Restore(filepath.Join(dir, "flowmap.db"), fifo); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("Restore from a named pipe = %v", err)
	}
}

// TestCloseReportsAFailedBackupAsBackupError: the session's writes are in
// the store; only the backup after them failed, and Close says exactly that.
// The backup fails for a real reason that holds for root too: the store's
// name leaves no room for the temporary backup's name (255 bytes).
func TestCloseReportsAFailedBackupAsBackupError(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "s.db")
	session(t, short, func(db *DB) {})
	long := filepath.Join(dir, strings.Repeat("n", 250)+".db") // 253 bytes: + ".tmp-backup-" + digits > 255
	if err := os.Rename(short, long); err != nil {
		t.Fatal(err)
	}
	for _, b := range mustBackups(t, short) {
		os.Remove(b.Path)
	}
	db, err := Open(long)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db, "Saved")
	err = db.Close()
	be, ok := err.(*BackupError)
	if !ok || !errors.Is(err, syscall.ENAMETOOLONG) || !strings.Contains(err.Error(), "the changes are saved in") {
		t.Fatalf("Close = %v (%T), want only a *BackupError", err, err)
	}
	if be.Path != long {
		t.Errorf("BackupError.Path = %q", be.Path)
	}
	db, err = Open(long)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.GetByName("Saved"); err != nil {
		t.Errorf("the map created before the failed backup: %v", err)
	}
}

// TestCloseReportsAnUnwritableFolder is the same with a folder made
// read-only after the store was opened, as it happens to people; root writes
// anyway, so it needs an ordinary user.
func TestCloseReportsAnUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("root (or Windows) writes into a read-only folder: see TestCloseReportsAFailedBackupAsBackupError")
	}
	dir := filepath.Join(t.TempDir(), "store")
	path := filepath.Join(dir, "flowmap.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db, "Saved")
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	err = db.Close()
	if _, ok := err.(*BackupError); !ok || !errors.Is(err, os.ErrPermission) {
		t.Fatalf("Close = %v (%T), want only a *BackupError", err, err)
	}
}

func mustBackups(t *testing.T, path string) []Backup {
	t.Helper()
	bs, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// TestMapsBeyondTheBoundsAreRefused: a map of 1e308 h can be neither stored
// nor loaded (a store written by hand, or by an older Flowmap that had no
// bounds): its totals would be +Inf.
func TestMapsBeyondTheBoundsAreRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	var id string
	session(t, path, func(db *DB) {
		big := twoStageMap("Big")
		big.Stages[0].ProcessHours = 1e308
		if _, err := db.Create(big); !errors.Is(err, vsm.ErrInvalid) || !strings.Contains(err.Error(), `process: "1e+308" is more than 100 years`) {
			t.Errorf("Create(1e308 h) = %v", err)
		}
		id = mustCreate(t, db, "Edited by hand").ID
	})
	boltFile(t, path, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketMaps)
		v := bytes.Replace(b.Get([]byte(id)), []byte(`"process_hours": 4`), []byte(`"process_hours": 1e308`), 1)
		if !bytes.Contains(v, []byte("1e308")) {
			t.Fatal("the map's JSON has no process_hours 4 to edit")
		}
		return b.Put([]byte(id), v)
	})
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v (one invalid map is reported by Get, not as damage)", err)
	}
	defer db.Close()
	_, err = db.GetByName("Edited by hand")
	if !errors.Is(err, vsm.ErrInvalid) || !strings.Contains(err.Error(), `process: "1e+308" is more than 100 years`) {
		t.Errorf("GetByName of a stored 1e308 h map = %v", err)
	}
}

func TestIsStoreFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flowmap.db")
	session(t, path, func(db *DB) { mustCreate(t, db, "A") }) // a change: Close writes a backup
	backups := mustBackups(t, path)
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	replaced := path + replacedInfix + "20260101T000000.000Z"
	other := filepath.Join(dir, "report.xlsx")
	for _, p := range []string{replaced, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	link, hard := filepath.Join(dir, "link.db"), filepath.Join(dir, "hard.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(mustGetwd(t), path)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{
		path: true, link: true, hard: true, rel: true, backups[0].Path: true, replaced: true,
		filepath.Join(dir, ".", "flowmap.db"): true,
		other:                                 false,
		filepath.Join(dir, "new.xlsx"):        false,
		filepath.Join(dir, "flowmap.db.json"): false,
	}
	for p, want := range tests {
		if got := IsStoreFile(path, p); got != want {
			t.Errorf("IsStoreFile(%s) = %v, want %v", p, got, want)
		}
	}
	// A store not created yet is still its own path.
	fresh := filepath.Join(dir, "sub", "new.db")
	if !IsStoreFile(fresh, fresh) || IsStoreFile(fresh, other) {
		t.Error("IsStoreFile of a store not created yet")
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
