package report

import (
	"sort"
	"strings"
	"time"

	"flowmap/vsm"
)

// measured is one measurement with the metrics its own stage values give.
type measured struct {
	vsm.Measurement
	Metrics vsm.Metrics
}

// measuredHistory computes every measurement's metrics with the rules of
// shared/metrics.md, on the calendar and demand the measurement was taken with,
// in date order (the map keeps them in date order; a hand-edited file may not).
func measuredHistory(m *vsm.Map) []measured {
	out := make([]measured, len(m.Measurements))
	for i, x := range m.Measurements {
		mm := &vsm.Map{Name: m.Name, Calendar: x.Calendar, DemandPerDay: x.DemandPerDay, Stages: x.Stages}
		out[i] = measured{Measurement: x, Metrics: vsm.Compute(mm)}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// doneDate is when a kaizen moved to done: its last change to done. A kaizen
// marked done without a recorded change has no date to mark on a timeline.
func doneDate(k vsm.Kaizen) (time.Time, bool) {
	for i := len(k.Changes) - 1; i >= 0; i-- {
		if k.Changes[i].Status == vsm.KaizenDone && !k.Changes[i].Date.IsZero() {
			return k.Changes[i].Date, true
		}
	}
	return time.Time{}, false
}

// isOpen tells whether a kaizen is still to be done: an idea, planned or in
// progress (a burst on the map), not done or dropped.
func isOpen(k vsm.Kaizen) bool {
	switch k.Status {
	case vsm.KaizenDone, vsm.KaizenDropped:
		return false
	}
	return true
}

// openKaizenByStage counts the open kaizen that target each stage, matching
// stage names the way vsm.Map.StageIndex does (case and surrounding spaces
// ignored).
func openKaizenByStage(m *vsm.Map) []int {
	counts := make([]int, len(m.Stages))
	if len(m.Kaizen) == 0 {
		return counts
	}
	index := make(map[string]int, len(m.Stages))
	for i := len(m.Stages) - 1; i >= 0; i-- { // the first stage of a name wins
		index[strings.ToLower(strings.TrimSpace(m.Stages[i].Name))] = i
	}
	for _, k := range m.Kaizen {
		if !isOpen(k) || strings.TrimSpace(k.Stage) == "" {
			continue
		}
		if i, ok := index[strings.ToLower(strings.TrimSpace(k.Stage))]; ok {
			counts[i]++
		}
	}
	return counts
}

// completion is a kaizen finished on a date, for the trend picture.
type completion struct {
	Date  time.Time
	Title string
	Stage string
}

// completions lists the done kaizen with their done dates, oldest first.
func completions(m *vsm.Map) []completion {
	var out []completion
	for _, k := range m.Kaizen {
		if k.Status != vsm.KaizenDone {
			continue
		}
		if d, ok := doneDate(k); ok {
			out = append(out, completion{Date: d, Title: k.Title, Stage: k.Stage})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}
