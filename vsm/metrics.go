package vsm

import (
	"fmt"
	"math"
)

// StageMetrics are the figures of one stage, in working hours and fractions.
type StageMetrics struct {
	Index            int
	Name             string
	ProcessHours     float64
	WaitHours        float64 // the given wait, or the one Little's law derives from the queue
	WaitFromQueue    bool    // WaitHours was derived from the queue (Little's law)
	LeadHours        float64 // WaitHours + ProcessHours
	CompleteAccurate float64
	People           float64
	Queue            *float64
	FlowEfficiency   *float64 // PT / LT; nil when LT is 0
	CapacityPerDay   *float64 // people x hours_per_day x CA / PT; nil when PT is 0
	Utilization      *float64 // demand / capacity; nil without demand or capacity
	Overloaded       bool     // utilization > 1
	Waste            []Waste

	// Visits is the expected passes of the stage per item: arrivals (from
	// rework edges, flow_visits.go) / CA; 1 / CA on a straight line.
	Visits float64
	// OnCriticalPath: the stage counts in the lead time (every main-line
	// stage, and the longest lane of each parallel branch).
	OnCriticalPath bool
}

// Totals are the figures of the whole value stream.
type Totals struct {
	ProcessHours            float64  // sum of PT
	WaitHours               float64  // sum of WT
	LeadHours               float64  // sum of LT
	FlowEfficiency          *float64 // process / lead; nil when lead is 0
	RolledCompleteAccurate  float64  // product of CA (1 for no stages)
	ReworkAdjustedLeadHours float64  // sum of LT / CA
	CapacityPerDay          *float64 // minimum stage capacity; nil when no stage has one
}

// With parallel branches, process, wait and lead time are sums over the
// critical path (Metrics.CriticalPath), and rolled %C&A is the chance an item
// passes every stage, every lane, without a redo or a rework edge.

// Bottleneck names a stage and why it was chosen.
type Bottleneck struct {
	Index  int
	Name   string
	Reason string // one line for people
}

// Metrics is everything Flowmap computes from a map (shared/metrics.md).
type Metrics struct {
	Stages      []StageMetrics
	Totals      Totals
	TaktHours   *float64    // hours_per_day / demand_per_day; nil without demand
	Constraint  *Bottleneck // lowest capacity; nil when no stage has process time
	BiggestWait *Bottleneck // largest wait; nil when every wait is 0
	Overloaded  []int       // indexes of stages with utilization > 1

	// CriticalPath is the stages the lead time follows, in flow order: all of
	// them on a straight line; with parallel branches the main line and each
	// branch's longest lane (by lead time; ties to the lane that starts first).
	CriticalPath []int
}

