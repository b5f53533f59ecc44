package vsm

// flowMetrics is what Compute needs from the flow model of a map that is
// more than a straight line.
type flowMetrics struct {
	g        *flowGraph
	sol      flowSolution
	critical []bool    // per stage: on the critical path of lead time
	forward  []float64 // per stage: 1 - Σ p of its rework edges
}

// newFlowMetrics solves m's flow, or is nil when m is a straight line (the
// figures are then today's, computed without it).
func newFlowMetrics(m *Map, cal Calendar, demand float64) *flowMetrics {
	if !m.HasFlow() {
		return nil
	}
	g := newFlowGraph(m)
	if g.flat {
		return nil // only edges that Validate rejects: nothing to solve
	}
	n := len(m.Stages)
	lead := make([]float64, n)
	w := make([]float64, n)
	fl := &flowMetrics{g: g, critical: make([]bool, n), forward: make([]float64, n)}
	for i, s := range m.Stages {
		wait, _ := effectiveWait(s, demand, cal)
		lead[i] = wait + s.ProcessHours
		w[i] = lead[i] / s.CompleteAccurate
		fl.forward[i] = 1
		for _, e := range g.edges[i] {
			fl.forward[i] -= e.p
		}
	}
	fl.sol = solveFlow(g, w)
	for _, seg := range g.segs {
		if !seg.IsBranch() {
			fl.critical[seg.Stage] = true
			continue
		}
		for _, i := range seg.Lanes[longestLane(seg, lead)] {
			fl.critical[i] = true
		}
	}
	return fl
}

// longestLane is the lane of branch seg with the largest sum of lead; ties
// go to the lane that starts first.
func longestLane(seg Segment, lead []float64) int {
	best, bestLead := 0, -1.0
	for li, lane := range seg.Lanes {
		sum := 0.0
		for _, i := range lane {
			sum += lead[i]
		}
		if sum > bestLead {
			best, bestLead = li, sum
		}
	}
	return best
}
