package importui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// showUpdate shows what updating the open map from the sheet would change
// and applies it, as one undoable change, when the person agrees.
func (p *preview) showUpdate() {
	cur := p.im.host.CurrentMap()
	if cur == nil || !p.importable() {
		return
	}
	win := p.im.host.Window()
	cal := calendarOf(cur)
	if cal != p.sh.Calendar {
		// The map counts days on another calendar than the sheet was read
		// on: read it again on the map's, so a day is the map's day.
		p.cal, p.opt.Calendar = cal, cal
		p.readThen(func() {
			if p.sh.Calendar == cal {
				p.showUpdate()
			}
		})
		return
	}
	m, err := p.sh.Map(cur.Name)
	if err != nil {
		p.im.host.ShowError(err)
		return
	}
	fed := fedFields(p.sh.Columns)
	diff := diffStages(cur, m.Stages, fed, cal)

	list := container.NewVBox()
	intro := widget.NewLabel("Stages are matched by name. Only the values the sheet has columns for change (" +
		fedList(fed) + "); everything else stays as it is in the map.")
	intro.Wrapping = fyne.TextWrapWord
	list.Add(intro)
	if len(diff.Changed) > 0 {
		list.Add(heading(fmt.Sprintf("Changed (%d)", len(diff.Changed))))
		for _, c := range diff.Changed {
			parts := make([]string, len(c.Changes))
			for i, f := range c.Changes {
				// Words, not an arrow: the app's font has no arrow glyph.
				parts[i] = fmt.Sprintf("%s from %s to %s", f.Field, f.Old, f.New)
			}
			list.Add(richLine(c.Name+": ", strings.Join(parts, "; "), false))
		}
	}
	if len(diff.Added) > 0 {
		list.Add(heading(fmt.Sprintf("Added from the sheet (%d)", len(diff.Added))))
		for _, s := range diff.Added {
			list.Add(richLine(s.Name+": ", fmt.Sprintf("wait %s, process %s, %%C&A %s", fmtDur(s.WaitHours, cal), fmtDur(s.ProcessHours, cal), fmtPct(s.CompleteAccurate)), false))
		}
	}
	remove := widget.NewCheck("", nil)
	if len(diff.OnlyInMap) > 0 {
		names := make([]string, len(diff.OnlyInMap))
		for i, s := range diff.OnlyInMap {
			names[i] = s.Name
		}
		list.Add(heading(fmt.Sprintf("Only in the map (%d)", len(diff.OnlyInMap))))
		list.Add(richLine("", strings.Join(names, ", "), false))
		remove.Text = "Remove this stage from the map"
		if len(diff.OnlyInMap) > 1 {
			remove.Text = fmt.Sprintf("Remove these %d stages from the map", len(diff.OnlyInMap))
		}
		list.Add(remove)
	}
	if diff.Unchanged > 0 {
		list.Add(quietLabel(fmt.Sprintf("Unchanged: %s already holding the sheet's values.", plural(diff.Unchanged, "stage"))))
	}
	var d *dialog.CustomDialog
	apply := widget.NewButton("Update the map", func() {
		next := cur.Clone()
		next.MergeStages(m.Stages, fed, remove.Checked)
		if err := p.im.host.ReplaceMap(next); err != nil {
			return // ReplaceMap has said why; the map is unchanged
		}
		d.Hide()
		p.close()
	})
	apply.Importance = widget.HighImportance
	if diff.empty() {
		list.Add(quietLabel("The map already holds every value of the sheet: there is nothing to update."))
		apply.Disable()
		remove.OnChanged = func(on bool) { enable(apply, on) }
	}
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, apply), nil, nil, container.NewVScroll(list))
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf("Update “%s” from %s", cur.Name, filepath.Base(p.path)), body, win)
	d.Resize(dialogSize(win, fyne.NewSize(720, 520)))
	d.Show()
}

// fedList names the fed fields for people.
func fedList(f vsm.StageFields) string {
	var out []string
	for _, x := range []struct {
		field vsm.StageField
		name  string
	}{
		{vsm.WaitField, "wait"}, {vsm.LeadField, "lead time"}, {vsm.ProcessField, "process"},
		{vsm.CompleteAccurateField, "%C&A"}, {vsm.PeopleField, "people"}, {vsm.QueueField, "queue"},
		{vsm.TeamField, "team"}, {vsm.WasteField, "waste"}, {vsm.NotesField, "notes"},
	} {
		if f.Has(x.field) {
			out = append(out, x.name)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
