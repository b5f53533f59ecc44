package kaizenui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// learningScreen is the Learning log tab: the entries, newest first, and the
// blameless form to write or edit one.
type learningScreen struct {
	s       *Screens
	content fyne.CanvasObject

	mapID   string
	entries []learningItem // newest first
	list    *widget.List
	newBtn  *widget.Button
	empty   *widget.Label

	form *learningForm
}

// learningItem is one line of the list.
type learningItem struct {
	entry     vsm.LearningEntry
	recurring bool
}

func newLearningScreen(s *Screens) *learningScreen {
	l := &learningScreen{s: s}
	l.form = newLearningForm(s, l)
	l.newBtn = widget.NewButtonWithIcon("New entry", theme.ContentAddIcon(), func() {
		l.list.UnselectAll()
		l.form.clear()
	})
	l.newBtn.Importance = widget.HighImportance
	l.empty = wrapped("")
	l.empty.Importance = widget.LowImportance
	l.list = widget.NewList(
		func() int { return len(l.entries) },
		newLearningRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= 0 && i < len(l.entries) {
				updateLearningRow(o, l.entries[i])
			}
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(l.entries) && l.form.editingID != l.entries[i].entry.ID {
			l.form.load(l.entries[i].entry)
		}
	}
	left := container.NewBorder(
		container.NewVBox(container.NewHBox(l.newBtn), heading("Learning log"), l.empty),
		l.form.questions, nil, nil, l.list)
	split := container.NewHSplit(container.NewPadded(left), l.form.content)
	split.Offset = 0.32
	l.content = split
	return l
}

// learningRow is the list's row: date and title, then stages, factors and
// follow-ups, with the recurring badge.
type learningRow struct {
	widget.BaseWidget
	date, title, badge, sub *widget.Label
}

func newLearningRow() fyne.CanvasObject {
	r := &learningRow{date: widget.NewLabel("2026-01-05"), title: cell(""), sub: cell("")}
	r.title.TextStyle.Bold = true
	r.badge = widget.NewLabelWithStyle("Recurring", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	r.badge.Importance = widget.WarningImportance
	r.sub.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *learningRow) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, r.date, r.badge, r.title)
	return widget.NewSimpleRenderer(container.NewVBox(top, r.sub))
}

func updateLearningRow(o fyne.CanvasObject, it learningItem) {
	r := o.(*learningRow)
	e := it.entry
	setText(r.date, day(e.Date))
	setText(r.title, e.Title)
	if it.recurring {
		r.badge.Show()
	} else {
		r.badge.Hide()
	}
	var parts []string
	if len(e.Stages) > 0 {
		parts = append(parts, strings.Join(e.Stages, ", "))
	}
	if len(e.Factors) > 0 {
		fs := make([]string, len(e.Factors))
		for i, f := range e.Factors {
			fs[i] = string(f)
		}
		parts = append(parts, strings.Join(fs, ", "))
	}
	if n := len(e.FollowUps); n > 0 {
		parts = append(parts, plural(n, "follow-up", "follow-ups"))
	}
	setText(r.sub, strings.Join(parts, " · "))
}

func (l *learningScreen) refresh(m *vsm.Map) {
	if m == nil {
		l.mapID = ""
		l.entries = nil
		l.list.UnselectAll()
		l.list.Refresh()
		l.newBtn.Disable()
		l.empty.SetText("Open a map to keep its learning log.")
		l.empty.Show()
		l.form.refresh(nil, true)
		return
	}
	l.newBtn.Enable()
	other := m.ID != l.mapID
	l.mapID = m.ID
	l.entries = l.entries[:0]
	for i := len(m.Learning) - 1; i >= 0; i-- {
		e := m.Learning[i]
		l.entries = append(l.entries, learningItem{entry: e.Clone(), recurring: len(vsm.Recurrences(m, e)) > 0})
	}
	// Newest first by the day it happened: entries are stored in the order
	// they were written, and one may be written weeks after the event.
	slices.SortStableFunc(l.entries, func(a, b learningItem) int { return vsm.DaysBetween(a.entry.Date, b.entry.Date) })
	if len(l.entries) == 0 {
		l.empty.SetText("No entries yet. When something goes wrong, write down what the system let happen and what you learned: the form asks the questions.")
		l.empty.Show()
	} else {
		l.empty.Hide()
	}
	l.list.Refresh()
	l.form.refresh(m, other)
	l.selectEditing()
}

// selectEditing highlights the entry in the form, if it is saved.
func (l *learningScreen) selectEditing() {
	for i, it := range l.entries {
		if it.entry.ID == l.form.editingID && l.form.editingID != "" {
			l.list.Select(i)
			return
		}
	}
	l.list.UnselectAll()
}

