package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"flowmap/vsm"
)

// bigMap is a map of n stages with every field in use.
func bigMap(n int) *vsm.Map {
	m := vsm.NewMap(fmt.Sprintf("%d stages", n))
	d := 3.0
	m.DemandPerDay = &d
	for i := 0; i < n; i++ {
		s := vsm.NewStage(fmt.Sprintf("Stage %d", i+1))
		s.Team = fmt.Sprintf("Team %d", i%7)
		s.WaitHours = float64(i%13) + 0.5
		s.ProcessHours = float64(i%5) + 1
		s.CompleteAccurate = 0.8 + float64(i%5)*0.04
		s.People = float64(1 + i%3)
		if i%3 == 0 {
			q := float64(i % 9)
			s.Queue = &q
			s.Waste = []vsm.Waste{vsm.WasteHandoffs, vsm.WasteApprovals}
		}
		m.Stages = append(m.Stages, s)
	}
	return m
}

// benchEdit measures one edit as a person makes it: text committed in a
// process cell, parsed, applied to a copy, validated, saved (to the in-memory
// store), metrics recomputed, and the drawing, strip, table and library
// brought up to date. Painting pixels is the driver's job and not included.
func benchEdit(b *testing.B, n int) {
	a, _ := newTestApp(b, bigMap(n))
	a.win.Resize(fyne.NewSize(1280, 800))
	test.WidgetRenderer(a.view) // the drawing exists, as in the window
	row := n / 2
	e := cell(b, a, row, colProcess)
	values := []string{"3h 30m", "1d 2h"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.SetText(values[i%2])
		a.table.commit(a.table.rows[row], colProcess, e)
		if e.err != nil {
			b.Fatal(e.err)
		}
	}
}

func BenchmarkEditRedraw40(b *testing.B)  { benchEdit(b, 40) }
func BenchmarkEditRedraw200(b *testing.B) { benchEdit(b, 200) }

// BenchmarkOpenWindow100Maps builds the whole window on a library of 100
// maps and paints it once in software.
func BenchmarkOpenWindow100Maps(b *testing.B) {
	maps := make([]*vsm.Map, 100)
	for i := range maps {
		maps[i] = vsm.ExampleMap()
		maps[i].Name = fmt.Sprintf("Team %03d delivery", i)
	}
	test.NewTempApp(b)
	st := newFakeStore(maps...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := test.NewWindow(nil)
		New(fyne.CurrentApp(), w, Options{Store: st})
		w.Resize(fyne.NewSize(1280, 800))
		w.Canvas().Capture()
		w.Close()
	}
}
