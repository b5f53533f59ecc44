package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/assets"

	"flowmap/ui/uikit"
)

// appShortcut is a keyboard shortcut of the window and what it does.
type appShortcut struct {
	shortcut fyne.Shortcut
	keys     string // as written in the Help list
	what     string
	run      func()
}

// keyHelp lists keys that are not shortcuts (no modifier) for the Help list.
var keyHelp = [][2]string{
	{"Tab / Shift+Tab", "Next / previous cell"},
	{"Enter or Down / Up", "Save the cell and go to the next / previous stage"},
	{"Escape", "Drop what you typed in a cell; leave workshop mode"},
	{"Left / Right", "Workshop: previous / next step"},
	{"F1", "This list"},
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

func (a *App) installShortcuts() {
	a.shortcuts = []appShortcut{
		{ctrl(fyne.KeyN), "Ctrl+N", "Add a stage at the end", a.AddStage},
		{ctrl(fyne.KeyI), "Ctrl+I", "Insert a stage before the selected one", a.InsertStage},
		{ctrl(fyne.KeyDelete), "Ctrl+Delete", "Delete the selected stage", a.DeleteStage},
		{alt(fyne.KeyUp), "Alt+Up", "Move the selected stage up", func() { a.MoveStage(-1) }},
		{alt(fyne.KeyDown), "Alt+Down", "Move the selected stage down", func() { a.MoveStage(1) }},
		{&fyne.ShortcutUndo{}, "Ctrl+Z", "Undo", a.Undo},
		{ctrlShift(fyne.KeyZ), "Ctrl+Shift+Z", "Redo", a.Redo},
		{&fyne.ShortcutRedo{}, "Ctrl+Y", "Redo", a.Redo},
		{ctrlShift(fyne.KeyN), "Ctrl+Shift+N", "New map", a.lib.newMap},
		{ctrl(fyne.KeyF), "Ctrl+F", "Search the maps", func() { a.win.Canvas().Focus(a.lib.search) }},
		{ctrl(fyne.KeyComma), "Ctrl+,", "Map settings", a.showSettings},
		{&desktop.CustomShortcut{KeyName: fyne.KeyF11}, "F11", "Workshop mode on / off", a.ToggleWorkshop},
		{ctrl(fyne.KeyQ), "Ctrl+Q", "Quit (everything is already saved)", a.Quit},
	}
	c := a.win.Canvas()
	for _, s := range a.shortcuts {
		run := s.run
		c.AddShortcut(s.shortcut, func(fyne.Shortcut) { run() })
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { a.handleKey(ev) })
}

// handleShortcut runs the app's action for s; false when s is not one.
func (a *App) handleShortcut(s fyne.Shortcut) bool {
	name := s.ShortcutName()
	for _, sc := range a.shortcuts {
		if sc.shortcut.ShortcutName() == name {
			sc.run()
			return true
		}
	}
	return false
}

// handleKey runs the app's action for a key without modifier.
func (a *App) handleKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyF11:
		a.ToggleWorkshop()
		return true
	case fyne.KeyF1:
		a.ShowShortcuts()
		return true
	case fyne.KeyEscape:
		if a.workshop != nil {
			a.ToggleWorkshop()
			return true
		}
	case fyne.KeyLeft, fyne.KeyPageUp:
		if a.workshop != nil && a.win.Canvas().Focused() == nil {
			a.workshop.step(-1)
			return true
		}
	case fyne.KeyRight, fyne.KeyPageDown:
		if a.workshop != nil && a.win.Canvas().Focused() == nil {
			a.workshop.step(1)
			return true
		}
	}
	return false
}

func (a *App) shortcutFor(name string) fyne.Shortcut {
	for _, s := range a.shortcuts {
		if s.keys == name {
			return s.shortcut
		}
	}
	return nil
}

