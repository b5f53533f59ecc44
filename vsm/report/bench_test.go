package report

import (
	"io"
	"testing"

	"flowmap/vsm"
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

// BenchmarkPicture draws and encodes each picture at 1600x900 (target: under
// 100 ms each): the example map's, a 40-stage map's, and the trend and compare
// pictures of maps with history (100 measurements for the long trend).
func BenchmarkPicture(b *testing.B) {
	ex, big, hist, fut := vsm.ExampleMap(), bigMap(40, 100), historyMap(), futureMap()
	cases := []struct {
		name string
		m    *vsm.Map
		c    Chart
	}{
		{"map/example", ex, ChartMap}, {"bars/example", ex, ChartBars}, {"waterfall/example", ex, ChartWaterfall},
		{"trend/3-measurements", hist, ChartTrend},
		{"map/40-stages", big, ChartMap}, {"bars/40-stages", big, ChartBars},
		{"waterfall/40-stages", big, ChartWaterfall}, {"trend/100-measurements", big, ChartTrend},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := WritePNG(io.Discard, c.m, c.c, Options{Now: reportNow}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("compare/example", func(b *testing.B) {
		for b.Loop() {
			if err := WriteComparePNG(io.Discard, hist, fut, Options{Now: reportNow}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("map/example-scale-2", func(b *testing.B) {
		for b.Loop() {
			if err := WritePNG(io.Discard, ex, ChartMap, Options{Now: reportNow, Scale: 2}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
