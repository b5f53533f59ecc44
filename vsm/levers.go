package vsm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Lever is a what-if change of one stage: each non-nil field is the stage's
// new value (a target, like a kaizen's Effect, not a change by an amount).
type Lever struct {
	Stage        string   // the stage's name (as Map.StageIndex finds it)
	WaitHours    *float64 // new wait
	ProcessHours *float64 // new process time
	People       *float64 // new people (capacity)
	BatchSize    *int     // new batch size (1 = one at a time); the wait follows the batch model
	WIPLimit     *int     // new limit of items waiting in front of the stage; 0 removes it
	Automated    *bool    // automated or manual (the forecast's default spread of the work)
}

// Apply pulls the lever on stage s of a map whose items arrive at rate
// itemsPerDay (working days of cal); rate is needed only by the batch-size
// and WIP-limit levers (0 when unknown gives an error for them).
//
// In this order: wait, process time and people are set; then the batch
// model moves the wait; then the WIP limit caps it.
//
// Batch model. A stage that moves items on in batches of B makes an item
// wait, besides its queue, for the batch to form and to be worked: on
// average (B-1)/2 later arrivals (arrivals come every 1/rate days), and the
// work of the other B-1 items of its batch, which leave together:
//
//	delay(B) = (B - 1) / (2 x rate) x hours_per_day + (B - 1) x PT
//	new wait = max(0, wait + delay(B_new) - delay(B_old))
//
// The measured wait already holds delay(B_old); only the difference moves.
// Example: PT 1 h, wait 30 h, batches of 10 cut to 1, 2 items a day, 8-hour
// days: delay(10) = 9 / 4 x 8 + 9 x 1 = 27 h, delay(1) = 0, new wait 3 h.
//
// WIP model. With at most W items allowed to wait in front of the stage,
// Little's law (queue = rate x wait) caps the wait at W / rate days:
//
//	new wait = min(wait, W / rate x hours_per_day);  queue = min(queue, W)
//
// The items held back wait before the value stream starts, where the map does
// not count them: a WIP limit shortens lead time as Little's law says, it
// does not remove demand. Example: wait 40 h, W = 4, 2 items a day: cap 2
// days = 16 h. Removing a limit (0) leaves the wait as it is: what it would
// grow to is not known.
func (l Lever) Apply(s Stage, itemsPerDay float64, cal Calendar) (Stage, error) {
	cal = cal.OrDefault()
	s = s.Clone()
	bad := func(field, value, reason string) error {
		return fmt.Errorf("lever on stage %q: %s %q %s: %w", s.Name, field, value, reason, ErrInvalid)
	}
	if v := l.WaitHours; v != nil {
		if r := checkHours(*v); r != "" {
			return s, bad("wait", fmtValue(*v), r)
		}
		s.WaitHours = *v
	}
	if v := l.ProcessHours; v != nil {
		if r := checkHours(*v); r != "" {
			return s, bad("process", fmtValue(*v), r)
		}
		s.ProcessHours = *v
	}
	if v := l.People; v != nil {
		if !(*v > 0) || math.IsInf(*v, 0) {
			return s, bad("people", fmtValue(*v), "must be more than 0")
		}
		s.People = *v
	}
	needRate := func(what string) error {
		if itemsPerDay > 0 {
			return nil
		}
		return fmt.Errorf("lever on stage %q: the %s model needs the rate items arrive at: set the map's demand per day (or import an event log for its throughput): %w", s.Name, what, ErrInvalid)
	}
	if v := l.BatchSize; v != nil {
		if *v < 1 {
			return s, bad("batch size", strconv.Itoa(*v), "must be 1 or more")
		}
		if *v != s.BatchOrOne() {
			if err := needRate("batch-size"); err != nil {
				return s, err
			}
			delay := func(b int) float64 {
				return float64(b-1)/(2*itemsPerDay)*cal.HoursPerDay + float64(b-1)*s.ProcessHours
			}
			s.WaitHours = math.Max(0, s.WaitHours+delay(*v)-delay(s.BatchOrOne()))
		}
		s.BatchSize = *v
	}
	if v := l.WIPLimit; v != nil {
		if *v < 0 {
			return s, bad("WIP limit", strconv.Itoa(*v), "cannot be negative (0 removes the limit)")
		}
		if *v > 0 {
			if err := needRate("WIP-limit"); err != nil {
				return s, err
			}
			s.WaitHours = math.Min(s.WaitHours, float64(*v)/itemsPerDay*cal.HoursPerDay)
			if s.Queue != nil && *s.Queue > float64(*v) {
				q := float64(*v)
				s.Queue = &q
			}
		}
		s.WIPLimit = *v
	}
	if v := l.Automated; v != nil {
		s.Automated = *v
	}
	return s, nil
}

