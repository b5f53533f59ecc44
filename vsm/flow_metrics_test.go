package vsm

import (
	"fmt"
	"reflect"
	"testing"
)

// lineMap is stages named by letters, each {wait, process, CA}, one person
// each, with IDs "s1", "s2", ... in order.
func lineMap(stages ...[3]float64) *Map {
	m := NewMap("line")
	for i, v := range stages {
		s := NewStage(string(rune('A' + i)))
		s.ID = fmt.Sprintf("s%d", i+1)
		s.WaitHours, s.ProcessHours, s.CompleteAccurate = v[0], v[1], v[2]
		m.Stages = append(m.Stages, s)
	}
	return m
}

// edge adds rework from stage from to stage to (0-based) with probability p.
func edge(m *Map, from, to int, p float64) {
	m.Stages[from].Rework = append(m.Stages[from].Rework, Rework{To: m.Stages[to].ID, Probability: p})
}

// lanes puts stages into branch b: lanes[k] is the lane of stage first+k.
func lanes(m *Map, b string, first int, lane ...int) {
	for k, l := range lane {
		m.Stages[first+k].Branch, m.Stages[first+k].Lane = b, l
	}
}

func TestComputeFlowArrivals(t *testing.T) {
	one := [3]float64{0, 1, 1}
	tests := []struct {
		name   string
		m      func() *Map
		visits []float64 // expected passes per item (arrivals / CA)
		rework float64
	}{
		{
			// The brief's example: A -> B -> C, C -> A at 20%, B's CA 90%.
			// The edge spans A..C: a = 1 + r, r = 0.2 a -> a = 1.25 for all.
			// Visits: A 1.25, B 1.25 / 0.9 = 1.38889, C 1.25.
			// Rework lead (LT: A 2, B 8, C 4) = 1.25 x 2 + 1.25 x 8 / 0.9 + 1.25 x 4
			//   = 2.5 + 11.11111 + 5 = 18.61111.
			name: "loop over three stages",
			m: func() *Map {
				m := lineMap([3]float64{0, 2, 1}, [3]float64{4, 4, 0.9}, [3]float64{2, 2, 1})
				edge(m, 2, 0, 0.2)
				return m
			},
			visits: []float64{1.25, 1.25 / 0.9, 1.25},
			rework: 2.5 + 1.25*8/0.9 + 5,
		},
		{
			// Nested: D -> A 10% around C -> B 50%.
			// a_A = a_D = 1 + r1, a_B = a_C = 1 + r1 + r2; r1 = 0.1 a_D, r2 = 0.5 a_C.
			// r1 = 0.1 (1 + r1) -> r1 = 1/9, a_A = a_D = 10/9;
			// r2 = 0.5 (10/9 + r2) -> r2 = 10/9, a_B = a_C = 20/9.
			// (Each of A's 10/9 arrivals enters the inner loop, which doubles it.)
			name: "nested loops",
			m: func() *Map {
				m := lineMap(one, one, one, one)
				edge(m, 3, 0, 0.1)
				edge(m, 2, 1, 0.5)
				return m
			},
			visits: []float64{10.0 / 9, 20.0 / 9, 20.0 / 9, 10.0 / 9},
			rework: 10.0/9 + 20.0/9 + 20.0/9 + 10.0/9,
		},
		{
			// Overlapping: C -> A 20%, D -> B 25%.
			// a_A = 1 + r1, a_B = a_C = 1 + r1 + r2, a_D = 1 + r2;
			// r2 = 0.25 (1 + r2) -> r2 = 1/3, a_D = 4/3;
			// r1 = 0.2 (1 + r1 + 1/3) -> 0.8 r1 = 4/15 -> r1 = 1/3;
			// a_A = 4/3, a_B = a_C = 5/3.
			name: "overlapping loops",
			m: func() *Map {
				m := lineMap(one, one, one, one)
				edge(m, 2, 0, 0.2)
				edge(m, 3, 1, 0.25)
				return m
			},
			visits: []float64{4.0 / 3, 5.0 / 3, 5.0 / 3, 4.0 / 3},
			rework: 4.0/3 + 5.0/3 + 5.0/3 + 4.0/3,
		},
		{
			// Two edges out of C (20% to A, 50% to B): C goes on 30% of the
			// time, so a_C = 1 / 0.3 = 10/3; a_A = 1 + 0.2 x 10/3 = 5/3;
			// a_B = 1 + (0.2 + 0.5) x 10/3 = 10/3. With C's CA 50% its visits
			// are 10/3 / 0.5 = 20/3.
			name: "two edges from one stage, with %C&A",
			m: func() *Map {
				m := lineMap(one, one, [3]float64{0, 1, 0.5})
				edge(m, 2, 0, 0.2)
				edge(m, 2, 1, 0.5)
				return m
			},
			visits: []float64{5.0 / 3, 10.0 / 3, 20.0 / 3},
			rework: 5.0/3 + 10.0/3 + 20.0/3,
		},
		{
			// A self-loop at 50% doubles the arrivals: a = 1 + r, r = 0.5 a -> 2.
			name: "self loop",
			m: func() *Map {
				m := lineMap(one, one)
				edge(m, 1, 1, 0.5)
				return m
			},
			visits: []float64{1, 2},
			rework: 3,
		},
		{
			// Code, Build, [Test | Security], Deploy; Test -> Code 20%; Code's CA 90%
			// (flowMap). LT: Code 24, Build 2, Test 12, Security 26, Deploy 5.
			// A full pass of the branch ends with Test's finding 20% of the time:
			// r = 0.2 A_branch, A = 1 + r for Code, Build and the branch -> 1.25.
			// Arrivals: Code, Build, Test, Security 1.25; Deploy 1.
			// Rework lead = 1.25 x 24 / 0.9 + 1.25 x 2 + 1.25 x max(12, 26) + 5
			//   = 33.33333 + 2.5 + 32.5 + 5 = 73.33333.
			name:   "loop out of a lane",
			m:      flowMap,
			visits: []float64{1.25 / 0.9, 1.25, 1.25, 1.25, 1},
			rework: 1.25*24/0.9 + 2.5 + 32.5 + 5,
		},
		{
			// flowMap and Deploy -> Test 10% (into the lane: only Test runs again).
			// A_Deploy = 1 + r2, r2 = 0.1 A_Deploy -> r2 = 1/9, A_Deploy = 10/9.
			// Partial entries at Test: 1/9; full entries F = A_branch - 1/9 = 1 + r1.
			// r1 = 0.2 F + 0.2 x 1/9 (a partial pass of Test finds rework 20% too)
			//    -> 0.8 r1 = 0.2 + 0.2/9 = 2/9 -> r1 = 5/18.
			// Arrivals: Code = Build = Security = 1 + 5/18 = 23/18;
			// Test = 23/18 + 1/9 = 25/18; Deploy = 10/9.
			// Rework lead = 23/18 x 24/0.9 + 23/18 x 2 + 23/18 x 26 + 1/9 x 12 + 10/9 x 5
			//   = 34.07407 + 2.55556 + 33.22222 + 1.33333 + 5.55556 = 76.74074.
			name: "loop into a lane",
			m: func() *Map {
				m := flowMap()
				m.Stages[4].Rework = []Rework{{To: "s3", Probability: 0.1}}
				return m
			},
			visits: []float64{23.0 / 18 / 0.9, 23.0 / 18, 25.0 / 18, 23.0 / 18, 10.0 / 9},
			rework: 23.0/18*24/0.9 + 23.0/18*2 + 23.0/18*26 + 12.0/9 + 50.0/9,
		},
		{
			// A, B, [X | Y], Z with X -> A 20% and Y -> B 50%; every LT 1.
			// A full pass ends: A first 0.2 (X's finding); B first
			// 0.8 x 1 - 0.8 x 0.5 = 0.4; done 0.8 x 0.5 = 0.4.
			// r1 = 0.2 A_br, r2 = 0.4 A_br, A_br = 1 + r1 + r2 -> A_br = 1 / 0.4 = 2.5;
			// A = 1 + r1 = 1.5; B = X = Y = 2.5; Z = 1.
			// Rework lead = 1.5 + 2.5 + 2.5 x max(1, 1) + 1 = 7.5.
			name: "findings of two lanes",
			m: func() *Map {
				m := lineMap(one, one, one, one, one)
				lanes(m, "b", 2, 1, 2)
				edge(m, 2, 0, 0.2)
				edge(m, 3, 1, 0.5)
				return m
			},
			visits: []float64{1.5, 2.5, 2.5, 2.5, 1},
			rework: 7.5,
		},
		{
			// A, [X1 X2 | Y], Z; X2 -> X1 50% inside lane 1. LT: X1 2, X2 2, Y 5, A = Z = 1.
			// Lane 1: a = 1 + r, r = 0.5 a -> a = 2 for X1 and X2; its expected
			// pass 2 x 2 + 2 x 2 = 8 beats Y's 5, although Y is the longer lane
			// on paper (5 > 4). Rework lead = 1 + 8 + 1 = 10.
			name: "loop inside a lane",
			m: func() *Map {
				m := lineMap(one, [3]float64{0, 2, 1}, [3]float64{1, 1, 1}, [3]float64{2, 3, 1}, one)
				lanes(m, "b", 1, 1, 1, 2)
				edge(m, 2, 1, 0.5)
				return m
			},
			visits: []float64{1, 2, 2, 1, 1},
			rework: 10,
		},
	}
	for _, tt := range tests {
		m := tt.m()
		if err := m.Validate(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		x := Compute(m)
		for i, want := range tt.visits {
			if got := x.Stages[i].Visits; !near(got, want) {
				t.Errorf("%s: visits of %s = %.6f, want %.6f", tt.name, m.Stages[i].Name, got, want)
			}
		}
		if got := x.Totals.ReworkAdjustedLeadHours; !near(got, tt.rework) {
			t.Errorf("%s: rework-adjusted lead = %.6f, want %.6f", tt.name, got, tt.rework)
		}
	}
}

func TestComputeFlowTotals(t *testing.T) {
	x := Compute(flowMap())
	// Critical path: Code, Build, Security (26 > Test's 12), Deploy.
	// lead = 24 + 2 + 26 + 5 = 57; process = 8 + 1 + 2 + 1 = 12; wait = 16 + 1 + 24 + 4 = 45.
	// Rolled CA = 0.9 (Code) x (1 - 0.2) (Test's edge) = 0.72.
	// Capacity = people x 8 / (visits x PT): Code 8 / (1.25/0.9 x 8) = 0.72,
	// Build 8 / 1.25 = 6.4, Test 8 / 5 = 1.6, Security 8 / 2.5 = 3.2, Deploy 8.
	tot := x.Totals
	if !reflect.DeepEqual(x.CriticalPath, []int{0, 1, 3, 4}) {
		t.Errorf("critical path = %v, want [0 1 3 4]", x.CriticalPath)
	}
	if !near(tot.LeadHours, 57) || !near(tot.ProcessHours, 12) || !near(tot.WaitHours, 45) || !nearPtr(tot.FlowEfficiency, f(12.0/57)) {
		t.Errorf("totals = %+v (flow efficiency %s), want lead 57, process 12, wait 45, flow efficiency 12/57", tot, show(tot.FlowEfficiency))
	}
	if !near(tot.RolledCompleteAccurate, 0.72) {
		t.Errorf("rolled CA = %v, want 0.72", tot.RolledCompleteAccurate)
	}
	for i, want := range []float64{0.72, 6.4, 1.6, 3.2, 8} {
		if got := x.Stages[i].CapacityPerDay; !nearPtr(got, f(want)) {
			t.Errorf("capacity of %s = %s, want %v", x.Stages[i].Name, show(got), want)
		}
	}
	if x.Constraint == nil || x.Constraint.Index != 0 || !nearPtr(tot.CapacityPerDay, f(0.72)) {
		t.Errorf("constraint = %+v, capacity %s; want Code, 0.72", x.Constraint, show(tot.CapacityPerDay))
	}
	for i, want := range []bool{true, true, false, true, true} {
		if x.Stages[i].OnCriticalPath != want {
			t.Errorf("%s on the critical path = %v, want %v", x.Stages[i].Name, x.Stages[i].OnCriticalPath, want)
		}
	}

	// Ties go to the lane that starts first: Security's LT made 12 like Test's.
	m := flowMap()
	m.Stages[3].WaitHours = 10
	if got := Compute(m).CriticalPath; !reflect.DeepEqual(got, []int{0, 1, 2, 4}) {
		t.Errorf("tied lanes: critical path %v, want Test's lane [0 1 2 4]", got)
	}
}

// A map without edges and branches gives exactly the straight line's figures,
// and so does a one-lane branch (a plain sequence).
func TestComputeFlowStraightLineUnchanged(t *testing.T) {
	plain := ExampleMap()
	want := Compute(plain)
	for i := range want.Stages {
		if want.Stages[i].Visits != 1/plain.Stages[i].CompleteAccurate || !want.Stages[i].OnCriticalPath {
			t.Fatalf("stage %d: visits %v, critical %v", i, want.Stages[i].Visits, want.Stages[i].OnCriticalPath)
		}
	}
	oneLane := ExampleMap()
	for i := 2; i < 5; i++ {
		oneLane.Stages[i].Branch, oneLane.Stages[i].Lane = "b1", 1
		oneLane.Stages[i].ID = fmt.Sprintf("s%d", i)
	}
	if err := oneLane.Validate(); err != nil {
		t.Fatal(err)
	}
	got := Compute(oneLane)
	if !near(got.Totals.LeadHours, want.Totals.LeadHours) || !near(got.Totals.ReworkAdjustedLeadHours, want.Totals.ReworkAdjustedLeadHours) ||
		!near(got.Totals.RolledCompleteAccurate, want.Totals.RolledCompleteAccurate) || !nearPtr(got.Totals.CapacityPerDay, want.Totals.CapacityPerDay) {
		t.Errorf("a one-lane branch changed the totals:\n got %+v\nwant %+v", got.Totals, want.Totals)
	}
}
