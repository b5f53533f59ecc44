package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// The stage table's columns, in order.
const (
	colName = iota
	colTeam
	colWait
	colProcess
	colCA
	colPeople
	colQueue
	colWaste
	colNotes
	numCols
)

type columnSpec struct {
	title     string
	field     string // as named in messages
	min, grow float32
	stage     vsm.StageField // the stage field the column edits
}

var columns = [numCols]columnSpec{
	{"Stage", "Name", 140, 2, vsm.NameField},
	{"Team", "Team", 100, 1, vsm.TeamField},
	{"Wait", "Wait", 92, 0, vsm.WaitField},
	{"Process", "Process", 92, 0, vsm.ProcessField},
	{"%C&A", "%C&A", 66, 0, vsm.CompleteAccurateField},
	{"People", "People", 66, 0, vsm.PeopleField},
	{"Queue", "Queue", 66, 0, vsm.QueueField},
	{"Waste", "Waste", 180, 2, vsm.WasteField},
	{"Notes", "Notes", 150, 3, vsm.NotesField},
}

const numberW = 34 // the row number column
const colGap = 4

// stageTable edits the stages: one row per stage, one field per column. It is
// a grid of entries rather than a widget.Table so focus, Tab order and typing
// stay with the cell a person is in while rows are added, moved and deleted.
type stageTable struct {
	app      *App
	header   *fyne.Container
	rowsBox  *fyne.Container
	vscroll  *container.Scroll
	hscroll  *container.Scroll
	empty    *widget.Label
	content  fyne.CanvasObject
	rows     []*stageRow
	selected int
	colX     [numCols + 1]float32 // left edge of each column; colX[numCols] is the right edge
	rowH     float32
	errH     float32
}

