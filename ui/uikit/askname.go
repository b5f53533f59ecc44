package uikit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// NameRequest is what AskName shows: the dialog's title, the confirm
// button's text, the name to start from, and optional lines above and below
// the field.
type NameRequest struct {
	Title, Confirm, Initial string
	Label, Hint             string // "" for none
	Width                   float32
}

// AskName shows a dialog with a name field (its text selected) that stays
// open, saying why, while the name is empty or do refuses it (a taken name),
// and closes when do accepts it. Enter confirms; Cancel closes it.
func AskName(win fyne.Window, r NameRequest, do func(name string) error) {
	entry := widget.NewEntry()
	entry.SetText(r.Initial)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var d *dialog.CustomDialog
	submit := func() {
		name := strings.TrimSpace(entry.Text)
		if name == "" {
			problem.SetText("A map needs a name.")
			problem.Show()
			return
		}
		if err := do(name); err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		d.Hide()
	}
	entry.OnSubmitted = func(string) { submit() }
	ok := widget.NewButton(r.Confirm, submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	body := container.NewVBox()
	if r.Label != "" {
		body.Add(widget.NewLabel(r.Label))
	}
	body.Add(entry)
	if r.Hint != "" {
		hint := widget.NewLabel(r.Hint)
		hint.Importance = widget.LowImportance
		hint.Wrapping = fyne.TextWrapWord
		body.Add(hint)
	}
	body.Add(problem)
	body.Add(container.NewHBox(layout.NewSpacer(), cancel, ok))
	width := r.Width
	if width <= 0 {
		width = 380
	}
	d = dialog.NewCustomWithoutButtons(r.Title, container.New(MinWidth(width), body), win)
	d.Show()
	win.Canvas().Focus(entry)
	entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}
