package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// settingsForm edits the map's own fields: name, description, working
// calendar and demand. Like the table, each field is saved when focus leaves
// it or Enter is pressed, and a refused value says why under the field.
type settingsForm struct {
	a                                  *App
	name, desc, hours, days, demand    *editEntry
	nameErr, hoursErr, daysErr, demErr *widget.Label
	descErr                            *widget.Label
	calendarNote                       *widget.Label
	content                            fyne.CanvasObject
}

func newSettingsForm(a *App) *settingsForm {
	f := &settingsForm{a: a}
	field := func(commit func(string) error) (*editEntry, *widget.Label) {
		e := newEditEntry(a)
		msg := widget.NewLabel("")
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		msg.Hide()
		e.commit = func(e *editEntry) {
			if !e.dirty() {
				e.setErr(nil)
				return
			}
			shown := e.shown
			e.shown = e.Text // see stageTable.commit
			if err := commit(e.Text); err != nil {
				e.shown = shown
				e.setErr(err)
				return
			}
			e.setErr(nil)
		}
		e.onError = func(e *editEntry) {
			if e.err != nil {
				msg.SetText("⚠ " + e.err.Error())
				msg.Show()
			} else {
				msg.Hide()
			}
		}
		return e, msg
	}
	f.name, f.nameErr = field(f.setName)
	f.desc, f.descErr = field(f.setDescription)
	f.desc.MultiLine = true
	f.desc.Wrapping = fyne.TextWrapWord
	f.desc.SetMinRowsVisible(3)
	f.hours, f.hoursErr = field(f.setHours)
	f.days, f.daysErr = field(f.setDays)
	f.demand, f.demErr = field(f.setDemand)
	f.demand.SetPlaceHolder("unknown")
	f.calendarNote = widget.NewLabel("")
	f.calendarNote.Wrapping = fyne.TextWrapWord
	f.calendarNote.Importance = widget.LowImportance

	row := func(e *editEntry, msg *widget.Label) fyne.CanvasObject {
		return container.NewVBox(e, msg)
	}
	narrow := func(e *editEntry, msg *widget.Label, unit string) fyne.CanvasObject {
		u := widget.NewLabel(unit)
		u.Importance = widget.LowImportance
		return container.NewVBox(container.NewBorder(nil, nil, nil, u, container.New(uikit.MinWidth(120), e)), msg)
	}
	form := container.New(layout.NewFormLayout(),
		bold("Name"), row(f.name, f.nameErr),
		bold("Description"), row(f.desc, f.descErr),
		bold("Hours per day"), narrow(f.hours, f.hoursErr, "working hours in a day"),
		bold("Days per week"), narrow(f.days, f.daysErr, "working days in a week"),
		bold("Demand per day"), narrow(f.demand, f.demErr, "items the customer pulls per working day"),
		widget.NewLabel(""), f.calendarNote,
	)
	f.content = container.NewVScroll(container.NewPadded(form))
	return f
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

func (f *settingsForm) entries() []*editEntry {
	return []*editEntry{f.name, f.desc, f.hours, f.days, f.demand}
}

// sync shows m's settings.
func (f *settingsForm) sync(m *vsm.Map, force bool) {
	if m == nil {
		for _, e := range f.entries() {
			e.show("", true)
			e.Disable()
		}
		return
	}
	for _, e := range f.entries() {
		if e.Disabled() {
			e.Enable()
		}
	}
	f.name.show(m.Name, force)
	f.desc.show(m.Description, force)
	f.hours.show(uikit.Number(m.Calendar.HoursPerDay), force)
	f.days.show(uikit.Number(m.Calendar.DaysPerWeek), force)
	demand := ""
	if m.DemandPerDay != nil {
		demand = uikit.Number(*m.DemandPerDay)
	}
	f.demand.show(demand, force)
	note := fmt.Sprintf("Durations are working time on this calendar: 1d = %sh, 1w = %sd = %sh. "+
		"Demand gives takt time, each stage's utilization and, for stages with a queue but no wait, "+
		"the wait by Little's law (queue ÷ demand).",
		uikit.Number(m.Calendar.HoursPerDay), uikit.Number(m.Calendar.DaysPerWeek), uikit.Number(m.Calendar.HoursPerWeek()))
	if f.calendarNote.Text != note {
		f.calendarNote.SetText(note)
	}
}

// flush commits the focused field's typing.
func (f *settingsForm) flush() {
	focused := f.a.win.Canvas().Focused()
	for _, e := range f.entries() {
		if focused == e && e.commit != nil {
			e.commit(e)
		}
	}
}

func (f *settingsForm) setName(text string) error {
	name := strings.TrimSpace(text)
	if name == "" {
		return fmt.Errorf("a map needs a name")
	}
	return f.a.change("rename the map to "+name, false, func(m *vsm.Map) error {
		m.Name = name
		return nil
	})
}

func (f *settingsForm) setDescription(text string) error {
	return f.a.change("edit the description", false, func(m *vsm.Map) error {
		m.Description = strings.TrimSpace(text)
		return nil
	})
}

func (f *settingsForm) setHours(text string) error {
	v, err := settingNumber("hours per day", text)
	if err != nil {
		return err
	}
	return f.a.change("set hours per day to "+uikit.Number(v), true, func(m *vsm.Map) error {
		m.Calendar.HoursPerDay = v
		return nil
	})
}

func (f *settingsForm) setDays(text string) error {
	v, err := settingNumber("days per week", text)
	if err != nil {
		return err
	}
	return f.a.change("set days per week to "+uikit.Number(v), true, func(m *vsm.Map) error {
		m.Calendar.DaysPerWeek = v
		return nil
	})
}

func (f *settingsForm) setDemand(text string) error {
	if strings.TrimSpace(text) == "" {
		return f.a.change("clear the demand", true, func(m *vsm.Map) error {
			m.DemandPerDay = nil
			return nil
		})
	}
	v, err := settingNumber("demand per day", text)
	if err != nil {
		return err
	}
	return f.a.change("set demand to "+uikit.Number(v)+"/day", true, func(m *vsm.Map) error {
		m.DemandPerDay = &v
		return nil
	})
}

// settingNumber reads a number typed into a map setting. Its range is
// Map.Validate's, checked when the change is saved, which names the setting
// and the value ("hours per day: \"25\" must be more than 0 and at most 24").
func settingNumber(field, text string) (float64, error) {
	v, err := vsm.ParseNumber(text)
	if err != nil {
		return 0, &vsm.FieldError{Index: -1, Field: field, Value: strings.TrimSpace(text), Reason: "is not a number"}
	}
	return v, nil
}
