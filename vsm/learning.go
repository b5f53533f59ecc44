package vsm

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// RecurrenceWindowDays is how far back an earlier learning-log entry makes a
// new one recurring: 90 calendar days, inclusive (see Recurrences).
const RecurrenceWindowDays = 90

// LearningIndex is the position of the learning-log entry with ID id, or -1.
func (m *Map) LearningIndex(id string) int {
	return slices.IndexFunc(m.Learning, func(e LearningEntry) bool { return e.ID == id })
}

// FindLearning is the learning-log entry with ID id, and whether there is one.
func (m *Map) FindLearning(id string) (LearningEntry, bool) {
	if i := m.LearningIndex(id); i >= 0 {
		return m.Learning[i], true
	}
	return LearningEntry{}, false
}

// AddLearning validates e and stores a copy in the learning log, which is
// kept in date order (an entry goes after those of its day already there). An
// empty ID gets the next "l<n>". Every kaizen item in e.FollowUps gets e in its
// LearningID, so links go both ways. It returns the entry as stored. Blaming
// words never stop an entry: BlameHints only suggests.
func (m *Map) AddLearning(e LearningEntry) (LearningEntry, error) {
	e = e.Clone()
	sortTimeline(e.Timeline)
	if e.ID == "" {
		ids := make([]string, len(m.Learning))
		for i, x := range m.Learning {
			ids[i] = x.ID
		}
		e.ID = NextID(LearningIDPrefix, ids)
	} else if m.LearningIndex(e.ID) >= 0 {
		return LearningEntry{}, &ItemError{Kind: "learning-log entry", Index: -1, Name: e.Title, Field: "id", Value: e.ID, Reason: "is already used by another entry"}
	}
	if err := e.validate(-1); err != nil {
		return LearningEntry{}, err
	}
	if err := m.checkFollowUps(e); err != nil {
		return LearningEntry{}, err
	}
	day := dayNumber(e.Date)
	i := len(m.Learning)
	for i > 0 && dayNumber(m.Learning[i-1].Date) > day {
		i--
	}
	m.Learning = slices.Insert(m.Learning, i, e)
	m.syncLearningIDs(e)
	return e.Clone(), nil
}

// UpdateLearning replaces the entry with e's ID by e after validating it, and
// brings the kaizen links in line with e.FollowUps in both directions. The
// entry keeps its place in the log.
func (m *Map) UpdateLearning(e LearningEntry) error {
	i := m.LearningIndex(e.ID)
	if i < 0 {
		return fmt.Errorf("learning-log entry %q: no entry with id %q on map %q: %w", e.Title, e.ID, m.Name, ErrInvalid)
	}
	e = e.Clone()
	sortTimeline(e.Timeline)
	if err := e.validate(i); err != nil {
		return err
	}
	if err := m.checkFollowUps(e); err != nil {
		return err
	}
	m.Learning[i] = e
	m.syncLearningIDs(e)
	return nil
}

// RemoveLearning deletes the entry with ID id and its links from the kaizen items.
func (m *Map) RemoveLearning(id string) error {
	i := m.LearningIndex(id)
	if i < 0 {
		return fmt.Errorf("no learning-log entry with id %q on map %q: %w", id, m.Name, ErrInvalid)
	}
	m.Learning = slices.Delete(m.Learning, i, i+1)
	if len(m.Learning) == 0 {
		m.Learning = nil
	}
	for j := range m.Kaizen {
		m.Kaizen[j].LearningID = removeString(m.Kaizen[j].LearningID, id)
	}
	return nil
}

// LinkFollowUp records kaizen kaizenID as a follow-up of learning-log entry
// entryID, both ways: the entry's FollowUps and the kaizen's LearningID. Linking
// twice changes nothing.
func (m *Map) LinkFollowUp(entryID, kaizenID string) error {
	ei, ki, err := m.linkEnds(entryID, kaizenID)
	if err != nil {
		return err
	}
	m.Learning[ei].FollowUps = addString(m.Learning[ei].FollowUps, kaizenID)
	m.Kaizen[ki].LearningID = addString(m.Kaizen[ki].LearningID, entryID)
	return nil
}

// UnlinkFollowUp removes the link LinkFollowUp makes, both ways.
func (m *Map) UnlinkFollowUp(entryID, kaizenID string) error {
	ei, ki, err := m.linkEnds(entryID, kaizenID)
	if err != nil {
		return err
	}
	m.Learning[ei].FollowUps = removeString(m.Learning[ei].FollowUps, kaizenID)
	m.Kaizen[ki].LearningID = removeString(m.Kaizen[ki].LearningID, entryID)
	return nil
}

func (m *Map) linkEnds(entryID, kaizenID string) (int, int, error) {
	ei := m.LearningIndex(entryID)
	if ei < 0 {
		return 0, 0, fmt.Errorf("no learning-log entry with id %q on map %q: %w", entryID, m.Name, ErrInvalid)
	}
	ki := m.KaizenIndex(kaizenID)
	if ki < 0 {
		return 0, 0, fmt.Errorf("no kaizen item with id %q on map %q: %w", kaizenID, m.Name, ErrInvalid)
	}
	return ei, ki, nil
}

