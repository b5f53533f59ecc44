package vsm

import (
	"math"
	"slices"
)

// Expected visits of every stage with rework edges, %C&A and parallel
// branches: an absorbing Markov chain, solved exactly.
//
// Arrivals. An item arrives at a stage, is worked until a pass is complete
// and accurate (1/CA passes on average: the geometric series 1 + (1-CA) +
// (1-CA)^2 + ... of today's LT/CA), then takes one of the stage's rework edges
// (probability p each) or goes on. Let a_j be the expected arrivals at stage
// j per item; its expected passes (visits) are a_j / CA_j.
//
// A straight line with edges. Count the crossings of the cut just before
// stage j: the item starts before it and ends after it, and every edge
// e = B -> A with A <= j <= B crosses it backwards once each time it is
// taken, r_e = p_e x a_B times on average. So
//
//	a_j = 1 + sum of r_e over the edges that span j (A_e <= j <= B_e)
//	r_e = p_e x a_{B_e}
//
// one equation per edge (E unknowns, solved by Gaussian elimination), after
// which every a_j is a prefix sum: O(n + E^3) for n stages, not O(n^3).
//
// Worked example: A -> B -> C, an edge C -> A at 20%, B's %C&A 90%. The edge
// spans A, B and C: a = 1 + r and r = 0.2 x a_C = 0.2 x a, so a = 1 / 0.8 =
// 1.25 for all three. Visits: A 1.25, B 1.25 / 0.9 = 1.3889, C 1.25. With a
// second edge C -> B at 50% nested inside it: a_A = 1 + r1, a_B = a_C = 1 + r1
// + r2, r1 = 0.2 a_C, r2 = 0.5 a_C; so a_C = 1 + 0.7 a_C = 10/3, r1 = 2/3 and
// a_A = 5/3: an arrival at C goes on 30% of the time, so C sees 1 / 0.3.
//
// Parallel branches. A branch is entered whole (every lane from its first
// stage: a "full" entry, from the stage before it or from rework that goes
// back past it) or in one lane (rework from a later stage that goes back to a
// stage inside that lane: only that lane runs again; the others are done). In
// a lane, edges to a stage of the same lane loop inside it; an edge to a stage
// before the branch ends that lane's pass with a finding. The lanes of a full
// entry run side by side and the item leaves when all are done: if a lane
// found rework, it goes back to the finding's stage (the earliest in the
// map's order when lanes found several), else on past the branch. Lanes are
// independent, so with S_L(x) the chance lane L ends at x or later ("done"
// being last), P(earliest = t) = prod_L S_L(>= t) - prod_L S_L(> t).
//
// A lane's pass is a straight line with exits, solved like the line above
// from its starting stage s: a_x = [x >= s] + (in-lane edges spanning x) -
// (exits taken before x). The outer chain counts a branch like a stage: its
// arrivals are 1 plus the flow of jumps that span it, and its jumps are
// linear in its full and partial entries; one more linear system of one
// unknown per (stage or branch, target) pair gives everything.

// flowSolution is the exact expected arrivals and rework-adjusted lead time.
type flowSolution struct {
	arrivals []float64 // per stage: expected accepted passes per item
	// reworkLead is the expected lead time with rework: sum over main-line
	// stages of a x LT / CA, and for each branch its full entries x the
	// longest lane's expected pass time plus its partial entries x that
	// lane's pass time (the critical path of expected values).
	reworkLead float64
}

// laneEdge is an edge out of a stage of a lane: to another position of the
// lane (in) or out of the branch (exit, to stage target).
type laneEdge struct {
	src, to int // positions in the lane; to is -1 for an exit
	target  int // stage index of an exit
	p       float64
}

// lanePass is what one pass of a lane from a given start does on average.
type lanePass struct {
	arrivals []float64       // per lane position
	exits    map[int]float64 // target stage -> chance the pass ends with that finding
	done     float64         // chance it ends done
	time     float64         // expected time: sum of arrivals x weight
}

