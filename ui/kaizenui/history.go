package kaizenui

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// historyScreen is the History tab: record a measurement (from the map or a
// stage sheet), the list of measurements, the trend chart and, for each done
// kaizen, what it was expected to do beside what was measured.
type historyScreen struct {
	s       *Screens
	content fyne.CanvasObject

	record    *widget.Button
	fromSheet *widget.Button
	status    *widget.Label
	list      *fyne.Container // measurement rows
	effects   *fyne.Container // expected vs realized, per done kaizen
	chart     *chartView
	page      *page
	key       string // what the page shows (historyKey)

	rows []*measurementRow // for tests
}

// measurementRow is one line of the list.
type measurementRow struct {
	id                      string
	date, lead, fe, ca, src *widget.Label
	del                     *widget.Button
}

// measurement list columns: date, lead time, flow efficiency, rolled %C&A,
// source, delete.
var measurementCols = columns{widths: []float32{96, 92, 78, 108, 62, 36}, stretch: 4}

// sheetExtensions are the stage sheets "Record from spreadsheet…" offers.
var sheetExtensions = []string{".xlsx", ".csv", ".tsv", ".txt"}

func newHistoryScreen(s *Screens) *historyScreen {
	h := &historyScreen{s: s}
	h.record = widget.NewButtonWithIcon("Record measurement", theme.ContentAddIcon(), h.recordNow)
	h.record.Importance = widget.HighImportance
	h.fromSheet = widget.NewButtonWithIcon("Record from spreadsheet…", theme.UploadIcon(), h.chooseSheet)
	if s.opt.ReadSheet == nil {
		h.fromSheet.Disable()
	}
	h.status = cell("")
	h.list = container.NewVBox()
	h.effects = container.NewVBox()
	// The report's charts keep their layout at any size, so their text is
	// only readable big: the chart gets the width of the page and the lists
	// follow underneath, the page scrolling like a report.
	h.chart = newChartView(s, ChartTrend, 480, chartMinHeight)

	listBox := container.NewVBox(heading("Measurements"),
		measurementCols.header("Date", "Lead time", "Flow eff.", "Rolled %C&A", "Source", ""), h.list)
	effectsBox := container.NewVBox(heading("Kaizen done: expected and realized"),
		hint("Realized: the change of the totals from the last measurement before the done day to the first one on or after it."),
		h.effects)
	h.page = newPage(h.chart.content, container.NewGridWithColumns(2, listBox, effectsBox))
	top := toolbarRow(h.status, h.record, h.fromSheet)
	h.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, h.page.scroll)
	return h
}

func (h *historyScreen) refresh(m *vsm.Map) {
	if m == nil {
		h.rows = nil
		h.record.Disable()
		h.fromSheet.Disable()
		h.list.Objects = nil
		h.list.Refresh()
		h.effects.Objects = nil
		h.effects.Refresh()
		h.chart.show(nil, "", "Open a map to see its history.")
		h.key = ""
		h.page.relayout()
		return
	}
	h.record.Enable()
	if h.s.opt.ReadSheet != nil {
		h.fromSheet.Enable()
	}
	// Most changes of the map are stage edits, which this page does not
	// show: rebuild only when what it shows changed.
	key := historyKey(m)
	if key == h.key {
		return
	}
	h.key = key
	// The last message was about the page as it was (an undo may have
	// taken it back); actions of this page set theirs after the change.
	h.setStatus("", false)
	h.refreshList(m)
	h.refreshEffects(m)
	if len(m.Measurements) == 0 {
		h.chart.show(m, "", "No measurements yet.\nRecord one now, and again after each improvement, to see the trend.")
	} else {
		h.chart.show(m, trendKey(m), "")
	}
	h.page.relayout()
}

// trendKey is what the trend chart shows: the map's name and calendar, the
// measurements and the kaizen completions. Stage edits do not change it.
func trendKey(m *vsm.Map) string {
	b, err := json.Marshal(struct {
		Name         string
		Calendar     vsm.Calendar
		Measurements []vsm.Measurement
		Completions  []vsm.Completion
	}{m.Name, m.Calendar, m.Measurements, vsm.Completions(m)})
	if err != nil {
		// Unreachable for these types; a unique key just draws again.
		return fmt.Sprintf("%p", m)
	}
	return string(b)
}

