package vsm

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// twoStageLog is a small log's statistics: Dev measured over 3 of 4 items
// (one still inside), Test over 2, one item sent back to Dev.
func twoStageLog() *EventLogStats {
	return &EventLogStats{
		File: "jira.csv", Shape: ShapeIntervals, Rows: 9, Items: 4,
		From: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 13, 16, 30, 0, 0, time.FixedZone("", 3600)),
		Calendar: CalendarWorkdays, HoursPerDay: 8, WorkingDays: 9.9375,
		Stages: []StageStats{
			{Name: "Dev", Items: 4, Completed: 3, WIP: 1, Reentries: 1, CompleteAccurate: 0.75, ThroughputPerDay: 3 / 9.9375,
				Wait: Dist{Median: 4, P85: 7.4, Mean: 5}, Work: Dist{Median: 8, P85: 12.9, Mean: 29.0 / 3}},
			{Name: "Test", Items: 2, Completed: 2, Reentries: 2, CompleteAccurate: 0, ThroughputPerDay: 2 / 9.9375,
				Wait: Dist{Median: 1, P85: 1.85, Mean: 1}, Work: Dist{Median: 2, P85: 2.85, Mean: 2}},
		},
	}
}

func TestEventLogStatsMap(t *testing.T) {
	s := twoStageLog()
	m, err := s.Map("", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "jira" || m.Calendar != (Calendar{HoursPerDay: 8, DaysPerWeek: 5}) || !m.Updated.Equal(s.To) {
		t.Errorf("map %q on %+v dated %v", m.Name, m.Calendar, m.Updated)
	}
	if !strings.Contains(m.Description, "Measured from jira.csv: 4 items, 2026-03-02 to 2026-03-13, median of wait and work per item on the workdays calendar.") {
		t.Errorf("description %q", m.Description)
	}
	// Dev's notes: 3 done per 9.9375 working days = 0.30 -> "0.3".
	if got := m.Stages[0].Notes; got != "Measured: 4 items (3 done, 1 inside at the end), 1 sent back; 0.3 items per working day." {
		t.Errorf("Dev notes %q", got)
	}
	for _, tt := range []struct {
		stat             string
		devWait, devWork float64
	}{
		{"median", 4, 8}, {"p85", 7.4, 12.9}, {"85th", 7.4, 12.9}, {"mean", 5, 29.0 / 3}, {"average", 5, 29.0 / 3},
	} {
		m, err := s.Map("Measured", tt.stat, 7.5)
		if err != nil {
			t.Fatalf("%s: %v", tt.stat, err)
		}
		dev := m.Stages[0]
		if m.Name != "Measured" || m.Calendar.HoursPerDay != 7.5 || dev.WaitHours != tt.devWait || math.Abs(dev.ProcessHours-tt.devWork) > 1e-12 || dev.CompleteAccurate != 0.75 {
			t.Errorf("%s: map %q %v h/day, Dev wait %v work %v CA %v", tt.stat, m.Name, m.Calendar.HoursPerDay, dev.WaitHours, dev.ProcessHours, dev.CompleteAccurate)
		}
		// Test came back every time: C&A 0 measured, 1% on the map.
		if ca := m.Stages[1].CompleteAccurate; ca != 0.01 {
			t.Errorf("%s: Test C&A %v, want 0.01", tt.stat, ca)
		}
	}
	if _, err := s.Map("x", "mode", 8); !errors.Is(err, ErrInvalid) {
		t.Errorf("Map with stat mode: %v, want an invalid-value error", err)
	}
	s.Calendar = CalendarTwentyFourSeven
	if m, err := s.Map("x", "", 24); err != nil || m.Calendar != (Calendar{HoursPerDay: 24, DaysPerWeek: 7}) {
		t.Errorf("24x7 map: %+v, %v; want 24 hours a day, 7 days a week", m, err)
	}
}

func TestEventLogStatsJSON(t *testing.T) {
	s := twoStageLog()
	s.Shape, s.Statuses = ShapeTransitions, []string{"In Dev", "Waiting", "Backlog"}
	s.Mapping = &StatusMapping{Statuses: map[string]StatusRole{
		"In Dev": {Kind: StatusWork, Stage: "Dev"}, "waiting": {Kind: StatusWait}, "Backlog": {Kind: StatusIgnore},
	}}
	b, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`"shape": "transitions"`, `"from": "2026-03-02T09:00:00Z"`, `"to": "2026-03-13T16:30:00+01:00"`,
		`"working_days": 9.9375`,
		`"throughput_per_day": 0.3018867924528302`, // 3 / 9.9375 at full precision
		`"mean": 9.666666666666666`,                // 29/3 at full precision
		`{
      "status": "Waiting",
      "kind": "wait"
    }`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("JSON lacks %s:\n%s", want, got)
		}
	}
	empty, err := (&EventLogStats{Shape: ShapeIntervals, Calendar: CalendarWorkdays}).JSON()
	if err != nil || !strings.Contains(string(empty), `"from": null`) || !strings.Contains(string(empty), `"stages": []`) {
		t.Errorf("JSON of an empty log: %s, %v", empty, err)
	}
}
