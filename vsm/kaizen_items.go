package vsm

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NextID is prefix followed by one more than the largest number any of
// existing has after the same prefix: NextID("k", ["k1", "k7", "x"]) is "k8",
// NextID("k", nil) is "k1". IDs made this way are unique within the list and
// never reused while a higher one is still there.
func NextID(prefix string, existing []string) string {
	top := 0
	for _, id := range existing {
		rest, ok := strings.CutPrefix(id, prefix)
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(rest); err == nil && n > top && strconv.Itoa(n) == rest {
			top = n
		}
	}
	return prefix + strconv.Itoa(top+1)
}

// The ID prefixes of items made by AddKaizen, AddMeasurement and AddLearning.
const (
	KaizenIDPrefix      = "k"
	MeasurementIDPrefix = "m"
	LearningIDPrefix    = "l"
)

// KaizenIndex is the position of the kaizen item with ID id, or -1.
func (m *Map) KaizenIndex(id string) int {
	return slices.IndexFunc(m.Kaizen, func(k Kaizen) bool { return k.ID == id })
}

// FindKaizen is the kaizen item with ID id, and whether there is one.
func (m *Map) FindKaizen(id string) (Kaizen, bool) {
	if i := m.KaizenIndex(id); i >= 0 {
		return m.Kaizen[i], true
	}
	return Kaizen{}, false
}

func (m *Map) kaizenIDs() []string {
	ids := make([]string, len(m.Kaizen))
	for i, k := range m.Kaizen {
		ids[i] = k.ID
	}
	return ids
}

// AddKaizen validates k and appends a copy to m. An empty ID gets the next
// "k<n>"; an empty status is idea; an item without status changes gets its
// status dated Created (when set) as the first change. Every learning-log entry
// k follows up (LearningID) gets k in its FollowUps, so links go both ways. It
// returns the item as stored.
func (m *Map) AddKaizen(k Kaizen) (Kaizen, error) {
	k = k.Clone()
	if k.Status == "" {
		k.Status = KaizenIdea
	}
	if k.ID == "" {
		k.ID = NextID(KaizenIDPrefix, m.kaizenIDs())
	} else if m.KaizenIndex(k.ID) >= 0 {
		return Kaizen{}, &ItemError{Kind: "kaizen", Index: -1, Name: k.Title, Field: "id", Value: k.ID, Reason: "is already used by another kaizen item"}
	}
	if len(k.Changes) == 0 && !k.Created.IsZero() {
		k.Changes = []StatusChange{{Status: k.Status, Date: k.Created}}
	}
	if err := k.validate(-1); err != nil {
		return Kaizen{}, err
	}
	if err := m.checkLearningLinks(k); err != nil {
		return Kaizen{}, err
	}
	m.Kaizen = append(m.Kaizen, k)
	m.syncFollowUps(k)
	return k.Clone(), nil
}

// UpdateKaizen replaces the item with k's ID by k, after validating it. Status
// and status changes are kept as stored: only SetKaizenStatus moves an item, so
// its dated history stays true. Learning-log links are brought in line with
// k.LearningID in both directions.
func (m *Map) UpdateKaizen(k Kaizen) error {
	i := m.KaizenIndex(k.ID)
	if i < 0 {
		return fmt.Errorf("kaizen %q: no item with id %q on map %q: %w", k.Title, k.ID, m.Name, ErrInvalid)
	}
	k = k.Clone()
	k.Status = m.Kaizen[i].Status
	k.Changes = cloneSlice(m.Kaizen[i].Changes)
	if err := k.validate(i); err != nil {
		return err
	}
	if err := m.checkLearningLinks(k); err != nil {
		return err
	}
	m.Kaizen[i] = k
	m.syncFollowUps(k)
	return nil
}

// RemoveKaizen deletes the item with ID id and its links from the learning log.
func (m *Map) RemoveKaizen(id string) error {
	i := m.KaizenIndex(id)
	if i < 0 {
		return fmt.Errorf("no kaizen item with id %q on map %q: %w", id, m.Name, ErrInvalid)
	}
	m.Kaizen = slices.Delete(m.Kaizen, i, i+1)
	if len(m.Kaizen) == 0 {
		m.Kaizen = nil
	}
	for j := range m.Learning {
		m.Learning[j].FollowUps = removeString(m.Learning[j].FollowUps, id)
	}
	return nil
}

func (m *Map) checkLearningLinks(k Kaizen) error {
	for _, id := range k.LearningID {
		if m.LearningIndex(id) < 0 {
			return &ItemError{Kind: "kaizen", Index: -1, Name: k.Title, Field: "learning entries", Value: id, Reason: "is not an entry of the learning log"}
		}
	}
	return nil
}

// syncFollowUps makes every entry's FollowUps hold k.ID exactly when k.LearningID
// holds the entry's ID.
func (m *Map) syncFollowUps(k Kaizen) {
	for j := range m.Learning {
		e := &m.Learning[j]
		if slices.Contains(k.LearningID, e.ID) {
			e.FollowUps = addString(e.FollowUps, k.ID)
		} else {
			e.FollowUps = removeString(e.FollowUps, k.ID)
		}
	}
}

