package vsm

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Is the team learning? The figures of the learning log over time: follow-up
// actions done, open or overdue; how often problems come back; where failures
// cluster; and a learning-log entry started from a failed deployment.

// validateTimeline checks every moment of e's timeline: a time and a few words
// of what happened. bad is e's error maker.
func (e LearningEntry) validateTimeline(bad func(field, value, reason string) error) error {
	for j, ev := range e.Timeline {
		if ev.At.IsZero() {
			return bad(timelineField(j), "", "has no time")
		}
		if strings.TrimSpace(ev.What) == "" {
			return bad(timelineField(j), ev.At.Format(time.RFC3339), "says nothing of what happened")
		}
	}
	return nil
}

// sortTimeline puts a timeline oldest first; moments at the same instant keep
// their order.
func sortTimeline(t []TimelineEvent) {
	slices.SortStableFunc(t, func(a, b TimelineEvent) int { return a.At.Compare(b.At) })
}

// Overdue reports whether k is still open (idea, planned or in progress) on a
// day after its due day: one due on 2026-03-10 is overdue from 2026-03-11, not
// on the 10th. Days are calendar days, each time read in its own location
// (DaysBetween). Without a due date nothing is overdue.
func (k Kaizen) Overdue(now time.Time) bool {
	return k.Status.Open() && !k.Due.IsZero() && DaysBetween(k.Due, now) > 0
}

// FollowUpState is where a follow-up action stands on a given day.
type FollowUpState string

// The states of a follow-up action.
const (
	FollowUpDone    FollowUpState = "done"    // the kaizen is done
	FollowUpOpen    FollowUpState = "open"    // idea, planned or in progress, not past its due day
	FollowUpOverdue FollowUpState = "overdue" // open after its due day (Overdue)
	FollowUpDropped FollowUpState = "dropped" // given up: the entry's action did not happen
)

// FollowUpState is k's state as a follow-up action on now's day.
func (k Kaizen) FollowUpState(now time.Time) FollowUpState {
	switch {
	case k.Status == KaizenDone:
		return FollowUpDone
	case k.Status == KaizenDropped:
		return FollowUpDropped
	case k.Overdue(now):
		return FollowUpOverdue
	}
	return FollowUpOpen
}

// LogFollowUp is one follow-up action of a learning-log entry.
type LogFollowUp struct {
	EntryID    string
	EntryTitle string
	Kaizen     Kaizen
	State      FollowUpState
}

// FollowUpCounts counts follow-up actions by state.
type FollowUpCounts struct {
	Done, Open, Overdue, Dropped int
}

// LearningFollowUps lists the follow-up actions of m's learning log on now's
// day: each entry's follow-up kaizen items in log order, then in the entry's
// order, with their state. counts counts each kaizen item once, even when it
// follows up several entries. Follow-ups that are not kaizen items of m
// (Validate refuses them) are left out.
func LearningFollowUps(m *Map, now time.Time) (items []LogFollowUp, counts FollowUpCounts) {
	counted := map[string]bool{}
	for _, e := range m.Learning {
		for _, id := range e.FollowUps {
			k, ok := m.FindKaizen(id)
			if !ok {
				continue
			}
			st := k.FollowUpState(now)
			items = append(items, LogFollowUp{EntryID: e.ID, EntryTitle: e.Title, Kaizen: k.Clone(), State: st})
			if counted[id] {
				continue
			}
			counted[id] = true
			switch st {
			case FollowUpDone:
				counts.Done++
			case FollowUpDropped:
				counts.Dropped++
			case FollowUpOverdue:
				counts.Overdue++
			default:
				counts.Open++
			}
		}
	}
	return items, counts
}

// QuarterRecurrence is the learning log of one calendar quarter: how many
// entries were written and how many of them repeat an earlier problem.
type QuarterRecurrence struct {
	Year      int
	Quarter   int       // 1..4
	Start     time.Time // the quarter's first day, midnight UTC
	Entries   int       // entries dated in the quarter
	Recurring int       // of them, entries that repeat an earlier one (Recurrences)
	Rate      *float64  // Recurring / Entries; nil for a quarter without entries
}

// Label is the quarter as people write it: "2026 Q1".
func (q QuarterRecurrence) Label() string { return fmt.Sprintf("%d Q%d", q.Year, q.Quarter) }

