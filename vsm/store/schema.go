package store

import (
	"errors"
	"fmt"
	"strconv"

	"go.etcd.io/bbolt"
)

// Buckets and keys of schema 1 (see the package doc).
var (
	bucketMeta = []byte("meta")
	bucketMaps = []byte("maps")
	bucketInfo = []byte("info")
	keySchema  = []byte("schema")
	keyCurrent = []byte("current")
)

// migration upgrades a store by one schema version. It runs in the same
// transaction that records the new version, so a failed step leaves the store
// wholly at the version before it.
type migration struct {
	what string // shown in errors: "kaizen and measurements"
	up   func(tx *bbolt.Tx) error
}

// migrations[i] takes a store from schema i+1 to i+2; schema 1 is what
// writeSchema1 lays out. To change the layout, append a step (and, when it adds
// a bucket, teach verifyTx what it must hold), for example:
//
//	{what: "kaizen and measurements", up: func(tx *bbolt.Tx) error {
//		_, err := tx.CreateBucketIfNotExists([]byte("kaizen"))
//		return err
//	}},
//
// Never edit or reorder a step that has shipped: stores out there ran it.
// Tests replace this table to exercise the mechanism.
var migrations = []migration{
	{what: "measurements in a bucket of their own", up: migrateMeasurements}, // schema 1 -> 2
	{what: "map documents in format flowmap/2", up: migrateFormat2},          // schema 2 -> 3
}

// schemaVersion is the version this code writes: 1 plus one per migration.
func schemaVersion() int { return 1 + len(migrations) }

// errNotFlowmap marks a valid bbolt file that holds no Flowmap data.
var errNotFlowmap = errors.New("not a Flowmap store")

// readSchema reads meta/schema.
func readSchema(tx *bbolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, errNotFlowmap
	}
	v := meta.Get(keySchema)
	if v == nil {
		return 0, errNotFlowmap
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("its schema version %q is not a positive number", v)
	}
	return n, nil
}

func putSchema(tx *bbolt.Tx, version int) error {
	return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(version)))
}

// writeSchema1 lays out an empty store at schema 1.
func writeSchema1(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketMaps, bucketInfo} {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("creating bucket %s: %w", name, err)
		}
	}
	return putSchema(tx, 1)
}

// storedSchema reads the schema version in a read-only transaction.
func storedSchema(bdb *bbolt.DB) (int, error) {
	var v int
	err := bdb.View(func(tx *bbolt.Tx) error {
		var err error
		v, err = readSchema(tx)
		return err
	})
	return v, err
}

// migrate runs every step from the store's version up to schemaVersion, one
// transaction per step. Each step re-reads the version inside its transaction,
// so two processes racing to upgrade the same file cannot run a step twice.
func migrate(bdb *bbolt.DB, path string) error {
	for {
		v, err := storedSchema(bdb)
		switch {
		case err != nil:
			return err
		case v > schemaVersion():
			return newerError(path, v, schemaVersion())
		case v == schemaVersion():
			return nil
		}
		err = bdb.Update(func(tx *bbolt.Tx) error {
			v, err := readSchema(tx)
			if err != nil || v >= schemaVersion() {
				return err // the loop sees the new version and stops
			}
			step := migrations[v-1]
			if err := step.up(tx); err != nil {
				return fmt.Errorf("%s: upgrading the store from schema %d to %d (%s) failed; it is still at schema %d: %w",
					path, v, v+1, step.what, v, err)
			}
			return putSchema(tx, v+1)
		})
		if err != nil {
			return err
		}
	}
}
