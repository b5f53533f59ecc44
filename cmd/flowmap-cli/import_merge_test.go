package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

// mergeSheet is a stage sheet as a workshop writes it: teams, people, a
// queue, waste, notes, and a Security stage no tracker log sees.
const mergeSheet = `Stage,Team,Wait,Process,%C&A,People,Queue,Waste,Notes
Dev,Core,1d,2h,90%,4,5,task-switching,pairing
Security,Sec,2d,1h,95%,1,,approvals,pen test
Test,QA,3d,3h,80%,2,8,manual-testing; handoffs,regression suite
`

// mergeLog is an interval log of the same stages but Security, on Monday
// 2026-03-02 and Tuesday 2026-03-03. By hand, on the default 8-hour day
// from 09:00: each item works in Dev 09:00-13:00 (4 h, no wait: Dev is its
// first stage), waits 13:00-15:00 (2 h) and works in Test 15:00-16:00 (1 h);
// no item comes back, so %C&A is 100%. Medians: Dev WT 0, PT 4 h; Test WT
// 2 h, PT 1 h. The log ends 2026-03-03 16:00.
const mergeLog = `item,stage,entered,exited
1,Dev,2026-03-02T09:00:00Z,2026-03-02T13:00:00Z
1,Test,2026-03-02T15:00:00Z,2026-03-02T16:00:00Z
2,Dev,2026-03-03T09:00:00Z,2026-03-03T13:00:00Z
2,Test,2026-03-03T15:00:00Z,2026-03-03T16:00:00Z
`

// storedMap opens the CLI's store and returns the map named name.
func (c *cli) storedMap(name string) *vsm.Map {
	c.t.Helper()
	s, err := store.Open(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	defer s.Close()
	m, err := s.GetByName(name)
	if err != nil {
		c.t.Fatal(err)
	}
	return m
}

func writeFiles(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestImportLogIntoSheetMapKeepsWhatTheLogDoesNotMeasure: a sheet, then a log
// of the same name, through the CLI's entry point. The log feeds wait,
// process time and %C&A only (vsm.Map.MergeMeasured, the app's rule).
func TestImportLogIntoSheetMapKeepsWhatTheLogDoesNotMeasure(t *testing.T) {
	dir := writeFiles(t, map[string]string{"sheet.csv": mergeSheet, "log.csv": mergeLog})
	c := newCLI(t)
	c.ok("import", "--name", "T", filepath.Join(dir, "sheet.csv"))
	before := c.storedMap("T")
	if out := c.ok("import", "--name", "T", filepath.Join(dir, "log.csv")); out != "T\n" {
		t.Errorf("import printed %q, want the map's name", out)
	}
	m := c.storedMap("T")

	if m.ID != before.ID {
		t.Errorf("the log made a new map (ID %s, was %s)", m.ID, before.ID)
	}
	q := func(v float64) *float64 { return &v }
	want := []vsm.Stage{
		// From the log: wait, process, %C&A. From the sheet: the rest.
		{Name: "Dev", Team: "Core", WaitHours: 0, ProcessHours: 4, CompleteAccurate: 1, People: 4, Queue: q(5),
			Waste: []vsm.Waste{vsm.WasteTaskSwitching}, Notes: "pairing"},
		// Not in the log: as the sheet had it (2d = 16 h on an 8-hour day).
		{Name: "Security", Team: "Sec", WaitHours: 16, ProcessHours: 1, CompleteAccurate: 0.95, People: 1,
			Waste: []vsm.Waste{vsm.WasteApprovals}, Notes: "pen test"},
		{Name: "Test", Team: "QA", WaitHours: 2, ProcessHours: 1, CompleteAccurate: 1, People: 2, Queue: q(8),
			Waste: []vsm.Waste{vsm.WasteManualTesting, vsm.WasteHandoffs}, Notes: "regression suite"},
	}
	if !reflect.DeepEqual(m.Stages, want) {
		t.Errorf("stages after the log:\n got %+v\nwant %+v", m.Stages, want)
	}
	if len(m.Measurements) != 1 {
		t.Fatalf("%d measurements, want the log's", len(m.Measurements))
	}
	x := m.Measurements[0]
	// The measurement is of the whole map: lead 4 + 17 + 3 = 24 h.
	lead := vsm.Compute(x.Map()).Totals.LeadHours
	if x.Date.Format(vsm.DateLayout) != "2026-03-03" || x.Source != "events: log.csv" || len(x.Stages) != 3 || lead != 24 {
		t.Errorf("measurement %s %q with %d stages, lead %v h; want 2026-03-03, events: log.csv, 3 stages, 24 h",
			x.Date.Format(vsm.DateLayout), x.Source, len(x.Stages), lead)
	}
}

// TestImportLogMeasuresOnTheMapsDay: like the app, the log is measured on
// the stored map's working day. On a 6-hour day (09:00-15:00) Test's work
// 15:00-16:00 falls after hours: PT 0; given --hours-per-day 8, it is 1 h.
func TestImportLogMeasuresOnTheMapsDay(t *testing.T) {
	dir := writeFiles(t, map[string]string{"sheet.csv": mergeSheet, "log.csv": mergeLog})
	c := newCLI(t)
	c.ok("import", "--name", "T", "--hours-per-day", "6", filepath.Join(dir, "sheet.csv"))
	c.ok("import", "--name", "T", filepath.Join(dir, "log.csv"))
	m := c.storedMap("T")
	if len(m.Stages) != 3 {
		t.Fatalf("%d stages after the log, want the sheet's 3", len(m.Stages))
	}
	if got := m.Stages[2]; got.Name != "Test" || got.ProcessHours != 0 || got.WaitHours != 2 {
		t.Errorf("on a 6-hour day Test = %s PT %v WT %v, want PT 0 and WT 2", got.Name, got.ProcessHours, got.WaitHours)
	}
	if m.Calendar.HoursPerDay != 6 {
		t.Errorf("the map's day became %v hours", m.Calendar.HoursPerDay)
	}
	c.ok("import", "--name", "T", "--hours-per-day", "8", filepath.Join(dir, "log.csv"))
	if got := c.storedMap("T").Stages[2]; got.ProcessHours != 1 {
		t.Errorf("with --hours-per-day 8 Test PT = %v, want 1", got.ProcessHours)
	}
}
