package vsm

import (
	"errors"
	"strings"
)

// StatusKind is what time in a status of a transition log counts as.
type StatusKind string

// The kinds of StatusRole, as a status mapping file writes them.
const (
	StatusWork   StatusKind = "work"
	StatusWait   StatusKind = "wait"
	StatusDone   StatusKind = "done"
	StatusIgnore StatusKind = "ignore"
)

// StatusRole is what time in one status of a transition log means.
//
//   - work STAGE: the time is work of STAGE.
//   - wait STAGE: the time is wait of STAGE (a queue in front of it).
//   - wait, without a stage: the time is wait of the next stage the item
//     enters, like the gap between two visits of an interval log (Blocked,
//     On Hold, "Dev Done" columns). It is not counted if the item enters no
//     stage afterwards, and such an item is not WIP of any stage.
//   - done: the item has finished the value stream; the time is not counted.
//   - ignore: the time is not counted (backlog, cancelled).
//
// Statuses of the same stage in a row (Ready for QA, then In QA) are one
// visit of the stage.
type StatusRole struct {
	Stage string
	Kind  StatusKind // StatusWork, StatusWait, StatusDone or StatusIgnore
}

// Why a status role cannot be used; StatusRole.Check returns one of them,
// and the mapping file and the mapping screen say it in their own words.
var (
	ErrNoStatusKind      = errors.New("the status has no role")
	ErrUnknownStatusKind = errors.New("not a kind: use work, wait, done or ignore")
	ErrWorkWithoutStage  = errors.New("work needs a stage")
	ErrStageNotTaken     = errors.New("done and ignore take no stage")
)

// Check says whether r can be the role of a status: its kind is one of the
// four, work names its stage, and done and ignore name none (wait may or
// may not). It returns nil or one of ErrNoStatusKind, ErrUnknownStatusKind,
// ErrWorkWithoutStage and ErrStageNotTaken; a stage of only spaces is none.
func (r StatusRole) Check() error {
	stage := strings.TrimSpace(r.Stage) != ""
	switch r.Kind {
	case StatusWork:
		if !stage {
			return ErrWorkWithoutStage
		}
	case StatusWait:
	case StatusDone, StatusIgnore:
		if stage {
			return ErrStageNotTaken
		}
	case "":
		return ErrNoStatusKind
	default:
		return ErrUnknownStatusKind
	}
	return nil
}

// MeasuresStage reports whether time in the status counts toward a named
// stage: work of a stage, or wait of a stage. A mapping in which no status
// does leaves nothing to measure.
func (r StatusRole) MeasuresStage() bool {
	return (r.Kind == StatusWork || r.Kind == StatusWait) && strings.TrimSpace(r.Stage) != ""
}

// StatusMapping maps status names of a transition log to their roles. Names
// match ignoring case and repeated spaces (StatusKey).
type StatusMapping struct {
	Statuses map[string]StatusRole
}

// Role is the role of status, matching names by StatusKey.
func (m *StatusMapping) Role(status string) (StatusRole, bool) {
	if m == nil {
		return StatusRole{}, false
	}
	if r, ok := m.Statuses[status]; ok {
		return r, true
	}
	k := StatusKey(status)
	for name, r := range m.Statuses {
		if StatusKey(name) == k {
			return r, true
		}
	}
	return StatusRole{}, false
}

// StatusKey is how status names are matched: case-folded, runs of spaces one
// space, no spaces around ("In  review " is "in review").
func StatusKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