// solveLane solves a lane's pass from position start. w is each stage's time
// per arrival (LT / CA).
func solveLane(g *flowGraph, lane []int, start int, w []float64) lanePass {
	var es []laneEdge
	for x, i := range lane {
		for _, e := range g.edges[i] {
			if p := g.pos[e.to]; p.seg == g.pos[i].seg && p.lane == g.pos[i].lane {
				es = append(es, laneEdge{src: x, to: p.at, p: e.p})
			} else {
				es = append(es, laneEdge{src: x, to: -1, target: e.to, p: e.p})
			}
		}
	}
	// coef(x, d): how r_d enters a_x.
	coef := func(x int, d laneEdge) float64 {
		switch {
		case d.to >= 0 && d.to <= x && x <= d.src:
			return 1
		case d.to < 0 && d.src < x:
			return -1
		}
		return 0
	}
	k := len(es)
	a := make([][]float64, k)
	b := make([]float64, k)
	for r, d := range es {
		a[r] = make([]float64, k)
		for c, d2 := range es {
			a[r][c] = -d.p * coef(d.src, d2)
		}
		a[r][r]++
		if d.src >= start {
			b[r] = d.p
		}
	}
	flow := solveLinear(a, b)
	// a_x by a difference array: +1 from start, +r over [to, src] of in-lane
	// edges, -r after the source of exits.
	diff := make([]float64, len(lane)+1)
	diff[start]++
	out := lanePass{exits: map[int]float64{}}
	for r, d := range es {
		if d.to >= 0 {
			diff[d.to] += flow[r]
			diff[d.src+1] -= flow[r]
		} else {
			diff[d.src+1] -= flow[r]
			out.exits[d.target] += flow[r]
		}
	}
	out.arrivals = make([]float64, len(lane))
	run, exits := 0.0, 0.0
	for x, i := range lane {
		run += diff[x]
		out.arrivals[x] = run
		out.time += run * w[i]
	}
	for _, v := range out.exits {
		exits += v
	}
	out.done = 1 - exits
	return out
}

// outerJump is a jump of the outer chain: from a main-line stage along one
// edge, or from a branch to one target of its lanes' findings.
type outerJump struct {
	src    int     // segment it leaves
	target int     // stage it goes back to
	p      float64 // edge probability (main-line source)
	branch bool    // source is a branch
}

