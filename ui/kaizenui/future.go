package kaizenui

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// futureScreen is the Future state tab: choose kaizens to apply to a copy of
// the map, or edit a copy's stages; see every total before and after, and the
// comparison chart.
type futureScreen struct {
	s       *Screens
	content fyne.CanvasObject

	chosen  map[string]map[string]bool // map ID -> kaizen ID -> chosen
	mapID   string
	kaizens *checkSet
	noItems *widget.Label

	apply, copy, remove *widget.Button
	desc                *widget.Label
	stageHead           fyne.CanvasObject
	stagesBox           fyne.CanvasObject // heading, table and note; hidden without a future
	stageRows           *fyne.Container
	rows                []*futureRow
	stageNote           *note
	table               *fyne.Container // the comparison, built once
	noCompare           *widget.Label
	chart               *chartView
	page                *page

	cells map[string][3]*widget.Label // comparison rows by metric: current, future, change
}

// futureRow is one stage of the future state, editable.
type futureRow struct {
	name   *widget.Label
	fields [effCount]*valueEntry
}

// future stage table columns: stage, wait, process, %C&A, people.
var futureCols = columns{widths: []float32{90, 84, 84, 64, 64}, stretch: 0}

// comparison columns: metric, current, future, change.
var compareCols = columns{widths: []float32{150, 86, 86, 150}, stretch: 0}

func newFutureScreen(s *Screens) *futureScreen {
	f := &futureScreen{s: s, chosen: map[string]map[string]bool{}}
	f.kaizens = newCheckSet(1)
	f.kaizens.onChange = f.choiceChanged
	f.noItems = wrapped("")
	f.noItems.Importance = widget.LowImportance
	f.apply = widget.NewButtonWithIcon("Apply chosen", theme.MediaFastForwardIcon(), f.fromChosen)
	f.apply.Importance = widget.HighImportance
	f.copy = widget.NewButtonWithIcon("Start from a copy", theme.ContentCopyIcon(), f.fromCopy)
	f.remove = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), f.clear)
	f.desc = wrapped("")
	f.stageHead = futureCols.header("Stage", "Wait", "Process", "%C&A", "People")
	f.stageRows = container.NewVBox()
	f.stageNote = newNote(widget.DangerImportance)
	f.table = container.NewVBox()
	f.table.Hide()
	f.noCompare = wrapped("The comparison appears here once there is a future state.")
	f.chart = newChartView(s, ChartCompare, 480, chartMinHeight)

	// A page like the History tab: the choice beside the comparison, the
	// chart at full width, then the future's stages to edit by hand.
	left := container.NewVBox(
		heading("Kaizens to apply"),
		hint("Their expected effects, applied to a copy of the current map in the map's order. Items without target values change nothing and are not listed."),
		f.kaizens.box, f.noItems,
		container.NewHBox(f.apply, f.copy, f.remove),
		f.desc,
	)
	right := container.NewVBox(heading("Current and future state"), f.table, f.noCompare)
	stages := container.NewVBox(heading("Future stages"),
		hint("Type a value and press Enter: the comparison and the chart follow."),
		f.stageHead, f.stageRows, f.stageNote.box)
	f.page = newPage(container.NewGridWithColumns(2, left, right), spacer(theme.Padding()*2), f.chart.content,
		container.NewGridWithColumns(2, stages))
	f.page.watch(f.stageNote)
	f.stagesBox = stages
	f.content = f.page.scroll
	return f
}

func (f *futureScreen) refresh(m *vsm.Map) {
	// Layout is redone only when something appears, goes or changes in
	// number: a stage edit only changes numbers in place.
	if m == nil {
		f.mapID = ""
		a := f.kaizens.setOptions(nil, nil)
		b := f.setNote("Open a map to design its future state.")
		f.apply.Disable()
		f.copy.Disable()
		f.remove.Disable()
		if c := f.showFuture(nil); a || b || c {
			f.page.relayout()
		}
		return
	}
	f.copy.Enable()
	a := f.refreshChoices(m)
	if b := f.showFuture(m); a || b {
		f.page.relayout()
	}
}

