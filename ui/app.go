// Package ui is Flowmap's desktop window: the map library, the value stream
// map drawing, the stage table, the metrics strip, map settings, undo and
// redo, and workshop mode. It draws with Fyne but never imports Fyne's app
// driver, so its tests run headless; cmd/flowmap wires it to the store.
package ui

import (
	"errors"
	"fmt"
	"log"
	"reflect"
	"slices"
	"strings"
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

// history is one map's undo and redo stacks of whole-map snapshots.
type history struct {
	undo, redo []snapshot
}

type snapshot struct {
	m     *vsm.Map
	label string // what the change did, for the status line
	sel   int
}

// maxUndo bounds memory: a 200-stage map is about 60 kB per snapshot.
const maxUndo = 500

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

func (a *App) history() *history {
	h := a.hist[a.cur.ID]
	if h == nil {
		h = &history{}
		a.hist[a.cur.ID] = h
	}
	return h
}

// errNoMap is returned by edits while no map is open.
var errNoMap = errors.New("no map is open: create one with New map")

// change applies mutate to a copy of the open map, validates it, saves it and
// only then makes it the open map, with the old state on the undo stack. When
// anything fails, nothing changes and the error says why.
func (a *App) change(label string, force bool, mutate func(m *vsm.Map) error) error {
	if a.cur == nil {
		return errNoMap
	}
	next := a.cur.Clone()
	if err := mutate(next); err != nil {
		return err
	}
	if reflect.DeepEqual(next, a.cur) {
		return nil // nothing changed: no save, no undo step
	}
	if err := next.Validate(); err != nil {
		return err
	}
	if err := a.persist(a.cur, next); err != nil {
		return err
	}
	h := a.history()
	h.undo = append(h.undo, snapshot{m: a.cur, label: label, sel: a.sel})
	if len(h.undo) > maxUndo {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-maxUndo)
	}
	h.redo = nil
	a.cur = next
	a.refresh(force)
	a.setStatus("Saved: "+label+".", false)
	return nil
}

// persist writes next over old in the store: a new name first (the store
// refuses a name another map has), then the whole map.
func (a *App) persist(old, next *vsm.Map) error {
	renamed := strings.TrimSpace(next.Name) != strings.TrimSpace(old.Name)
	if renamed {
		if err := a.st.Rename(next.ID, next.Name); err != nil {
			return fmt.Errorf("rename to %q: %w", next.Name, err)
		}
	}
	saved := next.Clone()
	if err := a.st.Save(saved); err != nil {
		if renamed {
			_ = a.st.Rename(old.ID, old.Name) // put the name back; the save error is the one to report
		}
		return fmt.Errorf("save %q: %w", next.Name, err)
	}
	next.Updated = saved.Updated // the store stamps each save; the library shows it
	return nil
}

// ReplaceMap makes m the content of the open map (an import into it, a future
// state made current), as one undoable change. The open map keeps its ID.
func (a *App) ReplaceMap(m *vsm.Map) error {
	if a.cur == nil {
		return errNoMap
	}
	err := a.change(replaceLabel(a.cur, m), true, func(next *vsm.Map) error {
		id, created := next.ID, next.Created
		*next = *m.Clone()
		next.ID, next.Created = id, created
		return nil
	})
	if err != nil {
		a.ShowError(err)
	}
	return err
}

// replaceLabel says what ReplaceMap changes from old to m, for the status
// line and undo ("Undone: record a measurement").
func replaceLabel(old, m *vsm.Map) string {
	var parts []string
	count := func(before, after int, same bool, added, removed, changed string) {
		switch {
		case after > before:
			parts = append(parts, added)
		case after < before:
			parts = append(parts, removed)
		case !same:
			parts = append(parts, changed)
		}
	}
	count(len(old.Measurements), len(m.Measurements), reflect.DeepEqual(old.Measurements, m.Measurements),
		"record a measurement", "delete a measurement", "change a measurement")
	count(len(old.Kaizen), len(m.Kaizen), reflect.DeepEqual(old.Kaizen, m.Kaizen),
		"add a kaizen", "delete a kaizen", "change a kaizen")
	count(len(old.Learning), len(m.Learning), reflect.DeepEqual(old.Learning, m.Learning),
		"add a learning-log entry", "delete a learning-log entry", "change a learning-log entry")
	switch {
	case old.Future == nil && m.Future != nil:
		parts = append(parts, "make the future state")
	case old.Future != nil && m.Future == nil:
		parts = append(parts, "drop the future state")
	case !reflect.DeepEqual(old.Future, m.Future):
		parts = append(parts, "change the future state")
	}
	if !reflect.DeepEqual(old.Stages, m.Stages) {
		parts = append(parts, "update the stages")
	}
	if len(parts) == 0 {
		return "replace the map"
	}
	return strings.Join(parts, ", ")
}

// Undo restores the map as it was before the last change. A cell with typed,
// uncommitted text is reverted first instead.
func (a *App) Undo() {
	if _, _, e := a.table.focused(); e != nil && (e.dirty() || e.err != nil) {
		e.revert()
		return
	}
	if a.cur == nil {
		return
	}
	h := a.history()
	if len(h.undo) == 0 {
		a.setStatus("Nothing to undo.", false)
		return
	}
	s := h.undo[len(h.undo)-1]
	if err := a.persist(a.cur, s.m); err != nil {
		a.ShowError(err)
		return
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, snapshot{m: a.cur, label: s.label, sel: a.sel})
	a.cur = s.m
	a.sel = s.sel
	a.refresh(true)
	a.setStatus("Undone: "+s.label+".", false)
}

// Redo applies again the change Undo took back.
func (a *App) Redo() {
	if a.cur == nil {
		return
	}
	a.table.flush()
	h := a.history()
	if len(h.redo) == 0 {
		a.setStatus("Nothing to redo.", false)
		return
	}
	s := h.redo[len(h.redo)-1]
	if err := a.persist(a.cur, s.m); err != nil {
		a.ShowError(err)
		return
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, snapshot{m: a.cur, label: s.label, sel: a.sel})
	a.cur = s.m
	a.refresh(true)
	a.setStatus("Redone: "+s.label+".", false)
}

// CanUndo and CanRedo report whether there is something to undo or redo.
func (a *App) CanUndo() bool { return a.cur != nil && len(a.history().undo) > 0 }

// CanRedo reports whether Redo would do something.
func (a *App) CanRedo() bool { return a.cur != nil && len(a.history().redo) > 0 }

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

// --- stage edits ---

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

// nowFunc is the clock of the library's "edited" column; tests fix it.
var nowFunc = time.Now
