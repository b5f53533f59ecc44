package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

// TestDamagedStoredMapSaysWhy: a stored map whose days_per_week was changed
// behind Flowmap's back (here to 9, raw through bbolt) is named with what is
// wrong with it, not reported as missing.
func TestDamagedStoredMapSaysWhy(t *testing.T) {
	dir := writeFiles(t, map[string]string{"sheet.csv": mergeSheet})
	c := newCLI(t)
	c.ok("import", "--name", "T", dir+"/sheet.csv")

	days := regexp.MustCompile(`"days_per_week":\s*5`)
	bdb, err := bbolt.Open(c.db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	edited := 0
	err = bdb.Update(func(tx *bbolt.Tx) error {
		maps := tx.Bucket([]byte("maps"))
		return maps.ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, []byte(`"name": "T"`)) {
				return nil
			}
			edited++
			return maps.Put(bytes.Clone(k), days.ReplaceAll(bytes.Clone(v), []byte(`"days_per_week": 9`)))
		})
	})
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil || edited != 1 {
		t.Fatalf("editing the stored map: %v (%d edited)", err, edited)
	}

	for _, args := range [][]string{{"metrics", "--map", "T"}, {"history", "--map", "T"}} {
		code, _, stderr := c.run(args...)
		if code != 1 || !strings.Contains(stderr, "days per week") || !strings.Contains(stderr, `"9"`) ||
			!strings.Contains(stderr, `"T"`) || strings.Contains(stderr, "no map named") {
			t.Errorf("flowmap-cli %s: exit %d, stderr %q; want exit 1 naming the map, days per week and \"9\"",
				strings.Join(args, " "), code, stderr)
		}
	}
	// A name that is not there still lists the names there are.
	if code, _, stderr := c.run("metrics", "--map", "U"); code != 1 || !strings.Contains(stderr, `no map named "U"`) || !strings.Contains(stderr, `"T"`) {
		t.Errorf("a missing map: exit %d, stderr %q", code, stderr)
	}
}