// Compute returns every metric of m. It does not validate m: call Validate first
// for data from people; invalid numbers give meaningless figures, never a panic.
//
// For stages i = 1..n in flow order:
//
//	WT_i        given, or queue_i / demand x hours_per_day when only the queue is known (Little's law)
//	LT_i        = WT_i + PT_i
//	lead        = Σ LT_i;  process = Σ PT_i;  wait = Σ WT_i
//	flow eff.   = process / lead                    (nil when lead = 0)
//	rolled CA   = Π CA_i
//	rework lead = Σ LT_i / CA_i
//	capacity_i  = people_i x hours_per_day x CA_i / PT_i   (nil when PT_i = 0)
//
// With rework edges and parallel branches (flow.go), the sums of lead, process
// and wait run over the critical path (CriticalPath), and:
//
//	visits_i    = a_i / CA_i     (a_i: expected arrivals, flow_visits.go; 1 on a straight line)
//	rolled CA   = Π CA_i x (1 - Σ p of stage i's rework edges), over every stage
//	rework lead = Σ a_i x LT_i / CA_i along the critical path of expected times
//	capacity_i  = people_i x hours_per_day / (visits_i x PT_i)
//
// so a map with neither gives exactly the figures above.
//
//	utilization = demand / capacity_i              (nil without demand)
//	takt        = hours_per_day / demand
//
// The constraint is the stage of lowest capacity, the biggest wait the stage of
// largest WT; ties go to the earliest stage.
func Compute(m *Map) Metrics {
	cal := m.Calendar.OrDefault()
	var demand float64
	if m.DemandPerDay != nil && *m.DemandPerDay > 0 {
		demand = *m.DemandPerDay
	}
	out := Metrics{Stages: make([]StageMetrics, len(m.Stages)), CriticalPath: make([]int, 0, len(m.Stages))}
	fl := newFlowMetrics(m, cal, demand) // nil for a straight line
	// The optional per-stage figures point into one backing array: one
	// allocation instead of three per stage.
	slots := make([]float64, 3*len(m.Stages))
	slot := func(i, k int, v float64) *float64 { p := &slots[3*i+k]; *p = v; return p }
	t := &out.Totals
	t.RolledCompleteAccurate = 1
	constraint, biggest := -1, -1
	for i, s := range m.Stages {
		sm := StageMetrics{
			Index: i, Name: s.Name,
			ProcessHours: s.ProcessHours, WaitHours: s.WaitHours,
			CompleteAccurate: s.CompleteAccurate, People: s.People,
			Queue: s.Queue, Waste: s.Waste,
		}
		sm.WaitHours, sm.WaitFromQueue = effectiveWait(s, demand, cal)
		sm.LeadHours = sm.WaitHours + sm.ProcessHours
		sm.Visits, sm.OnCriticalPath = 1/sm.CompleteAccurate, true
		if fl != nil {
			sm.Visits, sm.OnCriticalPath = fl.sol.arrivals[i]/sm.CompleteAccurate, fl.critical[i]
		}
		if sm.LeadHours > 0 {
			sm.FlowEfficiency = slot(i, 0, sm.ProcessHours/sm.LeadHours)
		}
		if sm.ProcessHours > 0 {
			sm.CapacityPerDay = slot(i, 1, sm.People*cal.HoursPerDay*sm.CompleteAccurate/sm.ProcessHours)
			if fl != nil {
				*sm.CapacityPerDay /= fl.sol.arrivals[i]
			}
			if demand > 0 {
				sm.Utilization = slot(i, 2, demand / *sm.CapacityPerDay)
				if *sm.Utilization > 1 {
					sm.Overloaded = true
					out.Overloaded = append(out.Overloaded, i)
				}
			}
			if constraint < 0 || *sm.CapacityPerDay < *out.Stages[constraint].CapacityPerDay {
				constraint = i
			}
		}
		if sm.WaitHours > 0 && (biggest < 0 || sm.WaitHours > out.Stages[biggest].WaitHours) {
			biggest = i
		}
		if sm.OnCriticalPath {
			t.ProcessHours += sm.ProcessHours
			t.WaitHours += sm.WaitHours
			t.LeadHours += sm.LeadHours
			out.CriticalPath = append(out.CriticalPath, i)
		}
		t.RolledCompleteAccurate *= sm.CompleteAccurate
		if fl != nil {
			t.RolledCompleteAccurate *= fl.forward[i]
		}
		if sm.CompleteAccurate > 0 {
			t.ReworkAdjustedLeadHours += sm.LeadHours / sm.CompleteAccurate
		} else {
			t.ReworkAdjustedLeadHours = math.Inf(1)
		}
		out.Stages[i] = sm
	}
	if fl != nil {
		t.ReworkAdjustedLeadHours = fl.sol.reworkLead
	}
	if t.LeadHours > 0 {
		t.FlowEfficiency = ptr(t.ProcessHours / t.LeadHours)
	}
	if demand > 0 {
		out.TaktHours = ptr(cal.HoursPerDay / demand)
	}
	if constraint >= 0 {
		s := out.Stages[constraint]
		t.CapacityPerDay = ptr(*s.CapacityPerDay)
		out.Constraint = &Bottleneck{Index: constraint, Name: s.Name, Reason: constraintReason(s, cal, out.TaktHours)}
	}
	if biggest >= 0 {
		s := out.Stages[biggest]
		out.BiggestWait = &Bottleneck{Index: biggest, Name: s.Name, Reason: fmt.Sprintf(
			"waits %s, %s of all waiting", FormatDuration(s.WaitHours, cal), FormatPercent(s.WaitHours/t.WaitHours))}
	}
	return out
}

// effectiveWait is the stage's wait: the given one, or by Little's law
// queue / demand x hours_per_day when only the queue is known (derived true).
func effectiveWait(s Stage, demand float64, cal Calendar) (float64, bool) {
	if s.WaitHours == 0 && s.Queue != nil && demand > 0 {
		w := *s.Queue / demand * cal.HoursPerDay
		return w, w > 0
	}
	return s.WaitHours, false
}

func constraintReason(s StageMetrics, cal Calendar, takt *float64) string {
	people := "people"
	if fmtRound(s.People, 1) == "1" {
		people = "person"
	}
	r := fmt.Sprintf("lowest capacity: %s items/day (%s work, %s %s, %s C&A)",
		fmtRound(*s.CapacityPerDay, 1), FormatDuration(s.ProcessHours, cal),
		fmtRound(s.People, 1), people, FormatPercent(s.CompleteAccurate))
	if s.Utilization != nil {
		r += fmt.Sprintf(", %s utilized", FormatPercent(*s.Utilization))
	}
	return r
}

func fmtRound(v float64, places int) string {
	p := math.Pow(10, float64(places))
	return trimNum(math.Round(v*p) / p)
}

func ptr(v float64) *float64 { return &v }
