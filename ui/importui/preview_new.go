package importui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// askNewName asks for the new map's name and creates it; a taken name keeps
// the dialog open and says so.
func (p *preview) askNewName() {
	if !p.importable() {
		return
	}
	win := p.im.host.Window()
	entry := widget.NewEntry()
	entry.SetText(nameFromFile(p.path))
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
		created, err := p.createMap(name)
		if err != nil {
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		d.Hide()
		p.close()
		p.im.host.OpenMap(created.ID)
	}
	entry.OnSubmitted = func(string) { submit() }
	ok := widget.NewButton("Import", submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	hint := quietLabel(fmt.Sprintf("%s on a %s-hour, %s-day week.", plural(len(p.sh.Stages), "stage"), uikit.Number(p.cal.HoursPerDay), uikit.Number(p.cal.DaysPerWeek)))
	body := container.NewVBox(widget.NewLabel("Name of the new map"), entry, hint, problem,
		container.NewHBox(layout.NewSpacer(), cancel, ok))
	d = dialog.NewCustomWithoutButtons("Import as a new map", container.New(uikit.MinWidth(420), body), win)
	d.Show()
	win.Canvas().Focus(entry)
	entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// createMap builds the map and stores it.
func (p *preview) createMap(name string) (*vsm.Map, error) {
	m, err := p.sh.Map(name)
	if err != nil {
		return nil, err
	}
	m.Name = name
	created, err := p.im.deps.Store.Create(m)
	if errors.Is(err, ErrNameTaken) {
		return nil, fmt.Errorf("a map named “%s” already exists: choose another name, or open that map and use Update", name)
	}
	if err != nil {
		return nil, fmt.Errorf("import as %q: %w", name, err)
	}
	return created, nil
}
