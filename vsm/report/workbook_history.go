package report

import (
	"fmt"
	"strings"

	"flowmap/vsm"
)

// measurementsHeader: one row per measurement with its totals (computed by the
// rules of shared/metrics.md from the stage values it was taken with).
var measurementsHeader = []string{"Date", "ID", "Source", "Hours per day", "Days per week",
	"Demand (items/day)", "Stages", "Wait (h)", "Process (h)", "Lead time (h)", "Flow efficiency",
	"Rolled %C&A", "Rework-adjusted lead (h)", "Capacity (items/day)", "Takt time (h)",
	"Constraint", "Biggest wait"}

// writeMeasurements writes the Measurements sheet. Its figures are values, not
// formulas: a measurement is a record of what was, and its stage values are on
// the Measured stages sheet for anyone who wants to recompute them.
func (b *book) writeMeasurements() {
	const sheet = SheetMeasurements
	t := b.table(sheet, measurementsHeader, []float64{12, 14, 22, 9, 9, 10, 8, 10, 10, 11, 11, 10, 13, 12, 10, 18, 18})
	if t == nil {
		return
	}
	hist := b.history
	for i, h := range hist {
		tot := h.Metrics.Totals
		cal := h.Calendar.OrDefault()
		constraint, biggest := "", ""
		if c := h.Metrics.Constraint; c != nil {
			constraint = c.Name
		}
		if c := h.Metrics.BiggestWait; c != nil {
			biggest = c.Name
		}
		t.row(i+2, cells{
			b.date(h.Date, "cell:date"),
			b.text(h.ID, "cell"),
			b.text(h.Source, "cell"),
			b.num(cal.HoursPerDay, "cell:num"),
			b.num(cal.DaysPerWeek, "cell:num"),
			b.optNum(h.DemandPerDay, "cell:num"),
			b.num(float64(len(h.Stages)), "cell:int"),
			b.num(tot.WaitHours, "cell:hours"),
			b.num(tot.ProcessHours, "cell:hours"),
			b.num(tot.LeadHours, "cell:hours"),
			b.optNum(tot.FlowEfficiency, "cell:pct"),
			b.num(tot.RolledCompleteAccurate, "cell:pct"),
			b.num(tot.ReworkAdjustedLeadHours, "cell:hours"),
			b.optNum(tot.CapacityPerDay, "cell:cap"),
			b.optNum(h.Metrics.TaktHours, "cell:hours"),
			b.text(constraint, "cell"),
			b.text(biggest, "cell"),
		})
	}
	b.autoFilter(sheet, len(measurementsHeader), len(hist)+1)
	b.check(t.sw.Flush())
}

var measuredStagesHeader = []string{"Date", "Measurement", "#", "Stage", "Team", "Wait (h)",
	"Process (h)", "Lead time (h)", "%C&A", "People", "Queue (items)", "Wait from queue", "Waste", "Notes"}

// writeMeasuredStages writes every measurement's stage values, one row per
// stage, so the Measurements totals can be checked and pivoted. Waits are the
// ones the metrics used (a queue's Little's-law wait where no wait was given).
func (b *book) writeMeasuredStages() {
	const sheet = SheetMeasuredStages
	t := b.table(sheet, measuredStagesHeader, []float64{12, 14, 5, 22, 14, 10, 11, 12, 8, 8, 10, 10, 26, 30})
	if t == nil {
		return
	}
	row := 2
	for _, h := range b.history {
		date := b.date(h.Date, "cell:date")
		for i, s := range h.Stages {
			sm := h.Metrics.Stages[i]
			fromQueue := ""
			if sm.WaitFromQueue {
				fromQueue = "yes"
			}
			t.row(row, cells{
				date,
				b.text(h.ID, "cell"),
				b.num(float64(i+1), "cell:int"),
				b.text(s.Name, "cell"),
				b.text(s.Team, "cell"),
				b.num(sm.WaitHours, "cell:hours"),
				b.num(sm.ProcessHours, "cell:hours"),
				b.num(sm.LeadHours, "cell:hours"),
				b.num(s.CompleteAccurate, "cell:pct"),
				b.num(s.People, "cell:num"),
				b.optNum(s.Queue, "cell:num"),
				b.text(fromQueue, "cell"),
				b.text(joinWaste(s.Waste), "cell"),
				b.text(s.Notes, "cell"),
			})
			row++
		}
	}
	b.autoFilter(sheet, len(measuredStagesHeader), row-1)
	b.check(t.sw.Flush())
}

var kaizenHeader = []string{"ID", "Title", "Stage", "Waste", "Status", "Team", "Hypothesis",
	"Expected wait (h)", "Expected process (h)", "Expected %C&A", "Expected people",
	"Expected lead time change (h)", "Expected flow efficiency change",
	"Realized lead time change (h)", "Realized flow efficiency change",
	"Created", "Done", "Status history", "Result", "Learning", "Learning log entries"}

