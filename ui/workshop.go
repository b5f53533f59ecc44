package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// workshopScale enlarges text and drawing for a projector at the back of a room.
const workshopScale = 1.45

// WorkshopSteps are the four steps of a VSM workshop the banner walks through.
var WorkshopSteps = [4]struct{ Title, Short, Hint string }{
	{"Map the current flow", "Current flow", "Walk the flow from idea to customer. For each stage ask: how long is it worked on, how long does it wait first, how much comes back?"},
	{"Identify waste", "Waste", "Click a stage to tag its waste: approvals, hand-offs, manual testing, waiting… The constraint and the biggest wait are marked."},
	{"Design the future state", "Future state", "Which waits can go? How does the constraint get more capacity? Duplicate the map and edit the copy into the flow you want."},
	{"Plan improvements", "Improvements", "Pick one to three kaizen aimed at the constraint and the biggest wait, each with an owner, a date and the effect you expect."},
}

// stepIdentifyWaste is the step in which clicking a stage edits its waste tags.
const stepIdentifyWaste = 1

// workshop is the full-screen view for a room: only the map, the metrics
// strip and the banner with the four steps, all scaled up.
type workshop struct {
	a       *App
	view    *MapView
	scroll  *container.Scroll
	strip   *MetricsStrip
	current int
	steps   [4]*widget.Button
	hint    *widget.Label
	content fyne.CanvasObject
}

// ToggleWorkshop enters or leaves workshop mode (F11, toolbar button).
func (a *App) ToggleWorkshop() {
	if a.workshop != nil {
		a.leaveWorkshop()
		return
	}
	if a.cur == nil {
		return
	}
	a.table.flush()
	a.settings.flush()
	a.win.Canvas().Unfocus()
	ws := newWorkshop(a)
	a.workshop = ws
	a.win.SetMainMenu(nil)
	a.win.SetContent(ws.content)
	a.win.SetFullScreen(true)
	ws.refresh()
	ws.content.Refresh() // lay the wrapped hint out at its real width
	a.setStatus("Workshop mode: Escape or F11 to leave.", false)
}

func (a *App) leaveWorkshop() {
	if a.wastePopup != nil {
		a.wastePopup.Hide()
	}
	a.workshop = nil
	a.win.SetFullScreen(false)
	a.win.SetContent(a.root)
	a.win.SetMainMenu(a.menu)
	a.refresh(false)
	if a.sel >= 0 {
		a.focusStage(a.sel, colName)
	}
}

// InWorkshop reports whether workshop mode is on.
func (a *App) InWorkshop() bool { return a.workshop != nil }

func newWorkshop(a *App) *workshop {
	ws := &workshop{a: a, current: a.workshopStep()}
	ws.view = NewMapView()
	ws.view.OnTapped = ws.tapped
	ws.scroll = container.NewScroll(ws.view)
	ws.strip = NewMetricsStrip()
	for i := range ws.steps {
		i := i
		ws.steps[i] = widget.NewButton(fmt.Sprintf("%d  %s", i+1, WorkshopSteps[i].Short), func() { ws.goTo(i) })
	}
	ws.hint = widget.NewLabel("")
	ws.hint.Wrapping = fyne.TextWrapWord
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { ws.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { ws.step(1) })
	exit := widget.NewButtonWithIcon("Leave (Esc)", theme.ViewRestoreIcon(), a.ToggleWorkshop)
	stepsRow := container.NewBorder(nil, nil, prev, container.NewHBox(next, exit),
		container.NewGridWithColumns(4, ws.steps[0], ws.steps[1], ws.steps[2], ws.steps[3]))
	banner := container.NewVBox(stepsRow, ws.hint, widget.NewSeparator())
	body := container.NewBorder(banner, container.NewPadded(ws.strip), nil, nil, ws.scroll)
	ws.content = container.NewThemeOverride(container.NewPadded(body), scaledTheme{factor: workshopScale})
	ws.showStep()
	return ws
}

// workshopStep is where the last workshop of this session stopped.
func (a *App) workshopStep() int { return a.lastStep }

