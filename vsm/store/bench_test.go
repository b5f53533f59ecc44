package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"flowmap/vsm"
)

// reportCPU adds cpu-ns/op: the process's CPU time per operation since start,
// which a machine shared with other work inflates less than ns/op. (Save's
// ns/op also includes waiting for fsync, which is not CPU time.)
func reportCPU(b *testing.B, start time.Duration) {
	if used := cpuTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// benchStore is a store holding one map of n stages, for the save and load
// benchmarks.
func benchStore(b *testing.B, stages int) (*DB, *vsm.Map) {
	b.Helper()
	db, err := Open(filepath.Join(b.TempDir(), "flowmap.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	m, err := db.Create(bigMap("Two hundred stages", stages))
	if err != nil {
		b.Fatal(err)
	}
	data, _ := vsm.EncodeMapFile(m)
	b.SetBytes(int64(len(data)))
	return db, m
}

// BenchmarkSave200 is one Save of a 200-stage map: encoding, one bbolt
// transaction and its fsyncs (target: under 5 ms).
func BenchmarkSave200(b *testing.B) {
	db, m := benchStore(b, 200)
	i := 0
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		i++
		m.Stages[i%200].WaitHours = float64(i)
		if err := db.Save(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad200 is one Get of a 200-stage map: read and decode in a read
// transaction (target: under 5 ms).
func BenchmarkLoad200(b *testing.B) {
	db, m := benchStore(b, 200)
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		got, err := db.Get(m.ID)
		if err != nil || len(got.Stages) != 200 {
			b.Fatal(got, err)
		}
	}
}

// hundredMaps is a store with 100 maps of 9 stages besides the example.
func hundredMaps(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "flowmap.db")
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		m := vsm.ExampleMap()
		m.Name = fmt.Sprintf("Value stream %03d", i)
		if _, err := db.Create(m); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkList100 is List over 101 maps: it reads the small info entries,
// not the maps.
func BenchmarkList100(b *testing.B) {
	db, err := Open(hundredMaps(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		list, err := db.List()
		if err != nil || len(list) != 101 {
			b.Fatal(len(list), err)
		}
	}
}

// BenchmarkOpen100 is Open and Close of a store of 101 maps: the read-only
// check (every map decoded, bbolt's page check) and the read-write open.
func BenchmarkOpen100(b *testing.B) {
	path := hundredMaps(b)
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
