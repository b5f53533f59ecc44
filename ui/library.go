package ui

import (
	"fmt"
	"log"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// library is the list of all maps beside the editor: search, open, new,
// rename, duplicate and delete (with confirmation).
type library struct {
	a                        *App
	search                   *editEntry
	list                     *widget.List
	infos                    []vsm.MapInfo
	shown                    []int // indexes into infos that match the search
	newBtn                   *widget.Button
	renameBtn, dupBtn, delBt *widget.Button
	content                  fyne.CanvasObject
	quiet                    bool // selecting in code: do not open
}

func newLibrary(a *App) *library {
	l := &library{a: a}
	l.search = newEditEntry(a)
	l.search.SetPlaceHolder("Search maps")
	l.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.search.OnChanged = func(string) { l.applyFilter() }
	l.list = widget.NewList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle = fyne.TextStyle{Bold: true}
			// No truncation: the list's own scroller clips a long name, and
			// truncating shapes every name again on each refresh (half the
			// time the window takes to build with 100 maps).
			detail := widget.NewLabel("")
			detail.SizeName = theme.SizeNameCaptionText
			return container.New(layout.NewCustomPaddedVBoxLayout(-12), name, detail)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(l.shown) {
				return
			}
			in := l.infos[l.shown[id]]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(in.Name)
			box.Objects[1].(*widget.Label).SetText(infoDetail(in))
		},
	)
	l.list.OnSelected = func(id widget.ListItemID) {
		if l.quiet || id >= len(l.shown) {
			return
		}
		a.OpenMap(l.infos[l.shown[id]].ID)
	}
	l.newBtn = widget.NewButtonWithIcon("New map", theme.ContentAddIcon(), l.newMap)
	l.renameBtn = widget.NewButton("Rename", l.renameMap)
	l.dupBtn = widget.NewButton("Copy", l.duplicateMap)
	l.delBt = widget.NewButton("Delete", l.deleteMap)
	title := widget.NewLabelWithStyle("Maps", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	actions := container.NewGridWithColumns(3, l.renameBtn, l.dupBtn, l.delBt)
	top := container.NewVBox(title, l.search)
	bottom := container.NewVBox(l.newBtn, actions)
	l.content = container.NewBorder(top, bottom, nil, nil, l.list)
	return l
}

// infoDetail is the second line of a library entry.
func infoDetail(in vsm.MapInfo) string {
	stages := fmt.Sprintf("%d stages", in.Stages)
	if in.Stages == 1 {
		stages = "1 stage"
	}
	if in.Updated.IsZero() {
		return stages
	}
	return stages + " · " + when(in.Updated, nowFunc())
}

// when writes t relative to now the way a list of documents does.
func when(t, now time.Time) string {
	t = t.Local()
	now = now.Local()
	switch {
	case now.Sub(t) < time.Minute:
		return "just now"
	case t.YearDay() == now.YearDay() && t.Year() == now.Year():
		return "today " + t.Format("15:04")
	case t.Year() == now.Year():
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}

// reload reads the list of maps from the store.
func (l *library) reload() ([]vsm.MapInfo, error) {
	infos, err := l.a.st.List()
	if err != nil {
		return nil, err
	}
	sort.SliceStable(infos, func(i, j int) bool { return naturalLess(infos[i].Name, infos[j].Name) })
	l.infos = infos
	l.applyFilter()
	return infos, nil
}

// naturalLess orders names as people read them: ignoring case, and numbers
// by value, so "Team 2" comes before "Team 10".
func naturalLess(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return ra < rb
		}
		a, b = a[sa:], b[sb:]
	}
	return len(a) < len(b)
}

// digitRun is the length of the ASCII digits s starts with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func (l *library) reloadOrReport() {
	if _, err := l.reload(); err != nil {
		l.a.ShowError(fmt.Errorf("list maps: %w", err))
	}
}

// lists reports whether the library holds map id.
func (l *library) lists(id string) bool {
	for _, in := range l.infos {
		if in.ID == id {
			return true
		}
	}
	return false
}

// applyFilter shows the maps whose name holds the search text.
func (l *library) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(l.search.Text))
	l.shown = l.shown[:0]
	for i, in := range l.infos {
		if q == "" || strings.Contains(strings.ToLower(in.Name), q) {
			l.shown = append(l.shown, i)
		}
	}
	l.list.Refresh()
	l.selectCurrent()
}

