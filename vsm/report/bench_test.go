package report

import (
	"io"
	"testing"
)

// BenchmarkWorkbook200x100 writes the workbook of a 200-stage map with 100
// measurements (target: under 1 s).
func BenchmarkWorkbook200x100(b *testing.B) {
	m := bigMap(200, 100)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteWorkbook(io.Discard, m, Options{Now: reportNow}); err != nil {
			b.Fatal(err)
		}
	}
}
