package importui

import (
	"testing"

	"flowmap/vsm"
)

func stage(name string, wait, process float64) vsm.Stage {
	s := vsm.NewStage(name)
	s.WaitHours, s.ProcessHours = wait, process
	return s
}

func names(stages []vsm.Stage) []string {
	out := make([]string, len(stages))
	for i, s := range stages {
		out[i] = s.Name
	}
	return out
}

func TestFieldSetApply(t *testing.T) {
	q := 3.0
	tests := []struct {
		name      string
		fed       fieldSet
		dst, src  vsm.Stage
		wantWait  float64
		wantPT    float64
		wantTeam  string
		wantQueue *float64
	}{
		// Wait and process columns: both taken as they are.
		{"wait and process", fieldSet{vsm.WaitColumn: true, vsm.ProcessColumn: true}, stage("A", 5, 2), stage("A", 7, 3), 7, 3, "", nil},
		// Lead time alone: the reader puts LT 10 h into wait; the map keeps
		// its PT 2 h, so WT = 10 - 2 = 8 h and LT stays 10 h.
		{"lead only", fieldSet{vsm.LeadColumn: true}, stage("A", 5, 2), stage("A", 10, 0), 8, 2, "", nil},
		// LT 1 h below the map's PT 2 h: the wait cannot go below 0.
		{"lead below process", fieldSet{vsm.LeadColumn: true}, stage("A", 5, 2), stage("A", 1, 0), 0, 2, "", nil},
		// Lead and process: the reader already split LT into WT + PT.
		{"lead and process", fieldSet{vsm.LeadColumn: true, vsm.ProcessColumn: true}, stage("A", 5, 2), stage("A", 6, 4), 6, 4, "", nil},
		// No duration column: durations stay; team and queue come over.
		{"team and queue", fieldSet{vsm.TeamColumn: true, vsm.QueueColumn: true}, stage("A", 5, 2), func() vsm.Stage {
			s := stage("A", 9, 9)
			s.Team, s.Queue = "Ops", &q
			return s
		}(), 5, 2, "Ops", &q},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.dst.Clone()
			tt.fed.apply(&got, tt.src)
			if got.WaitHours != tt.wantWait || got.ProcessHours != tt.wantPT || got.Team != tt.wantTeam || !sameQueue(got.Queue, tt.wantQueue) {
				t.Errorf("apply = wait %v PT %v team %q queue %v, want %v %v %q %v",
					got.WaitHours, got.ProcessHours, got.Team, got.Queue, tt.wantWait, tt.wantPT, tt.wantTeam, tt.wantQueue)
			}
			if tt.src.Queue != nil && got.Queue == tt.src.Queue {
				t.Error("the queue pointer is shared with the sheet's stage")
			}
		})
	}
}

func TestMergeStagesOrder(t *testing.T) {
	fed := fieldSet{vsm.WaitColumn: true}
	tests := []struct {
		name     string
		cur, in  []string
		remove   bool
		want     []string
		wantDiff [3]int // changed, added, only in map
	}{
		{"new stage after the one it follows", []string{"A", "B", "C"}, []string{"A", "X", "B"}, false, []string{"A", "X", "B", "C"}, [3]int{2, 1, 1}},
		{"new first stage", []string{"A", "B"}, []string{"X", "A"}, false, []string{"X", "A", "B"}, [3]int{1, 1, 1}},
		{"remove the rest: the sheet's order", []string{"A", "B", "C"}, []string{"C", "A"}, true, []string{"C", "A"}, [3]int{2, 0, 1}},
		{"a name twice in the sheet", []string{"A"}, []string{"A", "A"}, false, []string{"A", "A"}, [3]int{1, 1, 0}},
		{"matched ignoring case", []string{"Code review"}, []string{" code REVIEW "}, false, []string{"Code review"}, [3]int{1, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := vsm.NewMap("m")
			for _, n := range tt.cur {
				cur.Stages = append(cur.Stages, stage(n, 1, 1))
			}
			var in []vsm.Stage
			for _, n := range tt.in {
				in = append(in, stage(n, 2, 1)) // every wait changes from 1 h to 2 h
			}
			got := mergeStages(cur, in, fed, tt.remove)
			mustEqual(t, "stages", names(got.Stages), tt.want)
			d := diffStages(cur, in, fed, vsm.DefaultCalendar())
			mustEqual(t, "changed, added, only in map", [3]int{len(d.Changed), len(d.Added), len(d.OnlyInMap)}, tt.wantDiff)
			if len(cur.Stages) != len(tt.cur) || cur.Stages[0].WaitHours != 1 {
				t.Error("merge changed the map it was given")
			}
		})
	}
}

func TestStageChangesWritesOldAndNew(t *testing.T) {
	cal := vsm.DefaultCalendar()
	a := stage("Test", 16, 4)
	a.Waste = []vsm.Waste{vsm.WasteManualTesting}
	b := a.Clone()
	b.WaitHours = 4 + 1e-9 // float noise on the process time below is no change
	b.ProcessHours = 4 + 1e-9
	b.People = 2
	b.Waste = nil
	b.Notes = "Manual regression suite takes two days"
	got := stageChanges(a, b, cal)
	want := []fieldChange{
		{"wait", "2d", "4h"},
		{"people", "1", "2"},
		{"waste", "manual-testing", "—"},
		{"notes", "—", "Manual regression suite takes two days"},
	}
	mustEqual(t, "changes", got, want)
}
