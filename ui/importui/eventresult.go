package importui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// The statistics table's columns.
var statCols = []tableColumn{
	{"Stage", 170}, {"Items", 70}, {"Wait median", 104}, {"Wait p85", 90}, {"Wait mean", 90},
	{"Work median", 104}, {"Work p85", 90}, {"Work mean", 90}, {"WIP", 56}, {"Re-entries", 90},
	{"%C&A", 64}, {"Done per day", 104},
}

// The statistics a map can be built from, as offered.
var statChoices = []struct{ stat, label string }{
	{vsm.StatMedian, "median"}, {vsm.StatP85, "85th percentile"}, {vsm.StatMean, "mean"},
}

// Calendar choices of the result view.
const (
	calWorking = "working hours (Mon–Fri from 09:00)"
	cal24x7    = "every hour (24x7)"
)

// resultView shows what the log measured and builds a map from it.
type resultView struct {
	ei      *eventImport
	d       *dialog.CustomDialog
	summary *widget.Label
	calSel  *widget.Select
	mapBtn  *widget.Button
	table   *widget.Table
	dist    *distView
	tabs    *container.AppTabs
	stat    *widget.RadioGroup
	name    *widget.Entry
	problem *widget.Label
	create  *widget.Button
	quiet   bool
}

// logCalendar is the calendar the log's hours were measured on, for writing
// them as days.
func logCalendar(log *vsm.EventLogStats) vsm.Calendar {
	if log.Calendar == vsm.CalendarTwentyFourSeven {
		return vsm.Calendar{HoursPerDay: 24, DaysPerWeek: 7}
	}
	c := vsm.DefaultCalendar()
	if log.HoursPerDay > 0 {
		c.HoursPerDay = log.HoursPerDay
	}
	return c
}

func (ei *eventImport) showResult(log *vsm.EventLogStats) {
	ei.log = log
	if ei.result == nil {
		ei.result = newResultView(ei)
		ei.result.fill(log)
		ei.result.d.Show()
		return
	}
	ei.result.fill(log)
}

func newResultView(ei *eventImport) *resultView {
	rv := &resultView{ei: ei}
	win := ei.im.host.Window()
	rv.summary = widget.NewLabel("")
	rv.summary.Wrapping = fyne.TextWrapWord
	rv.calSel = widget.NewSelect([]string{calWorking, cal24x7}, func(s string) {
		if rv.quiet {
			return
		}
		ei.opt.Calendar.TwentyFourSeven = s == cal24x7
		ei.read(ei.showResult)
	})
	rv.mapBtn = widget.NewButtonWithIcon("Edit status mapping…", theme.SettingsIcon(), func() {
		if ei.log != nil {
			ei.showMapping(ei.log)
		}
	})
	options := container.NewHBox(widget.NewLabel("Count time on"), container.New(uikit.MinWidth(300), rv.calSel), layout.NewSpacer(), rv.mapBtn)

	rv.table = newTextTable(statCols, func() int {
		if ei.log == nil {
			return 0
		}
		return len(ei.log.Stages)
	}, rv.cellText)
	rv.dist = newDistView()
	rv.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Per stage", theme.ListIcon(), rv.table),
		container.NewTabItemWithIcon("Distribution", theme.GridIcon(), container.NewScroll(rv.dist)),
	)

	labels := make([]string, len(statChoices))
	for i, s := range statChoices {
		labels[i] = s.label
	}
	rv.stat = widget.NewRadioGroup(labels, nil)
	rv.stat.Horizontal = true
	rv.stat.Required = true
	rv.stat.SetSelected(statChoices[0].label)
	rv.name = widget.NewEntry()
	rv.name.SetText(nameFromFile(ei.path))
	rv.name.OnChanged = func(string) { rv.problem.Hide() }
	rv.problem = widget.NewLabel("")
	rv.problem.Importance = widget.DangerImportance
	rv.problem.Wrapping = fyne.TextWrapWord
	rv.problem.Hide()
	closeBtn := widget.NewButton("Close", func() { rv.d.Hide() })
	rv.create = widget.NewButtonWithIcon("Create map from log", theme.DocumentCreateIcon(), rv.createMap)
	rv.create.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Stage times from the"), rv.stat,
		widget.NewLabel("Map name"), rv.name,
	)
	bottom := container.NewVBox(widget.NewSeparator(), form, rv.problem,
		container.NewHBox(layout.NewSpacer(), closeBtn, rv.create))
	top := container.NewVBox(rv.summary, options)
	body := container.NewBorder(top, bottom, nil, nil, rv.tabs)
	rv.d = dialog.NewCustomWithoutButtons("Event log "+filepath.Base(ei.path), body, win)
	rv.d.Resize(dialogSize(win, fyne.NewSize(1200, 780)))
	return rv
}

// fill shows log.
func (rv *resultView) fill(log *vsm.EventLogStats) {
	rv.quiet = true
	defer func() { rv.quiet = false }()
	cal := logCalendar(log)
	span := ""
	if !log.From.IsZero() {
		span = fmt.Sprintf(", from %s to %s (%s working days)", log.From.Format("2 Jan 2006"), log.To.Format("2 Jan 2006"), uikit.Number(log.WorkingDays))
		if log.Calendar == vsm.CalendarTwentyFourSeven {
			span = fmt.Sprintf(", from %s to %s (%s days)", log.From.Format("2 Jan 2006"), log.To.Format("2 Jan 2006"), uikit.Number(log.WorkingDays))
		}
	}
	how := fmt.Sprintf("Times are working hours: Monday to Friday, %s hours from 09:00 on each timestamp's own clock.", uikit.Number(cal.HoursPerDay))
	if log.Calendar == vsm.CalendarTwentyFourSeven {
		how = "Times are elapsed hours, nights and weekends included."
	}
	rv.summary.SetText(fmt.Sprintf("%s: %s log of %s rows about %s items%s, %s. %s Wait and work are per item; WIP is the items inside a stage at the log's end.",
		log.File, log.Shape, fmtInt(int64(log.Rows)), fmtInt(int64(log.Items)), span, plural(len(log.Stages), "stage"), how))
	if log.Calendar == vsm.CalendarTwentyFourSeven {
		rv.calSel.SetSelected(cal24x7)
	} else {
		rv.calSel.SetSelected(calWorking)
	}
	if log.Shape == vsm.ShapeTransitions && len(log.Statuses) > 0 {
		rv.mapBtn.Show()
	} else {
		rv.mapBtn.Hide()
	}
	rv.table.Refresh()
	rv.dist.Set(log.Stages, cal)
	enable(rv.create, len(log.Stages) > 0)
	rv.problem.Hide()
}