// RecurrenceTrend is the recurrence rate of m's learning log per calendar
// quarter, from the quarter of its first entry to the quarter of its last,
// quarters without entries included (rate nil), oldest first:
//
//	rate = entries of the quarter that repeat an earlier entry / entries of the quarter
//
// An entry repeats an earlier one by the log's own rule (Recurrences): an
// entry 0 to 90 days before it that shares a stage and a contributing factor.
// An entry's quarter is that of its day in its own location. A learning team
// sees the rate fall: the same kind of problem stops coming back. Worked
// example: in 2026 Q1 three entries, the second and third repeating the first
// (Test, tooling): 2 / 3; Q2 without entries: nil; in Q3 one entry, new: 0 / 1.
func RecurrenceTrend(m *Map) []QuarterRecurrence {
	if len(m.Learning) == 0 {
		return nil
	}
	quarterOf := func(t time.Time) int { return t.Year()*4 + (int(t.Month())-1)/3 }
	lo, hi := quarterOf(m.Learning[0].Date), quarterOf(m.Learning[0].Date)
	for _, e := range m.Learning {
		q := quarterOf(e.Date)
		lo, hi = min(lo, q), max(hi, q)
	}
	out := make([]QuarterRecurrence, hi-lo+1)
	for i := range out {
		q := lo + i
		y, n := q/4, q%4+1
		out[i] = QuarterRecurrence{Year: y, Quarter: n, Start: time.Date(y, time.Month(3*(n-1)+1), 1, 0, 0, 0, 0, time.UTC)}
	}
	for _, e := range m.Learning {
		r := &out[quarterOf(e.Date)-lo]
		r.Entries++
		if len(Recurrences(m, e)) > 0 {
			r.Recurring++
		}
	}
	for i := range out {
		if out[i].Entries > 0 {
			out[i].Rate = ptr(float64(out[i].Recurring) / float64(out[i].Entries))
		}
	}
	return out
}

// ParetoBar is one bar of a Pareto chart: a contributing factor or a stage,
// how many learning-log entries name it, its share of all namings and the
// running share up to and including it.
type ParetoBar struct {
	Name       string
	Count      int
	Share      float64 // Count / the sum of every bar's Count
	Cumulative float64 // the shares of this bar and every bar before it; 1 at the last bar
}

// FactorPareto is the Pareto chart of the contributing factors of m's
// learning log: for each factor, the entries that name it (an entry counts
// once per factor), the most named first; ties in the order of Factors.
// Factors no entry names are left out. Worked example, entries naming
// (tooling, process), (tooling), (tooling, monitoring): tooling 3 (3/5 = 0.6,
// cumulative 0.6), process 1 (0.2, 0.8), monitoring 1 (0.2, 1).
func FactorPareto(m *Map) []ParetoBar {
	counts := make([]int, len(Factors))
	for _, e := range m.Learning {
		var seen []Factor
		for _, f := range e.Factors {
			if i := slices.Index(Factors, f); i >= 0 && !slices.Contains(seen, f) {
				seen = append(seen, f)
				counts[i]++
			}
		}
	}
	names := make([]string, len(Factors))
	for i, f := range Factors {
		names[i] = string(f)
	}
	return pareto(names, counts)
}

// StagePareto is the Pareto chart of the stages m's learning-log entries
// name (names compared ignoring case and surrounding spaces; an entry counts
// once per stage), the most named first. Ties go in the map's flow order, then
// stages not on the map in the order the log first names them, with the map's
// spelling for its own stages and the log's first spelling for the others.
func StagePareto(m *Map) []ParetoBar {
	var names []string
	for _, s := range m.Stages {
		names = append(names, s.Name)
	}
	counts := make([]int, len(names))
	for _, e := range m.Learning {
		var seen []int
		for _, s := range e.Stages {
			i := slices.IndexFunc(names, func(n string) bool { return sameName(n, s) })
			if i < 0 {
				names = append(names, strings.TrimSpace(s))
				counts = append(counts, 0)
				i = len(names) - 1
			}
			if !slices.Contains(seen, i) {
				seen = append(seen, i)
				counts[i]++
			}
		}
	}
	return pareto(names, counts)
}

// pareto sorts names by count, the largest first (ties keep the given
// order), drops zero counts, and works out the shares.
func pareto(names []string, counts []int) []ParetoBar {
	var bars []ParetoBar
	total := 0
	for i, n := range counts {
		if n > 0 {
			bars = append(bars, ParetoBar{Name: names[i], Count: n})
			total += n
		}
	}
	slices.SortStableFunc(bars, func(a, b ParetoBar) int { return cmp.Compare(b.Count, a.Count) })
	run := 0
	for i := range bars {
		run += bars[i].Count
		bars[i].Share = float64(bars[i].Count) / float64(total)
		bars[i].Cumulative = float64(run) / float64(total)
	}
	return bars
}

// StageHeat is how much of the learning log points at one stage of the map.
type StageHeat struct {
	Entries   int     // learning-log entries that name the stage
	HoursLost float64 // the impact hours of those entries, each shared evenly among the map's stages it names
	Weight    float64 // Entries / the largest Entries of any stage: 1 where failures cluster most, 0 where none
}

