package importui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// eventImport is one event-log import: read with a progress bar, map the
// statuses of a transition log, show the statistics and build a map.
type eventImport struct {
	im   *Importer
	path string
	opt  EventOptions // Mapping and the calendar; Progress and Cancel are per read
	// proposals are the roles the reader proposed on the first read, for
	// "Proposed roles" in the mapping dialog.
	proposals []StatusRole
	log       *EventLog
	result    *resultView
	progress  *progressDialog // the read under way, if any
}

// ImportEventLog reads the event log at path and shows what it measured.
func (im *Importer) ImportEventLog(path string) { im.importEventLog(path) }

func (im *Importer) importEventLog(path string) *eventImport {
	if im.deps.ReadEventLog == nil {
		im.host.ShowError(fmt.Errorf("cannot import %s: this build of Flowmap does not read event logs", filepath.Base(path)))
		return nil
	}
	ei := &eventImport{im: im, path: path}
	ei.opt.HoursPerDay = calendarOf(im.host.CurrentMap()).HoursPerDay
	ei.read(func(log *EventLog) {
		if log.Shape == ShapeTransitions && len(log.Statuses) > 0 {
			ei.proposals = slices.Clone(log.Mapping)
			ei.showMapping(log)
			return
		}
		ei.showResult(log)
	})
	return ei
}

// read reads the log in a goroutine behind a progress dialog with Cancel,
// then calls then on the UI goroutine. Errors are shown; a cancel is not an
// error.
func (ei *eventImport) read(then func(*EventLog)) {
	cancel := make(chan struct{})
	pd := newProgressDialog(ei.im.host.Window(), ei.path, cancel)
	ei.progress = pd
	opt := ei.opt
	opt.Mapping = slices.Clone(ei.opt.Mapping)
	opt.Cancel = cancel
	opt.Progress = func(done, total int64) {
		fyne.Do(func() { pd.set(done, total) })
	}
	pd.show()
	read := ei.im.deps.ReadEventLog
	go func() {
		log, err := read(ei.path, opt)
		fyne.Do(func() {
			pd.hide()
			ei.progress = nil
			switch {
			case errors.Is(err, ErrCanceled) || (err != nil && pd.wasCanceled()):
				// The person asked for it: nothing to say.
			case err != nil:
				ei.im.host.ShowError(fmt.Errorf("import %s: %w", filepath.Base(ei.path), err))
			case log == nil:
				ei.im.host.ShowError(fmt.Errorf("import %s: the reader returned nothing", filepath.Base(ei.path)))
			default:
				then(log)
			}
			if f := ei.im.readFinished; f != nil {
				f()
			}
		})
	}()
}

// --- progress ---

// progressDialog shows how far a read has come, with a Cancel button.
type progressDialog struct {
	d        *dialog.CustomDialog
	bar      *widget.ProgressBar
	busy     *widget.ProgressBarInfinite // while the total is unknown
	detail   *widget.Label
	cancel   *widget.Button
	rows     bool // progress counts workbook rows, not bytes
	once     sync.Once
	canceled bool
}

func newProgressDialog(win fyne.Window, path string, cancel chan struct{}) *progressDialog {
	pd := &progressDialog{rows: strings.EqualFold(filepath.Ext(path), ".xlsx")}
	pd.bar = widget.NewProgressBar()
	pd.bar.Hide()
	pd.busy = widget.NewProgressBarInfinite()
	pd.detail = widget.NewLabel("Starting…")
	pd.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		// Widgets first: once the channel is closed the reader returns and
		// the dialog goes.
		pd.canceled = true
		pd.cancel.Disable()
		pd.detail.SetText("Canceling…")
		pd.once.Do(func() { close(cancel) })
	})
	title := widget.NewLabel("Reading " + filepath.Base(path) + " and measuring every stage…")
	title.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(title, container.NewStack(pd.bar, pd.busy), pd.detail, container.NewHBox(layout.NewSpacer(), pd.cancel))
	pd.d = dialog.NewCustomWithoutButtons("Import event log", container.New(uikit.MinWidth(460), body), win)
	return pd
}

func (pd *progressDialog) show() { pd.d.Show() }
func (pd *progressDialog) hide() {
	pd.busy.Stop()
	pd.d.Hide()
}

func (pd *progressDialog) wasCanceled() bool { return pd.canceled }

// set shows done of total (bytes of a CSV, rows of a workbook).
func (pd *progressDialog) set(done, total int64) {
	if pd.canceled {
		return
	}
	if total > 0 {
		if pd.busy.Visible() {
			pd.busy.Stop()
			pd.busy.Hide()
			pd.bar.Show()
		}
		pd.bar.SetValue(min(float64(done)/float64(total), 1))
	}
	pd.detail.SetText(progressText(done, total, pd.rows))
}

