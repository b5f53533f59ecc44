package vsm

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// mergeBase is a map as a stage sheet and a workshop leave it: people,
// teams, a queue, waste, notes, a Security stage, a kaizen, a learning entry
// and a measurement.
func mergeBase() *Map {
	m := NewMap("T")
	m.Calendar = Calendar{HoursPerDay: 6, DaysPerWeek: 5}
	m.DemandPerDay = f(2)
	m.Stages = []Stage{
		{Name: "Plan", Team: "PM", ProcessHours: 2, WaitHours: 8, CompleteAccurate: 0.9, People: 2, Waste: []Waste{WasteApprovals}, Notes: "monthly"},
		{Name: "Dev", Team: "Core", ProcessHours: 4, WaitHours: 10, CompleteAccurate: 1, People: 4, Queue: f(5)},
		{Name: "Security", Team: "Sec", ProcessHours: 1, WaitHours: 3, CompleteAccurate: 1, People: 1},
		{Name: "Test", Team: "QA", ProcessHours: 3, WaitHours: 6, CompleteAccurate: 0.8, People: 2, Waste: []Waste{WasteManualTesting}},
	}
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	m.Kaizen = []Kaizen{{ID: "k1", Title: "Automate the regression suite", Stage: "Test", Status: KaizenIdea, Created: day}}
	m.Learning = []LearningEntry{{ID: "l1", Date: day, Title: "Release slipped", Stages: []string{"Test"}}}
	m.Measurements = []Measurement{MeasurementOf(m, day, "app")}
	return m
}

func TestMergeStages(t *testing.T) {
	st := func(name string, pt, wt float64) Stage {
		s := NewStage(name)
		s.ProcessHours, s.WaitHours = pt, wt
		return s
	}
	// edit is the expected map stages as a change of mergeBase's.
	type edit func(s []Stage) []Stage
	tests := []struct {
		name     string
		incoming []Stage
		fed      StageFields
		remove   bool
		want     edit
	}{
		{"wait only: nothing else changes",
			[]Stage{{Name: " dev ", ProcessHours: 9, WaitHours: 2, CompleteAccurate: 0.5, People: 1, Team: "X"}},
			FieldsOf(WaitField), false,
			func(s []Stage) []Stage { s[1].WaitHours = 2; return s }},
		{"every column of a sheet",
			[]Stage{{Name: "TEST", ProcessHours: 5, WaitHours: 1, CompleteAccurate: 0.95, People: 3, Queue: f(7), Team: "QA2", Waste: []Waste{WasteRework}, Notes: "n"}},
			FieldsOf(ProcessField, WaitField, CompleteAccurateField, PeopleField, QueueField, TeamField, WasteField, NotesField), false,
			func(s []Stage) []Stage {
				s[3] = Stage{Name: "Test", ProcessHours: 5, WaitHours: 1, CompleteAccurate: 0.95, People: 3, Queue: f(7), Team: "QA2", Waste: []Waste{WasteRework}, Notes: "n"}
				return s
			}},
		{"a fed empty queue clears it",
			[]Stage{NewStage("Dev")}, FieldsOf(QueueField), false,
			func(s []Stage) []Stage { s[1].Queue = nil; return s }},
		// Lead time without process time: the reader took LT for the wait.
		// Dev: WT = 16 - PT 4 = 12; Test: max(2 - 3, 0) = 0.
		{"lead time without process time",
			[]Stage{st("Dev", 0, 16), st("Test", 0, 2)}, FieldsOf(LeadField), false,
			func(s []Stage) []Stage { s[1].WaitHours = 12; s[3].WaitHours = 0; return s }},
		// Lead time with process time: the reader's wait (LT - PT) is taken as is.
		{"lead time with process time",
			[]Stage{st("Dev", 6, 10)}, FieldsOf(LeadField, ProcessField), false,
			func(s []Stage) []Stage { s[1].ProcessHours, s[1].WaitHours = 6, 10; return s }},
		{"a new stage lands after the incoming stage before it",
			[]Stage{st("Plan", 2, 1), st("Review", 1, 1), st("Dev", 4, 1)}, FieldsOf(WaitField), false,
			func(s []Stage) []Stage {
				s[0].WaitHours, s[1].WaitHours = 1, 1
				return []Stage{s[0], st("Review", 1, 1), s[1], s[2], s[3]}
			}},
		{"a new stage that opens the list comes first",
			[]Stage{st("Idea", 1, 0), st("Test", 3, 4)}, FieldsOf(WaitField), false,
			func(s []Stage) []Stage {
				s[3].WaitHours = 4
				return append([]Stage{st("Idea", 1, 0)}, s...)
			}},
		{"a new stage after the last",
			[]Stage{st("Test", 3, 6), st("Deploy", 1, 2)}, FieldsOf(WaitField), false,
			func(s []Stage) []Stage { return append(s, st("Deploy", 1, 2)) }},
		{"a second incoming stage of a name is new",
			[]Stage{st("Dev", 4, 1), st("dev", 2, 2)}, FieldsOf(WaitField), false,
			func(s []Stage) []Stage {
				s[1].WaitHours = 1
				return []Stage{s[0], s[1], st("dev", 2, 2), s[2], s[3]}
			}},
		{"remove missing: the incoming order, map stages merged",
			[]Stage{st("Test", 9, 1), st("Dev", 9, 2), st("Ops", 1, 1)}, FieldsOf(WaitField), true,
			func(s []Stage) []Stage {
				s[3].WaitHours, s[1].WaitHours = 1, 2
				return []Stage{s[3], s[1], st("Ops", 1, 1)}
			}},
		{"nothing incoming",
			nil, FieldsOf(WaitField), false,
			func(s []Stage) []Stage { return s }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mergeBase()
			before := m.Clone()
			in := make([]Stage, len(tt.incoming))
			for i, s := range tt.incoming {
				in[i] = s.Clone()
			}
			m.MergeStages(in, tt.fed, tt.remove)
			want := tt.want(before.Clone().Stages)
			if !reflect.DeepEqual(m.Stages, want) {
				t.Errorf("stages:\n got %+v\nwant %+v", m.Stages, want)
			}
			// Nothing but the stages changes.
			after := m.Clone()
			after.Stages = before.Stages
			if !reflect.DeepEqual(after, before) {
				t.Errorf("the merge changed more than the stages")
			}
			// The merged map shares no slice with the incoming stages.
			for i := range in {
				in[i].Waste = append(in[i].Waste[:0:0], WasteDefects)
				if in[i].Queue != nil {
					*in[i].Queue = -1
				}
			}
			if !reflect.DeepEqual(m.Stages, want) {
				t.Errorf("a change of the incoming stages reached the map")
			}
		})
	}
}