func (ws *workshop) refresh() {
	a := ws.a
	if a.cur == nil {
		return
	}
	ws.view.selected = a.sel
	ws.view.Set(a.cur, a.met)
	ws.strip.Set(a.cur, a.met)
}

func (ws *workshop) step(delta int) {
	ws.goTo(ws.current + delta)
}

func (ws *workshop) goTo(i int) {
	if i < 0 || i >= len(WorkshopSteps) {
		return
	}
	ws.current = i
	ws.a.lastStep = i
	ws.showStep()
	ws.a.win.Canvas().Unfocus()
}

func (ws *workshop) showStep() {
	for i, b := range ws.steps {
		imp := widget.LowImportance
		if i == ws.current {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	st := WorkshopSteps[ws.current]
	ws.hint.SetText(fmt.Sprintf("Step %d of 4, %s: %s", ws.current+1, strings.ToLower(st.Title), st.Hint))
}

// Step is the workshop step shown (0-3), or -1 outside workshop mode.
func (a *App) Step() int {
	if a.workshop == nil {
		return -1
	}
	return a.workshop.current
}

// tapped selects a stage; while identifying waste it also opens its tags.
func (ws *workshop) tapped(i int) {
	ws.a.selectStage(i)
	if ws.current == stepIdentifyWaste {
		ws.a.showWastePicker(i, nil)
	}
}

// showWastePicker opens the waste tags of stage i as check boxes beside
// anchor (the table's button), or beside the stage on the workshop map.
// Each tick is its own undoable change.
func (a *App) showWastePicker(i int, anchor fyne.CanvasObject) {
	if a.cur == nil || i < 0 || i >= len(a.cur.Stages) {
		return
	}
	a.table.flush()
	if a.wastePopup != nil {
		a.wastePopup.Hide()
	}
	grid := container.NewGridWithColumns(2)
	for _, w := range vsm.WasteTypes {
		w := w
		check := widget.NewCheck(string(w), nil)
		check.Checked = a.cur.Stages[i].HasWaste(w)
		check.OnChanged = func(on bool) {
			if a.cur != nil && i < len(a.cur.Stages) && a.cur.Stages[i].HasWaste(w) != on {
				_ = a.ToggleWaste(i, w)
			}
		}
		grid.Add(check)
	}
	title := widget.NewLabelWithStyle("Waste at "+a.cur.Stages[i].Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var pop *widget.PopUp
	done := widget.NewButton("Done", func() { pop.Hide() })
	done.Importance = widget.HighImportance
	var content fyne.CanvasObject = container.NewBorder(title, container.NewHBox(layout.NewSpacer(), done), nil, nil, grid)
	c := a.win.Canvas()
	if a.workshop != nil {
		content = container.NewThemeOverride(content, scaledTheme{factor: workshopScale})
	}
	pop = widget.NewPopUp(content, c)
	size := pop.MinSize()
	var pos fyne.Position
	switch {
	case a.workshop != nil:
		// Beside the stage's box, so the box stays visible.
		v := a.workshop.view
		g := geomFor(v.Theme())
		x0, _ := v.StageSpan(i)
		base := fyne.CurrentApp().Driver().AbsolutePositionForObject(v)
		boxLeft := base.X + x0 + g.triW
		pos = fyne.NewPos(boxLeft+g.boxW+12, base.Y+g.boxY)
		if pos.X+size.Width > c.Size().Width {
			pos.X = boxLeft - 12 - size.Width
		}
	case anchor != nil:
		base := fyne.CurrentApp().Driver().AbsolutePositionForObject(anchor)
		pos = base.Add(fyne.NewPos(anchor.Size().Width-size.Width, anchor.Size().Height))
	}
	// Keep it on screen.
	pos.X = fyne.Max(0, fyne.Min(pos.X, c.Size().Width-size.Width))
	pos.Y = fyne.Max(0, fyne.Min(pos.Y, c.Size().Height-size.Height))
	pop.ShowAtPosition(pos)
	a.wastePopup = pop
}
