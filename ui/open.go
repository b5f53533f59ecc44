package ui

import (
	"fmt"
	"log"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// Which map is open: opening one from the library, showing it, and the map
// the app opens at start.

// OpenMap loads map id from the store and shows it; the store remembers it
// as the map to open next time.
func (a *App) OpenMap(id string) {
	if a.cur != nil && a.cur.ID == id {
		return
	}
	a.table.flush()
	a.settings.flush()
	m, err := a.st.Get(id)
	if err != nil {
		a.ShowError(fmt.Errorf("open map: %w", err))
		return
	}
	if err := a.st.SetCurrent(id); err != nil {
		log.Printf("flowmap: remember the open map: %v", err)
	}
	// A map made by another screen (an import) is not in the list yet.
	if !a.lib.lists(id) {
		a.lib.reloadOrReport()
	}
	a.show(m)
	a.setStatus("Opened "+m.Name+".", false)
}

// show makes m the open map (nil: none) and resets selection and focus.
func (a *App) show(m *vsm.Map) {
	a.cur = m
	a.sel = -1
	if m != nil && len(m.Stages) > 0 {
		a.sel = 0
	}
	screen := a.mapScreen
	if m == nil {
		screen = a.noMap
	}
	if a.tabs != nil {
		if a.tabs.Items[0].Content != screen {
			a.tabs.Items[0].Content = screen
			a.tabs.Refresh()
		}
	} else if a.body.Objects[0] != screen {
		a.body.Objects = []fyne.CanvasObject{screen}
		a.body.Refresh()
	}
	a.refresh(true)
	a.lib.selectCurrent()
	a.viewScroll.ScrollToOffset(fyne.Position{})
	if m != nil && a.workshop == nil {
		a.table.focusCell(0, colName)
	}
}

func (a *App) loadInitial() {
	infos, err := a.lib.reload()
	if err != nil {
		a.ShowError(fmt.Errorf("list maps: %w", err))
		a.show(nil)
		return
	}
	id, err := a.st.Current()
	if err != nil {
		log.Printf("flowmap: which map was open: %v", err)
	}
	found := false
	for _, in := range infos {
		found = found || in.ID == id
	}
	if !found {
		id = ""
		if len(infos) > 0 {
			id = infos[0].ID
		}
	}
	if id == "" {
		a.show(nil)
		return
	}
	m, err := a.st.Get(id)
	if err != nil {
		a.ShowError(fmt.Errorf("open map: %w", err))
		a.show(nil)
		return
	}
	a.show(m)
}
