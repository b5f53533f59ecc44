package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// rawDocs reads every map document of a closed store.
func rawDocs(t *testing.T, path string) map[string]string {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	docs := map[string]string{}
	bdb.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMaps).ForEach(func(k, v []byte) error {
			docs[string(k)] = string(v)
			return nil
		})
	})
	return docs
}

// A store at schema 2 whose map documents say flowmap/1 (as every store
// written before the flow model) is taken to schema 3 with every document in
// flowmap/2: valid maps as Save writes them, an invalid one with only its
// format changed; maps, their measurements and the list read as before.
func TestMigrateToFormat2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	real := migrations
	withMigrations(t, real[:1]) // stores stop at schema 2
	var team *vsm.Map
	session(t, path, func(db *DB) {
		team = mustCreate(t, db, "Team A")
		team.Stages = []vsm.Stage{vsm.NewStage("A"), vsm.NewStage("B")}
		team.Stages[1].WaitHours = 16
		x := vsm.MeasurementOf(team, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), "app")
		if _, _, err := team.AddMeasurement(x); err != nil {
			t.Fatal(err)
		}
		if err := db.Save(team); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, db, "Broken")
	})
	// Turn every document into the foundation's flowmap/1 (the same keys),
	// and make "Broken" invalid the way a stricter rule would.
	var brokenID string
	boltFile(t, path, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketMaps)
		docs := map[string][]byte{}
		b.ForEach(func(k, v []byte) error { docs[string(k)] = bytes.Clone(v); return nil })
		for k, v := range docs {
			v = bytes.Replace(v, []byte(`"format": "flowmap/2"`), []byte(`"format": "flowmap/1"`), 1)
			if bytes.Contains(v, []byte(`"name": "Broken"`)) {
				brokenID = k
				v = bytes.Replace(v, []byte(`"hours_per_day": 8`), []byte(`"hours_per_day": 30`), 1)
			}
			if err := b.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	for k, doc := range rawDocs(t, path) {
		if !strings.Contains(doc, `"format": "flowmap/1"`) {
			t.Fatalf("setup: map %s is not in flowmap/1", k)
		}
	}

	migrations = real
	session(t, path, func(db *DB) {
		back, err := db.Get(team.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, team) {
			t.Errorf("Team A after migrating:\n got %+v\nwant %+v", back, team)
		}
		if _, err := db.Get(brokenID); err == nil || !strings.Contains(err.Error(), `hours per day: "30"`) {
			t.Errorf("the invalid map reads as %v, want its validation error", err)
		}
	})
	if v, _ := raw(t, path, "maps"); v != "3" {
		t.Errorf("schema after migrating = %q, want 3", v)
	}
	docs := rawDocs(t, path)
	for k, doc := range docs {
		if !strings.Contains(doc, `"format": "flowmap/2"`) {
			t.Errorf("map %s is not in flowmap/2 after migrating:\n%s", k, doc)
		}
	}
	if !strings.Contains(docs[brokenID], `"hours_per_day": 30`) || !strings.Contains(docs[brokenID], `"name": "Broken"`) {
		t.Errorf("the invalid map lost content:\n%s", docs[brokenID])
	}
}

// The foundation's own store file (schema 1, flowmap/1) goes all the way.
func TestMigrateFoundationStoreToFormat2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	data, err := os.ReadFile("testdata/schema1-foundation.db")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, data, 0o600)
	session(t, path, func(db *DB) {
		if got := names(t, db); len(got) != 2 {
			t.Errorf("maps after migrating: %q", got)
		}
	})
	for k, doc := range rawDocs(t, path) {
		if !strings.Contains(doc, `"format": "flowmap/2"`) {
			t.Errorf("map %s is not in flowmap/2 after migrating", k)
		}
	}
}
