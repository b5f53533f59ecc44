package kaizenui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"flowmap/vsm"
)

// Measurements of the example map (see kaizen_test.go for its totals):
//
//	2026-01-05  as the example:            lead 232.8333 h = "5w 4d", flow 13%
//	            kaizen "Automate the regression suite" done 2026-01-20 (Test wait → 4 h)
//	2026-02-02  Test wait 4 h:             lead 204.8333 h = 200 + 4.8 h ≈ "5w 1d", flow 14.56% = "15%"
//	2026-03-02  sheet: also Release 8 h:   lead 172.8333 h = 160 + 12.8 h ≈ "4w 2d"
//
// The realized effect is 2026-02-02 − 2026-01-05: lead −28 h = "−3d 4h",
// −28 / 232.8333 = "−12%"; flow efficiency 13% ⟶ 15%.
func TestHistoryRecordsMeasurementsAndShowsRealizedEffects(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	h := f.s.history
	f.show(h.content, 1100, 800)
	if got := texts(h.chart.content); !strings.Contains(got, "No measurements yet") {
		t.Errorf("the empty history says %q", got)
	}

	test.Tap(h.record)
	if len(h.rows) != 1 {
		t.Fatalf("%d rows after one measurement", len(h.rows))
	}
	want := "Recorded the measurement of 2026-01-05: lead time 5w 4d, flow efficiency 13%, rolled %C&A 51%."
	if h.status.Text != want {
		t.Errorf("status = %q, want %q", h.status.Text, want)
	}
	if x := f.host.m.Measurements[0]; x.Source != "app" || !x.Date.Equal(f.clock.t) || len(x.Stages) != 9 {
		t.Errorf("stored measurement = %s from %q with %d stages", x.Date, x.Source, len(x.Stages))
	}

	// The kaizen is done on 2026-01-20 and the team enters the new wait.
	err := f.s.apply(func(m *vsm.Map) error {
		k, err := m.AddKaizen(vsm.Kaizen{Title: "Automate the regression suite", Stage: "Test",
			Effect: vsm.Effect{WaitHours: ptr(4)}, Created: date("2026-01-06")})
		if err != nil {
			return err
		}
		m.Stages[m.StageIndex("Test")].WaitHours = 4
		return m.SetKaizenStatus(k.ID, vsm.KaizenDone, date("2026-01-20"))
	})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.t = date("2026-02-02")
	test.Tap(h.record)
	if len(h.rows) != 2 {
		t.Fatalf("%d rows after two measurements", len(h.rows))
	}
	// Newest first.
	r := h.rows[0]
	if r.date.Text != "2026-02-02" || r.lead.Text != "5w 1d" || r.fe.Text != "15%" || r.ca.Text != "51%" || r.src.Text != "app" {
		t.Errorf("newest row = %s | %s | %s | %s | %s", r.date.Text, r.lead.Text, r.fe.Text, r.ca.Text, r.src.Text)
	}
	if h.rows[1].date.Text != "2026-01-05" || h.rows[1].lead.Text != "5w 4d" {
		t.Errorf("older row = %s | %s", h.rows[1].date.Text, h.rows[1].lead.Text)
	}
	effects := texts(h.effects)
	for _, want := range []string{
		"Automate the regression suite (Test)",
		"Expected (on the measurement of 2026-01-05): lead time −3d 4h (−12%) · flow efficiency 13% ⟶ 15%",
		"Realized (2026-01-05 ⟶ 2026-02-02): lead time −3d 4h (−12%) · flow efficiency 13% ⟶ 15%",
	} {
		if !strings.Contains(effects, want) {
			t.Errorf("expected vs realized lacks %q:\n%s", want, effects)
		}
	}
	call, ok := f.charts.last(ChartTrend)
	if !ok || call.measurements != 2 || call.completions != 1 || call.w != chartWidth || call.h != chartHeight {
		t.Errorf("last trend chart call = %+v, %v", call, ok)
	}
	if h.chart.picture() == nil {
		t.Error("the trend chart is not shown")
	}

	// A second measurement the same day replaces the first.
	test.Tap(h.record)
	if len(h.rows) != 2 || !strings.HasPrefix(h.status.Text, "Replaced the measurement of 2026-02-02") {
		t.Errorf("same-day record: %d rows, status %q", len(h.rows), h.status.Text)
	}

	// From a stage sheet: the sheet's stages, the map's calendar.
	sheet := f.host.m.Clone()
	sheet.Stages[sheet.StageIndex("Release")].WaitHours = 8
	f.sheets["/data/stages-march.xlsx"] = sheet
	f.clock.t = date("2026-03-02")
	h.recordSheet("/data/stages-march.xlsx")
	if len(h.rows) != 3 || h.rows[0].src.Text != "stages-march.xlsx" || h.rows[0].lead.Text != "4w 2d" {
		t.Fatalf("after the sheet: %d rows, newest %s from %s", len(h.rows), h.rows[0].lead.Text, h.rows[0].src.Text)
	}
	if f.host.m.Stages[f.host.m.StageIndex("Release")].WaitHours != 40 {
		t.Error("recording a sheet changed the map's own stages")
	}

	// A sheet that cannot be read records nothing and says why.
	h.recordSheet("/data/missing.xlsx")
	if len(f.host.m.Measurements) != 3 || !strings.Contains(h.status.Text, "no such file") || len(f.host.errs) != 1 {
		t.Errorf("unreadable sheet: %d measurements, status %q, errors %v", len(f.host.m.Measurements), h.status.Text, f.host.errs)
	}

	beforeDelete := f.host.m
	test.Tap(h.rows[0].del)
	if len(h.rows) != 2 || len(f.host.m.Measurements) != 2 {
		t.Errorf("delete left %d rows, %d measurements", len(h.rows), len(f.host.m.Measurements))
	}
	if h.status.Text != "Deleted the measurement of 2026-03-02. Undo brings it back." {
		t.Errorf("status after delete = %q", h.status.Text)
	}
	// Undo (the host puts the old map back): the list follows and the
	// message about the delete goes.
	f.host.set(beforeDelete)
	if len(h.rows) != 3 || h.status.Text != "" {
		t.Errorf("after undo: %d rows, status %q", len(h.rows), h.status.Text)
	}
}

