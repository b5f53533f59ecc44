package vsm

import (
	"errors"
	"testing"
)

func ip(v int) *int   { return &v }
func bp(v bool) *bool { return &v }

func TestLeverModels(t *testing.T) {
	// One stage X: PT 1 h, wait 30 h, batches of 10, queue 10; 8-hour days.
	base := func() Stage {
		s := NewStage("X")
		s.ProcessHours, s.WaitHours, s.BatchSize, s.Queue = 1, 30, 10, f(10)
		return s
	}
	tests := []struct {
		name       string
		lever      Lever
		rate       float64
		wait       float64
		queue      float64
		batch, wip int
	}{
		// delay(B) = (B-1)/(2 x rate) x 8 + (B-1) x PT
		// 10 -> 1 at 2 a day: delay(10) = 9/4 x 8 + 9 = 27, delay(1) = 0: 30 - 27 = 3.
		{"batch 10 to 1", Lever{BatchSize: ip(1)}, 2, 3, 10, 1, 0},
		// 10 -> 4: delay(4) = 3/4 x 8 + 3 = 9: 30 - 27 + 9 = 12.
		{"batch 10 to 4", Lever{BatchSize: ip(4)}, 2, 12, 10, 4, 0},
		// 10 -> 1 with PT set to 4 first: delay(10) = 18 + 36 = 54 > 30: the wait stops at 0.
		{"batch with new process time", Lever{ProcessHours: f(4), BatchSize: ip(1)}, 2, 0, 10, 1, 0},
		// The same batch size changes nothing.
		{"batch unchanged", Lever{BatchSize: ip(10)}, 0, 30, 10, 10, 0},
		// WIP 2 at 2 a day: the wait is capped at 2 / 2 days = 8 h; the queue at 2.
		{"WIP limit", Lever{WIPLimit: ip(2)}, 2, 8, 2, 10, 2},
		// WIP 20: cap 10 days = 80 h > 30: the wait stays; the queue 10 < 20 stays.
		{"loose WIP limit", Lever{WIPLimit: ip(20)}, 2, 30, 10, 10, 20},
		// A new wait first, then the cap: min(50, 4/1 x 8 = 32) = 32.
		{"wait then WIP", Lever{WaitHours: f(50), WIPLimit: ip(4)}, 1, 32, 4, 10, 4},
		{"no WIP limit", Lever{WIPLimit: ip(0)}, 0, 30, 10, 10, 0},
	}
	for _, tt := range tests {
		got, err := tt.lever.Apply(base(), tt.rate, DefaultCalendar())
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !near(got.WaitHours, tt.wait) || got.Queue == nil || !near(*got.Queue, tt.queue) || got.BatchSize != tt.batch || got.WIPLimit != tt.wip {
			t.Errorf("%s: wait %v queue %s batch %d WIP %d; want %v, %v, %d, %d", tt.name, got.WaitHours, show(got.Queue), got.BatchSize, got.WIPLimit, tt.wait, tt.queue, tt.batch, tt.wip)
		}
	}
	for _, l := range []Lever{{BatchSize: ip(2)}, {WIPLimit: ip(3)}} {
		if _, err := l.Apply(base(), 0, DefaultCalendar()); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s without a rate: %v, want ErrInvalid", l, err)
		}
	}
	for _, l := range []Lever{{WaitHours: f(-1)}, {People: f(0)}, {BatchSize: ip(0)}, {WIPLimit: ip(-1)}} {
		if _, err := l.Apply(base(), 1, DefaultCalendar()); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", l, err)
		}
	}
}

func TestApplyLevers(t *testing.T) {
	m := flowMap()
	m.Throughput = []float64{1, 3} // arrivals 2 a day without a demand
	m.Stages[1].Queue = f(4)       // Build: wait 1 given
	out, err := ApplyLevers(m, []Lever{
		{Stage: "security", WaitHours: f(4)},
		{Stage: "Build", BatchSize: ip(3), Automated: bp(true)},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Build: batch 1 -> 3 at 2 a day: delay(3) = 2/4 x 8 + 2 x 1 = 6: wait 1 + 6 = 7.
	if b := out.Stages[1]; b.WaitHours != 7 || b.BatchSize != 3 || !b.Automated {
		t.Errorf("Build after levers: %+v", b)
	}
	if out.Name != "flow (future state)" || out.Description != "What-if: security: wait 4h; Build: batch size 3, automated" {
		t.Errorf("name %q, description %q", out.Name, out.Description)
	}
	if m.Stages[3].WaitHours != 24 || m.Stages[1].BatchSize != 0 {
		t.Error("ApplyLevers changed the map")
	}
	if len(out.Stages[2].Rework) != 1 || out.Stages[2].Branch != "b1" {
		t.Error("the future state lost the flow")
	}
	m.Future = out
	if err := m.Validate(); err != nil {
		t.Errorf("the changed map as future state: %v", err)
	}
	if _, err := ApplyLevers(m, []Lever{{Stage: "QA", WaitHours: f(1)}}); !errors.Is(err, ErrUnknownStage) || !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown stage: %v", err)
	}
	// A wait derived from the queue (Little's law) is the base of a WIP lever:
	// Build's queue 4 at demand 2 is 16 h; WIP 1 caps it at 4 h.
	d := flowMap()
	d.DemandPerDay = f(2)
	d.Stages[1].WaitHours, d.Stages[1].Queue = 0, f(4)
	out, err = ApplyLevers(d, []Lever{{Stage: "Build", WIPLimit: ip(1)}})
	if err != nil || out.Stages[1].WaitHours != 4 || *out.Stages[1].Queue != 1 {
		t.Errorf("derived wait with WIP 1: %+v, %v", out.Stages[1], err)
	}
}

func TestPullLevers(t *testing.T) {
	// Security's wait 24 -> 4: its lane is 6 h, Test's 12 h the longest now.
	// Lead 57 - 26 + 12 = 43; rework lead = 1.25 x 24 / 0.9 + 2.5 + 1.25 x 12 + 5 = 55.83333.
	w, err := PullLevers(flowMap(), []Lever{{Stage: "Security", WaitHours: f(4)}}, ForecastOptions{Trials: 5000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]ComparisonRow{}
	for _, r := range w.Rows {
		rows[r.Metric] = r
	}
	if r := rows["lead_hours"]; !near(*r.Before, 57) || !near(*r.After, 43) {
		t.Errorf("lead %s -> %s, want 57 -> 43", show(r.Before), show(r.After))
	}
	if r := rows["rework_adjusted_lead_hours"]; !near(*r.After, 1.25*24/0.9+2.5+15+5) {
		t.Errorf("rework lead after = %s", show(r.After))
	}
	for _, k := range []string{"lead_p50_hours", "lead_p85_hours", "lead_p95_hours", "lead_mean_hours"} {
		if r, ok := rows[k]; !ok || !(*r.Change < 0) || !r.Improved() {
			t.Errorf("%s: %+v, want a shorter forecast", k, r)
		}
	}
	if w.Before.Seed != 1 || w.After.Trials != 5000 {
		t.Errorf("forecasts ran with %d trials, seed %d", w.After.Trials, w.Before.Seed)
	}
	if got := w.Comparison.Future.CriticalPath; len(got) != 4 || got[2] != 2 {
		t.Errorf("critical path after = %v, want Test's lane", got)
	}
}