// selectCurrent marks the open map in the list without reopening it.
func (l *library) selectCurrent() {
	l.quiet = true
	defer func() { l.quiet = false }()
	if l.a.cur != nil {
		for k, i := range l.shown {
			if l.infos[i].ID == l.a.cur.ID {
				l.list.Select(k)
				l.updateButtons()
				return
			}
		}
	}
	l.list.UnselectAll()
	l.updateButtons()
}

func (l *library) updateButtons() {
	on := l.a.cur != nil
	for _, b := range []*widget.Button{l.renameBtn, l.dupBtn, l.delBt} {
		enable(b, on)
	}
}

// updateCurrent keeps the open map's entry in step with edits, without
// asking the store for the whole list again.
func (l *library) updateCurrent(m *vsm.Map) {
	for i := range l.infos {
		if l.infos[i].ID != m.ID {
			continue
		}
		in := &l.infos[i]
		// The store stamps Updated on every save; opening or redrawing a map
		// changes nothing, so its entry keeps its time.
		updated := m.Updated
		if updated.IsZero() {
			updated = in.Updated
		}
		if in.Name == m.Name && in.Stages == len(m.Stages) && in.Updated.Equal(updated) {
			return
		}
		in.Name, in.Stages, in.Updated = m.Name, len(m.Stages), updated
		for k, j := range l.shown {
			if j == i {
				l.list.RefreshItem(k)
			}
		}
		return
	}
}

// uniqueName is name, or name with " (2)", " (3)", ... when a map has it.
func (l *library) uniqueName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "Imported map"
	}
	taken := map[string]bool{}
	for _, in := range l.infos {
		taken[strings.ToLower(in.Name)] = true
	}
	if !taken[strings.ToLower(name)] {
		return name
	}
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s (%d)", name, n)
		if !taken[strings.ToLower(c)] {
			return c
		}
	}
}

func (l *library) newMap() {
	l.a.askName("New map", "Create", l.uniqueName("New value stream"), func(name string) error {
		m, err := l.a.st.Create(vsm.NewMap(name))
		if err != nil {
			return err
		}
		l.reloadOrReport()
		l.a.OpenMap(m.ID)
		return nil
	})
}

func (l *library) renameMap() {
	a := l.a
	if a.cur == nil {
		return
	}
	a.askName("Rename map", "Rename", a.cur.Name, func(name string) error {
		if name == a.cur.Name {
			return nil
		}
		if err := a.change("rename the map to "+name, false, func(m *vsm.Map) error {
			m.Name = name
			return nil
		}); err != nil {
			return err
		}
		l.reloadOrReport()
		return nil
	})
}

func (l *library) duplicateMap() {
	a := l.a
	if a.cur == nil {
		return
	}
	a.table.flush()
	m, err := a.st.Duplicate(a.cur.ID, l.uniqueName(a.cur.Name+" (copy)"))
	if err != nil {
		a.ShowError(fmt.Errorf("duplicate %q: %w", a.cur.Name, err))
		return
	}
	l.reloadOrReport()
	a.OpenMap(m.ID)
}

func (l *library) deleteMap() {
	a := l.a
	if a.cur == nil {
		return
	}
	m := a.cur
	msg := fmt.Sprintf("Delete “%s” and its %d stages?\nThis cannot be undone.", m.Name, len(m.Stages))
	d := dialog.NewConfirm("Delete map", msg, func(ok bool) {
		if ok {
			l.deleteNow(m.ID)
		}
	}, a.win)
	d.SetConfirmText("Delete")
	d.SetDismissText("Cancel")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (l *library) deleteNow(id string) {
	a := l.a
	if err := a.st.Delete(id); err != nil {
		a.ShowError(fmt.Errorf("delete map: %w", err))
		return
	}
	delete(a.hist, id)
	infos, err := l.reload()
	if err != nil {
		a.ShowError(fmt.Errorf("list maps: %w", err))
	}
	if len(infos) == 0 {
		a.show(nil)
		a.setStatus("Map deleted. The library is empty: create a map with New map.", false)
		return
	}
	next, err := a.st.Get(infos[0].ID)
	if err != nil {
		a.ShowError(fmt.Errorf("open map: %w", err))
		a.show(nil)
		return
	}
	if err := a.st.SetCurrent(next.ID); err != nil {
		log.Printf("flowmap: remember the open map: %v", err)
	}
	a.show(next)
	a.setStatus("Map deleted; opened "+next.Name+".", false)
}

// askName shows a dialog with a name field that stays open, saying why, when
// do refuses the name (it is taken, it is empty).
func (a *App) askName(title, confirm, initial string, do func(name string) error) {
	uikit.AskName(a.win, uikit.NameRequest{Title: title, Confirm: confirm, Initial: initial}, do)
}