// historyKey is what the page shows: the measurements and the kaizen items,
// and the stages too while a done item has no measurement from before it
// (its expected effect is then judged on the current map).
func historyKey(m *vsm.Map) string {
	var stages []vsm.Stage
	for _, k := range m.Kaizen {
		if _, done := k.DoneDate(); done {
			if _, x := vsm.ExpectationBase(m, k); x == nil {
				stages = m.Stages
				break
			}
		}
	}
	b, err := json.Marshal(struct {
		ID, Name     string
		Calendar     vsm.Calendar
		Measurements []vsm.Measurement
		Kaizen       []vsm.Kaizen
		Stages       []vsm.Stage
	}{m.ID, m.Name, m.Calendar, m.Measurements, m.Kaizen, stages})
	if err != nil {
		return fmt.Sprintf("%p", m)
	}
	return string(b)
}

func (h *historyScreen) refreshList(m *vsm.Map) {
	h.rows = nil
	points := vsm.History(m)
	if len(points) == 0 {
		h.list.Objects = []fyne.CanvasObject{muted("No measurements yet.")}
		h.list.Refresh()
		return
	}
	cal := m.Calendar
	objs := make([]fyne.CanvasObject, 0, len(points))
	// Newest first: the last measurement is the one people look for.
	for i := len(points) - 1; i >= 0; i-- {
		p := points[i]
		r := &measurementRow{id: p.MeasurementID,
			date: cell(day(p.Date)), lead: cell(vsm.FormatDuration(p.Totals.LeadHours, cal)),
			fe: cell(fmtPctPtr(p.Totals.FlowEfficiency)), ca: cell(vsm.FormatPercent(p.Totals.RolledCompleteAccurate)),
			src: cell(p.Source)}
		id, when := p.MeasurementID, day(p.Date)
		r.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { h.remove(id, when) })
		r.del.Importance = widget.LowImportance
		h.rows = append(h.rows, r)
		objs = append(objs, measurementCols.row(r.date, r.lead, r.fe, r.ca, r.src, r.del))
	}
	h.list.Objects = objs
	h.list.Refresh()
}

// refreshEffects lists each done kaizen with its expected and realized effect.
func (h *historyScreen) refreshEffects(m *vsm.Map) {
	var objs []fyne.CanvasObject
	cal := m.Calendar
	for _, c := range vsm.Completions(m) {
		k, ok := m.FindKaizen(c.KaizenID)
		if !ok {
			continue
		}
		title := k.Title
		if k.Stage != "" {
			title += " (" + k.Stage + ")"
		}
		head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		lines := []fyne.CanvasObject{head, muted("Done " + day(c.Date))}
		exp := wrapped("")
		switch d, before, basis, err := expectedFor(m, k); {
		case err != nil:
			exp.SetText("Expected: cannot compute: " + err.Error())
		case k.Effect.IsZero():
			exp.SetText("Expected: no target values were set.")
		default:
			on := ""
			if basis != "" {
				on = " (on " + basis + ")"
			}
			exp.SetText("Expected" + on + ": " + gainText(d, before, cal))
		}
		real := wrapped("")
		if r, ok := vsm.RealizedEffect(m, k); ok {
			before, after, _ := vsm.RealizedMeasurements(m, k)
			real.SetText(fmt.Sprintf("Realized (%s%s%s): %s", day(before.Date), arrow, day(after.Date),
				gainText(*r, vsm.MeasurementTotals(before), cal)))
			real.Importance = widget.SuccessImportance
			if r.LeadGain() < 0 {
				real.Importance = widget.WarningImportance
			}
		} else {
			real.SetText(missingMeasurement(m, c))
			real.Importance = widget.LowImportance
		}
		lines = append(lines, exp, real)
		objs = append(objs, panel(container.NewVBox(lines...), nil))
	}
	if len(objs) == 0 {
		objs = []fyne.CanvasObject{hint("No kaizen is done yet: done items show here with what they changed.")}
	}
	h.effects.Objects = objs
	h.effects.Refresh()
}

