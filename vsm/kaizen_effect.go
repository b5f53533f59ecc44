package vsm

import (
	"errors"
	"fmt"
)

// ErrUnknownStage is wrapped when a kaizen targets a stage the map does not have.
var ErrUnknownStage = errors.New("no such stage on the map")

// IsZero reports whether the effect leaves every field of its stage as it is.
func (e Effect) IsZero() bool {
	return e.WaitHours == nil && e.ProcessHours == nil && e.CompleteAccurate == nil && e.People == nil
}

// Apply returns s with the effect's target values in place of its own: each
// non-nil field of e replaces the stage's value, the others stay. Targets are
// values, not changes, so applying one effect twice changes nothing more.
//
// A target wait of 0 on a stage whose wait Compute derives from its queue
// (Little's law) leaves the derived wait: the queue is data, not a target.
func (e Effect) Apply(s Stage) Stage {
	s = s.Clone()
	if e.WaitHours != nil {
		s.WaitHours = *e.WaitHours
	}
	if e.ProcessHours != nil {
		s.ProcessHours = *e.ProcessHours
	}
	if e.CompleteAccurate != nil {
		s.CompleteAccurate = *e.CompleteAccurate
	}
	if e.People != nil {
		s.People = *e.People
	}
	return s
}

// TotalsDelta is the change of a map's totals (after - before) that a kaizen
// is expected to make or made. A ratio that is undefined before or after (flow
// efficiency when the lead time is 0, capacity when no stage has process time)
// has a nil change.
type TotalsDelta struct {
	LeadHours               float64
	ProcessHours            float64
	WaitHours               float64
	FlowEfficiency          *float64 // nil when undefined before or after
	RolledCompleteAccurate  float64
	ReworkAdjustedLeadHours float64
	CapacityPerDay          *float64 // nil when undefined before or after
}

// TotalsChange is after - before, field by field:
//
//	lead_hours                 = after.lead - before.lead
//	flow_efficiency            = after.fe - before.fe (nil if either is nil)
//	rolled_complete_accurate   = after.rca - before.rca
//	...and the same for process, wait, rework-adjusted lead and capacity.
func TotalsChange(before, after Totals) TotalsDelta {
	return TotalsDelta{
		LeadHours:               after.LeadHours - before.LeadHours,
		ProcessHours:            after.ProcessHours - before.ProcessHours,
		WaitHours:               after.WaitHours - before.WaitHours,
		FlowEfficiency:          diffPtr(before.FlowEfficiency, after.FlowEfficiency),
		RolledCompleteAccurate:  after.RolledCompleteAccurate - before.RolledCompleteAccurate,
		ReworkAdjustedLeadHours: after.ReworkAdjustedLeadHours - before.ReworkAdjustedLeadHours,
		CapacityPerDay:          diffPtr(before.CapacityPerDay, after.CapacityPerDay),
	}
}

func diffPtr(before, after *float64) *float64 {
	if before == nil || after == nil {
		return nil
	}
	return ptr(*after - *before)
}

// LeadGain is how many hours of lead time the change saves: -LeadHours, so a
// kaizen that shortens the stream has a positive gain.
func (d TotalsDelta) LeadGain() float64 { return -d.LeadHours }

// ExpectedEffect is the change of m's totals that k promises: Compute(m with
// k's effect applied to its stage) - Compute(m), as TotalsChange. A kaizen
// with no effect expects no change; one with an effect must name a stage of m
// (errors wrap ErrUnknownStage and name the stage). m is not modified.
func ExpectedEffect(m *Map, k Kaizen) (TotalsDelta, error) {
	return expectedEffect(m, Compute(m).Totals, k)
}

// expectedEffect is ExpectedEffect with m's totals computed once by the caller.
func expectedEffect(m *Map, before Totals, k Kaizen) (TotalsDelta, error) {
	if k.Effect.IsZero() {
		return TotalsChange(before, before), nil
	}
	after := streamCopy(m)
	if err := applyKaizen(after, k); err != nil {
		return TotalsDelta{}, err
	}
	return TotalsChange(before, Compute(after).Totals), nil
}

// applyKaizen replaces the targeted stage of m (in place) with k's effect applied.
func applyKaizen(m *Map, k Kaizen) error {
	if k.Effect.IsZero() {
		return nil
	}
	if k.Stage == "" {
		return fmt.Errorf("kaizen %q has an expected effect but targets no stage: %w", k.Title, ErrUnknownStage)
	}
	i := m.StageIndex(k.Stage)
	if i < 0 {
		return fmt.Errorf("kaizen %q targets stage %q: %w", k.Title, k.Stage, ErrUnknownStage)
	}
	m.Stages[i] = k.Effect.Apply(m.Stages[i])
	return nil
}

// streamCopy is a deep copy of the value stream of m (name, description,
// calendar, demand and stages) without its improvement history.
func streamCopy(m *Map) *Map {
	c := &Map{Name: m.Name, Description: m.Description, Calendar: m.Calendar,
		DemandPerDay: clonePtr(m.DemandPerDay)}
	if m.Stages != nil {
		c.Stages = make([]Stage, len(m.Stages))
		for i, s := range m.Stages {
			c.Stages[i] = s.Clone()
		}
	}
	return c
}
