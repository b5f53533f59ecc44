package vsm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// layout writes a map's flow compactly: "Code Build [Test | Security] Deploy",
// lanes of several stages as "[Q1 Q2 | S]", and edges as "Test>Code".
func layout(m *Map) string {
	var parts []string
	for _, seg := range m.Segments() {
		if !seg.IsBranch() {
			parts = append(parts, m.Stages[seg.Stage].Name)
			continue
		}
		var ls []string
		for _, lane := range seg.Lanes {
			var names []string
			for _, i := range lane {
				names = append(names, m.Stages[i].Name)
			}
			ls = append(ls, strings.Join(names, " "))
		}
		parts = append(parts, "["+strings.Join(ls, " | ")+"]")
	}
	for _, s := range m.Stages {
		for _, e := range s.Rework {
			parts = append(parts, s.Name+">"+m.Stages[m.StageByID(e.To)].Name)
		}
	}
	return strings.Join(parts, " ")
}

func TestFlowEditing(t *testing.T) {
	tests := []struct {
		name string
		edit func(m *Map) error
		want string // layout after, or the error
	}{
		{"as built", func(*Map) error { return nil }, "Code Build [Test | Security] Deploy Test>Code"},
		{"insert inside a lane joins it", func(m *Map) error { return m.InsertStage(3, NewStage("Perf")) },
			"Code Build [Test Perf | Security] Deploy Test>Code"},
		{"insert after the branch is main line", func(m *Map) error {
			s := NewStage("Docs")
			s.Branch, s.Lane = "b1", 2 // where it stands decides
			return m.InsertStage(4, s)
		}, "Code Build [Test | Security] Docs Deploy Test>Code"},
		{"insert drops a taken ID", func(m *Map) error {
			s := NewStage("Copy")
			s.ID = "s1"
			if err := m.InsertStage(0, s); err != nil {
				return err
			}
			if m.Stages[0].ID != "" {
				return errors.New("kept a taken ID")
			}
			return nil
		}, "Copy Code Build [Test | Security] Deploy Test>Code"},
		{"insert with an edge forward is refused", func(m *Map) error {
			s := NewStage("Plan")
			s.Rework = []Rework{{To: "s5", Probability: 0.1}}
			return m.InsertStage(0, s)
		}, `inserting stage Plan: stage 1 "Plan": rework 1: "s5" points forward to stage 6 "Deploy": rework goes back to this stage or an earlier one`},
		{"remove the target drops the edge", func(m *Map) error { _, err := m.RemoveStage(0); return err },
			"Build [Test | Security] Deploy"},
		{"remove a lane dissolves the branch", func(m *Map) error { _, err := m.RemoveStage(3); return err },
			"Code Build Test Deploy Test>Code"},
		{"move keeps edges", func(m *Map) error { return m.MoveStage(4, 0) },
			"Deploy Code Build [Test | Security] Test>Code"},
		{"move within the branch keeps the lane", func(m *Map) error { return m.MoveStage(3, 2) },
			"Code Build [Security | Test] Deploy Test>Code"},
		{"move out of the branch", func(m *Map) error { return m.MoveStage(3, 1) },
			"Code Security Build Test Deploy Test>Code"},
		{"move into a branch joins the lane before", func(m *Map) error {
			if err := m.InsertStage(3, NewStage("Perf")); err != nil { // [Test Perf | Security]
				return err
			}
			return m.MoveStage(1, 3) // Build lands between Perf and Security
		}, "Code [Test Perf Build | Security] Deploy Test>Code"},
		{"move that turns an edge forward is refused", func(m *Map) error { return m.MoveStage(0, 4) },
			`moving stage Code: stage 2 "Test": rework 1: "s1" points forward to stage 5 "Code": rework goes back to this stage or an earlier one`},
		{"run beside a main-line stage makes a branch", func(m *Map) error { return m.RunBeside(4, 1) },
			"Code [Build | Deploy] [Test | Security] Test>Code"},
		{"run beside adds a lane", func(m *Map) error { return m.RunBeside(4, 2) },
			"Code Build [Test | Security | Deploy] Test>Code"},
		{"run beside itself", func(m *Map) error { return m.RunBeside(1, 1) },
			"running stage Build beside Build: a stage cannot run beside itself: invalid value"},
		{"to main line", func(m *Map) error { return m.ToMainLine(2) }, "Code Build Security Test Deploy Test>Code"},
		{"set rework gives IDs", func(m *Map) error {
			m.Stages[1].ID = ""
			return m.SetRework(4, 1, 0.1)
		}, "Code Build [Test | Security] Deploy Test>Code Deploy>Build"},
		{"set rework replaces", func(m *Map) error { return m.SetRework(2, 0, 0.3) }, "Code Build [Test | Security] Deploy Test>Code"},
		{"set rework 0 removes", func(m *Map) error { return m.SetRework(2, 0, 0) }, "Code Build [Test | Security] Deploy"},
		{"set rework across lanes is refused", func(m *Map) error { return m.SetRework(3, 2, 0.1) },
			`rework from Security back to Test: stage 4 "Security": rework 1: "s3" goes to stage 3 "Test", which runs beside this stage in another lane of the branch: rework goes back along the item's own path`},
		{"set rework of 100% is refused", func(m *Map) error { return m.SetRework(2, 1, 0.8) },
			`rework from Test back to Build: stage 3 "Test": rework: "100%" adds up to 100% or more: some items must go on to the next stage`},
		{"index out of range", func(m *Map) error { return m.MoveStage(7, 0) },
			`moving a stage: stage 8 is not on map "flow", which has 5 stages: invalid value`},
	}
	for _, tt := range tests {
		m := flowMap()
		before := m.Clone()
		err := tt.edit(m)
		if err != nil {
			if err.Error() != tt.want || !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: error %v, want %q (wrapping ErrInvalid)", tt.name, err, tt.want)
			}
			if !reflect.DeepEqual(m, before) {
				t.Errorf("%s: a refused edit changed the map", tt.name)
			}
			continue
		}
		if got := layout(m); got != tt.want {
			t.Errorf("%s: %s\nwant %s", tt.name, got, tt.want)
		}
		if err := m.Validate(); err != nil {
			t.Errorf("%s: the edited map is invalid: %v", tt.name, err)
		}
	}
}

func TestSetReworkProbabilityShown(t *testing.T) {
	m := flowMap()
	if err := m.SetRework(2, 0, 0.3); err != nil {
		t.Fatal(err)
	}
	if got := m.Stages[2].Rework; !reflect.DeepEqual(got, []Rework{{To: "s1", Probability: 0.3}}) {
		t.Errorf("edges = %+v, want one to s1 at 0.3", got)
	}
}