// setNote shows text under the choices ("" hides it); true when it appeared
// or went.
func (f *futureScreen) setNote(text string) bool {
	setText(f.noItems, text)
	if hidden := text == ""; hidden != f.noItems.Hidden {
		f.noItems.Hidden = hidden
		return true
	}
	return false
}

// refreshChoices lists the kaizens with an expected effect. A map's choice is
// kept while the screen lives; items not seen before start chosen when they
// are open (ideas, planned, in progress): the future state is what the open
// improvements promise.
func (f *futureScreen) refreshChoices(m *vsm.Map) (relayout bool) {
	f.mapID = m.ID
	chosen := f.chosen[m.ID]
	if chosen == nil {
		chosen = map[string]bool{}
		f.chosen[m.ID] = chosen
	}
	var keys, labels []string
	for _, k := range m.Kaizen {
		if k.Effect.IsZero() {
			continue
		}
		label := k.Title
		if !k.Status.Open() {
			label += " (" + strings.ToLower(statusLabel(k.Status)) + ")"
		}
		if d, err := vsm.ExpectedEffect(m, k); err == nil {
			label += ": " + fmtSignedDur(d.LeadHours, m.Calendar)
		} else {
			label += ": " + problemText(err)
		}
		if _, seen := chosen[k.ID]; !seen {
			chosen[k.ID] = k.Status.Open()
		}
		keys = append(keys, k.ID)
		labels = append(labels, label)
	}
	relayout = f.kaizens.setOptions(keys, labels)
	var on []string
	for _, id := range keys {
		if chosen[id] {
			on = append(on, id)
		}
	}
	f.kaizens.setChecked(on)
	note := ""
	switch {
	case len(keys) == 0 && len(m.Kaizen) == 0:
		note = "No kaizen yet: add some with target values on the Kaizen tab, or start from a copy and edit its stages."
	case len(keys) == 0:
		note = "No kaizen has target values yet: give one an expected effect, or start from a copy and edit its stages."
	}
	relayout = f.setNote(note) || relayout
	f.updateApply()
	return relayout
}

func (f *futureScreen) choiceChanged() {
	chosen := f.chosen[f.mapID]
	if chosen == nil {
		return
	}
	for _, id := range f.kaizens.keys {
		chosen[id] = false
	}
	for _, id := range f.kaizens.checked() {
		chosen[id] = true
	}
	f.updateApply()
}

func (f *futureScreen) updateApply() {
	if len(f.kaizens.checked()) == 0 {
		f.apply.Disable()
	} else {
		f.apply.Enable()
	}
}

// fromChosen makes the future state from the chosen kaizens, in the map's order.
func (f *futureScreen) fromChosen() {
	ids := f.kaizens.checked()
	err := f.s.apply(func(m *vsm.Map) error {
		fs, err := vsm.FutureState(m, ids)
		if err != nil {
			return err
		}
		m.Future = fs
		return nil
	})
	f.s.showError(err)
}

// fromCopy makes the future state a plain copy of the current stages, to edit.
func (f *futureScreen) fromCopy() {
	err := f.s.apply(func(m *vsm.Map) error {
		fs, err := vsm.FutureState(m, nil)
		if err != nil {
			return err
		}
		m.Future = fs
		return nil
	})
	f.s.showError(err)
}

// clear removes the future state; undo brings it back.
func (f *futureScreen) clear() {
	f.s.showError(f.s.apply(func(m *vsm.Map) error {
		m.Future = nil
		return nil
	}))
}

