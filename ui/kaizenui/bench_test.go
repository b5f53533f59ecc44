package kaizenui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// bigMap is a 40-stage map with 60 kaizen items, 100 measurements and 100
// learning-log entries: a few years of a busy team.
func bigMap(b *testing.B) *vsm.Map {
	m := vsm.NewMap("big")
	m.ID = "big"
	for i := range 40 {
		s := vsm.NewStage(fmt.Sprintf("Stage %d", i+1))
		s.WaitHours, s.ProcessHours, s.CompleteAccurate = float64(8+i%5*4), float64(1+i%3), 0.9+float64(i%10)/100
		m.Stages = append(m.Stages, s)
	}
	start := date("2023-01-02")
	for i := range 100 {
		m.Stages[i%40].WaitHours = float64(4 + i%7)
		if _, _, err := m.AddMeasurement(vsm.MeasurementOf(m, start.AddDate(0, 0, 7*i), "app")); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 60 {
		k, err := m.AddKaizen(vsm.Kaizen{Title: fmt.Sprintf("Kaizen %d", i+1), Stage: m.Stages[i%40].Name,
			Effect: vsm.Effect{WaitHours: ptr(2)}, Created: start.AddDate(0, 0, 10*i)})
		if err != nil {
			b.Fatal(err)
		}
		if err := m.SetKaizenStatus(k.ID, vsm.KaizenStatuses[i%5], start.AddDate(0, 0, 10*i+5)); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 100 {
		if _, err := m.AddLearning(vsm.LearningEntry{Date: start.AddDate(0, 0, 6*i), Title: fmt.Sprintf("Entry %d", i+1),
			Stages: []string{m.Stages[i%40].Name}, Factors: []vsm.Factor{vsm.Factors[i%7]}}); err != nil {
			b.Fatal(err)
		}
	}
	f, err := vsm.FutureState(m, []string{"k1", "k2"})
	if err != nil {
		b.Fatal(err)
	}
	m.Future = f
	return m
}

// BenchmarkRefreshAfterStageEdit is what an edit of the stage table costs the
// four screens: with the Map tab in view (they only note that they are out
// of date), and with the Kaizen tab in view (board and backlog updated in
// place). Charts are keyed by what they show and drawn in the background.
func BenchmarkRefreshAfterStageEdit(b *testing.B) {
	for _, view := range []string{"Map", "Kaizen", "Future state"} {
		b.Run(strings.ReplaceAll(view, " ", "-")+"-tab", func(b *testing.B) {
			test.NewTempApp(b)
			m := bigMap(b)
			h := &fakeHost{m: m, win: test.NewWindow(nil)}
			defer h.win.Close()
			charts := &fakeCharts{}
			s := newScreensForTest(h, Options{Chart: charts.draw, Now: func() time.Time { return date("2026-01-05") }})
			tabs := container.NewAppTabs(container.NewTabItem("Map", widget.NewLabel("the map editor")))
			for _, t := range s.Tabs() {
				tabs.Append(container.NewTabItem(t.Name, t.Content))
			}
			h.win.SetContent(tabs)
			h.win.Resize(fyne.NewSize(1280, 800))
			for i, it := range tabs.Items {
				if it.Text == view {
					tabs.SelectIndex(i)
				}
			}
			// The edits are made beforehand: cloning a map with 100
			// measurements is the editor's cost, not the screens'.
			edits := make([]*vsm.Map, 8)
			for i := range edits {
				edits[i] = h.m.Clone()
				edits[i].Stages[i%40].ProcessHours = float64(1 + i%4)
			}
			b.ResetTimer()
			for i := range b.N {
				h.set(edits[i%len(edits)])
			}
		})
	}
}