// writeKaizen writes one row per kaizen with every field of vsm.Kaizen; the
// expected effect is one column per figure, empty where the kaizen leaves it.
// Beside it, what the kaizen promises to the stream's lead time and flow
// efficiency (vsm.ExpectedFromBase: for a done kaizen, from the measurement
// before it) and what the measurements around its done date showed
// (vsm.RealizedEffect), so a reader sees whether it delivered.
func (b *book) writeKaizen() {
	const sheet = SheetKaizen
	t := b.table(sheet, kaizenHeader, []float64{10, 30, 14, 14, 11, 12, 44, 10, 10, 10, 10, 12, 12, 12, 12, 11, 11, 30, 34, 34, 16})
	if t == nil {
		return
	}
	for i, k := range b.m.Kaizen {
		changes := make([]string, len(k.Changes))
		for j, c := range k.Changes {
			changes[j] = fmt.Sprintf("%s %s", c.Date.Format("2006-01-02"), c.Status)
		}
		expLead, expFE := b.blank("cell:dhours"), b.blank("cell:dpct")
		if !k.Effect.IsZero() {
			if d, err := vsm.ExpectedFromBase(b.m, k); err == nil {
				expLead, expFE = b.num(d.LeadHours, "cell:dhours"), b.optNum(d.FlowEfficiency, "cell:dpct")
			}
		}
		realLead, realFE := b.blank("cell:dhours"), b.blank("cell:dpct")
		if d, ok := vsm.RealizedEffect(b.m, k); ok {
			realLead, realFE = b.num(d.LeadHours, "cell:dhours"), b.optNum(d.FlowEfficiency, "cell:dpct")
		}
		done := b.blank("cell:date")
		if d, ok := k.DoneDate(); ok {
			done = b.date(d, "cell:date")
		}
		t.row(i+2, cells{
			b.text(k.ID, "wrap"),
			b.text(k.Title, "wrap"),
			b.text(k.Stage, "cell"),
			b.text(string(k.Waste), "cell"),
			b.text(string(k.Status), "cell"),
			b.text(k.Team, "cell"),
			b.text(k.Hypothesis, "wrap"),
			b.optNum(k.Effect.WaitHours, "cell:hours"),
			b.optNum(k.Effect.ProcessHours, "cell:hours"),
			b.optNum(k.Effect.CompleteAccurate, "cell:pct"),
			b.optNum(k.Effect.People, "cell:num"),
			expLead, expFE, realLead, realFE,
			b.date(k.Created, "cell:date"),
			done,
			b.text(strings.Join(changes, "\n"), "wrap"),
			b.text(k.Result, "wrap"),
			b.text(k.Learning, "wrap"),
			b.text(strings.Join(k.LearningID, ", "), "wrap"),
		})
	}
	b.autoFilter(sheet, len(kaizenHeader), len(b.m.Kaizen)+1)
	b.check(t.sw.Flush())
}

var learningHeader = []string{"ID", "Date", "Title", "Stages", "What happened", "Hours lost",
	"Items affected", "Impact", "Contributing factors", "What went well", "What we learned",
	"Follow-up kaizen", "Recurs (within 90 days of)"}

// writeLearning writes the blameless learning log, one row per entry.
func (b *book) writeLearning() {
	const sheet = SheetLearning
	t := b.table(sheet, learningHeader, []float64{10, 11, 30, 18, 44, 9, 9, 30, 20, 30, 34, 16, 24})
	if t == nil {
		return
	}
	for i, e := range b.m.Learning {
		factors := make([]string, len(e.Factors))
		for j, f := range e.Factors {
			factors[j] = string(f)
		}
		// The earlier entries sharing a stage and a factor: the same problem again.
		var recurs []string
		for _, r := range vsm.Recurrences(b.m, e) {
			recurs = append(recurs, fmt.Sprintf("%s (%d days earlier)", r.Entry.ID, r.DaysBefore))
		}
		t.row(i+2, cells{
			b.text(e.ID, "wrap"),
			b.date(e.Date, "cell:date"),
			b.text(e.Title, "wrap"),
			b.text(strings.Join(e.Stages, ", "), "wrap"),
			b.text(e.WhatHappened, "wrap"),
			b.num(e.Impact.HoursLost, "cell:hours"),
			b.num(float64(e.Impact.ItemsAffected), "cell:int"),
			b.text(e.Impact.Description, "wrap"),
			b.text(strings.Join(factors, ", "), "wrap"),
			b.text(e.WentWell, "wrap"),
			b.text(e.Learned, "wrap"),
			b.text(strings.Join(e.FollowUps, ", "), "wrap"),
			b.text(strings.Join(recurs, ", "), "wrap"),
		})
	}
	b.autoFilter(sheet, len(learningHeader), len(b.m.Learning)+1)
	b.check(t.sw.Flush())
}

func joinWaste(ws []vsm.Waste) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = string(w)
	}
	return strings.Join(s, ", ")
}
