package kaizenui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"flowmap/vsm"
)

// What the learning form says back while a person types: blaming words,
// a date or an impact it cannot read, and whether the problem recurs.

// hint flags blaming words of text in n, with the system phrasing to try.
func (f *learningForm) hint(n *note, text string) {
	var people []string
	if m := f.s.h.CurrentMap(); m != nil {
		people = m.Teams()
	}
	n.set(blameText(vsm.BlameHints(text, people)))
}

// blameText writes hints for people: each phrase with its suggestion, one
// suggestion per kind.
func blameText(hints []vsm.BlameHint) string {
	if len(hints) == 0 {
		return ""
	}
	var lines []string
	said := map[vsm.BlameKind]bool{}
	for _, h := range hints {
		line := fmt.Sprintf("“%s”", h.Phrase)
		if !said[h.Kind] {
			line += ": " + h.Suggestion
			said[h.Kind] = true
		} else {
			line += ": as above."
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// parseDate reads the date field.
func (f *learningForm) parseDate() (time.Time, error) {
	text := strings.TrimSpace(f.date.Text)
	t, err := time.ParseInLocation(vsm.DateLayout, text, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a day: write it like %s", text, day(f.s.now()))
	}
	return t, nil
}

func (f *learningForm) checkDate() bool {
	if _, err := f.parseDate(); err != nil {
		f.dateNote.set(err.Error())
		return false
	}
	f.dateNote.set("")
	return true
}

// parseImpact reads time lost and items affected; empty fields are 0.
func (f *learningForm) parseImpact() (hours float64, items int, hoursErr, itemsErr string) {
	cal := vsm.DefaultCalendar()
	if m := f.s.h.CurrentMap(); m != nil {
		cal = m.Calendar
	}
	if t := strings.TrimSpace(f.hoursLost.Text); t != "" {
		v, err := vsm.ParseDuration(t, vsm.Hours, cal)
		if err != nil {
			hoursErr = err.Error()
		}
		hours = v
	}
	if t := strings.TrimSpace(f.items.Text); t != "" {
		v, err := strconv.Atoi(t)
		if err != nil || v < 0 {
			itemsErr = fmt.Sprintf("%q: items affected is a whole number, 0 or more", t)
		}
		items = v
	}
	return hours, items, hoursErr, itemsErr
}

func (f *learningForm) checkImpact() bool {
	_, _, he, ie := f.parseImpact()
	f.hoursNote.set(he)
	f.itemsNote.set(ie)
	return he == "" && ie == ""
}

// draft is the entry as the form says; ok is false when a field cannot be
// read (its note says why). Blaming words never make it false.
func (f *learningForm) draft() (vsm.LearningEntry, bool) {
	e := f.loaded.Clone()
	e.ID = f.editingID
	ok := f.checkDate()
	e.Date, _ = f.parseDate()
	e.Title = strings.TrimSpace(f.title.Text)
	e.Stages = f.stages.checked()
	e.WhatHappened = strings.TrimSpace(f.happened.Text)
	ok = f.checkImpact() && ok
	hours, items, _, _ := f.parseImpact()
	e.Impact = vsm.Impact{HoursLost: hours, ItemsAffected: items, Description: strings.TrimSpace(f.impactDesc.Text)}
	e.Factors = nil
	for _, x := range f.factors.checked() {
		e.Factors = append(e.Factors, vsm.Factor(x))
	}
	e.WentWell = strings.TrimSpace(f.wentWell.Text)
	e.Learned = strings.TrimSpace(f.learned.Text)
	e.FollowUps = f.followUps.checked()
	return e, ok
}

// updateRecurring says whether the entry, as typed, repeats an earlier one of
// the last 90 days (a shared stage and a shared factor), with the earlier
// entries and whether their follow-ups were done.
func (f *learningForm) updateRecurring() {
	m := f.s.h.CurrentMap()
	if m == nil {
		f.recurring.set("")
		return
	}
	d, err := f.parseDate()
	if err != nil {
		f.recurring.set("")
		return
	}
	e := vsm.LearningEntry{ID: f.editingID, Date: d, Stages: f.stages.checked()}
	for _, x := range f.factors.checked() {
		e.Factors = append(e.Factors, vsm.Factor(x))
	}
	f.recurring.set(recurringText(vsm.Recurrences(m, e)))
}

// recurringText is the recurrence note for people; "" when not recurring.
func recurringText(rs []vsm.Recurrence) string {
	if len(rs) == 0 {
		return ""
	}
	var b strings.Builder
	times := fmt.Sprintf("%d times", len(rs))
	switch len(rs) {
	case 1:
		times = "once"
	case 2:
		times = "twice"
	}
	fmt.Fprintf(&b, "Recurring: the same stage and factor came up %s before in the last %d days.",
		times, vsm.RecurrenceWindowDays)
	for _, r := range rs {
		factors := make([]string, len(r.SharedFactors))
		for i, x := range r.SharedFactors {
			factors[i] = string(x)
		}
		when := fmt.Sprintf("%d days earlier", r.DaysBefore)
		switch r.DaysBefore {
		case 0:
			when = "the same day"
		case 1:
			when = "1 day earlier"
		}
		fmt.Fprintf(&b, "\n•  %s “%s” (%s), shares %s; %s. %s", day(r.Entry.Date), r.Entry.Title, when,
			strings.Join(r.SharedStages, ", "), strings.Join(factors, ", "), followUpText(r))
	}
	return b.String()
}

// followUpText says what became of an earlier entry's follow-ups.
func followUpText(r vsm.Recurrence) string {
	if len(r.FollowUps) == 0 {
		return "It had no follow-up kaizen."
	}
	var parts []string
	for _, fu := range r.FollowUps {
		if !fu.Found {
			parts = append(parts, fu.KaizenID+" (no longer on the map)")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", fu.Title, strings.ToLower(statusLabel(fu.Status))))
	}
	verdict := "Its follow-ups were done, yet it came back: "
	if !r.FollowUpsDone() {
		verdict = "Its follow-ups are not all done: "
	}
	return verdict + strings.Join(parts, ", ") + "."
}
