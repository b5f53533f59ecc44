package kaizenui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// The learning log's form: writing a new entry or editing one, its stages
// and follow-up kaizen, saving and deleting it.

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