// missingMeasurement says which measurement a realized effect still needs.
func missingMeasurement(m *vsm.Map, c vsm.Completion) string {
	hasBefore, hasAfter := false, false
	for _, x := range m.Measurements {
		if vsm.DaysBetween(x.Date, c.Date) > 0 {
			hasBefore = true
		} else {
			hasAfter = true
		}
	}
	switch {
	case !hasBefore && !hasAfter:
		return "Realized: not measured yet. Record measurements before and after a kaizen to see what it did."
	case !hasBefore:
		return "Realized: unknown, there is no measurement from before " + day(c.Date) + "."
	}
	return "Realized: not measured yet. Record a measurement now to see what it did."
}

// recordNow stores a measurement of the map as it is, dated today.
func (h *historyScreen) recordNow() {
	m := h.s.h.CurrentMap()
	if m == nil {
		h.s.showError(errNoMap)
		return
	}
	h.store(vsm.MeasurementOf(m, h.s.now(), "app"))
}

// store adds x and says what happened.
func (h *historyScreen) store(x vsm.Measurement) {
	var stored vsm.Measurement
	var replaced bool
	err := h.s.apply(func(m *vsm.Map) error {
		var err error
		stored, replaced, err = m.AddMeasurement(x)
		return err
	})
	if err != nil {
		h.s.showError(fmt.Errorf("record the measurement: %w", err))
		return
	}
	t := vsm.MeasurementTotals(stored)
	verb := "Recorded"
	if replaced {
		verb = "Replaced"
	}
	h.setStatus(fmt.Sprintf("%s the measurement of %s: lead time %s, flow efficiency %s, rolled %%C&A %s.",
		verb, day(stored.Date), vsm.FormatDuration(t.LeadHours, stored.Calendar),
		fmtPctPtr(t.FlowEfficiency), vsm.FormatPercent(t.RolledCompleteAccurate)), false)
}

func (h *historyScreen) setStatus(msg string, bad bool) {
	h.status.SetText(msg)
	h.status.Importance = widget.MediumImportance
	if bad {
		h.status.Importance = widget.DangerImportance
	}
	h.status.Refresh()
}

// chooseSheet asks for a stage sheet and records its values.
func (h *historyScreen) chooseSheet() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			h.s.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		_ = r.Close() // the measurer opens the file itself, by path
		h.recordSheet(path)
	}, h.s.h.Window())
	d.SetFilter(storage.NewExtensionFileFilter(sheetExtensions))
	// Shown first: a file dialog has no window to size until it is shown
	// (Fyne 2.8.1 crashes on Resize before Show).
	d.Show()
	d.Resize(fyne.NewSize(900, 600))
}

// recordSheet records a measurement of the open map with the stage values of
// the stage sheet at path, dated today: the map's calendar and demand, the
// sheet's stages.
func (h *historyScreen) recordSheet(path string) {
	m := h.s.h.CurrentMap()
	if m == nil {
		h.s.showError(errNoMap)
		return
	}
	if h.s.opt.ReadSheet == nil {
		h.s.showError(errors.New("reading stage sheets is not available in this build of Flowmap"))
		return
	}
	sheet, err := h.s.opt.ReadSheet(path, m.Calendar)
	if err != nil {
		h.setStatus("Nothing recorded: "+err.Error(), true)
		h.s.showError(fmt.Errorf("record from %s: %w", filepath.Base(path), err))
		return
	}
	measured := m.Clone()
	measured.Stages = sheet.Stages
	h.store(vsm.MeasurementOf(measured, h.s.now(), filepath.Base(path)))
}

// remove deletes a measurement; undo brings it back.
func (h *historyScreen) remove(id, when string) {
	err := h.s.apply(func(m *vsm.Map) error { return m.RemoveMeasurement(id) })
	if err != nil {
		h.s.showError(err)
		return
	}
	h.setStatus("Deleted the measurement of "+when+". Undo brings it back.", false)
}