// showFuture shows m's future state: its stages to edit, the comparison and
// the chart. It reports whether the page needs laying out again.
func (f *futureScreen) showFuture(m *vsm.Map) (relayout bool) {
	if m == nil || m.Future == nil {
		f.remove.Disable()
		setText(f.desc, "No future state yet. Apply the chosen kaizens, or start from a copy and edit its stages.")
		msg := "No future state yet."
		if m == nil {
			msg = "Open a map to design its future state."
		}
		f.chart.show(nil, "", msg)
		if !f.stagesBox.Visible() {
			return false
		}
		f.stagesBox.Hide()
		f.setRows(nil)
		f.table.Hide()
		f.noCompare.Show()
		f.chart.content.Hide()
		return true
	}
	relayout = !f.stagesBox.Visible()
	f.chart.content.Show()
	f.stagesBox.Show()
	f.table.Show()
	f.noCompare.Hide()
	f.remove.Enable()
	setText(f.desc, m.Future.Description)
	relayout = f.setRows(m.Future) || relayout
	f.showComparison(m)
	f.chart.show(m, compareKey(m), "")
	return relayout
}

// compareKey is what the comparison chart shows: both maps' streams.
func compareKey(m *vsm.Map) string {
	b, err := json.Marshal(struct {
		Name     string
		Calendar vsm.Calendar
		Demand   *float64
		Stages   []vsm.Stage
		Future   *vsm.Map
	}{m.Name, m.Calendar, m.DemandPerDay, m.Stages, m.Future})
	if err != nil {
		return fmt.Sprintf("%p", m)
	}
	return string(b)
}

// setRows shows the future's stages, reusing the rows while their number
// stays, so a field being typed in keeps its focus and text.
func (f *futureScreen) setRows(fm *vsm.Map) (rebuilt bool) {
	if fm == nil {
		f.rows = nil
		f.stageRows.Objects = nil
		f.stageNote.set("")
		return true
	}
	if len(f.rows) != len(fm.Stages) {
		rebuilt = true
		f.rows = make([]*futureRow, len(fm.Stages))
		objs := make([]fyne.CanvasObject, len(fm.Stages))
		for i := range fm.Stages {
			r := &futureRow{name: cell("")}
			objs[i] = futureCols.row(r.name)
			for j := range r.fields {
				i, j := i, j
				r.fields[j] = newValueEntry(func(e *valueEntry) { f.editStage(e, i, j) })
				objs[i].(*fyne.Container).Add(r.fields[j])
			}
			f.rows[i] = r
		}
		f.stageRows.Objects = objs
	}
	cal := fm.Calendar
	for i, st := range fm.Stages {
		r := f.rows[i]
		setText(r.name, st.Name)
		vals := effectValues(st)
		for j, e := range r.fields {
			e.show(effectText(j, vals[j], cal))
		}
	}
	return rebuilt
}

// editedByHand ends the description of a future state whose stages were
// typed in, so it no longer claims to be only the kaizens' effects.
const editedByHand = "; then edited by hand"

// editStage applies a value typed into field j of future stage i.
func (f *futureScreen) editStage(e *valueEntry, i, j int) {
	m := f.s.h.CurrentMap()
	if m == nil || m.Future == nil || i >= len(m.Future.Stages) {
		return
	}
	cur := m.Future.Stages[i]
	name := cur.Name
	edited := cur.Clone()
	if err := edited.SetField(effectFields[j], e.Text, m.Future.Calendar); err != nil {
		e.bad = true
		f.stageNote.set(fmt.Sprintf("%s, %s: %s. Nothing changed.", name, strings.ToLower(effectCaptions[j]), uikit.Problem(err)))
		return
	}
	v, old := effectValues(edited)[j], effectValues(cur)[j]
	e.bad = false
	f.stageNote.set("")
	if v == old {
		e.shown = e.Text
		return
	}
	prev := e.shown
	e.shown = e.Text // the refresh below may rewrite it in the map's own form
	err := f.s.apply(func(m *vsm.Map) error {
		if !strings.HasSuffix(m.Future.Description, editedByHand) {
			m.Future.Description += editedByHand
		}
		m.Future.Stages[i] = edited
		return nil
	})
	if err != nil {
		e.shown = prev
		f.stageNote.set(fmt.Sprintf("%s: %v", name, err))
	}
}

