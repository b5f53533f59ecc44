package vsm

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"
)

func f(v float64) *float64 { return &v }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func nearPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return near(*a, *b)
}

func show(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

// threeStages is the map the hand arithmetic below is worked on.
//
//	stage  wait  PT  CA   people
//	A       0    2   1    1
//	B      16    4   0.8  2
//	C       8    4   0.5  1
func threeStages(demand *float64) *Map {
	m := NewMap("hand")
	m.DemandPerDay = demand
	m.Stages = []Stage{
		{Name: "A", ProcessHours: 2, CompleteAccurate: 1, People: 1},
		{Name: "B", WaitHours: 16, ProcessHours: 4, CompleteAccurate: 0.8, People: 2},
		{Name: "C", WaitHours: 8, ProcessHours: 4, CompleteAccurate: 0.5, People: 1},
	}
	return m
}

func TestComputeTotals(t *testing.T) {
	type want struct {
		process, wait, lead, rolled, rework float64
		flow, capacity, takt                *float64
		constraint, biggest                 int // -1 for none
		overloaded                          []int
	}
	tests := []struct {
		name string
		m    *Map
		want want
	}{
		{
			// lead = 2 + 20 + 12 = 34; process = 2 + 4 + 4 = 10; wait = 0 + 16 + 8 = 24
			// flow efficiency = 10 / 34; rolled CA = 1 x 0.8 x 0.5 = 0.4
			// rework-adjusted = 2/1 + 20/0.8 + 12/0.5 = 2 + 25 + 24 = 51
			// capacity: A = 1x8x1/2 = 4, B = 2x8x0.8/4 = 3.2, C = 1x8x0.5/4 = 1 -> C, 1/day
			// biggest wait: B (16 h)
			name: "three stages, no demand",
			m:    threeStages(nil),
			want: want{process: 10, wait: 24, lead: 34, rolled: 0.4, rework: 51,
				flow: f(10.0 / 34), capacity: f(1), constraint: 2, biggest: 1},
		},
		{
			// takt = 8 / 2 = 4 h; utilization A = 2/4 = 0.5, B = 2/3.2 = 0.625, C = 2/1 = 2 -> C overloaded
			name: "three stages, demand 2 a day",
			m:    threeStages(f(2)),
			want: want{process: 10, wait: 24, lead: 34, rolled: 0.4, rework: 51,
				flow: f(10.0 / 34), capacity: f(1), takt: f(4), constraint: 2, biggest: 1, overloaded: []int{2}},
		},
		{
			name: "no stages",
			m:    NewMap("empty"),
			want: want{rolled: 1, constraint: -1, biggest: -1},
		},
		{
			// every PT is 0: no capacity, no constraint, flow efficiency 0/8 = 0
			name: "only waits",
			m: &Map{Name: "waits", Calendar: DefaultCalendar(), Stages: []Stage{
				{Name: "X", WaitHours: 3, CompleteAccurate: 1, People: 1},
				{Name: "Y", WaitHours: 5, CompleteAccurate: 1, People: 1},
			}},
			want: want{wait: 8, lead: 8, rolled: 1, rework: 8, flow: f(0), constraint: -1, biggest: 1},
		},
		{
			// capacity P = 1x8x1/4 = 2, Q = 2x8x1/8 = 2: a tie goes to the earlier, P.
			// waits 5 and 5 tie too: P. lead = 9 + 13 = 22, process 12, wait 10.
			name: "ties go to the earliest stage",
			m: &Map{Name: "ties", Calendar: DefaultCalendar(), Stages: []Stage{
				{Name: "P", WaitHours: 5, ProcessHours: 4, CompleteAccurate: 1, People: 1},
				{Name: "Q", WaitHours: 5, ProcessHours: 8, CompleteAccurate: 1, People: 2},
			}},
			want: want{process: 12, wait: 10, lead: 22, rolled: 1, rework: 22,
				flow: f(12.0 / 22), capacity: f(2), constraint: 0, biggest: 0},
		},
		{
			// all zero: lead 0 -> flow efficiency undefined; no wait -> no biggest wait
			name: "zero lead time",
			m: &Map{Name: "zero", Calendar: DefaultCalendar(), Stages: []Stage{
				{Name: "Z", CompleteAccurate: 1, People: 1},
			}},
			want: want{rolled: 1, constraint: -1, biggest: -1},
		},
		{
			// a 6-hour day: capacity = 1 x 6 x 1 / 3 = 2; takt = 6 / 3 = 2 h; utilization 3/2 = 1.5
			name: "calendar hours per day drive capacity and takt",
			m: &Map{Name: "short days", Calendar: Calendar{HoursPerDay: 6, DaysPerWeek: 4}, DemandPerDay: f(3),
				Stages: []Stage{{Name: "S", ProcessHours: 3, CompleteAccurate: 1, People: 1}}},
			want: want{process: 3, lead: 3, rolled: 1, rework: 3, flow: f(1), capacity: f(2), takt: f(2),
				constraint: 0, biggest: -1, overloaded: []int{0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Compute(tt.m)
			tot, w := x.Totals, tt.want
			if !near(tot.ProcessHours, w.process) || !near(tot.WaitHours, w.wait) || !near(tot.LeadHours, w.lead) {
				t.Errorf("process, wait, lead = %v, %v, %v; want %v, %v, %v",
					tot.ProcessHours, tot.WaitHours, tot.LeadHours, w.process, w.wait, w.lead)
			}
			if !near(tot.RolledCompleteAccurate, w.rolled) {
				t.Errorf("rolled CA = %v, want %v", tot.RolledCompleteAccurate, w.rolled)
			}
			if !near(tot.ReworkAdjustedLeadHours, w.rework) {
				t.Errorf("rework-adjusted lead = %v, want %v", tot.ReworkAdjustedLeadHours, w.rework)
			}
			if !nearPtr(tot.FlowEfficiency, w.flow) {
				t.Errorf("flow efficiency = %s, want %s", show(tot.FlowEfficiency), show(w.flow))
			}
			if !nearPtr(tot.CapacityPerDay, w.capacity) {
				t.Errorf("capacity = %s, want %s", show(tot.CapacityPerDay), show(w.capacity))
			}
			if !nearPtr(x.TaktHours, w.takt) {
				t.Errorf("takt = %s, want %s", show(x.TaktHours), show(w.takt))
			}
			if got := bottleneckIndex(x.Constraint); got != w.constraint {
				t.Errorf("constraint = %d, want %d", got, w.constraint)
			}
			if got := bottleneckIndex(x.BiggestWait); got != w.biggest {
				t.Errorf("biggest wait = %d, want %d", got, w.biggest)
			}
			if !reflect.DeepEqual(x.Overloaded, w.overloaded) {
				t.Errorf("overloaded = %v, want %v", x.Overloaded, w.overloaded)
			}
		})
	}
}

func bottleneckIndex(b *Bottleneck) int {
	if b == nil {
		return -1
	}
	return b.Index
}

func TestComputeStages(t *testing.T) {
	x := Compute(threeStages(f(2)))
	tests := []struct {
		lead, flow, capacity, utilization float64
	}{
		{2, 1, 4, 0.5},        // A: 2/2; 1x8x1/2; 2/4
		{20, 0.2, 3.2, 0.625}, // B: 4/20; 2x8x0.8/4; 2/3.2
		{12, 1.0 / 3, 1, 2},   // C: 4/12; 1x8x0.5/4; 2/1
	}
	for i, tt := range tests {
		s := x.Stages[i]
		if !near(s.LeadHours, tt.lead) || !near(*s.FlowEfficiency, tt.flow) ||
			!near(*s.CapacityPerDay, tt.capacity) || !near(*s.Utilization, tt.utilization) {
			t.Errorf("stage %s: lead %v flow %v capacity %v utilization %v; want %v %v %v %v", s.Name,
				s.LeadHours, *s.FlowEfficiency, *s.CapacityPerDay, *s.Utilization,
				tt.lead, tt.flow, tt.capacity, tt.utilization)
		}
	}
	if !x.Stages[2].Overloaded || x.Stages[1].Overloaded {
		t.Errorf("overloaded flags = %v, %v, %v; want only C", x.Stages[0].Overloaded, x.Stages[1].Overloaded, x.Stages[2].Overloaded)
	}
}

func TestLittlesLaw(t *testing.T) {
	tests := []struct {
		name     string
		wait     float64
		queue    *float64
		demand   *float64
		wantWait float64
		derived  bool
	}{
		// 10 items / 4 a day = 2.5 working days x 8 h = 20 h
		{"queue and demand give the wait", 0, f(10), f(4), 20, true},
		{"a given wait wins", 3, f(10), f(4), 3, false},
		{"no demand, no derived wait", 0, f(10), nil, 0, false},
		{"no queue, no derived wait", 0, nil, f(4), 0, false},
		{"an empty queue waits nothing", 0, f(0), f(4), 0, false},
	}
	for _, tt := range tests {
		m := &Map{Name: "L", Calendar: DefaultCalendar(), DemandPerDay: tt.demand, Stages: []Stage{
			{Name: "S", WaitHours: tt.wait, ProcessHours: 1, CompleteAccurate: 1, People: 1, Queue: tt.queue},
		}}
		x := Compute(m)
		s := x.Stages[0]
		if !near(s.WaitHours, tt.wantWait) || s.WaitFromQueue != tt.derived || !near(x.Totals.WaitHours, tt.wantWait) {
			t.Errorf("%s: wait %v (derived %v), total %v; want %v (derived %v)",
				tt.name, s.WaitHours, s.WaitFromQueue, x.Totals.WaitHours, tt.wantWait, tt.derived)
		}
		if !near(s.LeadHours, tt.wantWait+1) {
			t.Errorf("%s: lead %v, want %v", tt.name, s.LeadHours, tt.wantWait+1)
		}
	}
}

func TestBottleneckReasons(t *testing.T) {
	x := Compute(threeStages(f(2)))
	// C: capacity 1/day from 4h work, 1 person, 50% CA, utilization 2/1 = 200%
	if want := "lowest capacity: 1 items/day (4h work, 1 person, 50% C&A), 200% utilized"; x.Constraint.Reason != want {
		t.Errorf("constraint reason = %q, want %q", x.Constraint.Reason, want)
	}
	// B waits 16 h = 2 days of the 24 h waited in all: 67%
	if want := "waits 2d, 67% of all waiting"; x.BiggestWait.Reason != want {
		t.Errorf("biggest wait reason = %q, want %q", x.BiggestWait.Reason, want)
	}
}

func TestMetricsDocument(t *testing.T) {
	m := threeStages(nil)
	m.Name = "Hand"
	m.Stages[1].Waste = []Waste{WasteHandoffs}
	b, err := json.Marshal(NewMetricsDocument(m, Compute(m)))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	totals := doc["totals"].(map[string]any)
	// flow efficiency 10/34 = 0.29411764705882354 at full precision (0.2941
	// rounded to 4 places, as the document was before, fails)
	checks := map[string]any{
		"name": "Hand", "hours_per_day": 8.0, "days_per_week": 5.0, "demand_per_day": nil, "takt_hours": nil,
	}
	for k, want := range checks {
		if doc[k] != want {
			t.Errorf("%s = %v, want %v", k, doc[k], want)
		}
	}
	tchecks := map[string]any{"lead_hours": 34.0, "process_hours": 10.0, "wait_hours": 24.0,
		"flow_efficiency": 10.0 / 34, "rolled_complete_accurate": 0.4, "rework_adjusted_lead_hours": 51.0, "capacity_per_day": 1.0}
	for k, want := range tchecks {
		if totals[k] != want {
			t.Errorf("totals.%s = %v, want %v", k, totals[k], want)
		}
	}
	c := doc["constraint"].(map[string]any)
	if c["stage"] != "C" || c["index"] != 2.0 {
		t.Errorf("constraint = %v, want C at 2", c)
	}
	bw := doc["biggest_wait"].(map[string]any)
	if bw["stage"] != "B" || bw["index"] != 1.0 || bw["wait_hours"] != 16.0 {
		t.Errorf("biggest_wait = %v, want B at 1 with 16 h", bw)
	}
	st := doc["stages"].([]any)[1].(map[string]any)
	if st["flow_efficiency"] != 0.2 || st["capacity_per_day"] != 3.2 || st["utilization"] != nil ||
		st["queue"] != nil || !reflect.DeepEqual(st["waste"], []any{"handoffs"}) {
		t.Errorf("stage B = %v", st)
	}

	empty := NewMap("none")
	b, _ = json.Marshal(NewMetricsDocument(empty, Compute(empty)))
	var e map[string]any
	_ = json.Unmarshal(b, &e)
	if e["constraint"] != nil || e["biggest_wait"] != nil || e["totals"].(map[string]any)["flow_efficiency"] != nil {
		t.Errorf("empty map document has non-null constraint, biggest wait or flow efficiency: %s", b)
	}
	if s, ok := e["stages"].([]any); !ok || len(s) != 0 {
		t.Errorf("empty map stages = %v, want []", e["stages"])
	}
}

func TestExampleMapIsValid(t *testing.T) {
	m := ExampleMap()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	x := Compute(m)
	// Test: 2 people x 8 h x 0.8 / 6 h = 2.13 items/day, the lowest (Code: 4x8x0.85/12 = 2.27).
	if x.Constraint == nil || x.Constraint.Name != "Test" {
		t.Errorf("constraint = %+v, want Test", x.Constraint)
	}
	// Feedback waits 10 days, the longest.
	if x.BiggestWait == nil || x.BiggestWait.Name != "Feedback" {
		t.Errorf("biggest wait = %+v, want Feedback", x.BiggestWait)
	}
}

func BenchmarkCompute1000(b *testing.B) {
	m := NewMap("big")
	m.DemandPerDay = f(3)
	for i := range 1000 {
		s := NewStage(fmt.Sprintf("S%d", i))
		s.WaitHours, s.ProcessHours = float64(i%17), float64(1+i%5)
		s.CompleteAccurate, s.People = 0.9, float64(1+i%3)
		m.Stages = append(m.Stages, s)
	}
	b.ReportAllocs()
	for b.Loop() {
		Compute(m)
	}
}