// solveFlow computes the exact expected arrivals of every stage of g, and
// the rework-adjusted lead time with w (LT / CA per stage) as the time of an
// arrival.
func solveFlow(g *flowGraph, w []float64) flowSolution {
	n := len(g.pos)
	sol := flowSolution{arrivals: make([]float64, n)}
	// Lane passes from each lane's first stage, and from every stage that
	// rework from a later segment enters.
	type entry struct{ seg, lane, at int }
	passes := map[entry]lanePass{}
	pass := func(e entry) lanePass {
		p, ok := passes[e]
		if !ok {
			p = solveLane(g, g.segs[e.seg].Lanes[e.lane], e.at, w)
			passes[e] = p
		}
		return p
	}
	var jumps []outerJump
	full := make([]map[int]float64, len(g.segs)) // branch: target -> P(full entry ends there); -1 is done
	for si, seg := range g.segs {
		if !seg.IsBranch() {
			for _, e := range g.edges[seg.Stage] {
				jumps = append(jumps, outerJump{src: si, target: e.to, p: e.p})
			}
			continue
		}
		var lanes []lanePass
		for li := range seg.Lanes {
			lanes = append(lanes, pass(entry{si, li, 0}))
		}
		full[si] = earliestFinding(lanes)
		targets := map[int]bool{}
		for li, lane := range seg.Lanes {
			for _, i := range lane {
				for _, e := range g.edges[i] {
					if p := g.pos[e.to]; p.seg != si || p.lane != li {
						targets[e.to] = true
					}
				}
			}
		}
		ts := make([]int, 0, len(targets))
		for t := range targets {
			ts = append(ts, t)
		}
		slices.Sort(ts)
		for _, t := range ts {
			jumps = append(jumps, outerJump{src: si, target: t, branch: true})
		}
	}
	entryOf := func(stage int) entry {
		return entry(g.pos[stage])
	}
	inLane := func(stage int) bool { return g.pos[stage].lane >= 0 }
	// spans(s, j): jump j crosses segment s backwards.
	spans := func(s int, j outerJump) bool { return g.pos[j.target].seg <= s && s <= j.src }

	k := len(jumps)
	a := make([][]float64, k)
	b := make([]float64, k)
	for r, j := range jumps {
		a[r] = make([]float64, k)
		a[r][r] = 1
		if !j.branch {
			// r = p x A_src, A_src = 1 + sum of spanning jumps.
			b[r] = j.p
			for c, j2 := range jumps {
				if spans(j.src, j2) {
					a[r][c] -= j.p
				}
			}
			continue
		}
		// r = Pfull(t) x A_b + sum over partial entries e of b of
		// (P_e(t) - Pfull(t)) x (flow entering at e).
		pf := full[j.src][j.target]
		b[r] = pf
		for c, j2 := range jumps {
			if spans(j.src, j2) {
				a[r][c] -= pf
			}
			if inLane(j2.target) && g.pos[j2.target].seg == j.src {
				a[r][c] -= pass(entryOf(j2.target)).exits[j.target] - pf
			}
		}
	}
	flow := solveLinear(a, b)

	// A_s for every segment, by a difference array over the jumps.
	diff := make([]float64, len(g.segs)+1)
	partial := map[int]float64{} // entry stage -> flow entering there
	for r, j := range jumps {
		diff[g.pos[j.target].seg] += flow[r]
		diff[j.src+1] -= flow[r]
		if inLane(j.target) {
			partial[j.target] += flow[r]
		}
	}
	run := 1.0
	for si, seg := range g.segs {
		run += diff[si]
		if !seg.IsBranch() {
			sol.arrivals[seg.Stage] = run
			sol.reworkLead += run * w[seg.Stage]
			continue
		}
		fullEntries := run
		for t, v := range partial {
			if g.pos[t].seg == si {
				fullEntries -= v
			}
		}
		longest := -1
		for li, lane := range seg.Lanes {
			p := pass(entry{si, li, 0})
			for x, i := range lane {
				sol.arrivals[i] += fullEntries * p.arrivals[x]
			}
			if longest < 0 || p.time > pass(entry{si, longest, 0}).time {
				longest = li
			}
		}
		sol.reworkLead += fullEntries * pass(entry{si, longest, 0}).time
		for t, v := range partial {
			if g.pos[t].seg != si {
				continue
			}
			e := entryOf(t)
			p := pass(e)
			for x, i := range seg.Lanes[e.lane] {
				sol.arrivals[i] += v * p.arrivals[x]
			}
			sol.reworkLead += v * p.time
		}
	}
	return sol
}

// earliestFinding combines the lanes of a full entry: the chance that the
// earliest finding (by stage index) is each target, and -1 for done.
func earliestFinding(lanes []lanePass) map[int]float64 {
	var ts []int
	for _, l := range lanes {
		for t := range l.exits {
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
	}
	slices.Sort(ts)
	// atLeast(l, t): chance lane l ends at t or later (done is last).
	atLeast := func(l lanePass, t int) float64 {
		s := l.done
		for t2, v := range l.exits {
			if t2 >= t {
				s += v
			}
		}
		return s
	}
	out := map[int]float64{}
	doneAll := 1.0
	for _, l := range lanes {
		doneAll *= l.done
	}
	out[-1] = doneAll
	for _, t := range ts {
		ge, gt := 1.0, 1.0
		for _, l := range lanes {
			ge *= atLeast(l, t)
			gt *= atLeast(l, t) - l.exits[t]
		}
		out[t] = ge - gt
	}
	return out
}

// solveLinear solves a x = b by Gaussian elimination with partial pivoting.
// a and b are overwritten. A singular system (possible only for an invalid
// map, e.g. rework adding up to 100%) gives infinities or NaN, never a panic.
func solveLinear(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			if f == 0 {
				continue
			}
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x
}
