package vsm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Waste is one of the software-delivery waste types a stage can be tagged with.
type Waste string

// The waste types of shared/metrics.md.
const (
	WasteApprovals     Waste = "approvals"
	WasteManualTesting Waste = "manual-testing"
	WasteManualDeploy  Waste = "manual-deploy"
	WasteWaiting       Waste = "waiting"
	WasteEnvironments  Waste = "environments"
	WasteHandoffs      Waste = "handoffs"
	WasteRework        Waste = "rework"
	WasteDefects       Waste = "defects"
	WasteTaskSwitching Waste = "task-switching"
	WastePartiallyDone Waste = "partially-done"
)

// WasteTypes lists every waste type in the order the UI offers them.
var WasteTypes = []Waste{
	WasteApprovals, WasteManualTesting, WasteManualDeploy, WasteWaiting,
	WasteEnvironments, WasteHandoffs, WasteRework, WasteDefects,
	WasteTaskSwitching, WastePartiallyDone,
}

// ParseWaste reads a waste type, forgiving case, spaces and underscores
// ("Manual testing" is manual-testing).
func ParseWaste(s string) (Waste, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "-", "_", "-").Replace(k)
	for _, w := range WasteTypes {
		if string(w) == k {
			return w, nil
		}
	}
	return "", fmt.Errorf("%q is not a waste type (one of %s)", s, wasteNames())
}

// Stage is one step of the value stream. Durations are working hours.
type Stage struct {
	Name             string
	Team             string
	ProcessHours     float64  // PT: hands-on work per item, without interruption
	WaitHours        float64  // WT: elapsed wait before this stage works on the item
	CompleteAccurate float64  // CA: share of output the next stage uses as is, (0, 1]
	People           float64  // people or parallel slots, > 0
	Queue            *float64 // items waiting in front of the stage; nil when unknown
	Waste            []Waste
	Notes            string

	// The flow model (flow.go): rework edges, parallel branches, how the
	// stage works, and what shapes its forecast. Zero values keep a stage on
	// the straight line with today's numbers.
	ID              string         // stable identity for rework edges; "" until one needs it
	Rework          []Rework       // rework found here, sent back to an earlier stage (or this one)
	Branch          string         // label of the parallel branch the stage is in; "" on the main line
	Lane            int            // the stage's lane in Branch, from 1; 0 on the main line
	BatchSize       int            // items moved on together; 0 (unset) is 1
	WIPLimit        int            // most items allowed to wait in front of the stage; 0 is no limit
	Automated       bool           // the work is done by machines, not people
	ProcessEstimate *Estimate      // optional min / likely / max of the process time
	WaitEstimate    *Estimate      // optional min / likely / max of the wait
	Measured        *MeasuredTimes // per-item distributions measured from an event log
}

// NewStage is a stage with the defaults of shared/metrics.md: no wait, no work,
// CA 1 and one person.
func NewStage(name string) Stage {
	return Stage{Name: name, CompleteAccurate: 1, People: 1}
}

// LeadHours is WT + PT.
func (s Stage) LeadHours() float64 { return s.WaitHours + s.ProcessHours }

// HasWaste reports whether the stage carries tag w.
func (s Stage) HasWaste(w Waste) bool {
	for _, x := range s.Waste {
		if x == w {
			return true
		}
	}
	return false
}

// Clone is a deep copy: slices and the queue pointer are not shared.
func (s Stage) Clone() Stage {
	c := s
	if s.Queue != nil {
		q := *s.Queue
		c.Queue = &q
	}
	c.Waste = cloneSlice(s.Waste)
	c.cloneFlow()
	return c
}

// Validate checks every field against shared/metrics.md; index is the stage's
// position, used to name it in the error.
func (s Stage) Validate(index int) error {
	bad := func(field string, v float64, reason string) error {
		return &FieldError{Stage: s.Name, Index: index, Field: field, Value: fmtValue(v), Reason: reason}
	}
	if strings.TrimSpace(s.Name) == "" {
		return &FieldError{Index: index, Field: "name", Reason: "is required"}
	}
	if err := checkHours(s.ProcessHours); err != "" {
		return bad("process", s.ProcessHours, err)
	}
	if err := checkHours(s.WaitHours); err != "" {
		return bad("wait", s.WaitHours, err)
	}
	if !(s.CompleteAccurate > 0 && s.CompleteAccurate <= 1) {
		return bad("complete & accurate", s.CompleteAccurate, "must be above 0% and at most 100%")
	}
	if !(s.People > 0) || math.IsInf(s.People, 0) {
		return bad("people", s.People, "must be more than 0")
	}
	if s.Queue != nil && (!(*s.Queue >= 0) || math.IsInf(*s.Queue, 0)) {
		return bad("queue", *s.Queue, "must be 0 or more")
	}
	for _, w := range s.Waste {
		if _, err := ParseWaste(string(w)); err != nil {
			return &FieldError{Stage: s.Name, Index: index, Field: "waste", Value: string(w), Reason: "is not a waste type"}
		}
	}
	return s.validateFlowFields(index)
}

func checkHours(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "is not a finite duration"
	case v < 0:
		return "cannot be negative"
	}
	return ""
}

func fmtValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