// learningForm writes or edits one learning-log entry. It asks the system
// questions, flags blaming words as they are typed (never blocking), and says
// when the entry repeats an earlier one.
type learningForm struct {
	s *Screens
	l *learningScreen

	editingID string // "" for a new entry
	loaded    vsm.LearningEntry

	heading    *widget.Label
	date       *widget.Entry
	dateNote   *note
	title      *widget.Entry
	titleNote  *note
	stages     *checkSet
	happened   *widget.Entry
	happNote   *note
	hoursLost  *widget.Entry
	hoursNote  *note
	items      *widget.Entry
	itemsNote  *note
	impactDesc *widget.Entry
	impactNote *note
	factors    *checkSet
	wentWell   *widget.Entry
	wellNote   *note
	learned    *widget.Entry
	learnNote  *note
	followUps  *checkSet
	noKaizen   *widget.Label
	newKaizen  *widget.Entry
	createK    *widget.Button
	recurring  *note
	saveNote   *note
	saved      *widget.Label
	save, del  *widget.Button

	page      *page
	questions fyne.CanvasObject // the system questions, shown beside the list
	content   fyne.CanvasObject
}

func newLearningForm(s *Screens, l *learningScreen) *learningForm {
	f := &learningForm{s: s, l: l}
	f.heading = heading("New entry")
	f.date = widget.NewEntry()
	f.date.SetPlaceHolder("2026-03-02")
	f.dateNote = newNote(widget.DangerImportance)
	f.date.OnChanged = func(string) { f.checkDate(); f.updateRecurring() }

	f.title = widget.NewEntry()
	f.title.SetPlaceHolder("Release rolled back: migration locked the orders table")
	f.titleNote = newNote(widget.WarningImportance)
	f.title.OnChanged = func(t string) { f.hint(f.titleNote, t) }

	f.stages = newCheckSet(4)
	f.stages.onChange = f.updateRecurring

	f.happened = multiline("What happened, in order, as the people there saw it at the time")
	f.happNote = newNote(widget.WarningImportance)
	f.happened.OnChanged = func(t string) { f.hint(f.happNote, t) }

	f.hoursLost = widget.NewEntry()
	f.hoursLost.SetPlaceHolder("4h, 1d 2h")
	f.hoursNote = newNote(widget.DangerImportance)
	f.hoursLost.OnChanged = func(string) { f.checkImpact() }
	f.items = widget.NewEntry()
	f.items.SetPlaceHolder("0")
	f.itemsNote = newNote(widget.DangerImportance)
	f.items.OnChanged = func(string) { f.checkImpact() }
	f.impactDesc = widget.NewEntry()
	f.impactDesc.SetPlaceHolder("Customers could not check out for 40 minutes")
	f.impactNote = newNote(widget.WarningImportance)
	f.impactDesc.OnChanged = func(t string) { f.hint(f.impactNote, t) }

	f.factors = newCheckSet(4)
	keys := make([]string, len(vsm.Factors))
	for i, x := range vsm.Factors {
		keys[i] = string(x)
	}
	f.factors.setOptions(keys, keys)
	f.factors.onChange = f.updateRecurring

	f.wentWell = multiline("What helped limit the damage")
	f.wellNote = newNote(widget.WarningImportance)
	f.wentWell.OnChanged = func(t string) { f.hint(f.wellNote, t) }
	f.learned = multiline("What we understand now about the system")
	f.learnNote = newNote(widget.WarningImportance)
	f.learned.OnChanged = func(t string) { f.hint(f.learnNote, t) }

	f.followUps = newCheckSet(1)
	f.noKaizen = wrapped("No kaizen on this map yet: create the follow-up here.")
	f.noKaizen.Importance = widget.LowImportance
	f.newKaizen = widget.NewEntry()
	f.newKaizen.SetPlaceHolder("Title of a new follow-up kaizen")
	f.createK = widget.NewButtonWithIcon("Create and link", theme.ContentAddIcon(), func() {
		f.submit(strings.TrimSpace(f.newKaizen.Text))
	})
	f.newKaizen.OnChanged = func(t string) {
		if strings.TrimSpace(t) == "" {
			f.createK.Disable()
		} else {
			f.createK.Enable()
		}
	}
	f.createK.Disable()

	f.recurring = newNote(widget.WarningImportance)
	f.saveNote = newNote(widget.DangerImportance)
	f.saved = cell("")
	f.saved.Importance = widget.SuccessImportance
	f.save = widget.NewButtonWithIcon("Save entry", theme.DocumentSaveIcon(), func() { f.submit("") })
	f.save.Importance = widget.HighImportance
	f.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), f.confirmDelete)
	f.del.Importance = widget.DangerImportance
	f.del.Hide()

	qs := make([]string, len(vsm.LearningQuestions))
	for i, q := range vsm.LearningQuestions {
		qs[i] = "•  " + q
	}
	questions := container.NewVBox(
		widget.NewLabelWithStyle("Ask the system, not the person", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(strings.Join(qs, "\n")))
	impact := container.NewGridWithColumns(3,
		fieldBox("Time lost", f.hoursLost, f.hoursNote),
		fieldBox("Items affected", f.items, f.itemsNote),
		container.NewVBox())
	f.questions = panel(questions, theme.Color(theme.ColorNamePrimary))
	// Where and what kind come first, so the recurrence shows before the
	// story is written.
	f.page = newPage(
		f.heading,
		container.NewBorder(nil, nil, container.New(uikit.MinWidth(160), fieldBox("Date", f.date, f.dateNote)), nil,
			fieldBox("Title", f.title, f.titleNote)),
		fieldBox("Affected stages", f.stages.box),
		fieldBox("Contributing factors (parts of the system)", f.factors.box),
		f.recurring.box,
		fieldBox("What happened", f.happened, f.happNote),
		impact,
		fieldBox("Impact", f.impactDesc, f.impactNote),
		fieldBox("What went well", f.wentWell, f.wellNote),
		fieldBox("What was learned", f.learned, f.learnNote),
		fieldBox("Follow-up kaizens", container.NewVBox(f.followUps.box, f.noKaizen,
			container.NewBorder(nil, nil, nil, f.createK, f.newKaizen))),
		f.saveNote.box,
		container.NewBorder(nil, nil, container.NewHBox(f.save, f.saved), f.del),
		spacer(theme.Padding()*4),
	)
	f.page.watch(f.dateNote, f.titleNote, f.happNote, f.hoursNote, f.itemsNote, f.impactNote,
		f.wellNote, f.learnNote, f.recurring, f.saveNote)
	f.content = f.page.scroll
	return f
}