func newStageTable(a *App) *stageTable {
	t := &stageTable{app: a, selected: -1}
	t.rowH = widget.NewEntry().MinSize().Height
	t.errH = theme.TextSize()*1.2 + 6
	var heads []fyne.CanvasObject
	for _, c := range columns {
		heads = append(heads, widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	t.header = container.New(&headerLayout{t: t}, heads...)
	t.rowsBox = container.New(&rowsLayout{t: t})
	t.empty = widget.NewLabel("No stages yet. Press Ctrl+N (or Add stage) and type the first stage's name.")
	t.empty.Importance = widget.LowImportance
	t.vscroll = container.NewVScroll(container.NewVBox(t.rowsBox, t.empty))
	body := container.NewBorder(t.header, nil, nil, nil, t.vscroll)
	t.hscroll = container.NewHScroll(body)
	t.content = t.hscroll
	return t
}

// layoutColumns spreads width over the columns: each gets its minimum, the
// rest goes to the growing ones (name, waste, notes).
func (t *stageTable) layoutColumns(width float32) {
	var min, grow float32
	for _, c := range columns {
		min += c.min
		grow += c.grow
	}
	min += numberW + colGap*numCols
	extra := fyne.Max(0, width-min)
	x := float32(numberW + colGap)
	for i, c := range columns {
		t.colX[i] = x
		x += c.min + extra*c.grow/grow + colGap
	}
	t.colX[numCols] = x - colGap
}

func (t *stageTable) minWidth() float32 {
	w := float32(numberW + colGap*numCols)
	for _, c := range columns {
		w += c.min
	}
	return w
}

type headerLayout struct{ t *stageTable }

func (l *headerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.t.layoutColumns(size.Width)
	// A label pads its text as an entry does, so titles line up with values.
	for i, o := range objs {
		o.Move(fyne.NewPos(l.t.colX[i], 0))
		o.Resize(fyne.NewSize(l.t.colX[i+1]-l.t.colX[i]-colGap, o.MinSize().Height))
	}
}

func (l *headerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.t.minWidth(), objs[0].MinSize().Height)
}

// rowsLayout stacks the rows without gaps; a row showing an error is taller.
type rowsLayout struct{ t *stageTable }

func (l *rowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.t.layoutColumns(size.Width)
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (l *rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h += o.MinSize().Height
	}
	return fyne.NewSize(l.t.minWidth(), h)
}

// stageRow is the widgets of one row. Rows are reused by position: row i
// always shows stage i, whichever stage that is after a move or delete.
type stageRow struct {
	t        *stageTable
	idx      int
	box      *fyne.Container
	bg       *canvas.Rectangle
	marker   *canvas.Rectangle
	num      *canvas.Text
	cells    [numCols]*editEntry
	outlines [numCols]*canvas.Rectangle
	wasteBtn *tapIcon
	errText  *canvas.Text
	errCol   int
}

func (t *stageTable) newRow(idx int) *stageRow {
	r := &stageRow{t: t, idx: idx, errCol: -1}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.marker = canvas.NewRectangle(color.Transparent)
	r.num = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	r.num.Alignment = fyne.TextAlignTrailing
	r.errText = canvas.NewText("", theme.Color(theme.ColorNameError))
	r.errText.TextSize = theme.TextSize() * 0.9
	r.errText.Hide()
	objs := []fyne.CanvasObject{r.bg, r.marker, r.num}
	for c := 0; c < numCols; c++ {
		e := newEditEntry(t.app)
		col := c
		e.commit = func(e *editEntry) { t.commit(r, col, e) }
		e.onFocus = func(*editEntry) { t.cellFocused(r, col) }
		e.onKey = func(e *editEntry, ev *fyne.KeyEvent) bool { return t.cellKey(r, col, e, ev) }
		e.onError = func(*editEntry) { r.showError() }
		r.cells[c] = e
		o := canvas.NewRectangle(color.Transparent)
		o.StrokeWidth = 2
		o.CornerRadius = theme.InputRadiusSize()
		o.Hide()
		r.outlines[c] = o
		objs = append(objs, e, o)
	}
	r.cells[colWait].PlaceHolder = "0h"
	r.cells[colProcess].PlaceHolder = "0h"
	r.cells[colQueue].PlaceHolder = "—"
	r.cells[colWaste].PlaceHolder = "none"
	r.wasteBtn = newTapIcon(theme.MoreHorizontalIcon(), func() { t.app.showWastePicker(r.idx, r.wasteBtn) })
	objs = append(objs, r.wasteBtn, r.errText)
	r.box = container.New(&rowLayout{r: r}, objs...)
	return r
}

type rowLayout struct{ r *stageRow }

func (l *rowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	r, t := l.r, l.r.t
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(size)
	r.marker.Move(fyne.NewPos(0, 2))
	r.marker.Resize(fyne.NewSize(4, t.rowH-4))
	r.num.Move(fyne.NewPos(0, (t.rowH-r.num.MinSize().Height)/2))
	r.num.Resize(fyne.NewSize(numberW-6, r.num.MinSize().Height))
	btn := t.rowH - 10
	for c := 0; c < numCols; c++ {
		x, w := t.colX[c], t.colX[c+1]-t.colX[c]-colGap
		if c == colWaste {
			w -= btn + 2
			r.wasteBtn.Move(fyne.NewPos(x+w+2, 5))
			r.wasteBtn.Resize(fyne.NewSquareSize(btn))
		}
		r.cells[c].Move(fyne.NewPos(x, 0))
		r.cells[c].Resize(fyne.NewSize(w, t.rowH))
		r.outlines[c].Move(fyne.NewPos(x, 0))
		r.outlines[c].Resize(fyne.NewSize(w, t.rowH))
	}
	if r.errCol >= 0 {
		x := t.colX[r.errCol] + theme.InnerPadding()
		r.errText.Move(fyne.NewPos(x, t.rowH+1))
		r.errText.Resize(fyne.NewSize(fyne.Max(size.Width-x, 10), t.errH-4))
	}
}

func (l *rowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	h := l.r.t.rowH + 2
	if l.r.errCol >= 0 {
		h += l.r.t.errH
	}
	return fyne.NewSize(l.r.t.minWidth(), h)
}

// showError puts the message of a refused cell under it and outlines it; the
// latest refusal in a row is the one spelled out.
func (r *stageRow) showError() {
	errCol := -1
	for c, e := range r.cells {
		if e.err != nil {
			r.outlines[c].StrokeColor = theme.Color(theme.ColorNameError)
			r.outlines[c].Show()
			if errCol < 0 || e.focused {
				errCol = c
			}
		} else {
			r.outlines[c].Hide()
		}
		r.outlines[c].Refresh()
	}
	changed := (errCol >= 0) != (r.errCol >= 0)
	r.errCol = errCol
	if errCol >= 0 {
		r.errText.Text = "⚠ " + r.cells[errCol].err.Error()
		r.errText.Color = theme.Color(theme.ColorNameError)
		r.errText.Show()
	} else {
		r.errText.Hide()
	}
	r.errText.Refresh()
	if changed {
		r.t.rowsBox.Refresh()
	} else {
		r.box.Refresh()
	}
}

// cellText is what cell col of stage i shows, and its placeholder.
func cellText(m *vsm.Map, met vsm.Metrics, i, col int) (text, placeholder string) {
	s := m.Stages[i]
	cal := m.Calendar
	switch col {
	case colName:
		return s.Name, ""
	case colTeam:
		return s.Team, ""
	case colWait:
		if s.WaitHours == 0 && i < len(met.Stages) && met.Stages[i].WaitFromQueue {
			return "", "≈" + fmtDur(met.Stages[i].WaitHours, cal) + " (queue)"
		}
		return fmtDur(s.WaitHours, cal), "0h"
	case colProcess:
		return fmtDur(s.ProcessHours, cal), "0h"
	case colCA:
		return vsm.FormatPercent(s.CompleteAccurate), "100%"
	case colPeople:
		return uikit.Number(s.People), "1"
	case colQueue:
		if s.Queue == nil {
			return "", "—"
		}
		return uikit.Number(*s.Queue), "—"
	case colWaste:
		return wasteText(s.Waste), "none"
	case colNotes:
		return s.Notes, ""
	}
	return "", ""
}

// sync makes the rows show m. force also drops typed and refused text, for
// changes that move rows (add, delete, move) or restore a state (undo, open).
func (t *stageTable) sync(m *vsm.Map, met vsm.Metrics, force bool) {
	n := 0
	if m != nil {
		n = len(m.Stages)
	}
	if n != len(t.rows) {
		for len(t.rows) < n {
			r := t.newRow(len(t.rows))
			t.rows = append(t.rows, r)
			t.rowsBox.Add(r.box)
		}
		if n < len(t.rows) {
			if f, ok := t.app.win.Canvas().Focused().(*editEntry); ok {
				for _, r := range t.rows[n:] {
					for _, c := range r.cells {
						if c == f {
							t.app.win.Canvas().Unfocus()
						}
					}
				}
			}
			for _, r := range t.rows[n:] {
				t.rowsBox.Remove(r.box)
			}
			t.rows = t.rows[:n]
		}
		force = true
	}
	if n == 0 {
		t.empty.Show()
	} else {
		t.empty.Hide()
	}
	if t.selected >= n {
		t.selected = n - 1
	}
	for i, r := range t.rows {
		r.idx = i
		t.syncRow(r, m, met, force)
	}
}

func (t *stageTable) syncRow(r *stageRow, m *vsm.Map, met vsm.Metrics, force bool) {
	i := r.idx
	for c, e := range r.cells {
		text, ph := cellText(m, met, i, c)
		e.show(text, force)
		if e.PlaceHolder != ph {
			e.SetPlaceHolder(ph)
		}
	}
	// Colours are set on every sync so a switch between light and dark follows.
	num := itoa(i + 1)
	if c := theme.Color(theme.ColorNamePlaceHolder); r.num.Text != num || r.num.Color != c {
		r.num.Text, r.num.Color = num, c
		r.num.Refresh()
	}
	var mark color.Color = color.Transparent
	p := currentPalette(theme.Current())
	switch {
	case met.Constraint != nil && met.Constraint.Index == i:
		mark = p.constraint
	case met.BiggestWait != nil && met.BiggestWait.Index == i:
		mark = p.wait
	case i < len(met.Stages) && met.Stages[i].Overloaded:
		mark = p.overload
	}
	if r.marker.FillColor != mark {
		r.marker.FillColor = mark
		r.marker.Refresh()
	}
	var bg color.Color = color.Transparent
	if i == t.selected {
		bg = theme.Color(theme.ColorNameSelection)
	}
	if r.bg.FillColor != bg {
		r.bg.FillColor = bg
		r.bg.Refresh()
	}
}

// selectRow highlights row i without moving the focus.
func (t *stageTable) selectRow(i int) {
	if t.selected == i {
		return
	}
	old := t.selected
	t.selected = i
	for _, k := range []int{old, i} {
		if k >= 0 && k < len(t.rows) {
			r := t.rows[k]
			var bg color.Color = color.Transparent
			if k == i {
				bg = theme.Color(theme.ColorNameSelection)
			}
			r.bg.FillColor = bg
			r.bg.Refresh()
		}
	}
}

// commit hands a cell's typed text to the app; a refusal stays in the cell
// with its reason until fixed or dropped with Escape.
func (t *stageTable) commit(r *stageRow, col int, e *editEntry) {
	if r.idx >= len(t.rows) || t.rows[r.idx] != r {
		return // the row went away (stage deleted) while the cell had focus
	}
	if !e.dirty() {
		e.setErr(nil)
		return
	}
	// While the change is applied the typed text counts as committed, so the
	// refresh replaces it with the value's canonical form ("16h" becomes "2d").
	shown := e.shown
	e.shown = e.Text
	if err := t.app.editCell(r.idx, col, e.Text); err != nil {
		e.shown = shown
		e.setErr(err)
		return
	}
	e.setErr(nil)
}

func (t *stageTable) cellFocused(r *stageRow, col int) {
	t.app.stageFocused(r.idx)
	t.ensureVisible(r.idx, col)
}

// cellKey moves between rows with Enter, Up and Down, as in a spreadsheet.
func (t *stageTable) cellKey(r *stageRow, col int, e *editEntry, ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyUp:
		t.focusCell(r.idx-1, col)
		return true
	case fyne.KeyDown:
		t.focusCell(r.idx+1, col)
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		t.commit(r, col, e)
		if e.err == nil {
			t.focusCell(r.idx+1, col)
		}
		return true
	}
	return false
}

