package kaizenui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
