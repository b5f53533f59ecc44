package stagesheet

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// benchRows is a 1,000-row stage sheet; timeCells writes the waits as
// [h]:mm cells, which makes the importer look up cell formats.
func benchRows(n int, timeCells bool) [][]any {
	rows := [][]any{{"Stage", "Team", "Wait (days)", "Process time (h)", "%C&A", "People", "Queue", "Waste", "Notes"}}
	for i := range n {
		var wait any = float64(i%10) / 2
		if timeCells {
			wait = testCell{V: float64(i%10) / 24, Custom: "[h]:mm"}
		}
		rows = append(rows, []any{fmt.Sprintf("Stage %d", i+1), "Dev", wait, float64(i%8) + 0.5, 0.9, 2, i % 7, "handoffs; rework", "measured in March"})
	}
	return rows
}

func BenchmarkReadStageSheetXLSX1000(b *testing.B) {
	for _, timeCells := range []bool{false, true} {
		b.Run(fmt.Sprintf("timeCells=%v", timeCells), func(b *testing.B) {
			book := testWorkbook(b, testSheet{Name: "Stages", Rows: benchRows(1000, timeCells)})
			b.SetBytes(int64(len(book)))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				p, err := Read(bytes.NewReader(book), "bench.xlsx", vsm.SheetOptions{})
				if err != nil || len(p.Stages) != 1000 {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

func BenchmarkReadStageSheetCSV1000(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Stage,Team,Wait,Process time,%C&A,People,Queue,Waste,Notes\n")
	for i := range 1000 {
		fmt.Fprintf(&sb, "Stage %d,Dev,%dd,%dh 30m,90%%,2,%d,\"handoffs; rework\",\"measured, in March\"\n", i+1, i%10, i%8, i%7)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		p, err := Read(bytes.NewReader(data), "bench.csv", vsm.SheetOptions{})
		if err != nil || len(p.Stages) != 1000 {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU milliseconds per operation since
// start, a figure the other processes on a shared machine do not inflate
// (it includes the garbage collector's work on other threads).
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// BenchmarkZipBomb1GB reads a ~1 MB workbook whose sheet inflates to 1 GiB;
// alloc-MB/op is the memory allocated to refuse it.
func BenchmarkZipBomb1GB(b *testing.B) {
	bomb := zipBomb(b, 1<<30, 1<<30)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for b.Loop() {
		_, err := Read(bytes.NewReader(bomb), "bomb.xlsx", vsm.SheetOptions{})
		if !errors.Is(err, table.ErrTooLarge) {
			b.Fatal(err)
		}
		n++
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n)/(1<<20), "alloc-MB/op")
	b.ReportMetric(float64(len(bomb))/(1<<20), "bomb-MB")
}

// BenchmarkZipBombLying1GB is a bomb whose headers claim 150 MB (under the
// limit) for a part that inflates to 1 GiB: it is refused when the part
// overruns its declared size.
func BenchmarkZipBombLying1GB(b *testing.B) {
	bomb := zipBomb(b, 1<<30, 150<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for b.Loop() {
		_, err := Read(bytes.NewReader(bomb), "liar.xlsx", vsm.SheetOptions{})
		if !errors.Is(err, table.ErrDamaged) {
			b.Fatal(err)
		}
		n++
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n)/(1<<20), "alloc-MB/op")
}