// SetKaizenStatus moves the kaizen item with ID id to status s on date,
// recording the change. Setting the status it already has records nothing.
// The date may not be earlier than the item's last change: changes are kept
// oldest first.
func (m *Map) SetKaizenStatus(id string, s KaizenStatus, date time.Time) error {
	i := m.KaizenIndex(id)
	if i < 0 {
		return fmt.Errorf("no kaizen item with id %q on map %q: %w", id, m.Name, ErrInvalid)
	}
	k := &m.Kaizen[i]
	if !s.Known() {
		return &ItemError{Kind: "kaizen", Index: i, Name: k.Title, Field: "status", Value: string(s), Reason: "is not a status (one of " + statusList() + ")"}
	}
	if date.IsZero() {
		return &ItemError{Kind: "kaizen", Index: i, Name: k.Title, Field: "status date", Reason: "is required"}
	}
	if k.Status == s {
		return nil
	}
	if n := len(k.Changes); n > 0 && date.Before(k.Changes[n-1].Date) {
		return &ItemError{Kind: "kaizen", Index: i, Name: k.Title, Field: "status date", Value: date.Format(DateLayout),
			Reason: fmt.Sprintf("is earlier than its last change (%s on %s)", k.Changes[n-1].Status, k.Changes[n-1].Date.Format(DateLayout))}
	}
	k.Changes = append(k.Changes, StatusChange{Status: s, Date: date})
	k.Status = s
	return nil
}

// DoneDate is when the item was done: the date of its latest change to done,
// while its status is done. It is false for an item that is not done, or is
// marked done without a dated change.
func (k Kaizen) DoneDate() (time.Time, bool) {
	if k.Status != KaizenDone {
		return time.Time{}, false
	}
	for i := len(k.Changes) - 1; i >= 0; i-- {
		if k.Changes[i].Status == KaizenDone {
			return k.Changes[i].Date, true
		}
	}
	return time.Time{}, false
}

// BoardColumn is one column of the kaizen board: the items with one status, in
// the map's order.
type BoardColumn struct {
	Status KaizenStatus
	Items  []Kaizen
}

// Board is the kaizen board: one column per status in KaizenStatuses order
// (idea, planned, in progress, done, dropped), every column present even when
// empty. Items with an unknown status are left out (Validate rejects them).
func Board(m *Map) []BoardColumn {
	cols := make([]BoardColumn, len(KaizenStatuses))
	for i, s := range KaizenStatuses {
		cols[i].Status = s
	}
	for _, k := range m.Kaizen {
		if i := slices.Index(KaizenStatuses, k.Status); i >= 0 {
			cols[i].Items = append(cols[i].Items, k.Clone())
		}
	}
	return cols
}

// KaizenGain is a kaizen item with the change of totals it is expected to make
// (ExpectedEffect), or the reason that cannot be computed.
type KaizenGain struct {
	Kaizen   Kaizen
	Expected TotalsDelta // zero when Err is set
	Err      error       // e.g. the targeted stage is not on the map (wraps ErrUnknownStage)
}

// Backlog is the open kaizen items (idea, planned, in progress) with their
// expected effects, the largest expected lead-time gain (-Δ lead_hours) first;
// ties go by title (ignoring case), then the map's order. Items whose effect cannot be
// computed come last, in the same tie order.
func Backlog(m *Map) []KaizenGain {
	var out []KaizenGain
	before := Compute(m).Totals
	for _, k := range m.Kaizen {
		if !k.Status.Open() {
			continue
		}
		d, err := expectedEffect(m, before, k)
		out = append(out, KaizenGain{Kaizen: k.Clone(), Expected: d, Err: err})
	}
	slices.SortStableFunc(out, func(a, b KaizenGain) int {
		if (a.Err == nil) != (b.Err == nil) {
			if a.Err == nil {
				return -1
			}
			return 1
		}
		if ga, gb := a.Expected.LeadGain(), b.Expected.LeadGain(); ga != gb {
			if ga > gb {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Kaizen.Title), strings.ToLower(b.Kaizen.Title))
	})
	return out
}

func addString(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// removeString drops every s from list, keeping nil for an empty result.
func removeString(list []string, s string) []string {
	list = slices.DeleteFunc(list, func(x string) bool { return x == s })
	if len(list) == 0 {
		return nil
	}
	return list
}

// ParseKaizenStatus reads a status forgiving case, spaces and underscores:
// "In progress" is in-progress.
func ParseKaizenStatus(s string) (KaizenStatus, error) {
	k := KaizenStatus(strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s))))
	if !k.Known() {
		return "", fmt.Errorf("%q is not a kaizen status (one of %s): %w", s, statusList(), ErrInvalid)
	}
	return k, nil
}

// KaizenBursts are the open kaizen items (idea, planned, in progress) of each
// stage, indexed like m.Stages: the bursts the map drawing puts on its stages.
// Items for the whole stream or for a stage not on the map are left out.
func KaizenBursts(m *Map) [][]Kaizen {
	out := make([][]Kaizen, len(m.Stages))
	for _, k := range m.Kaizen {
		if !k.Status.Open() || k.Stage == "" {
			continue
		}
		if i := m.StageIndex(k.Stage); i >= 0 {
			out[i] = append(out[i], k.Clone())
		}
	}
	return out
}
