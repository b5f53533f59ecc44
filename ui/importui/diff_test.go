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

func TestMergeStagesOrder(t *testing.T) {
	fed := vsm.FieldsOf(vsm.WaitField)
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
			got := cur.Clone()
			got.MergeStages(in, fed, tt.remove)
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