// buildMenu (re)creates the main menu; shortcuts shown in it also run from it.
func (a *App) buildMenu() {
	item := func(label, keys string, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, run)
		if keys != "" {
			it.Shortcut = a.shortcutFor(keys)
		}
		return it
	}
	fileItems := []*fyne.MenuItem{
		item("New map…", "Ctrl+Shift+N", a.lib.newMap),
		item("Rename map…", "", a.lib.renameMap),
		item("Duplicate map", "", a.lib.duplicateMap),
		item("Delete map…", "", a.lib.deleteMap),
	}
	if len(a.fileItems) > 0 {
		fileItems = append(fileItems, fyne.NewMenuItemSeparator())
		fileItems = append(fileItems, a.fileItems...)
	}
	// Our own Quit, so Fyne does not add one that skips committing a cell.
	quit := item("Quit", "Ctrl+Q", a.Quit)
	quit.IsQuit = true
	fileItems = append(fileItems, fyne.NewMenuItemSeparator(), quit)
	edit := fyne.NewMenu("Edit",
		item("Undo", "Ctrl+Z", a.Undo),
		item("Redo", "Ctrl+Y", a.Redo),
		fyne.NewMenuItemSeparator(),
		item("Add stage", "Ctrl+N", a.AddStage),
		item("Insert stage", "Ctrl+I", a.InsertStage),
		item("Delete stage", "Ctrl+Delete", a.DeleteStage),
		item("Move stage up", "Alt+Up", func() { a.MoveStage(-1) }),
		item("Move stage down", "Alt+Down", func() { a.MoveStage(1) }),
		fyne.NewMenuItemSeparator(),
		item("Map settings", "Ctrl+,", a.showSettings),
		item("Search maps", "Ctrl+F", func() { a.win.Canvas().Focus(a.lib.search) }),
	)
	view := fyne.NewMenu("View", item("Workshop mode", "F11", a.ToggleWorkshop))
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts (F1)", a.ShowShortcuts),
		fyne.NewMenuItem("About Flowmap", a.ShowAbout),
	)
	a.menu = fyne.NewMainMenu(fyne.NewMenu("File", fileItems...), edit, view, help)
	if a.workshop == nil {
		a.win.SetMainMenu(a.menu)
	}
}

// showSettings switches to the map settings and puts the cursor in the name.
func (a *App) showSettings() {
	if a.cur == nil || a.workshop != nil {
		return
	}
	a.editTabs.SelectIndex(1)
	a.win.Canvas().Focus(a.settings.name)
}

// ShowShortcuts lists every shortcut and key (Help menu, F1).
func (a *App) ShowShortcuts() {
	grid := container.New(layout.NewFormLayout())
	add := func(keys, what string) {
		k := widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(k)
		grid.Add(widget.NewLabel(what))
	}
	for _, s := range a.shortcuts {
		add(s.keys, s.what)
	}
	for _, k := range keyHelp {
		add(k[0], k[1])
	}
	body := container.New(uikit.MinWidth(520), grid)
	scroll := container.NewVScroll(body)
	// Show the whole list when the window is tall enough, else scroll it.
	h := body.MinSize().Height
	if max := a.win.Canvas().Size().Height - 160; h > max && max > 200 {
		h = max
	}
	scroll.SetMinSize(fyne.NewSize(body.MinSize().Width, h))
	dialog.ShowCustom("Keyboard shortcuts", "Close", scroll, a.win)
}

// ShowAbout shows the name, version and purpose.
func (a *App) ShowAbout() {
	version := a.opt.Version
	if version == "" {
		version = "dev"
	}
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))
	title := widget.NewLabelWithStyle("Flowmap", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	body := container.NewVBox(
		container.NewCenter(icon),
		title,
		widget.NewLabelWithStyle("Version "+version, fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle("Value stream maps for software delivery:\nsee where time goes, find the constraint, plan kaizen.", fyne.TextAlignCenter, fyne.TextStyle{}),
	)
	dialog.ShowCustom("About Flowmap", "Close", body, a.win)
}