func multiline(placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.SetPlaceHolder(placeholder)
	return e
}

// refresh brings the choices up to date with m; the fields keep what is
// typed. Another map, or the edited entry gone (undone, deleted), starts a
// new entry.
func (f *learningForm) refresh(m *vsm.Map, otherMap bool) {
	if m == nil {
		f.setStages(nil)
		f.setFollowUps(nil)
		f.clearFields()
		f.save.Disable()
		f.page.relayout()
		return
	}
	f.save.Enable()
	a := f.setStages(m)
	b := f.setFollowUps(m)
	if otherMap || (f.editingID != "" && m.LearningIndex(f.editingID) < 0) {
		f.clear()
		return
	}
	f.updateRecurring()
	// A stage edit elsewhere changes nothing here: lay out only new checks.
	if a || b {
		f.page.relayout()
	}
}

// setStages offers the map's stages, and the stages the entry names that the
// map no longer has.
func (f *learningForm) setStages(m *vsm.Map) (rebuilt bool) {
	var names []string
	if m != nil {
		for _, s := range m.Stages {
			names = append(names, s.Name)
		}
	}
	for _, s := range append(f.stages.checked(), f.loaded.Stages...) {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, s) }) {
			names = append(names, s)
		}
	}
	return f.stages.setOptions(names, names)
}

func (f *learningForm) setFollowUps(m *vsm.Map) (rebuilt bool) {
	var keys, labels []string
	if m != nil {
		for _, k := range m.Kaizen {
			keys = append(keys, k.ID)
			labels = append(labels, fmt.Sprintf("%s (%s)", k.Title, strings.ToLower(statusLabel(k.Status))))
		}
	}
	rebuilt = f.followUps.setOptions(keys, labels)
	if hidden := len(keys) > 0; hidden != f.noKaizen.Hidden {
		f.noKaizen.Hidden = hidden
		rebuilt = true
	}
	return rebuilt
}

// clear starts a new entry dated today.
func (f *learningForm) clear() {
	f.editingID = ""
	f.loaded = vsm.LearningEntry{}
	f.clearFields()
	f.date.SetText(day(f.s.now()))
	f.heading.SetText("New entry")
	f.del.Hide()
	if m := f.s.h.CurrentMap(); m != nil {
		f.setStages(m)
	}
	f.updateRecurring()
}

func (f *learningForm) clearFields() {
	for _, e := range []*widget.Entry{f.date, f.title, f.happened, f.hoursLost, f.items, f.impactDesc, f.wentWell, f.learned, f.newKaizen} {
		e.SetText("")
	}
	f.stages.setChecked(nil)
	f.factors.setChecked(nil)
	f.followUps.setChecked(nil)
	for _, n := range []*note{f.dateNote, f.titleNote, f.happNote, f.hoursNote, f.itemsNote, f.impactNote, f.wellNote, f.learnNote, f.recurring, f.saveNote} {
		n.set("")
	}
	f.saved.SetText("")
}