func (rv *resultView) cellText(row, col int) string {
	log := rv.ei.log
	if log == nil || row < 0 || row >= len(log.Stages) {
		return ""
	}
	s := log.Stages[row]
	cal := logCalendar(log)
	dur := func(h float64) string {
		if s.Completed == 0 {
			return "—"
		}
		return fmtDur(h, cal)
	}
	switch col {
	case 0:
		return s.Name
	case 1:
		return fmtInt(int64(s.Items))
	case 2:
		return dur(s.Wait.Median)
	case 3:
		return dur(s.Wait.P85)
	case 4:
		return dur(s.Wait.Mean)
	case 5:
		return dur(s.Work.Median)
	case 6:
		return dur(s.Work.P85)
	case 7:
		return dur(s.Work.Mean)
	case 8:
		return fmtInt(int64(s.WIP))
	case 9:
		return fmtInt(int64(s.Reentries))
	case 10:
		return fmtPct(s.CompleteAccurate)
	case 11:
		return uikit.Number(s.ThroughputPerDay)
	}
	return ""
}

func (rv *resultView) selectedStat() string {
	for _, s := range statChoices {
		if s.label == rv.stat.Selected {
			return s.stat
		}
	}
	return vsm.StatMedian
}

func (rv *resultView) fail(err error) {
	rv.problem.SetText(err.Error())
	rv.problem.Show()
}

// createMap saves a map built from the log with a measurement dated at the
// log's end. When a map has the name, it offers to add the measurement to
// that map and update its stages instead.
func (rv *resultView) createMap() {
	ei := rv.ei
	log := ei.log
	name := strings.TrimSpace(rv.name.Text)
	if name == "" {
		rv.fail(errors.New("a map needs a name"))
		return
	}
	stat := rv.selectedStat()
	existing, err := ei.im.findMap(name)
	if err != nil {
		rv.fail(fmt.Errorf("list maps: %w", err))
		return
	}
	if existing != nil {
		msg := fmt.Sprintf("A map named “%s” already exists.\n\nAdd this log as a measurement of %s to it, and set its stages' wait, process time and %%C&A to the measured %s? Stages are matched by name; measured stages the map lacks are added, and nothing else in the map changes.",
			existing.Name, log.To.Format(vsm.DateLayout), rv.stat.Selected)
		d := dialog.NewConfirm("Add to the existing map?", msg, func(ok bool) {
			if ok {
				rv.addTo(existing.ID, stat)
			}
		}, ei.im.host.Window())
		d.SetConfirmText("Add to “" + shorten(existing.Name, 30) + "”")
		d.SetDismissText("Cancel")
		d.Show()
		return
	}
	m, err := log.Map(name, stat, 0)
	if err != nil {
		rv.fail(err)
		return
	}
	m.Name = name
	if _, _, err := m.AddMeasurement(vsm.MeasurementOf(m, log.To, "events: "+log.File)); err != nil {
		rv.fail(fmt.Errorf("measurement of %s: %w", log.To.Format(vsm.DateLayout), err))
		return
	}
	created, err := ei.im.deps.Store.Create(m)
	if errors.Is(err, ErrNameTaken) {
		rv.fail(fmt.Errorf("a map named “%s” already exists: choose another name", name))
		return
	}
	if err != nil {
		rv.fail(fmt.Errorf("save %q: %w", name, err))
		return
	}
	rv.d.Hide()
	ei.im.host.OpenMap(created.ID)
}

// addTo adds the log to map id: measured stage values, then a measurement
// of the map so updated, dated at the log's end. The open map changes
// through the host, so the change is undoable.
func (rv *resultView) addTo(id, stat string) {
	ei := rv.ei
	log := ei.log
	cur := ei.im.host.CurrentMap()
	open := cur != nil && cur.ID == id
	var base *vsm.Map
	if open {
		base = cur.Clone()
	} else {
		var err error
		if base, err = ei.im.deps.Store.Get(id); err != nil {
			rv.fail(fmt.Errorf("open map: %w", err))
			return
		}
	}
	m, err := log.Map(base.Name, stat, calendarOf(base).HoursPerDay)
	if err != nil {
		rv.fail(err)
		return
	}
	m.Measurements = []vsm.Measurement{vsm.MeasurementOf(m, log.To, "events: "+log.File)}
	// The one merge rule of a measured log, as the CLI's import has it.
	next := base.Clone()
	if err := next.MergeMeasured(m); err != nil {
		rv.fail(err)
		return
	}
	if open {
		if err := ei.im.host.ReplaceMap(next); err != nil {
			return // the host said why; nothing changed
		}
	} else {
		if err := ei.im.deps.Store.Save(next); err != nil {
			rv.fail(fmt.Errorf("save %q: %w", next.Name, err))
			return
		}
		ei.im.host.OpenMap(id)
	}
	rv.d.Hide()
}