// TestMergeStage: the rule of one stage (moved from the import preview's
// tests with its cases).
func TestMergeStage(t *testing.T) {
	stage := func(name string, wait, process float64) Stage {
		s := NewStage(name)
		s.WaitHours, s.ProcessHours = wait, process
		return s
	}
	q := 3.0
	tests := []struct {
		name      string
		fed       StageFields
		dst, src  Stage
		wantWait  float64
		wantPT    float64
		wantTeam  string
		wantQueue *float64
	}{
		// Wait and process columns: both taken as they are.
		{"wait and process", FieldsOf(WaitField, ProcessField), stage("A", 5, 2), stage("A", 7, 3), 7, 3, "", nil},
		// Lead time alone: the reader puts LT 10 h into wait; the map keeps
		// its PT 2 h, so WT = 10 - 2 = 8 h and LT stays 10 h.
		{"lead only", FieldsOf(LeadField), stage("A", 5, 2), stage("A", 10, 0), 8, 2, "", nil},
		// LT 1 h below the map's PT 2 h: the wait cannot go below 0.
		{"lead below process", FieldsOf(LeadField), stage("A", 5, 2), stage("A", 1, 0), 0, 2, "", nil},
		// Lead and process: the reader already split LT into WT + PT.
		{"lead and process", FieldsOf(LeadField, ProcessField), stage("A", 5, 2), stage("A", 6, 4), 6, 4, "", nil},
		// No duration column: durations stay; team and queue come over.
		{"team and queue", FieldsOf(TeamField, QueueField), stage("A", 5, 2), func() Stage {
			s := stage("A", 9, 9)
			s.Team, s.Queue = "Ops", &q
			return s
		}(), 5, 2, "Ops", &q},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.dst.Clone()
			MergeStage(&got, tt.src, tt.fed)
			if got.WaitHours != tt.wantWait || got.ProcessHours != tt.wantPT || got.Team != tt.wantTeam || !nearPtr(got.Queue, tt.wantQueue) {
				t.Errorf("MergeStage = wait %v PT %v team %q queue %v, want %v %v %q %v",
					got.WaitHours, got.ProcessHours, got.Team, got.Queue, tt.wantWait, tt.wantPT, tt.wantTeam, tt.wantQueue)
			}
			if tt.src.Queue != nil && got.Queue == tt.src.Queue {
				t.Error("the queue pointer is shared with the sheet's stage")
			}
		})
	}
}

