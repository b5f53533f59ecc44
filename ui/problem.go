package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
)

// StoreProblem says why the map store could not be opened and what can be
// done about it; cmd/flowmap fills it from the store's error.
type StoreProblem struct {
	Path    string // the store file
	Err     error  // what went wrong, as the store said it
	Locked  bool   // another Flowmap process has the store open
	Damaged bool   // the file is not a readable store
	Backups []BackupChoice
	// Restore replaces the store file with backup b.
	Restore func(b BackupChoice) error
	// Reopen opens the store again and, when it opens, builds the main window
	// in the same window (with New). Its error is shown if it fails again.
	Reopen func() error
	Quit   func()
}

// ShowStoreProblem fills w with an explanation of p instead of the editor:
// the app never starts on an empty store in place of one it could not open.
// A damaged store lists its backups, each with a Restore button; a locked
// one offers Try again. Both offer Quit.
func ShowStoreProblem(w fyne.Window, p StoreProblem) {
	title := "Flowmap could not open its map store"
	advice := "Nothing was changed. Check the file and its permissions, then try again."
	switch {
	case p.Locked:
		title = "Flowmap is already open"
		advice = "Another Flowmap window or process is using the map store. Close it, then try again."
	case p.Damaged:
		title = "The map store is damaged"
		advice = "Flowmap left the file exactly as it found it. Restore one of the automatic backups below, or quit and keep the file for inspection."
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	errText := ""
	if p.Err != nil {
		errText = p.Err.Error()
	}
	detail := widget.NewLabel(errText)
	detail.Wrapping = fyne.TextWrapWord
	detail.Importance = widget.DangerImportance
	file := widget.NewLabel("Store: " + p.Path)
	file.Wrapping = fyne.TextWrapBreak
	adv := widget.NewLabel(advice)
	adv.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	status.Hide()

	reopen := func() {
		if p.Reopen == nil {
			return
		}
		if err := p.Reopen(); err != nil {
			status.SetText("Still cannot open it: " + err.Error())
			status.Show()
		}
	}
	quit := widget.NewButtonWithIcon("Quit", theme.CancelIcon(), func() {
		if p.Quit != nil {
			p.Quit()
		} else if a := fyne.CurrentApp(); a != nil {
			a.Quit()
		}
	})
	retry := widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), reopen)

	items := []fyne.CanvasObject{
		container.NewHBox(widget.NewIcon(theme.WarningIcon()), heading),
		detail, file, adv,
	}
	if !p.Locked {
		if len(p.Backups) == 0 {
			none := widget.NewLabel(fmt.Sprintf("No backups were found next to %s. Flowmap keeps the last five after each session that changed something.", filepath.Base(p.Path)))
			none.Wrapping = fyne.TextWrapWord
			items = append(items, none)
		} else {
			items = append(items, widget.NewLabelWithStyle("Backups, newest first", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			for _, b := range p.Backups {
				b := b
				label := widget.NewLabel(fmt.Sprintf("%s  ·  %s  ·  %s", b.Time.Local().Format("Mon 2 Jan 2006 15:04"), sizeText(b.Size), filepath.Base(b.Path)))
				restore := widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), func() {
					msg := fmt.Sprintf("Replace the map store with the backup of %s?\nChanges made after it are not in it.", b.Time.Local().Format("Mon 2 Jan 15:04"))
					d := dialog.NewConfirm("Restore backup", msg, func(ok bool) {
						if !ok {
							return
						}
						if p.Restore == nil {
							return
						}
						if err := p.Restore(b); err != nil {
							status.SetText("Restore failed: " + err.Error())
							status.Show()
							return
						}
						reopen()
					}, w)
					d.SetConfirmText("Restore")
					d.SetDismissText("Cancel")
					d.Show()
				})
				items = append(items, container.NewBorder(nil, nil, nil, restore, label))
			}
		}
	}
	items = append(items, status, container.NewHBox(layout.NewSpacer(), retry, quit))
	w.SetTitle("Flowmap — " + title)
	w.SetContent(container.NewPadded(container.NewVScroll(container.New(uikit.MinWidth(560), container.NewVBox(items...)))))
	w.Resize(fyne.NewSize(760, 480))
}

// sizeText writes a file size in the unit people read.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
