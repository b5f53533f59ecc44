package store

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"flowmap/vsm"
)

// session opens the store, runs fn and closes it (which may write a backup).
func session(t *testing.T, path string, fn func(db *DB)) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	fn(db)
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func mustCreate(t *testing.T, db *DB, name string) *vsm.Map {
	t.Helper()
	m, err := db.Create(twoStageMap(name))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// namesIn opens a copy of the store file at path and lists its maps.
func namesIn(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	os.WriteFile(cp, data, 0o600)
	db, err := Open(cp)
	if err != nil {
		t.Fatalf("opening a copy of %s: %v", path, err)
	}
	defer db.Close()
	return names(t, db)
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestBackupOnlyAfterASessionThatChangedMaps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	count := func() int {
		bs, err := Backups(path)
		if err != nil {
			t.Fatal(err)
		}
		return len(bs)
	}
	if n := count(); n != 0 {
		t.Fatalf("Backups before the store exists = %d", n)
	}
	session(t, path, func(db *DB) {}) // creates the store: the example is not a change
	var id string
	session(t, path, func(db *DB) {
		id, _ = db.Current()
		db.List()
		db.Get(id)
		db.SetCurrent(id)
	})
	if n := count(); n != 0 {
		t.Errorf("after sessions that only read: %d backups, want 0", n)
	}
	var a *vsm.Map
	session(t, path, func(db *DB) { a = mustCreate(t, db, "Alpha") })
	if n := count(); n != 1 {
		t.Errorf("after a session that created a map: %d backups, want 1", n)
	}
	session(t, path, func(db *DB) { db.SetCurrent(a.ID) })
	if n := count(); n != 1 {
		t.Errorf("after a session that only switched the current map: %d backups, want 1", n)
	}
	for name, change := range map[string]func(db *DB) error{
		"Save":      func(db *DB) error { return db.Save(a) },
		"Rename":    func(db *DB) error { return db.Rename(a.ID, "Alpha 2") },
		"Duplicate": func(db *DB) error { _, err := db.Duplicate(a.ID, ""); return err },
		"Delete":    func(db *DB) error { return db.Delete(id) },
	} {
		before := count()
		session(t, path, func(db *DB) {
			if err := change(db); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		})
		if n := count(); n != before+1 {
			t.Errorf("after a session with %s: %d backups, want %d", name, n, before+1)
		}
	}
}

func TestBackupsRotateToTheNewestFive(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flowmap.db")
	for k := 1; k <= 7; k++ {
		if k == 7 { // leftovers of a backup interrupted by a crash, and a file of the user's
			os.WriteFile(path+".tmp-backup-12345", []byte("partial"), 0o600)
			os.WriteFile(path+".backup-notes.txt", []byte("mine"), 0o600)
		}
		session(t, path, func(db *DB) { mustCreate(t, db, fmt.Sprintf("Session %d", k)) })
	}
	bs, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != BackupsKept {
		t.Fatalf("Backups = %d, want %d: %+v", len(bs), BackupsKept, bs)
	}
	stamp := regexp.MustCompile(`^flowmap\.db\.backup-\d{8}T\d{6}\.\d{3}Z$`)
	for i, b := range bs {
		if !stamp.MatchString(filepath.Base(b.Path)) {
			t.Errorf("backup name %q is not flowmap.db.backup-YYYYMMDDTHHMMSS.mmmZ", filepath.Base(b.Path))
		}
		if i > 0 && !b.Time.Before(bs[i-1].Time) {
			t.Errorf("backups not newest first: %v then %v", bs[i-1].Time, b.Time)
		}
		if st, err := os.Stat(b.Path); err != nil || st.Size() != b.Size || b.Size == 0 {
			t.Errorf("backup %s: Size %d, file %v %v", b.Path, b.Size, st, err)
		}
		// Newest first: backup i was written after session 7-i and holds
		// sessions 1..7-i.
		want := []string{vsm.ExampleMapName}
		for k := 1; k <= 7-i; k++ {
			want = append(want, fmt.Sprintf("Session %d", k))
		}
		if got := namesIn(t, b.Path); !reflect.DeepEqual(got, want) {
			t.Errorf("backup %d holds %q, want %q", i, got, want)
		}
	}
	if _, err := os.Stat(path + ".tmp-backup-12345"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover of an interrupted backup is still there (%v)", err)
	}
	if _, err := os.Stat(path + ".backup-notes.txt"); err != nil {
		t.Errorf("a file that is not a backup was touched: %v", err)
	}
}

func TestRestoreBackupKeepsTheReplacedStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flowmap.db")
	var one *vsm.Map
	session(t, path, func(db *DB) { one = mustCreate(t, db, "One") })
	session(t, path, func(db *DB) {
		db.Delete(one.ID)
		mustCreate(t, db, "Two")
	})
	bs, _ := Backups(path)
	if len(bs) != 2 {
		t.Fatalf("%d backups, want 2", len(bs))
	}
	older := bs[1]
	storeSum, backupSum := sum(t, path), sum(t, older.Path)

	replaced, err := Restore(path, older.Path)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if !regexp.MustCompile(`^flowmap\.db\.replaced-\d{8}T\d{6}\.\d{3}Z$`).MatchString(filepath.Base(replaced)) || filepath.Dir(replaced) != dir {
		t.Errorf("replaced store kept as %q, want %s/flowmap.db.replaced-<time>", replaced, dir)
	}
	if sum(t, replaced) != storeSum {
		t.Errorf("the kept store is not the replaced one byte for byte")
	}
	if sum(t, older.Path) != backupSum || sum(t, path) != backupSum {
		t.Errorf("the store is not the backup byte for byte, or the backup changed")
	}
	if after, _ := Backups(path); len(after) != 2 {
		t.Errorf("Backups after restoring = %d, want the same 2 (the replaced store is not a backup)", len(after))
	}
	session(t, path, func(db *DB) {
		if got, want := names(t, db), []string{vsm.ExampleMapName, "One"}; !reflect.DeepEqual(got, want) {
			t.Errorf("restored store holds %q, want %q", got, want)
		}
	})
	if got, want := namesIn(t, replaced), []string{vsm.ExampleMapName, "Two"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept store holds %q, want %q", got, want)
	}

	// RestoreBackup is the same without the name.
	if err := RestoreBackup(path, bs[0].Path); err != nil {
		t.Fatal(err)
	}
	if got := namesIn(t, path); !reflect.DeepEqual(got, []string{vsm.ExampleMapName, "Two"}) {
		t.Errorf("after RestoreBackup the store holds %q", got)
	}
}

func TestRestoreRefusesAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flowmap.db")
	session(t, path, func(db *DB) { mustCreate(t, db, "One") })
	bs, _ := Backups(path)
	garbage := filepath.Join(dir, "flowmap.db.backup-20200101T000000.000Z")
	os.WriteFile(garbage, []byte("not a store"), 0o600)
	before, entries := fileState(t, path)

	check := func(what string, err error, is error, says string) {
		t.Helper()
		if err == nil || (is != nil && !errors.Is(err, is)) || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: error = %v, want %v saying %q", what, err, is, says)
		}
		if s, e := fileState(t, path); s != before || !reflect.DeepEqual(e, entries) {
			t.Errorf("%s changed the store or its folder: %q", what, e)
		}
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Restore(path, bs[0].Path)
	check("restoring into an open store", err, ErrLocked, "Flowmap is already open: another window or process is using "+path)
	db.Close()
	before, entries = fileState(t, path)

	_, err = Restore(path, garbage)
	check("restoring a damaged backup", err, ErrDamaged, "cannot be restored: it does not start with a database header")
	_, err = Restore(path, filepath.Join(dir, "missing"))
	check("restoring a missing backup", err, fs.ErrNotExist, "missing")
	_, err = Restore(path, path)
	check("restoring the store onto itself", err, nil, "is the store itself")
}

func TestRestoreOverADamagedOrMissingStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flowmap.db")
	session(t, path, func(db *DB) { mustCreate(t, db, "One") })
	bs, _ := Backups(path)

	os.WriteFile(path, []byte("damaged"), 0o600)
	replaced, err := Restore(path, bs[0].Path)
	if err != nil {
		t.Fatalf("restoring over a damaged store: %v", err)
	}
	if data, _ := os.ReadFile(replaced); string(data) != "damaged" {
		t.Errorf("the damaged store was not kept: %q", data)
	}
	if got := namesIn(t, path); !reflect.DeepEqual(got, []string{vsm.ExampleMapName, "One"}) {
		t.Errorf("restored store holds %q", got)
	}

	os.Remove(path)
	replaced, err = Restore(path, bs[0].Path)
	if err != nil || replaced != "" {
		t.Fatalf("restoring with no store = %q, %v; want \"\", nil", replaced, err)
	}
	if got := namesIn(t, path); !reflect.DeepEqual(got, []string{vsm.ExampleMapName, "One"}) {
		t.Errorf("restored store holds %q", got)
	}
}
