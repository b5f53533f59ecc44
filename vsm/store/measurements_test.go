package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// testdata/schema1-foundation.db was written by the foundation's code (schema
// 1, before kaizen): the example map and "Team A", imported by flowmap-cli
// from a sheet with stages A (0 h wait, 2 h work, 100%, 1 person), B (16 h,
// 4 h, 80%, 2) and C (8 h, 4 h, 50%, 1).
func TestMigrateTheFoundationsStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	data, err := os.ReadFile("testdata/schema1-foundation.db")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, data, 0o600)
	if v, _ := raw(t, path, "maps"); v != "1" {
		t.Fatalf("the fixture is at schema %q, want 1", v)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, db), []string{vsm.ExampleMapName, "Team A"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("maps after migrating = %q, want %q", got, want)
	}
	team, err := db.GetByName("Team A")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name              string
		wait, process, ca float64
		people            float64
	}{{"A", 0, 2, 1, 1}, {"B", 16, 4, 0.8, 2}, {"C", 8, 4, 0.5, 1}}
	for i, w := range want {
		s := team.Stages[i]
		if s.Name != w.name || s.WaitHours != w.wait || s.ProcessHours != w.process || s.CompleteAccurate != w.ca || s.People != w.people {
			t.Errorf("stage %d = %+v, want %+v", i, s, w)
		}
	}

	// Kaizen over time lives in the migrated store and survives reopening.
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	if _, _, err := team.AddMeasurement(vsm.MeasurementOf(team, day(5), "app")); err != nil {
		t.Fatal(err)
	}
	wait := 4.0
	k, err := team.AddKaizen(vsm.Kaizen{Title: "Review in pairs", Stage: "B", Status: vsm.KaizenPlanned,
		Effect: vsm.Effect{WaitHours: &wait}, Created: day(5)})
	if err != nil {
		t.Fatal(err)
	}
	team.Stages[1].WaitHours = 4
	if _, _, err := team.AddMeasurement(vsm.MeasurementOf(team, day(26), "app")); err != nil {
		t.Fatal(err)
	}
	if _, err := team.AddLearning(vsm.LearningEntry{Title: "Release rolled back", Date: day(20), Stages: []string{"C"},
		Factors: []vsm.Factor{vsm.FactorTooling}, FollowUps: []string{k.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Save(team); err != nil {
		t.Fatal(err)
	}
	db.Close()

	if v, keys := raw(t, path, "measurements"); v != "3" || !reflect.DeepEqual(keys, []string{team.ID}) {
		t.Errorf("after saving: schema %q, measurements buckets %q; want \"3\" and one for Team A", v, keys)
	}
	if doc := rawValue(t, path, "maps", team.ID); strings.Contains(doc, `"measurements"`) {
		t.Error("the map document still holds the measurements")
	}
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	back, err := db2.Get(team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, team) {
		t.Errorf("reopened map differs:\n got %+v\nwant %+v", back, team)
	}
}

// A store at schema 1 whose map documents carry measurements (written by the
// foundation's store code after kaizen came to the domain) gets them moved
// into the measurements bucket, with nothing lost.
func TestMigrationMovesMeasurementsOutOfTheMap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	real := migrations
	t.Cleanup(func() { migrations = real })
	migrations = nil
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := vsm.ExampleMap()
	m.Name = "Measured"
	for _, d := range []int{5, 19} {
		if _, _, err := m.AddMeasurement(vsm.MeasurementOf(m, time.Date(2026, 2, d, 0, 0, 0, 0, time.UTC), "cli")); err != nil {
			t.Fatal(err)
		}
	}
	m, err = db.Create(m)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if doc := rawValue(t, path, "maps", m.ID); !strings.Contains(doc, `"measurements"`) {
		t.Fatal("at schema 1 the measurements should be in the map document")
	}

	migrations = real
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	back, err := db.Get(m.ID)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Measurements, m.Measurements) {
		t.Errorf("measurements after migrating:\n got %+v\nwant %+v", back.Measurements, m.Measurements)
	}
	if doc := rawValue(t, path, "maps", m.ID); strings.Contains(doc, `"measurements"`) {
		t.Error("after migrating the map document still holds the measurements")
	}
	db, _ = Open(path)
	defer db.Close()
	// Deleting the map takes its measurements with it.
	if err := db.Delete(m.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.bolt.View(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketMeasurements).Bucket([]byte(m.ID)) != nil {
			t.Error("the deleted map's measurements are still stored")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// Saving writes only the measurements that changed and removes deleted ones.
func TestSaveKeepsMeasurementsInStep(t *testing.T) {
	db, _ := openTemp(t)
	m := vsm.ExampleMap()
	m.Name = "Steps"
	for _, d := range []int{2, 9, 16} {
		m.AddMeasurement(vsm.MeasurementOf(m, time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC), "app"))
	}
	m, err := db.Create(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.RemoveMeasurement(m.Measurements[1].ID); err != nil {
		t.Fatal(err)
	}
	m.Measurements[0].Source = "corrected"
	if err := db.Save(m); err != nil {
		t.Fatal(err)
	}
	back, err := db.Get(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Measurements, m.Measurements) {
		t.Errorf("measurements = %+v, want %+v", back.Measurements, m.Measurements)
	}
}

// rawValue reads bucket/key of a closed store with bbolt directly.
func rawValue(t *testing.T, path, bucket, key string) string {
	t.Helper()
	bdb, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	var v string
	bdb.View(func(tx *bbolt.Tx) error {
		v = string(tx.Bucket([]byte(bucket)).Get([]byte(key)))
		return nil
	})
	return v
}

func TestDamagedMeasurementIsDamage(t *testing.T) {
	db, path := openTemp(t)
	m := vsm.ExampleMap()
	m.Name = "Hurt"
	m.AddMeasurement(vsm.MeasurementOf(m, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), "app"))
	m, err := db.Create(m)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	boltFile(t, path, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketMeasurements).Bucket([]byte(m.ID))
		return b.Put(measurementKey(m.Measurements[0]), []byte("{not json"))
	})
	before, entries := fileState(t, path)
	_, err = Open(path)
	var de *DamagedError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "cannot be read") {
		t.Fatalf("Open = %v, want a DamagedError about the measurement", err)
	}
	if s, e := fileState(t, path); s != before || !reflect.DeepEqual(e, entries) {
		t.Error("Open changed the damaged store or its folder")
	}
}