// FailureHeat is the failure weight of each stage of m, indexed like
// m.Stages, for a heat overlay on the map: where the learning log's entries
// cluster. Stage names are compared ignoring case and surrounding spaces;
// names that are not on the map are left out. Worked example: entries naming
// (Test), (Test, Deploy) with 6 and 4 hours lost: Test 2 entries, 6 + 2 = 8
// hours, weight 1; Deploy 1 entry, 2 hours, weight 1/2. Every weight is 0 when
// no entry names a stage of the map.
func FailureHeat(m *Map) []StageHeat {
	out := make([]StageHeat, len(m.Stages))
	for _, e := range m.Learning {
		var idx []int
		for _, s := range e.Stages {
			if i := m.StageIndex(s); i >= 0 && !slices.Contains(idx, i) {
				idx = append(idx, i)
			}
		}
		for _, i := range idx {
			out[i].Entries++
			out[i].HoursLost += e.Impact.HoursLost / float64(len(idx))
		}
	}
	most := 0
	for _, h := range out {
		most = max(most, h.Entries)
	}
	if most > 0 {
		for i := range out {
			out[i].Weight = float64(out[i].Entries) / float64(most)
		}
	}
	return out
}

// elapsedCalendar writes elapsed hours with FormatDuration: days of 24 hours,
// weeks of 7 days.
var elapsedCalendar = Calendar{HoursPerDay: 24, DaysPerWeek: 7}

// FormatElapsed writes elapsed (wall-clock) hours for people, in days of 24
// hours and weeks of 7 days: 50 hours is "2d 2h". FormatDuration writes the
// map's working hours instead.
func FormatElapsed(hours float64) string { return FormatDuration(hours, elapsedCalendar) }

// LearningDraft is a learning-log entry started from failed deployment d, for
// people to complete: dated when the failure began, titled after the change
// (and service), on stage (the map's deploy stage; none when ""), with a
// timeline of the first commit, the deployment, the failure and the restore
// as the record gives them, and as impact the outage in elapsed hours (from
// the failure to the restore; 0 while it has no restore time) and the one
// change affected. Contributing factors, what went well and what was learned
// are left to the people who were there. It is an error (wrapping ErrInvalid)
// for a deployment that did not fail or does not validate.
func LearningDraft(d Deployment, stage string) (LearningEntry, error) {
	if err := d.Validate(0); err != nil {
		return LearningEntry{}, err
	}
	if !d.Failed {
		return LearningEntry{}, &DeploymentError{Change: d.ChangeID, Field: DeploymentFieldFailed,
			Reason: "is false: a learning-log entry starts from a failed deployment"}
	}
	what := "the change"
	if d.ChangeID != "" {
		what = d.ChangeID
	}
	of, to, svc, prod := "", "", "service", "production"
	if d.Service != "" {
		of, to, svc, prod = " of "+d.Service, " to "+d.Service, d.Service, "production ("+d.Service+")"
	}
	e := LearningEntry{Date: d.FailureStart(), Impact: Impact{ItemsAffected: 1}}
	if d.ChangeID != "" {
		e.Title = fmt.Sprintf("Failed deployment%s: %s", of, d.ChangeID)
	} else {
		e.Title = fmt.Sprintf("Failed deployment%s on %s", of, d.DeployedAt.Format(DateLayout))
	}
	if s := strings.TrimSpace(stage); s != "" {
		e.Stages = []string{s}
	}
	if !d.FirstCommitAt.IsZero() {
		e.Timeline = append(e.Timeline, TimelineEvent{At: d.FirstCommitAt, What: "first commit of " + what})
	}
	e.Timeline = append(e.Timeline, TimelineEvent{At: d.DeployedAt, What: what + " deployed to " + prod})
	if !d.FailedAt.IsZero() {
		e.Timeline = append(e.Timeline, TimelineEvent{At: d.FailedAt, What: "the failure began"})
	}
	stamp := d.DeployedAt.Format("2006-01-02 15:04 -07:00")
	if h, ok := d.RestoreHours(); ok {
		e.Timeline = append(e.Timeline, TimelineEvent{At: d.RestoredAt, What: "service restored"})
		e.Impact.HoursLost = h
		e.Impact.Description = fmt.Sprintf("%s failed for %s (elapsed time)", svc, FormatElapsed(h))
		e.WhatHappened = fmt.Sprintf("%s was deployed%s at %s and failed; service was restored %s after the failure began.",
			what, to, stamp, FormatElapsed(h))
	} else {
		e.Impact.Description = svc + " failed; no restore time recorded"
		e.WhatHappened = fmt.Sprintf("%s was deployed%s at %s and failed; the record has no restore time.", what, to, stamp)
	}
	sortTimeline(e.Timeline)
	return e, nil
}