// String describes the lever for people: `Test: wait 1d, batch size 1`.
func (l Lever) String() string {
	var parts []string
	cal := DefaultCalendar()
	if v := l.WaitHours; v != nil {
		parts = append(parts, "wait "+FormatDuration(*v, cal))
	}
	if v := l.ProcessHours; v != nil {
		parts = append(parts, "process "+FormatDuration(*v, cal))
	}
	if v := l.People; v != nil {
		parts = append(parts, "people "+fmtRound(*v, 1))
	}
	if v := l.BatchSize; v != nil {
		parts = append(parts, "batch size "+strconv.Itoa(*v))
	}
	if v := l.WIPLimit; v != nil {
		if *v == 0 {
			parts = append(parts, "no WIP limit")
		} else {
			parts = append(parts, "WIP limit "+strconv.Itoa(*v))
		}
	}
	if v := l.Automated; v != nil {
		if *v {
			parts = append(parts, "automated")
		} else {
			parts = append(parts, "manual")
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no change")
	}
	return l.Stage + ": " + strings.Join(parts, ", ")
}

// ArrivalRate is the rate items arrive at m's stages, in items per working
// day: the demand per day when set, else the mean of the observed daily
// throughput, else 0 (unknown).
func ArrivalRate(m *Map) float64 {
	if d := m.DemandPerDay; d != nil && *d > 0 {
		return *d
	}
	if len(m.Throughput) == 0 {
		return 0
	}
	sum := 0.0
	for _, v := range m.Throughput {
		sum += v
	}
	return sum / float64(len(m.Throughput))
}

// ApplyLevers is m's value stream (a deep copy: calendar, demand, stages with
// their flow; no history) with the levers pulled in order, named as a future
// state, so it can become m.Future. A stage the map does not have is an error
// wrapping ErrUnknownStage; a bad value one wrapping ErrInvalid. m is not
// changed. A stage whose wait Compute derives from its queue gets that wait
// written out before a lever moves it.
func ApplyLevers(m *Map, levers []Lever) (*Map, error) {
	out := streamCopy(m)
	out.Name = m.Name + " (future state)"
	rate := ArrivalRate(m)
	cal := m.Calendar.OrDefault()
	var demand float64
	if m.DemandPerDay != nil {
		demand = *m.DemandPerDay
	}
	var said []string
	for _, l := range levers {
		i := out.StageIndex(l.Stage)
		if i < 0 {
			return nil, fmt.Errorf("lever on stage %q: %w (%w)", l.Stage, ErrUnknownStage, ErrInvalid)
		}
		s := out.Stages[i]
		if w, derived := effectiveWait(s, demand, cal); derived && (l.BatchSize != nil || l.WIPLimit != nil) {
			s.WaitHours = w
		}
		changed, err := l.Apply(s, rate, cal)
		if err != nil {
			return nil, err
		}
		out.Stages[i] = changed
		said = append(said, l.String())
	}
	out.Description = "What-if: " + strings.Join(said, "; ")
	if len(said) == 0 {
		out.Description = "A copy of the current state"
	}
	return out, nil
}

// WhatIf is the current state beside the state with levers pulled.
type WhatIf struct {
	Changed    *Map       // the map with the levers pulled (ApplyLevers)
	Comparison Comparison // totals before and after; the constraints are Comparison.Current/Future.Constraint
	Before     LeadForecast
	After      LeadForecast
	// Rows is Comparison.Rows followed by the forecast's lead time p50,
	// p85, p95 and mean (metrics "lead_p50_hours", ...), before and after.
	Rows []ComparisonRow
}

// PullLevers applies levers to m (ApplyLevers) and compares: Compute's totals
// (Compare) and the lead-time forecasts of both, run with the same trials and
// seed, so the difference shows the levers and not the luck of the draw
// (common random numbers).
func PullLevers(m *Map, levers []Lever, opt ForecastOptions) (WhatIf, error) {
	changed, err := ApplyLevers(m, levers)
	if err != nil {
		return WhatIf{}, err
	}
	w := WhatIf{Changed: changed, Comparison: Compare(m, changed)}
	if w.Before, err = ForecastLead(m, opt); err != nil {
		return WhatIf{}, err
	}
	if w.After, err = ForecastLead(changed, opt); err != nil {
		return WhatIf{}, err
	}
	w.Rows = append(w.Rows, w.Comparison.Rows...)
	b, a := w.Before.LeadHours, w.After.LeadHours
	for _, r := range []struct {
		metric, label string
		before, after float64
	}{
		{"lead_p50_hours", "Lead time p50", b.P50, a.P50},
		{"lead_p85_hours", "Lead time p85", b.P85, a.P85},
		{"lead_p95_hours", "Lead time p95", b.P95, a.P95},
		{"lead_mean_hours", "Lead time mean (forecast)", b.Mean, a.Mean},
	} {
		w.Rows = append(w.Rows, ComparisonRow{Metric: r.metric, Label: r.label, Unit: "hours",
			Before: ptr(r.before), After: ptr(r.after), Change: ptr(r.after - r.before)})
	}
	return w, nil
}
