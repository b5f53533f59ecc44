package vsm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func kzFutureMap(t *testing.T) *Map {
	t.Helper()
	m := kzMap()
	for _, k := range []Kaizen{
		{Title: "Automate regression", Stage: "Test", Effect: Effect{WaitHours: kzF(4), ProcessHours: kzF(2)}}, // k1
		{Title: "Second tester", Stage: "Test", Effect: Effect{People: kzF(2)}},                                // k2
		{Title: "Weekly planning", Stage: "Test", Effect: Effect{WaitHours: kzF(16)}},                          // k3
		{Title: "Typo", Stage: "Tset", Effect: Effect{WaitHours: kzF(1)}},                                      // k4
	} {
		if _, err := m.AddKaizen(k); err != nil {
			t.Fatal(err)
		}
	}
	m.DemandPerDay = kzF(0.5)
	return m
}

func TestFutureState(t *testing.T) {
	m := kzFutureMap(t)
	orig := m.Clone()
	f, err := FutureState(m, []string{"k1", "k2"})
	if err != nil {
		t.Fatal(err)
	}
	// Two kaizens on Test compose field by field: wait 4, process 2 (k1), people 2 (k2).
	want := &Map{Name: "Feature delivery (future state)",
		Description: "Current state with the expected effects of: Automate regression; Second tester",
		Calendar:    m.Calendar, DemandPerDay: kzF(0.5),
		Stages: []Stage{
			m.Stages[0],
			{Name: "Test", Team: "QA", WaitHours: 4, ProcessHours: 2, CompleteAccurate: 0.5, People: 2},
			m.Stages[2],
		}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("FutureState =\n%+v\nwant\n%+v", f, want)
	}
	if !reflect.DeepEqual(m, orig) {
		t.Errorf("FutureState changed the current map")
	}
	f.Stages[0].WaitHours = 1
	*f.DemandPerDay = 9
	if m.Stages[0].WaitHours != 16 || *m.DemandPerDay != 0.5 {
		t.Errorf("the future state shares memory with the current map")
	}

	// The same field set twice: the later kaizen wins.
	for _, tt := range []struct {
		ids  []string
		wait float64
	}{{[]string{"k1", "k3"}, 16}, {[]string{"k3", "k1"}, 4}} {
		f, err := FutureState(m, tt.ids)
		if err != nil || f.Stages[1].WaitHours != tt.wait {
			t.Errorf("FutureState(%v): Test wait %v, %v; want %v", tt.ids, f.Stages[1].WaitHours, err, tt.wait)
		}
	}

	if f, err := FutureState(m, nil); err != nil || !reflect.DeepEqual(f.Stages, m.Stages) || f.Description != "A copy of the current state" {
		t.Errorf("FutureState without kaizens = %+v, %v", f, err)
	}
	if _, err := FutureState(m, []string{"k1", "k9"}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `"k9"`) {
		t.Errorf("unknown kaizen: %v", err)
	}
	if _, err := FutureState(m, []string{"k4"}); !errors.Is(err, ErrUnknownStage) || !strings.Contains(err.Error(), `"Tset"`) {
		t.Errorf("unknown stage: %v", err)
	}
}

func TestCompare(t *testing.T) {
	m := kzFutureMap(t)
	f, err := FutureState(m, []string{"k1", "k2"})
	if err != nil {
		t.Fatal(err)
	}
	c := Compare(m, f)
	// Current (kzMap): lead 80, process 24, wait 56, fe 0.3, rca 0.4, rework 126, capacity 0.5.
	// Future, Test WT 4 PT 2 people 2: LT 6
	//   lead 24+6+16 = 46, process 8+2+8 = 18, wait 16+4+8 = 28, fe 18/46,
	//   rca 0.4, rework 30 + 6/0.5 + 16 = 58,
	//   capacity Test 2x8x0.5/2 = 4, min(1.6, 4, 1) = 1 (Deploy).
	type row struct {
		metric         string
		before, after  float64
		change         float64
		higher, better bool
	}
	want := []row{
		{"lead_hours", 80, 46, -34, false, true},
		{"process_hours", 24, 18, -6, false, true},
		{"wait_hours", 56, 28, -28, false, true},
		{"flow_efficiency", 0.3, 18.0 / 46, 18.0/46 - 0.3, true, true},
		{"rolled_complete_accurate", 0.4, 0.4, 0, true, false},
		{"rework_adjusted_lead_hours", 126, 58, -68, false, true},
		{"capacity_per_day", 0.5, 1, 0.5, true, true},
	}
	if len(c.Rows) != len(want) {
		t.Fatalf("Compare has %d rows, want %d", len(c.Rows), len(want))
	}
	for i, w := range want {
		r := c.Rows[i]
		if r.Metric != w.metric || r.Label == "" || r.Unit == "" || !kzNear(*r.Before, w.before) || !kzNear(*r.After, w.after) ||
			!kzNear(*r.Change, w.change) || r.HigherIsBetter != w.higher || r.Improved() != w.better {
			t.Errorf("row %d = %s %v -> %v (%v) higher %v improved %v; want %+v", i, r.Metric, *r.Before, *r.After, *r.Change,
				r.HigherIsBetter, r.Improved(), w)
		}
	}
	kzCheckDelta(t, "Compare delta", c.Delta, TotalsDelta{LeadHours: -34, ProcessHours: -6, WaitHours: -28,
		FlowEfficiency: kzF(18.0/46 - 0.3), ReworkAdjustedLeadHours: -68, CapacityPerDay: kzF(0.5)})
	if c.Current.Constraint == nil || c.Current.Constraint.Name != "Test" || c.Future.Constraint == nil || c.Future.Constraint.Name != "Deploy" {
		t.Errorf("constraints %+v -> %+v, want Test -> Deploy", c.Current.Constraint, c.Future.Constraint)
	}

	// An empty current map: flow efficiency and capacity are undefined before,
	// so their change is nil, and nil is never an improvement.
	empty := NewMap("empty")
	c = Compare(empty, m)
	if fe := c.Rows[3]; fe.Before != nil || fe.After == nil || fe.Change != nil || fe.Improved() {
		t.Errorf("flow efficiency row from an empty map = %+v", fe)
	}
}