func TestMatchStages(t *testing.T) {
	cur := []Stage{{Name: "Dev"}, {Name: "Test"}, {Name: "dev"}}
	in := []Stage{{Name: " TEST "}, {Name: "dev"}, {Name: "Ops"}, {Name: "DEV"}, {Name: "Dev"}}
	// The first "dev" pairs with the first map Dev, the next with the map's
	// second; a third has none left.
	want := []int{1, 0, -1, 2, -1}
	if got := MatchStages(cur, in); !reflect.DeepEqual(got, want) {
		t.Errorf("MatchStages = %v, want %v", got, want)
	}
}

func TestMergeMeasured(t *testing.T) {
	m := mergeBase()
	before := m.Clone()
	end := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	// A log measured Dev and Test (people 1 and no team: a log knows neither)
	// and a stage the map lacks, Deploy.
	measured := NewMap("log")
	measured.Stages = []Stage{
		{Name: "Dev", ProcessHours: 5, WaitHours: 20, CompleteAccurate: 0.9, People: 1},
		{Name: "Test", ProcessHours: 2, WaitHours: 4, CompleteAccurate: 0.75, People: 1},
		{Name: "Deploy", ProcessHours: 1, WaitHours: 1, CompleteAccurate: 1, People: 1},
	}
	measured.Measurements = []Measurement{MeasurementOf(measured, end, "events: log.csv")}

	if err := m.MergeMeasured(measured); err != nil {
		t.Fatal(err)
	}
	want := before.Clone().Stages
	want[1].ProcessHours, want[1].WaitHours, want[1].CompleteAccurate = 5, 20, 0.9
	want[3].ProcessHours, want[3].WaitHours, want[3].CompleteAccurate = 2, 4, 0.75
	want = append(want, measured.Stages[2])
	if !reflect.DeepEqual(m.Stages, want) {
		t.Errorf("stages:\n got %+v\nwant %+v", m.Stages, want)
	}
	if m.Stages[1].People != 4 || m.Stages[1].Team != "Core" || m.Stages[2].Name != "Security" || m.Stages[0].Notes != "monthly" {
		t.Errorf("people, team, the Security stage or notes were lost: %+v", m.Stages)
	}
	if !reflect.DeepEqual(m.Kaizen, before.Kaizen) || !reflect.DeepEqual(m.Learning, before.Learning) ||
		m.Calendar != before.Calendar || *m.DemandPerDay != 2 {
		t.Error("the kaizen, learning log, calendar or demand changed")
	}
	if len(m.Measurements) != 2 {
		t.Fatalf("%d measurements, want the app's and the log's", len(m.Measurements))
	}
	got := m.Measurements[1]
	// The measurement is of the whole merged map: Plan 2+8, Dev 5+20,
	// Security 1+3, Test 2+4, Deploy 1+1: lead 10+25+4+6+2 = 47 h.
	lead := Compute(got.Map()).Totals.LeadHours
	if !got.Date.Equal(end) || got.Source != "events: log.csv" || len(got.Stages) != 5 || !near(lead, 47) {
		t.Errorf("measurement %s %q, %d stages, lead %v h; want 2026-03-06, the log, 5 stages, 47 h",
			got.Date.Format(DateLayout), got.Source, len(got.Stages), lead)
	}
	if got.Calendar != m.Calendar {
		t.Errorf("the measurement's calendar %+v is not the map's %+v", got.Calendar, m.Calendar)
	}
}

func TestMergeMeasuredRefusesABadMeasurement(t *testing.T) {
	m := mergeBase()
	before := m.Clone()
	measured := NewMap("log")
	measured.Stages = []Stage{{Name: "Dev", ProcessHours: 5, WaitHours: -1, CompleteAccurate: 1, People: 1}}
	measured.Measurements = []Measurement{{Date: time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC), Source: "x"}}
	err := m.MergeMeasured(measured)
	if err == nil || !strings.Contains(err.Error(), "measurement of 2026-03-06") {
		t.Errorf("error %v, want one naming the measurement", err)
	}
	if !reflect.DeepEqual(m, before) {
		t.Error("a refused merge changed the map")
	}
}
