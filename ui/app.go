// Package ui is Flowmap's desktop window: the map library, the value stream
// map drawing, the stage table, the metrics strip, map settings, undo and
// redo, and workshop mode. It draws with Fyne but never imports Fyne's app
// driver, so its tests run headless; cmd/flowmap wires it to the store.
package ui

import (
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// App is the main window's state and widgets.
type App struct {
	fa  fyne.App
	win fyne.Window
	opt Options
	st  MapStore

	cur  *vsm.Map // nil when the library is empty
	met  vsm.Metrics
	hist map[string]*history
	sel  int // selected stage, -1 for none

	lib        *library
	view       *MapView
	viewScroll *container.Scroll
	strip      *MetricsStrip
	table      *stageTable
	settings   *settingsForm
	editTabs   *container.AppTabs
	status     *widget.Label
	tools      *toolbar
	mapScreen  fyne.CanvasObject
	noMap      fyne.CanvasObject
	body       *fyne.Container // the map screen, or tabs once other screens are added
	tabs       *container.AppTabs
	root       fyne.CanvasObject
	workshop   *workshop
	fileItems  []*fyne.MenuItem
	listeners  []func(*vsm.Map)
	shortcuts  []appShortcut
	menu       *fyne.MainMenu
	lastStatus string
	lastStep   int           // the workshop step to come back to
	wastePopup *widget.PopUp // the open waste tag picker, if any
}

// New builds the main window's content in w, opens the map that was open
// last (or the first one) and installs the menu and shortcuts. Show the
// window afterwards.
func New(fa fyne.App, w fyne.Window, opt Options) *App {
	a := &App{fa: fa, win: w, opt: opt, st: opt.Store, hist: map[string]*history{}, sel: -1}
	a.build()
	w.SetContent(a.root)
	w.Resize(fyne.NewSize(1280, 800))
	a.installShortcuts()
	a.buildMenu()
	w.SetCloseIntercept(func() {
		a.flush()
		w.Close()
	})
	// Light and dark follow the system; drawn colours are picked on refresh.
	fa.Settings().AddListener(func(fyne.Settings) { a.refresh(false) })
	a.loadInitial()
	a.setStatus("Every change is saved as you make it. F1 lists the keyboard shortcuts.", false)
	return a
}

func (a *App) build() {
	a.view = NewMapView()
	a.view.OnTapped = a.mapTapped
	a.viewScroll = container.NewScroll(a.view)
	// The split above the table must not squash the drawing: keep its height.
	a.viewScroll.SetMinSize(fyne.NewSize(200, geomFor(theme.Current()).height+theme.ScrollBarSize()))
	a.strip = NewMetricsStrip()
	a.table = newStageTable(a)
	a.settings = newSettingsForm(a)
	a.status = widget.NewLabel("")
	a.status.Truncation = fyne.TextTruncateClip // ellipsis shapes the text again on every edit
	a.tools = newToolbar(a)
	a.lib = newLibrary(a)

	a.editTabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Stages", theme.ListIcon(), a.table.content),
		container.NewTabItemWithIcon("Map settings", theme.SettingsIcon(), a.settings.content),
	)
	top := container.NewBorder(nil, container.NewPadded(a.strip), nil, nil, a.viewScroll)
	split := container.NewVSplit(top, a.editTabs)
	split.Offset = 0.56
	a.mapScreen = container.NewBorder(a.tools.content, nil, nil, nil, split)
	a.noMap = container.NewCenter(widget.NewLabel("No maps yet: create one with New map in the library."))
	a.body = container.NewStack(a.mapScreen)
	main := container.NewHSplit(a.lib.content, a.body)
	main.Offset = 0.17
	a.root = container.NewBorder(nil, container.NewPadded(a.status), nil, nil, main)
}

// flush commits text typed into a cell or setting but not yet entered.
func (a *App) flush() {
	a.table.flush()
	a.settings.flush()
}

// Quit commits what is typed and not yet entered, then ends the app (Ctrl+Q,
// File > Quit, and a polite kill in cmd/flowmap).
func (a *App) Quit() {
	a.flush()
	a.fa.Quit()
}

// Window is the main window, for dialogs of other screens.
func (a *App) Window() fyne.Window { return a.win }

// CurrentMap is the open map (nil when the library is empty). Treat it as
// read-only; change it through ReplaceMap so the change is saved and undoable.
func (a *App) CurrentMap() *vsm.Map { return a.cur }

// OnMapChanged registers f to be called after every change to the open map
// and after another map is opened (with nil when none is open).
func (a *App) OnMapChanged(f func(m *vsm.Map)) { a.listeners = append(a.listeners, f) }

// AddTab adds a screen (Kaizen, History, Learning...) beside the map editor.
// The first call turns the editor into the first of the tabs.
func (a *App) AddTab(name string, content fyne.CanvasObject) *container.TabItem {
	item := container.NewTabItem(name, content)
	if a.tabs == nil {
		a.tabs = container.NewAppTabs(container.NewTabItemWithIcon("Map", theme.GridIcon(), a.mapScreen))
		a.body.Objects = []fyne.CanvasObject{a.tabs}
		if a.cur == nil {
			a.tabs.Items[0].Content = a.noMap
		}
		a.body.Refresh()
	}
	a.tabs.Append(item)
	return item
}

// AddFileMenuItems adds items (Import spreadsheet, Export, ...) to the File
// menu, above Quit.
func (a *App) AddFileMenuItems(items ...*fyne.MenuItem) {
	a.fileItems = append(a.fileItems, items...)
	a.buildMenu()
}

// ShowError tells the person what went wrong in a dialog and logs the chain.
// Call it on the UI goroutine (wrap in fyne.Do from elsewhere).
func (a *App) ShowError(err error) {
	if err == nil {
		return
	}
	log.Printf("flowmap: %v", err)
	dialog.ShowError(err, a.win)
}

// setStatus shows a one-line message at the bottom of the window.
func (a *App) setStatus(msg string, bad bool) {
	a.lastStatus = msg
	a.status.SetText(msg)
	if bad {
		a.status.Importance = widget.DangerImportance
	} else {
		a.status.Importance = widget.MediumImportance
	}
	a.status.Refresh()
}

// refresh recomputes the metrics and brings every view up to date with a.cur.
func (a *App) refresh(force bool) {
	if a.cur == nil {
		a.met = vsm.Metrics{}
		a.view.Set(nil, a.met)
		a.strip.Set(nil, a.met)
		a.table.sync(nil, a.met, true)
		a.settings.sync(nil, true)
		a.updateChrome()
		return
	}
	a.met = vsm.Compute(a.cur)
	if a.sel >= len(a.cur.Stages) {
		a.sel = len(a.cur.Stages) - 1
	}
	a.view.selected = a.sel
	a.view.Set(a.cur, a.met)
	a.strip.Set(a.cur, a.met)
	a.table.selected = a.sel
	a.table.sync(a.cur, a.met, force)
	a.settings.sync(a.cur, force)
	if a.workshop != nil {
		a.workshop.refresh()
	}
	a.lib.updateCurrent(a.cur)
	a.updateChrome()
	for _, f := range a.listeners {
		f(a.cur)
	}
}

// updateChrome sets the title and which buttons can be used.
func (a *App) updateChrome() {
	if a.cur == nil {
		a.win.SetTitle("Flowmap")
	} else {
		a.win.SetTitle("Flowmap — " + a.cur.Name)
	}
	a.tools.update()
}

// nowFunc is the clock of the library's "edited" column; tests fix it.
var nowFunc = time.Now