// focusCell puts the keyboard focus in cell (i, col) if it exists.
func (t *stageTable) focusCell(i, col int) bool {
	if i < 0 || i >= len(t.rows) || col < 0 || col >= numCols {
		return false
	}
	c := t.app.win.Canvas()
	e := t.rows[i].cells[col]
	if c.Focused() == e {
		e.FocusGained() // select the text again, e.g. after Enter kept the focus
		return true
	}
	c.Focus(e)
	return true
}

// focused is the cell with the keyboard focus: its row and column, or -1.
func (t *stageTable) focused() (row, col int, e *editEntry) {
	f, ok := t.app.win.Canvas().Focused().(*editEntry)
	if !ok {
		return -1, -1, nil
	}
	for i, r := range t.rows {
		for c, x := range r.cells {
			if x == f {
				return i, c, f
			}
		}
	}
	return -1, -1, nil
}

// flush commits the focused cell's typing, before an action that changes rows.
func (t *stageTable) flush() {
	if i, c, e := t.focused(); e != nil {
		t.commit(t.rows[i], c, e)
	}
}

// ensureVisible scrolls the table so cell (i, col) shows.
func (t *stageTable) ensureVisible(i, col int) {
	if i < 0 || i >= len(t.rows) {
		return
	}
	box := t.rows[i].box
	y, h := box.Position().Y, box.Size().Height
	off := t.vscroll.Offset
	vh := t.vscroll.Size().Height
	switch {
	case vh <= 0:
	case y < off.Y:
		t.vscroll.ScrollToOffset(fyne.NewPos(off.X, y))
	case y+h > off.Y+vh:
		t.vscroll.ScrollToOffset(fyne.NewPos(off.X, y+h-vh))
	}
	x0, x1 := t.colX[col], t.colX[col+1]
	hoff := t.hscroll.Offset
	hw := t.hscroll.Size().Width
	switch {
	case hw <= 0:
	case x0 < hoff.X:
		t.hscroll.ScrollToOffset(fyne.NewPos(fyne.Max(0, x0-numberW), hoff.Y))
	case x1 > hoff.X+hw:
		t.hscroll.ScrollToOffset(fyne.NewPos(x1-hw, hoff.Y))
	}
}

// cellMessage turns a parse error into the words shown under the cell: the
// value and why; the column names the field.
func cellMessage(col int, err error) error {
	return &cellError{field: columns[col].field, msg: uikit.Problem(err), err: err}
}

// cellError is a refused cell value: the column and why.
type cellError struct {
	field, msg string
	err        error
}

func (e *cellError) Error() string { return e.field + ": " + e.msg }
func (e *cellError) Unwrap() error { return e.err }
