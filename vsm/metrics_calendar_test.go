package vsm

import "testing"

// TestLittlesLawOnTheMapsCalendar: a stage with a queue and no wait waits
// queue / demand working days, of the map's own length (Compute's doc
// comment: WT_i = queue_i / demand x hours_per_day). A fixed 8-hour day
// would give 24 h on the 6-hour map.
func TestLittlesLawOnTheMapsCalendar(t *testing.T) {
	for _, tt := range []struct {
		hoursPerDay float64
		wait, lead  float64
		takt        float64
		capacity    float64
	}{
		// 12 items / 4 a day = 3 days x 6 h = 18 h; LT 18 + 2 = 20 h;
		// takt 6 / 4 = 1.5 h; capacity 1 x 6 x 1 / 2 = 3 a day.
		{6, 18, 20, 1.5, 3},
		// The same on 8 h: 3 x 8 = 24 h; LT 26; takt 2; capacity 4.
		{8, 24, 26, 2, 4},
	} {
		m := NewMap("Little")
		m.Calendar = Calendar{HoursPerDay: tt.hoursPerDay, DaysPerWeek: 5}
		m.DemandPerDay = f(4)
		m.Stages = []Stage{{Name: "Build", ProcessHours: 2, CompleteAccurate: 1, People: 1, Queue: f(12)}}
		x := Compute(m)
		s := x.Stages[0]
		if !near(s.WaitHours, tt.wait) || !s.WaitFromQueue || !near(s.LeadHours, tt.lead) || !near(x.Totals.WaitHours, tt.wait) {
			t.Errorf("%v h a day: wait %v (from the queue %v), lead %v, total wait %v; want %v, true, %v",
				tt.hoursPerDay, s.WaitHours, s.WaitFromQueue, s.LeadHours, x.Totals.WaitHours, tt.wait, tt.lead)
		}
		if x.TaktHours == nil || !near(*x.TaktHours, tt.takt) || s.CapacityPerDay == nil || !near(*s.CapacityPerDay, tt.capacity) {
			t.Errorf("%v h a day: takt %s, capacity %s; want %v and %v", tt.hoursPerDay, show(x.TaktHours), show(s.CapacityPerDay), tt.takt, tt.capacity)
		}
	}
}

// TestUtilizationOfExactlyOneIsNotOverloaded: Compute's doc comment and the
// StageMetrics.Overloaded field: overloaded is utilization above 1; a stage
// that just keeps up is not.
func TestUtilizationOfExactlyOneIsNotOverloaded(t *testing.T) {
	m := NewMap("Full")
	m.DemandPerDay = f(2)
	m.Stages = []Stage{
		// capacity 1 x 8 x 1 / 4 = 2 a day: utilization 2 / 2 = 1.
		{Name: "Even", ProcessHours: 4, CompleteAccurate: 1, People: 1},
		// capacity 1 x 8 x 1 / 5 = 1.6 a day: utilization 2 / 1.6 = 1.25.
		{Name: "Behind", ProcessHours: 5, CompleteAccurate: 1, People: 1},
		// capacity 2 x 8 x 0.5 / 4 = 2 a day: exactly 1 again, through %C&A.
		{Name: "Rework", ProcessHours: 4, CompleteAccurate: 0.5, People: 2},
	}
	x := Compute(m)
	for i, want := range []struct {
		util       float64
		overloaded bool
	}{{1, false}, {1.25, true}, {1, false}} {
		s := x.Stages[i]
		if s.Utilization == nil || *s.Utilization != want.util || s.Overloaded != want.overloaded {
			t.Errorf("%s: utilization %s, overloaded %v; want %v, %v", s.Name, show(s.Utilization), s.Overloaded, want.util, want.overloaded)
		}
	}
	if len(x.Overloaded) != 1 || x.Overloaded[0] != 1 {
		t.Errorf("overloaded stages %v, want [1] (Behind only)", x.Overloaded)
	}
}
