package vsm

import (
	"fmt"
	"strings"
)

// FutureState is a future-state map made from m: a deep copy of its value
// stream (calendar, demand, stages; no kaizen, measurements or learning log)
// with the expected effects of the kaizen items kaizenIDs applied in the order
// given. Effects are target values, so two kaizens on one stage compose field
// by field, and where both set the same field the later one wins. Its name is
// m's name with " (future state)", its description lists the applied kaizens.
// An unknown ID or a kaizen whose stage is not on the map is an error. Store
// the result in m.Future to keep it, edit it like any map.
func FutureState(m *Map, kaizenIDs []string) (*Map, error) {
	f := streamCopy(m)
	f.Name = m.Name + " (future state)"
	titles := make([]string, 0, len(kaizenIDs))
	for _, id := range kaizenIDs {
		k, ok := m.FindKaizen(id)
		if !ok {
			return nil, fmt.Errorf("future state of %q: no kaizen item with id %q: %w", m.Name, id, ErrInvalid)
		}
		if err := applyKaizen(f, k); err != nil {
			return nil, fmt.Errorf("future state of %q: %w", m.Name, err)
		}
		titles = append(titles, k.Title)
	}
	if len(titles) > 0 {
		f.Description = "Current state with the expected effects of: " + strings.Join(titles, "; ")
	} else {
		f.Description = "A copy of the current state"
	}
	return f, nil
}

// ComparisonRow is one total metric of the current and the future state.
type ComparisonRow struct {
	Metric         string   // the metrics document's key: "lead_hours", "flow_efficiency", ...
	Label          string   // for people: "Lead time"
	Unit           string   // "hours", "ratio" or "items/day"
	Before         *float64 // current; nil where undefined
	After          *float64 // future; nil where undefined
	Change         *float64 // After - Before; nil when either is nil
	HigherIsBetter bool     // true for flow efficiency, rolled %C&A and capacity
}

// Improved reports whether the change goes the better way (false when there is
// no change or it is undefined).
func (r ComparisonRow) Improved() bool {
	if r.Change == nil || *r.Change == 0 {
		return false
	}
	return (*r.Change > 0) == r.HigherIsBetter
}

// Comparison is the current state beside the future state.
type Comparison struct {
	Current, Future Metrics
	Delta           TotalsDelta     // Future totals - Current totals
	Rows            []ComparisonRow // every total metric, in the metrics document's order
}

// Compare computes both maps and the change of every total metric:
// lead_hours, process_hours, wait_hours, flow_efficiency,
// rolled_complete_accurate, rework_adjusted_lead_hours and capacity_per_day,
// each as before (current), after (future) and after - before.
func Compare(current, future *Map) Comparison {
	c := Comparison{Current: Compute(current), Future: Compute(future)}
	b, a := c.Current.Totals, c.Future.Totals
	c.Delta = TotalsChange(b, a)
	row := func(metric, label, unit string, higher bool, before, after *float64) ComparisonRow {
		return ComparisonRow{Metric: metric, Label: label, Unit: unit, HigherIsBetter: higher,
			Before: before, After: after, Change: diffPtr(before, after)}
	}
	c.Rows = []ComparisonRow{
		row("lead_hours", "Lead time", "hours", false, ptr(b.LeadHours), ptr(a.LeadHours)),
		row("process_hours", "Process time", "hours", false, ptr(b.ProcessHours), ptr(a.ProcessHours)),
		row("wait_hours", "Wait time", "hours", false, ptr(b.WaitHours), ptr(a.WaitHours)),
		row("flow_efficiency", "Flow efficiency", "ratio", true, clonePtr(b.FlowEfficiency), clonePtr(a.FlowEfficiency)),
		row("rolled_complete_accurate", "Rolled %C&A", "ratio", true, ptr(b.RolledCompleteAccurate), ptr(a.RolledCompleteAccurate)),
		row("rework_adjusted_lead_hours", "Rework-adjusted lead time", "hours", false, ptr(b.ReworkAdjustedLeadHours), ptr(a.ReworkAdjustedLeadHours)),
		row("capacity_per_day", "Capacity", "items/day", true, clonePtr(b.CapacityPerDay), clonePtr(a.CapacityPerDay)),
	}
	return c
}
