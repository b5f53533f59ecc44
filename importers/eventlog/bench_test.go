package eventlog

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"flowmap/vsm"
)

// benchLog writes a synthetic interval log of rows rows into dir.
func benchLog(b *testing.B, dir string, rows, items int) (string, int64) {
	b.Helper()
	path := filepath.Join(dir, "events.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := WriteSyntheticLog(w, rows, items, 1); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, fi.Size()
}

// BenchmarkEventsCSV1M reads 1,000,000 interval rows about 50,000 items
// (about 55 MB) into per-stage statistics.
func BenchmarkEventsCSV1M(b *testing.B) {
	const rows, items = 1_000_000, 50_000
	path, size := benchLog(b, b.TempDir(), rows, items)
	b.SetBytes(size)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := ReadFile(path, vsm.EventLogOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if st.Rows != rows || st.Items != items {
			b.Fatalf("read %d rows, %d items", st.Rows, st.Items)
		}
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/1e6, "MB-alloc/op")
	b.ReportMetric(float64(after.HeapSys)/1e6, "MB-heapsys")
	if rss := maxRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/1e6, "MB-maxrss")
	}
}