// load shows entry e for editing.
func (f *learningForm) load(e vsm.LearningEntry) {
	m := f.s.h.CurrentMap()
	f.editingID = e.ID
	f.loaded = e.Clone()
	f.clearFields()
	if m != nil {
		f.setStages(m)
	}
	cal := vsm.DefaultCalendar()
	if m != nil {
		cal = m.Calendar
	}
	f.heading.SetText("Entry of " + day(e.Date))
	f.date.SetText(day(e.Date))
	f.title.SetText(e.Title)
	f.stages.setChecked(stageKeys(f.stages.keys, e.Stages))
	f.happened.SetText(e.WhatHappened)
	if e.Impact.HoursLost > 0 {
		f.hoursLost.SetText(vsm.FormatDuration(e.Impact.HoursLost, cal))
	}
	if e.Impact.ItemsAffected > 0 {
		f.items.SetText(strconv.Itoa(e.Impact.ItemsAffected))
	}
	f.impactDesc.SetText(e.Impact.Description)
	fs := make([]string, len(e.Factors))
	for i, x := range e.Factors {
		fs[i] = string(x)
	}
	f.factors.setChecked(fs)
	f.wentWell.SetText(e.WentWell)
	f.learned.SetText(e.Learned)
	f.followUps.setChecked(e.FollowUps)
	f.del.Show()
	f.updateRecurring()
}

// stageKeys are the option keys naming the stages (ignoring case).
func stageKeys(keys, stages []string) []string {
	var out []string
	for _, k := range keys {
		if slices.ContainsFunc(stages, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(k)) }) {
			out = append(out, k)
		}
	}
	return out
}

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

// submit saves the entry as one change, with a new follow-up kaizen titled
// newKaizen linked to it when that is not "". Blaming words never stop it.
func (f *learningForm) submit(newKaizen string) bool {
	e, ok := f.draft()
	if ok && e.Title == "" {
		f.titleNote.set("An entry needs a title: what went wrong, in a few words?")
		ok = false
	}
	if !ok {
		f.saveNote.set("Nothing was saved: fix the fields marked in red.")
		f.saved.SetText("")
		return false
	}
	now := f.s.now()
	var storedID string
	err := f.s.apply(func(m *vsm.Map) error {
		if f.editingID == "" {
			stored, err := m.AddLearning(e)
			if err != nil {
				return err
			}
			storedID = stored.ID
		} else {
			if m.LearningIndex(f.editingID) < 0 {
				return fmt.Errorf("%q is no longer in the log (undone or deleted meanwhile): %w", e.Title, vsm.ErrInvalid)
			}
			if err := m.UpdateLearning(e); err != nil {
				return err
			}
			storedID = e.ID
		}
		if newKaizen == "" {
			return nil
		}
		k := vsm.Kaizen{Title: newKaizen, Status: vsm.KaizenIdea, Created: now,
			Hypothesis: fmt.Sprintf("Follows up the learning-log entry %q of %s.", e.Title, day(e.Date))}
		for _, st := range e.Stages {
			if m.StageIndex(st) >= 0 {
				k.Stage = st
				break
			}
		}
		stored, err := m.AddKaizen(k)
		if err != nil {
			return err
		}
		return m.LinkFollowUp(storedID, stored.ID)
	})
	if err != nil {
		f.saveNote.set("Nothing was saved: " + err.Error())
		f.saved.SetText("")
		return false
	}
	m := f.s.h.CurrentMap()
	if stored, found := m.FindLearning(storedID); found {
		f.load(stored)
	}
	f.l.selectEditing()
	msg := "Saved."
	if newKaizen != "" {
		msg = fmt.Sprintf("Saved, with the follow-up kaizen %q (an idea on the Kaizen tab).", newKaizen)
	}
	f.saved.SetText(msg)
	return true
}

func (f *learningForm) confirmDelete() {
	if f.editingID == "" {
		return
	}
	msg := fmt.Sprintf("Delete the entry %q? Its links to follow-up kaizens go with it; the kaizens stay. Undo brings it back.", f.loaded.Title)
	dialog.ShowConfirm("Delete learning-log entry", msg, func(yes bool) {
		if yes {
			f.remove()
		}
	}, f.s.h.Window())
}

func (f *learningForm) remove() {
	id := f.editingID
	err := f.s.apply(func(m *vsm.Map) error { return m.RemoveLearning(id) })
	if err != nil {
		f.saveNote.set("Nothing was deleted: " + err.Error())
		return
	}
	f.l.list.UnselectAll()
	f.clear()
}
