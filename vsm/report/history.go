package report

import (
	"sort"

	"flowmap/vsm"
)

// measured is one measurement with every metric its own stage values give.
type measured struct {
	vsm.Measurement
	Metrics vsm.Metrics
}

// measuredHistory computes every measurement's metrics with the rules of
// shared/metrics.md, on the calendar and demand the measurement was taken
// with, in day order as vsm.History lists them (the workbook needs the
// per-stage figures and bottlenecks, which History does not keep).
func measuredHistory(m *vsm.Map) []measured {
	out := make([]measured, len(m.Measurements))
	for i, x := range m.Measurements {
		out[i] = measured{Measurement: x, Metrics: vsm.Compute(x.Map())}
	}
	sort.SliceStable(out, func(i, j int) bool { return vsm.DaysBetween(out[j].Date, out[i].Date) < 0 })
	return out
}

// openKaizen counts the open kaizen (idea, planned, in progress) of each
// stage: the bursts on the map.
func openKaizen(m *vsm.Map) []int {
	bursts := vsm.KaizenBursts(m)
	n := make([]int, len(bursts))
	for i, b := range bursts {
		n[i] = len(b)
	}
	return n
}
