package vsm

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The flow model: a map is a list of stages in flow order (the straight line
// is the default), and these stage fields bend it.
//
//   - Rework edges. A stage B may send an item back to an earlier stage A (or
//     to itself) with a probability: rework found at B that flows again
//     through A..B. The edge is held by B (Stage.Rework) and names A by its ID
//     (Stage.ID), so edges survive renaming, inserting and moving stages.
//   - Parallel branches. Consecutive stages that share a Branch label form a
//     fork/join: every item goes through every lane (Stage.Lane) of the
//     branch, the lanes side by side, and leaves it when all are done.
//   - Batch size, WIP limit and automation describe how a stage works; they
//     are the levers of what-if analysis (levers.go).
//   - Three-point estimates and measured per-item distributions shape the
//     Monte Carlo forecast (forecast.go); Compute uses the single values.
//
// How a rework edge and a stage's %C&A share the work, so that a defect is
// charged once: %C&A is a self-loop, judged by the next stage on this stage's
// output: a pass that is not complete and accurate is redone at the same
// stage (wait and work again) before anything else happens. Only an accepted
// pass reaches the stage's rework edges: with probability p the item goes back
// to stage A and flows again through every stage from A to B (and each of
// those passes is again subject to its own %C&A and edges). A defect that
// escapes to a later stage is an edge, not a lower %C&A of the stage that made
// it; the event-log reader measures them apart for this reason.

// Rework is an edge of rework found at its stage that sends the item back to
// stage To, an earlier stage or the stage itself.
type Rework struct {
	To          string  // ID of the stage the item goes back to
	Probability float64 // chance, per accepted pass of the stage, that it goes back: (0, 1)
}

// Estimate is a three-point estimate of a duration in working hours: the
// least, the most likely and the most it takes (a triangular distribution in
// the forecast).
type Estimate struct {
	Min, Likely, Max float64
}

// Mean is (min + likely + max) / 3, the mean of the triangular distribution.
func (e Estimate) Mean() float64 { return (e.Min + e.Likely + e.Max) / 3 }

// MeasuredTimes are a stage's measured per-item times, from an event log:
// what one visit of the stage took, for Items items. They are the first
// visits only: rework visits are the map's edges and %C&A, and folding them in
// here would charge the rework twice.
type MeasuredTimes struct {
	Items   int       // items the distributions were measured on
	Wait    Empirical // working hours the item waited before the stage
	Process Empirical // working hours the stage worked on it
}

// Stage IDs are "s1", "s2", ...: short, stable, unique within a map.
const StageIDPrefix = "s"

// MaxLanes is the most lanes a parallel branch may have.
const MaxLanes = 50

// BatchOrOne is the stage's batch size, 1 when unset.
func (s Stage) BatchOrOne() int {
	if s.BatchSize < 1 {
		return 1
	}
	return s.BatchSize
}

// cloneFlow deep-copies the flow fields of c (a shallow copy of a stage).
func (c *Stage) cloneFlow() {
	c.Rework = cloneSlice(c.Rework)
	if c.ProcessEstimate != nil {
		e := *c.ProcessEstimate
		c.ProcessEstimate = &e
	}
	if c.WaitEstimate != nil {
		e := *c.WaitEstimate
		c.WaitEstimate = &e
	}
	if c.Measured != nil {
		x := *c.Measured
		x.Wait.Quantiles = cloneSlice(x.Wait.Quantiles)
		x.Process.Quantiles = cloneSlice(x.Process.Quantiles)
		c.Measured = &x
	}
}

// validateFlowFields checks the stage's own flow fields; the edges' targets
// and the branches are checked against the other stages by Map.Validate.
func (s Stage) validateFlowFields(index int) error {
	bad := func(field, value, reason string) error {
		return &FieldError{Stage: s.Name, Index: index, Field: field, Value: value, Reason: reason}
	}
	if s.ID != strings.TrimSpace(s.ID) || strings.ContainsAny(s.ID, " \t\r\n") {
		return bad("id", s.ID, "cannot contain spaces")
	}
	total := 0.0
	for k, e := range s.Rework {
		field := fmt.Sprintf("rework %d", k+1)
		if e.To == "" {
			return bad(field, "", "names no stage to go back to")
		}
		if !(e.Probability > 0 && e.Probability < 1) {
			return bad(field+" probability", fmtValue(e.Probability), "must be above 0% and below 100%")
		}
		total += e.Probability
	}
	if total >= 1 {
		return bad("rework", fmtPercentExact(total), "adds up to 100% or more: some items must go on to the next stage")
	}
	if s.Branch != strings.TrimSpace(s.Branch) {
		return bad("branch", s.Branch, "cannot start or end with a space")
	}
	switch {
	case s.Branch == "" && s.Lane != 0:
		return bad("lane", strconv.Itoa(s.Lane), "is set on a stage that is in no parallel branch")
	case s.Branch != "" && (s.Lane < 1 || s.Lane > MaxLanes):
		return bad("lane", strconv.Itoa(s.Lane), fmt.Sprintf("must be 1 to %d in branch %q", MaxLanes, s.Branch))
	}
	if s.BatchSize < 0 {
		return bad("batch size", strconv.Itoa(s.BatchSize), "cannot be negative")
	}
	if s.WIPLimit < 0 {
		return bad("WIP limit", strconv.Itoa(s.WIPLimit), "cannot be negative (0 is no limit)")
	}
	for _, x := range []struct {
		field string
		e     *Estimate
	}{{"process estimate", s.ProcessEstimate}, {"wait estimate", s.WaitEstimate}} {
		if x.e == nil {
			continue
		}
		e := *x.e
		for _, v := range []float64{e.Min, e.Likely, e.Max} {
			if r := checkHours(v); r != "" {
				return bad(x.field, fmtValue(v), r)
			}
		}
		if !(e.Min <= e.Likely && e.Likely <= e.Max) {
			return bad(x.field, fmt.Sprintf("%s / %s / %s", fmtValue(e.Min), fmtValue(e.Likely), fmtValue(e.Max)),
				"must be min <= likely <= max")
		}
	}
	if x := s.Measured; x != nil {
		if x.Items < 0 {
			return bad("measured items", strconv.Itoa(x.Items), "cannot be negative")
		}
		for _, d := range []struct {
			field string
			e     Empirical
		}{{"measured wait", x.Wait}, {"measured process", x.Process}} {
			if err := d.e.check(); err != "" {
				return bad(d.field, "", err)
			}
		}
	}
	return nil
}

func fmtPercentExact(v float64) string { return fmtValue(100*v) + "%" }

// flowPos is where a stage stands in the flow: its segment, its lane within a
// branch (-1 on the main line) and its place in that lane.
type flowPos struct{ seg, lane, at int }

// before reports whether a stage at p comes before (or is) the stage at q
// along every path through the flow, and so may be the target of q's rework.
func (p flowPos) beforeOrAt(q flowPos) bool {
	switch {
	case p.seg != q.seg:
		return p.seg < q.seg
	case p.lane != q.lane:
		return false // side by side in one branch
	}
	return p.at <= q.at
}

// validateFlow checks what ties stages together: IDs unique, every rework
// edge pointing at a stage of the map that comes before its own (or is it),
// in a lane the item passes, at most one edge per pair, and each branch's
// stages standing together.
func (m *Map) validateFlow() error {
	for _, v := range m.Throughput {
		if r := checkHours(v); r != "" {
			return &FieldError{Index: -1, Field: "daily throughput", Value: fmtValue(v), Reason: r}
		}
	}
	ids := make(map[string]int, len(m.Stages))
	for i, s := range m.Stages {
		if s.ID == "" {
			continue
		}
		if j, dup := ids[s.ID]; dup {
			return &FieldError{Stage: s.Name, Index: i, Field: "id", Value: s.ID,
				Reason: fmt.Sprintf("is the ID of stage %d %q too", j+1, m.Stages[j].Name)}
		}
		ids[s.ID] = i
	}
	seen := map[string]int{}
	for i, s := range m.Stages {
		if s.Branch == "" {
			continue
		}
		if j, ok := seen[s.Branch]; ok && j != i-1 {
			return &FieldError{Stage: s.Name, Index: i, Field: "branch", Value: s.Branch,
				Reason: fmt.Sprintf("is split: stage %d %q stands between its stages (a branch's stages stand together)", j+2, m.Stages[j+1].Name)}
		}
		seen[s.Branch] = i
	}
	g := newFlowGraph(m)
	for i, s := range m.Stages {
		targets := make(map[int]bool, len(s.Rework))
		for k, e := range s.Rework {
			field := fmt.Sprintf("rework %d", k+1)
			j, ok := ids[e.To]
			if !ok {
				return &FieldError{Stage: s.Name, Index: i, Field: field, Value: e.To, Reason: "is not the ID of a stage of this map"}
			}
			to := fmt.Sprintf("stage %d %q", j+1, m.Stages[j].Name)
			if targets[j] {
				return &FieldError{Stage: s.Name, Index: i, Field: field, Value: e.To, Reason: "goes back to " + to + " a second time (give one edge the sum)"}
			}
			targets[j] = true
			if !g.pos[j].beforeOrAt(g.pos[i]) {
				reason := "points forward to " + to + ": rework goes back to this stage or an earlier one"
				if g.pos[j].seg == g.pos[i].seg {
					reason = "goes to " + to + ", which runs beside this stage in another lane of the branch: rework goes back along the item's own path"
				}
				return &FieldError{Stage: s.Name, Index: i, Field: field, Value: e.To, Reason: reason}
			}
		}
	}
	return nil
}

// HasFlow reports whether any stage has a rework edge or is in a parallel
// branch, that is, whether the map is more than a straight line.
func (m *Map) HasFlow() bool {
	return slices.ContainsFunc(m.Stages, func(s Stage) bool { return len(s.Rework) > 0 || s.Branch != "" })
}
