package vsm

// Segment is one step of the flow as the map draws it: a stage on the main
// line, or a parallel branch whose lanes run side by side.
type Segment struct {
	Stage  int     // index of the stage on the main line; -1 for a branch
	Branch string  // the branch's label; "" on the main line
	Lanes  [][]int // a branch's lanes: each lane's stage indexes in flow order; lanes in the order of their first stage
}

// IsBranch reports whether the segment is a parallel branch.
func (s Segment) IsBranch() bool { return s.Stage < 0 }

// Segments is the map's flow in order: main-line stages one by one, and each
// run of consecutive stages sharing a Branch label as one branch, its lanes
// grouped by Lane (a lane's stages keep their flow order). A map without
// branches has one segment per stage. It reads invalid maps too (a split
// branch becomes two), so drawing never fails; Validate reports them.
func (m *Map) Segments() []Segment { return segmentsOf(m.Stages) }

func segmentsOf(stages []Stage) []Segment {
	segs := make([]Segment, 0, len(stages))
	for i := 0; i < len(stages); {
		b := stages[i].Branch
		if b == "" {
			segs = append(segs, Segment{Stage: i})
			i++
			continue
		}
		seg := Segment{Stage: -1, Branch: b}
		laneOf := map[int]int{}
		for ; i < len(stages) && stages[i].Branch == b; i++ {
			l, ok := laneOf[stages[i].Lane]
			if !ok {
				l = len(seg.Lanes)
				laneOf[stages[i].Lane] = l
				seg.Lanes = append(seg.Lanes, nil)
			}
			seg.Lanes[l] = append(seg.Lanes[l], i)
		}
		segs = append(segs, seg)
	}
	return segs
}

// flowEdge is a rework edge resolved to the index of its target stage.
type flowEdge struct {
	to int
	p  float64
}

// flowGraph is a map's flow resolved once for the computations: segments,
// where each stage stands, and each stage's rework edges by target index.
type flowGraph struct {
	segs  []Segment
	pos   []flowPos
	edges [][]flowEdge // per stage; edges whose target is unknown or not behind are left out
	flat  bool         // no edges and no branches: the straight line
}

func newFlowGraph(m *Map) *flowGraph {
	g := &flowGraph{segs: m.Segments(), pos: make([]flowPos, len(m.Stages)), flat: true}
	for si, seg := range g.segs {
		if !seg.IsBranch() {
			g.pos[seg.Stage] = flowPos{seg: si, lane: -1}
			continue
		}
		g.flat = false
		for li, lane := range seg.Lanes {
			for at, i := range lane {
				g.pos[i] = flowPos{seg: si, lane: li, at: at}
			}
		}
	}
	// Resolve only the IDs that edges name (a few), not every stage's.
	ids := map[string]int{}
	for _, s := range m.Stages {
		for _, e := range s.Rework {
			ids[e.To] = -1
		}
	}
	if len(ids) > 0 {
		for i, s := range m.Stages {
			if j, ok := ids[s.ID]; ok && j < 0 {
				ids[s.ID] = i
			}
		}
	}
	g.edges = make([][]flowEdge, len(m.Stages))
	for i, s := range m.Stages {
		for _, e := range s.Rework {
			j := ids[e.To]
			if j < 0 || !g.pos[j].beforeOrAt(g.pos[i]) || !(e.Probability > 0 && e.Probability < 1) {
				continue
			}
			g.edges[i] = append(g.edges[i], flowEdge{to: j, p: e.Probability})
			g.flat = false
		}
	}
	return g
}