// progressText is "12.5 of 55.0 MB (23%)" or "40,000 of 100,000 rows (40%)".
func progressText(done, total int64, rows bool) string {
	pct := ""
	if total > 0 {
		pct = fmt.Sprintf(" (%d%%)", min(done*100/total, 100))
	}
	if rows {
		if total > 0 {
			return fmt.Sprintf("%s of %s rows%s", fmtInt(done), fmtInt(total), pct)
		}
		return fmtInt(done) + " rows read"
	}
	mb := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }
	if total > 0 {
		return fmt.Sprintf("%s of %s MB%s", mb(done), mb(total), pct)
	}
	return mb(done) + " MB read"
}

// --- status mapping ---

// Role choices of the mapping dialog, as shown.
var kindChoices = []struct{ kind, label string }{
	{KindWork, "work of stage"},
	{KindWait, "wait for stage"},
	{KindDone, "done (flow ends)"},
	{KindIgnore, "ignore (not counted)"},
}

func kindLabel(kind string) string {
	for _, k := range kindChoices {
		if k.kind == kind {
			return k.label
		}
	}
	return kind
}

func kindOf(label string) string {
	for _, k := range kindChoices {
		if k.label == label {
			return k.kind
		}
	}
	return ""
}

// mappingDialog lists every status of a transition log with its role, for
// the person to correct before the statistics are shown.
type mappingDialog struct {
	ei      *eventImport
	log     *EventLog
	d       *dialog.CustomDialog
	kinds   []*widget.Select
	stages  []*widget.SelectEntry
	problem *widget.Label
	compute *widget.Button
}

func (ei *eventImport) showMapping(log *EventLog) *mappingDialog {
	md := &mappingDialog{ei: ei, log: log}
	win := ei.im.host.Window()
	labels := make([]string, len(kindChoices))
	for i, k := range kindChoices {
		labels[i] = k.label
	}
	names := stageNames(log.Mapping)
	grid := container.New(layout.NewGridLayoutWithColumns(3),
		heading("Status"), heading("Counts as"), heading("Stage"))
	for i, status := range log.Statuses {
		role := roleFor(log.Mapping, i, status)
		kind := widget.NewSelect(labels, nil)
		stage := widget.NewSelectEntry(names)
		stage.SetText(role.Stage)
		kind.SetSelected(kindLabel(role.Kind))
		kind.OnChanged = func(string) { md.sync() }
		stage.OnChanged = func(string) { md.sync() }
		st := widget.NewLabel(status)
		st.Truncation = fyne.TextTruncateEllipsis
		// In boxes, so the grid's row height does not stretch the fields.
		grid.Add(container.NewVBox(st))
		grid.Add(container.NewVBox(kind))
		grid.Add(container.NewVBox(stage))
		md.kinds = append(md.kinds, kind)
		md.stages = append(md.stages, stage)
	}
	intro := widget.NewLabel("Say what time in each status counts as. Queue-like statuses (Ready for Test, Waiting for Review) were proposed as the wait of their stage; a wait without a stage counts toward the next stage the item enters. Done ends an item's flow; ignored time is not counted (the backlog before commitment, for example).")
	intro.Wrapping = fyne.TextWrapWord
	md.problem = widget.NewLabel("")
	md.problem.Importance = widget.DangerImportance
	md.problem.Wrapping = fyne.TextWrapWord
	md.problem.Hide()
	reset := widget.NewButton("Proposed roles", md.reset)
	cancel := widget.NewButton("Cancel", func() { md.d.Hide() })
	md.compute = widget.NewButton("Compute statistics", md.confirm)
	md.compute.Importance = widget.HighImportance
	bottom := container.NewVBox(md.problem, container.NewHBox(reset, layout.NewSpacer(), cancel, md.compute))
	body := container.NewBorder(intro, bottom, nil, nil, container.NewVScroll(grid))
	md.d = dialog.NewCustomWithoutButtons(fmt.Sprintf("Statuses of %s", log.File), body, win)
	md.d.Resize(dialogSize(win, fyne.NewSize(820, 640)))
	md.sync()
	md.d.Show()
	return md
}

// roleFor is the role given to status i, looked up by name when the list is
// out of step.
func roleFor(mapping []StatusRole, i int, status string) StatusRole {
	if i < len(mapping) && mapping[i].Status == status {
		return mapping[i]
	}
	for _, r := range mapping {
		if strings.EqualFold(r.Status, status) {
			return r
		}
	}
	return StatusRole{Status: status, Kind: KindIgnore}
}

// stageNames are the distinct stage names of a mapping, in order.
func stageNames(mapping []StatusRole) []string {
	var out []string
	for _, r := range mapping {
		if r.Stage != "" && !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, r.Stage) }) {
			out = append(out, r.Stage)
		}
	}
	return out
}

// roles is the mapping as edited.
func (md *mappingDialog) roles() []StatusRole {
	out := make([]StatusRole, len(md.log.Statuses))
	for i, status := range md.log.Statuses {
		kind := kindOf(md.kinds[i].Selected)
		stage := strings.TrimSpace(md.stages[i].Text)
		if kind == KindDone || kind == KindIgnore {
			stage = ""
		}
		out[i] = StatusRole{Status: status, Kind: kind, Stage: stage}
	}
	return out
}