func (m *Map) checkFollowUps(e LearningEntry) error {
	for _, id := range e.FollowUps {
		if m.KaizenIndex(id) < 0 {
			return &ItemError{Kind: "learning-log entry", Index: -1, Name: e.Title, Field: "follow-ups", Value: id, Reason: "is not a kaizen item of this map"}
		}
	}
	return nil
}

// syncLearningIDs makes every kaizen's LearningID hold e.ID exactly when
// e.FollowUps holds the kaizen's ID.
func (m *Map) syncLearningIDs(e LearningEntry) {
	for j := range m.Kaizen {
		k := &m.Kaizen[j]
		if slices.Contains(e.FollowUps, k.ID) {
			k.LearningID = addString(k.LearningID, e.ID)
		} else {
			k.LearningID = removeString(k.LearningID, e.ID)
		}
	}
}

// FollowUp is the state of one follow-up kaizen of a learning-log entry.
type FollowUp struct {
	KaizenID string
	Title    string       // "" when the item is not on the map
	Status   KaizenStatus // "" when the item is not on the map
	Found    bool         // the item is on the map
}

// Done reports whether the follow-up kaizen is done.
func (f FollowUp) Done() bool { return f.Status == KaizenDone }

// FollowUps is the state of each follow-up kaizen of e, in e's order.
func FollowUps(m *Map, e LearningEntry) []FollowUp {
	out := make([]FollowUp, 0, len(e.FollowUps))
	for _, id := range e.FollowUps {
		f := FollowUp{KaizenID: id}
		if k, ok := m.FindKaizen(id); ok {
			f.Title, f.Status, f.Found = k.Title, k.Status, true
		}
		out = append(out, f)
	}
	return out
}

// Recurrence is an earlier learning-log entry that a new one repeats.
type Recurrence struct {
	Entry         LearningEntry
	DaysBefore    int      // calendar days from Entry's day to the new entry's day, 0..90
	SharedStages  []string // as the earlier entry names them
	SharedFactors []Factor
	FollowUps     []FollowUp // the earlier entry's follow-up kaizens
}

// FollowUpsDone reports whether the earlier entry had follow-up kaizens and
// every one of them is done. No follow-ups at all is false: nothing was done.
func (r Recurrence) FollowUpsDone() bool {
	if len(r.FollowUps) == 0 {
		return false
	}
	for _, f := range r.FollowUps {
		if !f.Done() {
			return false
		}
	}
	return true
}

// Recurrences are the entries of m's learning log that e repeats: every other
// entry (a different ID; all of them when e has none yet) whose day is 0 to 90
// calendar days before e's day, both ends included (DaysBetween: 90 days
// before is recurring, 91 is not; an entry after e's day never is), and that
// shares at least one stage (names compared ignoring case and surrounding
// spaces) and at least one contributing factor with e. The nearest comes
// first; entries of one day keep the log's order.
func Recurrences(m *Map, e LearningEntry) []Recurrence {
	var out []Recurrence
	for _, x := range m.Learning {
		if e.ID != "" && x.ID == e.ID {
			continue
		}
		d := DaysBetween(x.Date, e.Date)
		if d < 0 || d > RecurrenceWindowDays {
			continue
		}
		var stages []string
		for _, s := range x.Stages {
			if slices.ContainsFunc(e.Stages, func(t string) bool { return sameName(s, t) }) {
				stages = append(stages, s)
			}
		}
		var factors []Factor
		for _, f := range x.Factors {
			if slices.Contains(e.Factors, f) && !slices.Contains(factors, f) {
				factors = append(factors, f)
			}
		}
		if len(stages) == 0 || len(factors) == 0 {
			continue
		}
		out = append(out, Recurrence{Entry: x.Clone(), DaysBefore: d, SharedStages: stages,
			SharedFactors: factors, FollowUps: FollowUps(m, x)})
	}
	slices.SortStableFunc(out, func(a, b Recurrence) int { return cmp.Compare(a.DaysBefore, b.DaysBefore) })
	return out
}

// Recurring is the entries of Recurrences(m, e), nearest first: e is
// recurring when there is at least one.
func Recurring(m *Map, e LearningEntry) []LearningEntry {
	rs := Recurrences(m, e)
	out := make([]LearningEntry, len(rs))
	for i, r := range rs {
		out[i] = r.Entry
	}
	return out
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// Teams are the distinct non-empty team names of m's stages in flow order (the
// first spelling of each, compared ignoring case): names BlameHints can look
// for when a team is named as the cause.
func (m *Map) Teams() []string {
	var out []string
	for _, s := range m.Stages {
		t := strings.TrimSpace(s.Team)
		if t != "" && !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, t) }) {
			out = append(out, t)
		}
	}
	return out
}

// ParseFactor reads a contributing-factor category ignoring case and
// surrounding spaces.
func ParseFactor(s string) (Factor, error) {
	f := Factor(strings.ToLower(strings.TrimSpace(s)))
	if !f.Known() {
		return "", fmt.Errorf("%q is not a contributing-factor category (one of %s): %w", s, factorList(), ErrInvalid)
	}
	return f, nil
}
