package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toolbar is the row of buttons above the map: stage actions, undo and redo,
// and workshop mode. Each button names its shortcut in the Help list.
type toolbar struct {
	a                               *App
	add, insert, del, up, down      *widget.Button
	undo, redo, workshop, shortcuts *widget.Button
	content                         fyne.CanvasObject
}

func newToolbar(a *App) *toolbar {
	t := &toolbar{a: a}
	t.add = widget.NewButtonWithIcon("Add stage", theme.ContentAddIcon(), a.AddStage)
	t.add.Importance = widget.HighImportance
	t.insert = widget.NewButtonWithIcon("Insert", theme.ContentAddIcon(), a.InsertStage)
	t.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), a.DeleteStage)
	t.up = widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { a.MoveStage(-1) })
	t.down = widget.NewButtonWithIcon("Down", theme.MoveDownIcon(), func() { a.MoveStage(1) })
	t.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), a.Undo)
	t.redo = widget.NewButtonWithIcon("Redo", theme.ContentRedoIcon(), a.Redo)
	t.workshop = widget.NewButtonWithIcon("Workshop mode", theme.ViewFullScreenIcon(), a.ToggleWorkshop)
	t.shortcuts = widget.NewButtonWithIcon("", theme.HelpIcon(), a.ShowShortcuts)
	t.content = container.NewHBox(
		t.add, t.insert, t.del, t.up, t.down,
		widget.NewSeparator(), t.undo, t.redo,
		layout.NewSpacer(), t.workshop, t.shortcuts,
	)
	return t
}

// update enables what can be done now.
func (t *toolbar) update() {
	a := t.a
	hasMap := a.cur != nil
	hasSel := hasMap && a.sel >= 0 && a.sel < len(a.cur.Stages)
	enable(t.add, hasMap)
	enable(t.insert, hasMap)
	enable(t.del, hasSel)
	enable(t.up, hasSel && a.sel > 0)
	enable(t.down, hasSel && a.sel < len(a.cur.Stages)-1)
	enable(t.undo, a.CanUndo())
	enable(t.redo, a.CanRedo())
	enable(t.workshop, hasMap)
}

func enable(b *widget.Button, on bool) {
	if on == b.Disabled() {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}
