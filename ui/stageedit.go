package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// Stage edits: a typed cell, adding, inserting, deleting and moving stages,
// waste tags, and which stage is selected in the drawing and the table.

// editCell parses text typed into cell (i, col) and applies it as one change.
// The parsing and the ranges are vsm's (Stage.SetField).
func (a *App) editCell(i, col int, text string) error {
	if a.cur == nil || i < 0 || i >= len(a.cur.Stages) {
		return errNoMap
	}
	if col < 0 || col >= numCols {
		return fmt.Errorf("no column %d", col)
	}
	name := a.cur.Stages[i].Name
	edited := a.cur.Stages[i].Clone()
	if err := edited.SetField(columns[col].stage, text, a.cur.Calendar); err != nil {
		return cellMessage(col, err)
	}
	field := columns[col].field
	if col != colCA { // "%C&A" stays as written
		field = strings.ToLower(field)
	}
	label := fmt.Sprintf("%s of %s", field, name)
	if col == colName {
		label = fmt.Sprintf("rename stage %s", name)
	}
	err := a.change(label, false, func(m *vsm.Map) error {
		m.Stages[i] = edited
		return nil
	})
	if err != nil && !errors.Is(err, vsm.ErrInvalid) {
		// Saving failed: the person learns why; the cell keeps the typed text.
		a.setStatus(err.Error(), true)
	}
	return err
}

// newStageName is "Stage N" for the next free N.
func (a *App) newStageName() string {
	for n := len(a.cur.Stages) + 1; ; n++ {
		name := fmt.Sprintf("Stage %d", n)
		if a.cur.StageIndex(name) < 0 {
			return name
		}
	}
}

// AddStage appends a stage and puts the cursor in its name.
func (a *App) AddStage() { a.insertStage(-1) }

// InsertStage adds a stage before the selected one.
func (a *App) InsertStage() {
	at := a.sel
	if at < 0 {
		at = 0
	}
	a.insertStage(at)
}

func (a *App) insertStage(at int) {
	if a.cur == nil {
		a.ShowError(errNoMap)
		return
	}
	a.table.flush()
	if at < 0 || at > len(a.cur.Stages) {
		at = len(a.cur.Stages)
	}
	st := vsm.NewStage(a.newStageName())
	err := a.change("add stage "+st.Name, true, func(m *vsm.Map) error {
		m.Stages = slices.Insert(m.Stages, at, st)
		return nil
	})
	if err != nil {
		a.ShowError(err)
		return
	}
	a.selectStage(at)
	a.focusStage(at, colName)
}

// DeleteStage removes the selected stage (undo brings it back).
func (a *App) DeleteStage() {
	if a.cur == nil || a.sel < 0 || a.sel >= len(a.cur.Stages) {
		return
	}
	a.table.flush()
	i := a.sel
	_, col, _ := a.table.focused()
	name := a.cur.Stages[i].Name
	err := a.change("delete stage "+name, true, func(m *vsm.Map) error {
		m.Stages = slices.Delete(m.Stages, i, i+1)
		return nil
	})
	if err != nil {
		a.ShowError(err)
		return
	}
	if i >= len(a.cur.Stages) {
		i = len(a.cur.Stages) - 1
	}
	a.selectStage(i)
	if col < 0 {
		col = colName
	}
	a.focusStage(i, col)
}

// MoveStage moves the selected stage delta places along the flow.
func (a *App) MoveStage(delta int) {
	if a.cur == nil || a.sel < 0 {
		return
	}
	i, j := a.sel, a.sel+delta
	if j < 0 || j >= len(a.cur.Stages) {
		return
	}
	a.table.flush()
	_, col, _ := a.table.focused()
	name := a.cur.Stages[i].Name
	dir := "down"
	if delta < 0 {
		dir = "up"
	}
	err := a.change("move "+name+" "+dir, true, func(m *vsm.Map) error {
		s := m.Stages[i]
		m.Stages = slices.Delete(m.Stages, i, i+1)
		m.Stages = slices.Insert(m.Stages, j, s)
		return nil
	})
	if err != nil {
		a.ShowError(err)
		return
	}
	a.selectStage(j)
	if col < 0 {
		col = colName
	}
	a.focusStage(j, col)
}

// ToggleWaste adds or removes waste tag w on stage i.
func (a *App) ToggleWaste(i int, w vsm.Waste) error {
	if a.cur == nil || i < 0 || i >= len(a.cur.Stages) {
		return errNoMap
	}
	s := a.cur.Stages[i]
	verb := "tag"
	if s.HasWaste(w) {
		verb = "untag"
	}
	err := a.change(fmt.Sprintf("%s %s as %s", verb, s.Name, w), false, func(m *vsm.Map) error {
		st := &m.Stages[i]
		if k := slices.Index(st.Waste, w); k >= 0 {
			st.Waste = slices.Delete(st.Waste, k, k+1)
		} else {
			st.Waste = append(st.Waste, w)
		}
		return nil
	})
	if err != nil {
		a.ShowError(err)
	}
	return err
}

// selectStage highlights stage i in the drawing and the table.
func (a *App) selectStage(i int) {
	a.sel = i
	a.view.Select(i)
	a.table.selectRow(i)
	a.tools.update()
	if a.workshop != nil {
		a.workshop.view.Select(i)
	}
	a.scrollMapTo(i)
}

// stageFocused follows the keyboard into row i.
func (a *App) stageFocused(i int) {
	if i != a.sel {
		a.selectStage(i)
	}
}

// focusStage puts the cursor in the table cell of stage i.
func (a *App) focusStage(i, col int) {
	if a.workshop != nil {
		return
	}
	a.editTabs.SelectIndex(0)
	a.table.focusCell(i, col)
}

// scrollMapTo brings stage i's column into the drawing's view.
func (a *App) scrollMapTo(i int) {
	if i < 0 {
		return
	}
	x0, x1 := a.view.StageSpan(i)
	off := a.viewScroll.Offset
	w := a.viewScroll.Size().Width
	if w <= 0 || (x0 >= off.X && x1 <= off.X+w) {
		return
	}
	// Centre the stage, so its neighbours show too.
	x := fyne.Max(0, (x0+x1)/2-w/2)
	x = fyne.Min(x, fyne.Max(0, a.view.MinSize().Width-w))
	a.viewScroll.ScrollToOffset(fyne.NewPos(x, off.Y))
}

// mapTapped selects the stage clicked on the drawing and its table row.
func (a *App) mapTapped(i int) {
	a.selectStage(i)
	a.focusStage(i, colName)
}
