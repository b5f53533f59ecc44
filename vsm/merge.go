package vsm

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// MatchStages pairs each incoming stage with the map stage of the same name,
// ignoring case and surrounding spaces: at[i] is the index in cur of
// incoming[i], or -1 for a stage cur lacks. Each map stage pairs once, with
// the first incoming stage of its name; a second incoming stage of that name
// is a new stage.
func MatchStages(cur, incoming []Stage) []int {
	key := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	free := map[string][]int{}
	for i, s := range cur {
		k := key(s.Name)
		free[k] = append(free[k], i)
	}
	at := make([]int, len(incoming))
	for i, s := range incoming {
		at[i] = -1
		if q := free[key(s.Name)]; len(q) > 0 {
			at[i] = q[0]
			free[key(s.Name)] = q[1:]
		}
	}
	return at
}

// MergeStage copies onto dst the fields of src that fed holds; dst keeps
// every other field, and its name. Process time, wait, %C&A, people, queue,
// team, waste and notes are copied as they are, with one rule for a lead
// time: shared/metrics.md has LT = WT + PT, and an import given a lead time
// but no process time read the whole lead time as the wait (its stage has
// PT 0), so on top of a map stage with a process time the wait becomes
// LT - PT of the map, never below 0.
//
// Example: a map stage with PT 4 h and WT 10 h, fed a lead time of 16 h
// (src.WaitHours 16, no process time), ends with PT 4 h and WT 16 - 4 = 12 h:
// its lead time is the sheet's 16 h. Fed 3 h, its wait is max(3 - 4, 0) = 0.
func MergeStage(dst *Stage, src Stage, fed StageFields) {
	if fed.Has(ProcessField) {
		dst.ProcessHours = src.ProcessHours
	}
	switch {
	case fed.Has(LeadField) && !fed.Has(ProcessField):
		dst.WaitHours = math.Max(src.WaitHours-dst.ProcessHours, 0)
	case fed.Has(WaitField) || fed.Has(LeadField):
		dst.WaitHours = src.WaitHours
	}
	if fed.Has(CompleteAccurateField) {
		dst.CompleteAccurate = src.CompleteAccurate
	}
	if fed.Has(PeopleField) {
		dst.People = src.People
	}
	if fed.Has(QueueField) {
		dst.Queue = nil
		if src.Queue != nil {
			q := *src.Queue
			dst.Queue = &q
		}
	}
	if fed.Has(TeamField) {
		dst.Team = src.Team
	}
	if fed.Has(WasteField) {
		dst.Waste = slices.Clone(src.Waste)
	}
	if fed.Has(NotesField) {
		dst.Notes = src.Notes
	}
}

// MergeStages updates m's stages from incoming ones that carry the fields in
// fed (a stage sheet's columns, an event log's measurements). It is the one
// merge rule of the app's import preview, its event-log import and the CLI:
//
//   - Stages are matched by name, ignoring case and surrounding spaces; each
//     map stage pairs once (MatchStages).
//   - A matched stage takes only the fed fields (MergeStage, with its
//     lead-time rule WT = max(LT - PT, 0)); every other field stays.
//   - An incoming stage the map lacks is added as it is, right after the
//     stage the incoming list has before it (so a sheet's new "Security"
//     between "Code" and "Test" lands between them), or first when it opens
//     the list.
//   - A map stage the incoming list lacks stays where it is; with
//     removeMissing it goes, and the stages then follow the incoming order.
//   - Nothing but the stages changes: name, calendar, demand, kaizen,
//     measurements, learning log and future state stay.
func (m *Map) MergeStages(incoming []Stage, fed StageFields, removeMissing bool) {
	cur := m.Stages
	at := MatchStages(cur, incoming)
	if removeMissing {
		stages := make([]Stage, len(incoming))
		for i, s := range incoming {
			if j := at[i]; j >= 0 {
				st := cur[j].Clone()
				MergeStage(&st, s, fed)
				stages[i] = st
			} else {
				stages[i] = s.Clone()
			}
		}
		m.Stages = stages
		return
	}
	stages := make([]Stage, len(cur))
	for j, s := range cur {
		stages[j] = s.Clone()
	}
	pos := make([]int, len(cur)) // pos[j]: the index in stages of map stage j
	for j := range pos {
		pos[j] = j
	}
	last := -1 // the index in stages of the incoming stage placed last
	for i, s := range incoming {
		if j := at[i]; j >= 0 {
			MergeStage(&stages[pos[j]], s, fed)
			last = pos[j]
			continue
		}
		ins := last + 1
		stages = slices.Insert(stages, ins, s.Clone())
		for k := range pos {
			if pos[k] >= ins {
				pos[k]++
			}
		}
		last = ins
	}
	m.Stages = stages
}

// MergeMeasured takes into m what an event log measured: measured is the map
// read from the log, its stages holding the measured wait, process time and
// %C&A, with the log's measurement. The app's "add to the existing map" and
// the CLI's import of a log into a map of the same name both call it.
//
// The stages merge by MergeStages with MeasuredFields: a matched stage takes
// the measured wait, process time and %C&A and keeps its people, team, queue,
// waste and notes; a stage the log lacks stays; a measured stage the map
// lacks is added after the measured stage before it. Then each measurement of
// measured is recorded again (AddMeasurement, replacing one of the same day)
// as a measurement of m so updated, with its date and source: the history
// holds the whole map as it stood, not only the stages the log saw. Kaizen,
// the learning log, calendar, demand and the future state stay.
//
// On an error (a measurement that fails validation) m is unchanged.
func (m *Map) MergeMeasured(measured *Map) error {
	next := m.Clone()
	next.MergeStages(measured.Stages, MeasuredFields, false)
	for _, x := range measured.Measurements {
		if _, _, err := next.AddMeasurement(MeasurementOf(next, x.Date, x.Source)); err != nil {
			return fmt.Errorf("measurement of %s: %w", x.Date.Format(DateLayout), err)
		}
	}
	*m = *next
	return nil
}