func TestHistoryChartFollowsTheMeasurementsNotTheStages(t *testing.T) {
	f := newFixture(t, seedMap(t))
	before := len(f.charts.calls)
	// A stage edit elsewhere changes nothing the trend shows.
	next := f.host.m.Clone()
	next.Stages[0].Notes = "edited in the stage table"
	next.Stages[0].ProcessHours = 3
	f.host.set(next)
	trend := 0
	for _, c := range f.charts.calls[before:] {
		if c.chart == ChartTrend {
			trend++
		}
	}
	if trend != 0 {
		t.Errorf("a stage edit drew the trend %d times", trend)
	}
	f.clock.t = date("2026-01-12") // the seed's last measurement is of 2026-01-05
	test.Tap(f.s.history.record)
	if c, _ := f.charts.last(ChartTrend); c.measurements != 4 {
		t.Errorf("the trend after recording shows %d measurements, want 4", c.measurements)
	}
}

func TestHistoryMissingMeasurementSaysWhich(t *testing.T) {
	m := vsm.ExampleMap()
	k, err := m.AddKaizen(vsm.Kaizen{Title: "Pair on deploys", Stage: "Deploy", Effect: vsm.Effect{WaitHours: ptr(1)}, Created: date("2026-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetKaizenStatus(k.ID, vsm.KaizenDone, date("2026-01-03")); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, m)
	if got := texts(f.s.history.effects); !strings.Contains(got, "Realized: not measured yet. Record measurements before and after") {
		t.Errorf("no measurements: %q", got)
	}
	test.Tap(f.s.history.record) // 2026-01-05, after the done day
	if got := texts(f.s.history.effects); !strings.Contains(got, "there is no measurement from before 2026-01-03") {
		t.Errorf("only after: %q", got)
	}
}

func TestHistoryRecordFromSpreadsheetOpensAFileDialog(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	f.show(f.s.history.content, 1100, 800)
	test.Tap(f.s.history.fromSheet)
	if f.win.Canvas().Overlays().Top() == nil {
		t.Error("Record from spreadsheet… showed no dialog")
	}
}