// showComparison is every total before, after and its change (vsm.Compare),
// in the table's fixed rows.
func (f *futureScreen) showComparison(m *vsm.Map) {
	c := vsm.Compare(m, m.Future)
	cal := m.Calendar
	if f.cells == nil {
		f.cells = map[string][3]*widget.Label{}
		objs := []fyne.CanvasObject{compareCols.header("Metric", "Current", "Future", "Change")}
		for _, r := range c.Rows {
			cur, fut, chg := cell(""), cell(""), cell("")
			fut.TextStyle.Bold = true
			f.cells[r.Metric] = [3]*widget.Label{cur, fut, chg}
			objs = append(objs, compareCols.row(cell(compareLabel(r)), cur, fut, chg))
		}
		f.table.Objects = objs
		f.table.Refresh()
	}
	for _, r := range c.Rows {
		cells, ok := f.cells[r.Metric]
		if !ok {
			continue
		}
		imp := widget.LowImportance
		switch {
		case r.Improved():
			imp = widget.SuccessImportance
		case r.Change != nil && math.Abs(*r.Change) > 1e-9:
			imp = widget.DangerImportance
		}
		setText(cells[0], compareValue(r.Unit, r.Before, cal))
		setText(cells[1], compareValue(r.Unit, r.After, cal))
		setLabel(cells[2], compareChange(r, cal), imp)
	}
}

// compareLabel names a row as the metrics strip does, short enough for the
// table: "Lead with rework" rather than "Rework-adjusted lead time".
func compareLabel(r vsm.ComparisonRow) string {
	if r.Metric == "rework_adjusted_lead_hours" {
		return "Lead with rework"
	}
	return r.Label
}

// compareValue writes a total in its unit.
func compareValue(unit string, v *float64, cal vsm.Calendar) string {
	if v == nil {
		return "—"
	}
	switch unit {
	case "hours":
		return vsm.FormatDuration(*v, cal)
	case "ratio":
		return vsm.FormatPercent(*v)
	}
	return uikit.Number(*v) + "/day"
}

// compareChange writes a row's change: a duration, percentage points, or
// items per day, with the relative change of durations.
func compareChange(r vsm.ComparisonRow, cal vsm.Calendar) string {
	if r.Change == nil {
		return "—"
	}
	switch r.Unit {
	case "hours":
		s := fmtSignedDur(*r.Change, cal)
		if rel := fmtRelative(*r.Change, *r.Before); rel != "" {
			s += " (" + rel + ")"
		}
		return s
	case "ratio":
		return fmtPoints(*r.Change)
	}
	v := math.Round(*r.Change*100) / 100
	switch {
	case v == 0:
		return "no change"
	case v < 0:
		return minus + uikit.Number(-v) + "/day"
	}
	return "+" + uikit.Number(v) + "/day"
}

// valueEntry is a field whose text is committed when Enter is pressed or the
// focus leaves, not per keystroke, so "2 d" half typed is never saved.
type valueEntry struct {
	widget.Entry
	shown   string // the committed value's text
	focused bool
	bad     bool // the typed text was refused; keep it until fixed
	commit  func(e *valueEntry)
}

func newValueEntry(commit func(e *valueEntry)) *valueEntry {
	e := &valueEntry{commit: commit}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) { e.commitIfChanged() }
	return e
}

func (e *valueEntry) commitIfChanged() {
	if e.Text != e.shown || e.bad {
		e.commit(e)
	}
}

// show sets the committed text unless the person is typing or fixing a
// refused value.
func (e *valueEntry) show(text string) {
	if (e.focused && e.Text != e.shown) || e.bad {
		return
	}
	if e.Text != text {
		e.SetText(text)
	}
	e.shown = text
}

// FocusGained selects the value, so typing replaces it as in a spreadsheet.
func (e *valueEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused = true
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// FocusLost commits what was typed.
func (e *valueEntry) FocusLost() {
	e.Entry.FocusLost()
	e.focused = false
	e.commitIfChanged()
}
