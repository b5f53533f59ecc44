package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// withMigrations replaces the migration table for one test.
func withMigrations(t *testing.T, steps []migration) {
	t.Helper()
	old := migrations
	migrations = steps
	t.Cleanup(func() { migrations = old })
}

// raw reads a closed store with bbolt directly: the schema version and the
// keys of bucket (nil when it does not exist).
func raw(t *testing.T, path, bucket string) (schema string, keys []string) {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	bdb.View(func(tx *bbolt.Tx) error {
		schema = string(tx.Bucket(bucketMeta).Get(keySchema))
		if b := tx.Bucket([]byte(bucket)); b != nil {
			keys = []string{}
			b.ForEach(func(k, _ []byte) error {
				keys = append(keys, string(k))
				return nil
			})
		}
		return nil
	})
	return schema, keys
}

// testSteps is a table of two migrations, 1 to 2 and 2 to 3, that count
// their runs and leave marks in a "kaizen" bucket.
func testSteps(runs *[2]int) []migration {
	return []migration{
		{what: "kaizen bucket", up: func(tx *bbolt.Tx) error {
			runs[0]++
			b, err := tx.CreateBucket([]byte("kaizen"))
			if err != nil {
				return err
			}
			return b.Put([]byte("step2"), []byte("done"))
		}},
		{what: "kaizen marks", up: func(tx *bbolt.Tx) error {
			runs[1]++
			b := tx.Bucket([]byte("kaizen"))
			if b == nil || b.Get([]byte("step2")) == nil {
				return errors.New("step 2 did not run first")
			}
			return b.Put([]byte("step3"), []byte("done"))
		}},
	}
}

func TestNewStoreIsAtTheLatestSchema(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	// Schema 2 (measurements in a bucket of their own) and schema 3 (map
	// documents in flowmap/2) are the migrations so far.
	if v, keys := raw(t, path, "measurements"); v != "3" || keys == nil {
		t.Errorf("meta/schema = %q with measurements bucket %q, want \"3\" and the bucket", v, keys)
	}
	if schemaVersion() != 3 {
		t.Errorf("schemaVersion() = %d, want 3", schemaVersion())
	}
}

// atSchema1 makes the next stores this test creates stop at schema 1, as the
// foundation's code wrote them.
func atSchema1(t *testing.T) { withMigrations(t, nil) }

func TestMigrationsRunOnceInOrderAfterABackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	atSchema1(t)
	session(t, path, func(db *DB) { mustCreate(t, db, "Alpha") })
	backups, _ := Backups(path)

	var runs [2]int
	withMigrations(t, testSteps(&runs))
	session(t, path, func(db *DB) {
		if got, want := names(t, db), []string{"Alpha", vsm.ExampleMapName}; !reflect.DeepEqual(got, want) {
			t.Errorf("after migrating, maps = %q, want %q", got, want)
		}
	})
	if v, keys := raw(t, path, "kaizen"); v != "3" || !reflect.DeepEqual(keys, []string{"step2", "step3"}) {
		t.Errorf("after migrating: schema %q, kaizen keys %q; want \"3\", [step2 step3]", v, keys)
	}
	if runs != [2]int{1, 1} {
		t.Errorf("steps ran %v times, want once each", runs)
	}
	// One backup before migrating (at schema 1), one at Close (the upgrade
	// is a change).
	after, _ := Backups(path)
	if len(after) != len(backups)+2 {
		t.Fatalf("%d backups after migrating, want %d", len(after), len(backups)+2)
	}
	if v, keys := raw(t, after[1].Path, "kaizen"); v != "1" || keys != nil {
		t.Errorf("the backup taken before migrating is at schema %q with kaizen %q; want \"1\" and no bucket", v, keys)
	}

	session(t, path, func(*DB) {})
	if runs != [2]int{1, 1} {
		t.Errorf("reopening ran the steps again: %v", runs)
	}
}

func TestNewStoreRunsEveryMigration(t *testing.T) {
	var runs [2]int
	withMigrations(t, testSteps(&runs))
	db, path := openTemp(t)
	if got := names(t, db); !reflect.DeepEqual(got, []string{vsm.ExampleMapName}) {
		t.Errorf("new store holds %q", got)
	}
	db.Close()
	if v, keys := raw(t, path, "kaizen"); v != "3" || len(keys) != 2 || runs != [2]int{1, 1} {
		t.Errorf("new store: schema %q, kaizen %q, runs %v; want \"3\", two keys, once each", v, keys, runs)
	}
	if bs, _ := Backups(path); len(bs) != 0 {
		t.Errorf("a new store was backed up %d times, want 0", len(bs))
	}
}

func TestFailedMigrationLeavesTheStoreAtTheVersionBefore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	atSchema1(t)
	session(t, path, func(*DB) {})

	var runs [2]int
	steps := testSteps(&runs)
	good := steps[1]
	steps[1].up = func(tx *bbolt.Tx) error {
		tx.Bucket([]byte("kaizen")).Put([]byte("half-done"), []byte("x"))
		return errors.New("disk on fire")
	}
	withMigrations(t, steps)
	_, err := Open(path)
	if err == nil {
		t.Fatal("Open succeeded with a failing migration")
	}
	for _, want := range []string{path, "from schema 2 to 3", "kaizen marks", "still at schema 2", "disk on fire"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if v, keys := raw(t, path, "kaizen"); v != "2" || !reflect.DeepEqual(keys, []string{"step2"}) {
		t.Errorf("after the failed step: schema %q, kaizen %q; want \"2\", [step2] (nothing of the failed step)", v, keys)
	}

	steps[1] = good
	session(t, path, func(*DB) {})
	if v, keys := raw(t, path, "kaizen"); v != "3" || !reflect.DeepEqual(keys, []string{"step2", "step3"}) {
		t.Errorf("after fixing the step: schema %q, kaizen %q", v, keys)
	}
}

func TestNewerSchemaIsRefusedAndUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	session(t, path, func(*DB) {})
	boltFile(t, path, func(tx *bbolt.Tx) error {
		if _, err := tx.CreateBucket([]byte("from-the-future")); err != nil {
			return err
		}
		return putSchema(tx, 7)
	})
	before, entries := fileState(t, path)
	_, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrDamaged) {
		t.Fatalf("Open = %v, want ErrNewerSchema (and not ErrDamaged)", err)
	}
	for _, want := range []string{path, "this store was written by a newer Flowmap", "schema 7", "up to schema 3"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if s, e := fileState(t, path); s != before || !reflect.DeepEqual(e, entries) {
		t.Errorf("Open changed the newer store or its folder")
	}

	// Nor is such a store restored over an older one.
	old := filepath.Join(t.TempDir(), "flowmap.db")
	session(t, old, func(*DB) {})
	backup := old + ".backup-20300101T000000.000Z"
	data, _ := os.ReadFile(path)
	os.WriteFile(backup, data, 0o600)
	if err := RestoreBackup(old, backup); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("RestoreBackup(newer) = %v, want ErrNewerSchema", err)
	}
}