// sync enables the stage fields that matter and checks the mapping.
func (md *mappingDialog) sync() {
	for i := range md.kinds {
		k := kindOf(md.kinds[i].Selected)
		hint := ""
		if k == KindWait {
			hint = "the next stage entered"
		}
		if md.stages[i].PlaceHolder != hint {
			md.stages[i].SetPlaceHolder(hint)
		}
		if k == KindWork || k == KindWait {
			md.stages[i].Enable()
		} else {
			md.stages[i].Disable()
		}
	}
	if err := checkRoles(md.roles()); err != nil {
		md.problem.SetText(err.Error())
		md.problem.Show()
		md.compute.Disable()
		return
	}
	md.problem.Hide()
	md.compute.Enable()
}

// checkRoles refuses a work status without a stage, and a mapping that
// leaves no stage at all.
func checkRoles(roles []StatusRole) error {
	var missing []string
	stages := 0
	for _, r := range roles {
		switch {
		case r.Kind == "":
			missing = append(missing, fmt.Sprintf("“%s” needs a role", r.Status))
		case r.Kind == KindWork && r.Stage == "":
			missing = append(missing, fmt.Sprintf("“%s” is work: name its stage", r.Status))
		case r.Kind == KindWork || (r.Kind == KindWait && r.Stage != ""):
			stages++
		}
	}
	if len(missing) > 0 {
		return errors.New(strings.Join(missing, "; ") + ".")
	}
	if stages == 0 {
		return errors.New("no status counts as work or wait of a stage, so there is nothing to measure")
	}
	return nil
}

func (md *mappingDialog) reset() {
	for i, status := range md.log.Statuses {
		r := roleFor(md.ei.proposals, i, status)
		md.kinds[i].SetSelected(kindLabel(r.Kind))
		md.stages[i].SetText(r.Stage)
	}
	md.sync()
}

// confirm computes the statistics with the mapping: at once when it is the
// one the log was read with, else by reading the log again.
func (md *mappingDialog) confirm() {
	roles := md.roles()
	if err := checkRoles(roles); err != nil {
		return
	}
	md.d.Hide()
	ei := md.ei
	if sameRoles(roles, md.log.Mapping) {
		ei.showResult(md.log)
		return
	}
	ei.opt.Mapping = roles
	ei.read(ei.showResult)
}

func sameRoles(a, b []StatusRole) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Status != b[i].Status || a[i].Kind != b[i].Kind || !strings.EqualFold(strings.TrimSpace(a[i].Stage), strings.TrimSpace(b[i].Stage)) {
			return false
		}
	}
	return true
}

// --- the statistics ---

// The statistics table's columns.
var statCols = []tableColumn{
	{"Stage", 170}, {"Items", 70}, {"Wait median", 104}, {"Wait p85", 90}, {"Wait mean", 90},
	{"Work median", 104}, {"Work p85", 90}, {"Work mean", 90}, {"WIP", 56}, {"Re-entries", 90},
	{"%C&A", 64}, {"Done per day", 104},
}

// The statistics a map can be built from, as offered.
var statChoices = []struct{ stat, label string }{
	{StatMedian, "median"}, {StatP85, "85th percentile"}, {StatMean, "mean"},
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
func logCalendar(log *EventLog) vsm.Calendar {
	if log.Calendar == "24x7" {
		return vsm.Calendar{HoursPerDay: 24, DaysPerWeek: 7}
	}
	c := vsm.DefaultCalendar()
	if log.HoursPerDay > 0 {
		c.HoursPerDay = log.HoursPerDay
	}
	return c
}

func (ei *eventImport) showResult(log *EventLog) {
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
		ei.opt.TwentyFourSeven = s == cal24x7
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
func (rv *resultView) fill(log *EventLog) {
	rv.quiet = true
	defer func() { rv.quiet = false }()
	cal := logCalendar(log)
	span := ""
	if !log.From.IsZero() {
		span = fmt.Sprintf(", from %s to %s (%s working days)", log.From.Format("2 Jan 2006"), log.To.Format("2 Jan 2006"), uikit.Number(log.WorkingDays))
		if log.Calendar == "24x7" {
			span = fmt.Sprintf(", from %s to %s (%s days)", log.From.Format("2 Jan 2006"), log.To.Format("2 Jan 2006"), uikit.Number(log.WorkingDays))
		}
	}
	how := fmt.Sprintf("Times are working hours: Monday to Friday, %s hours from 09:00 on each timestamp's own clock.", uikit.Number(cal.HoursPerDay))
	if log.Calendar == "24x7" {
		how = "Times are elapsed hours, nights and weekends included."
	}
	rv.summary.SetText(fmt.Sprintf("%s: %s log of %s rows about %s items%s, %s. %s Wait and work are per item; WIP is the items inside a stage at the log's end.",
		log.File, log.Shape, fmtInt(int64(log.Rows)), fmtInt(int64(log.Items)), span, plural(len(log.Stages), "stage"), how))
	if log.Calendar == "24x7" {
		rv.calSel.SetSelected(cal24x7)
	} else {
		rv.calSel.SetSelected(calWorking)
	}
	if log.Shape == ShapeTransitions && len(log.Statuses) > 0 {
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
	return StatMedian
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
