package vsm

import (
	"fmt"
	"slices"
)

// Editing a map's stages so that rework edges and parallel branches stay
// consistent. Each method changes m only when the result is valid; otherwise
// it returns an error (wrapping ErrInvalid) that says what would break, and m
// is as it was. Indexes are 0-based positions in m.Stages.
//
// Edges name stages by ID, so they follow a stage wherever it moves; a stage's
// branch is decided by where it stands (see MoveStage).

// BranchIDPrefix starts the labels RunBeside gives new branches: "b1", "b2", ...
const BranchIDPrefix = "b"

// StageByID is the index of the stage with ID id, or -1.
func (m *Map) StageByID(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(m.Stages, func(s Stage) bool { return s.ID == id })
}

// EnsureStageID gives stage i the next free ID ("s1", "s2", ...) if it has
// none, and returns its ID.
func (m *Map) EnsureStageID(i int) string {
	if m.Stages[i].ID == "" {
		m.Stages[i].ID = NextID(StageIDPrefix, stageIDs(m.Stages))
	}
	return m.Stages[i].ID
}

func stageIDs(stages []Stage) []string {
	ids := make([]string, 0, len(stages))
	for _, s := range stages {
		if s.ID != "" {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func (m *Map) checkIndex(what string, i, n int) error {
	if i < 0 || i >= n {
		return fmt.Errorf("%s: stage %d is not on map %q, which has %d stages: %w", what, i+1, m.Name, len(m.Stages), ErrInvalid)
	}
	return nil
}

// commitStages makes stages the map's when their flow is valid.
func (m *Map) commitStages(what string, stages []Stage) error {
	if err := (&Map{Stages: stages}).validateFlow(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	m.Stages = stages
	return nil
}

// InsertStage puts s at position at (0 to len(m.Stages)). Standing between
// two stages of one branch, it joins the lane of the stage before it;
// elsewhere it is on the main line, whatever s said. An ID another stage has
// is dropped; s's own rework edges must be valid where it lands.
func (m *Map) InsertStage(at int, s Stage) error {
	what := "inserting stage " + s.Name
	if err := m.checkIndex(what, at, len(m.Stages)+1); err != nil {
		return err
	}
	s = s.Clone()
	if m.StageByID(s.ID) >= 0 {
		s.ID = ""
	}
	stages := slices.Insert(slices.Clone(m.Stages), at, s)
	placeByNeighbours(stages, at, "")
	return m.commitStages(what, stages)
}

// RemoveStage deletes stage i and the rework edges that go back to it. A
// branch left with one lane becomes a plain part of the main line.
func (m *Map) RemoveStage(i int) (Stage, error) {
	if err := m.checkIndex("removing a stage", i, len(m.Stages)); err != nil {
		return Stage{}, err
	}
	gone := m.Stages[i]
	stages := slices.Delete(slices.Clone(m.Stages), i, i+1)
	if gone.ID != "" {
		for k, s := range stages {
			if slices.ContainsFunc(s.Rework, func(e Rework) bool { return e.To == gone.ID }) {
				stages[k].Rework = slices.DeleteFunc(slices.Clone(s.Rework), func(e Rework) bool { return e.To == gone.ID })
				if len(stages[k].Rework) == 0 {
					stages[k].Rework = nil
				}
			}
		}
	}
	dissolveOneLane(stages, gone.Branch)
	return gone.Clone(), m.commitStages("removing stage "+gone.Name, stages)
}

// MoveStage moves stage i to position j (its index afterwards). Its rework
// edges and the edges to it go with it. Where it lands decides its branch: next
// to or inside its own branch it stays in its lane; between two stages of
// another branch it joins the lane of the stage before it; elsewhere it is on
// the main line (and a branch left with one lane becomes plain main line). A
// move that would turn a rework edge forward, or across lanes, is refused.
func (m *Map) MoveStage(i, j int) error {
	if err := m.checkIndex("moving a stage", i, len(m.Stages)); err != nil {
		return err
	}
	s := m.Stages[i]
	what := "moving stage " + s.Name
	if err := m.checkIndex(what, j, len(m.Stages)); err != nil {
		return err
	}
	if i == j {
		return nil
	}
	stages := slices.Delete(slices.Clone(m.Stages), i, i+1)
	stages = slices.Insert(stages, j, s)
	placeByNeighbours(stages, j, s.Branch)
	if s.Branch != stages[j].Branch {
		dissolveOneLane(stages, s.Branch)
	}
	return m.commitStages(what, stages)
}

// RunBeside puts stage i in a new lane of stage j's branch, after its other
// stages (stage j on the main line first becomes lane 1 of a new branch): "QA
// and Security run side by side" is RunBeside(security, qa).
func (m *Map) RunBeside(i, j int) error {
	if err := m.checkIndex("running a stage in parallel", i, len(m.Stages)); err != nil {
		return err
	}
	if err := m.checkIndex("running a stage in parallel", j, len(m.Stages)); err != nil {
		return err
	}
	what := fmt.Sprintf("running stage %s beside %s", m.Stages[i].Name, m.Stages[j].Name)
	if i == j {
		return fmt.Errorf("%s: a stage cannot run beside itself: %w", what, ErrInvalid)
	}
	stages := slices.Clone(m.Stages)
	old := stages[i].Branch
	b := stages[j].Branch
	if b == "" {
		var labels []string
		for _, s := range stages {
			if s.Branch != "" {
				labels = append(labels, s.Branch)
			}
		}
		b = NextID(BranchIDPrefix, labels)
		stages[j].Branch, stages[j].Lane = b, 1
	}
	lane := 0
	for k, s := range stages {
		if s.Branch == b && k != i {
			lane = max(lane, s.Lane)
		}
	}
	if lane >= MaxLanes {
		return fmt.Errorf("%s: branch %q already has %d lanes, the most a branch may have: %w", what, b, MaxLanes, ErrInvalid)
	}
	s := stages[i]
	s.Branch, s.Lane = b, lane+1
	stages = slices.Delete(stages, i, i+1)
	last := -1
	for k, x := range stages {
		if x.Branch == b {
			last = k
		}
	}
	stages = slices.Insert(stages, last+1, s)
	if old != b {
		dissolveOneLane(stages, old)
	}
	return m.commitStages(what, stages)
}

// ToMainLine takes stage i out of its branch: it follows the branch on the
// main line (a branch left with one lane becomes plain main line).
func (m *Map) ToMainLine(i int) error {
	if err := m.checkIndex("taking a stage out of its branch", i, len(m.Stages)); err != nil {
		return err
	}
	s := m.Stages[i]
	if s.Branch == "" {
		return nil
	}
	b := s.Branch
	s.Branch, s.Lane = "", 0
	stages := slices.Delete(slices.Clone(m.Stages), i, i+1)
	last := -1
	for k, x := range stages {
		if x.Branch == b {
			last = k
		}
	}
	stages = slices.Insert(stages, last+1, s)
	dissolveOneLane(stages, b)
	return m.commitStages("taking stage "+s.Name+" out of its branch", stages)
}

// SetRework makes rework found at stage from go back to stage to with
// probability p, replacing an edge between them; p = 0 removes it. Both
// stages get IDs if they had none.
func (m *Map) SetRework(from, to int, p float64) error {
	if err := m.checkIndex("setting rework", from, len(m.Stages)); err != nil {
		return err
	}
	if err := m.checkIndex("setting rework", to, len(m.Stages)); err != nil {
		return err
	}
	stages := slices.Clone(m.Stages)
	tmp := &Map{Stages: stages}
	toID := tmp.EnsureStageID(to)
	tmp.EnsureStageID(from)
	edges := slices.DeleteFunc(slices.Clone(stages[from].Rework), func(e Rework) bool { return e.To == toID })
	if p != 0 {
		edges = append(edges, Rework{To: toID, Probability: p})
	}
	if len(edges) == 0 {
		edges = nil
	}
	stages[from].Rework = edges
	what := fmt.Sprintf("rework from %s back to %s", stages[from].Name, stages[to].Name)
	if err := stages[from].validateFlowFields(from); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return m.commitStages(what, stages)
}

// placeByNeighbours sets the branch of stages[at] from where it stands: it
// keeps branch own when a neighbour is in it, joins the branch of the stage
// before it when the stage after it is in the same one, else the main line.
func placeByNeighbours(stages []Stage, at int, own string) {
	s := &stages[at]
	var prev, next *Stage
	if at > 0 {
		prev = &stages[at-1]
	}
	if at+1 < len(stages) {
		next = &stages[at+1]
	}
	switch {
	case own != "" && ((prev != nil && prev.Branch == own) || (next != nil && next.Branch == own)):
		// stays in its lane
	case prev != nil && next != nil && prev.Branch != "" && prev.Branch == next.Branch:
		s.Branch, s.Lane = prev.Branch, prev.Lane
	default:
		s.Branch, s.Lane = "", 0
	}
}

// dissolveOneLane puts the stages of branch b back on the main line when
// they are all in one lane.
func dissolveOneLane(stages []Stage, b string) {
	if b == "" {
		return
	}
	lane := -1
	for _, s := range stages {
		if s.Branch != b {
			continue
		}
		if lane >= 0 && s.Lane != lane {
			return
		}
		lane = s.Lane
	}
	for k := range stages {
		if stages[k].Branch == b {
			stages[k].Branch, stages[k].Lane = "", 0
		}
	}
}
