// Package kaizenui is Flowmap's improvement screens: the kaizen board and
// backlog, the history of dated measurements with its trend chart, the
// future-state design with its comparison, and the blameless learning log.
//
// It imports the domain (vsm) and Fyne widgets only. What it needs from the
// main window, the report package and the importers it declares itself (Host,
// ChartFunc, SheetMeasurer); cmd/flowmap passes the real ones. Every change
// is made on a copy of the open map and handed to Host.ReplaceMap, so it is
// validated, saved at once and undoable like an edit of the stage table.
package kaizenui

import (
	"errors"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// Host is what the screens need from the main window (ui.App satisfies it).
type Host interface {
	// CurrentMap is the open map, nil when none; the screens never modify it.
	CurrentMap() *vsm.Map
	// ReplaceMap makes m the open map's content as one undoable change and
	// saves it. When that fails it tells the person itself and returns why.
	ReplaceMap(m *vsm.Map) error
	// OnMapChanged registers f to be called after every change of the open
	// map and when another map is opened (nil: none is open).
	OnMapChanged(f func(*vsm.Map))
	// Window is the main window, for dialogs.
	Window() fyne.Window
	// ShowError tells the person what went wrong.
	ShowError(err error)
}

// The charts the screens ask ChartFunc for.
const (
	ChartTrend   = "trend"   // lead time and flow efficiency over the measurements, kaizen completions marked
	ChartCompare = "compare" // the map beside its future state (m.Future)
)

// ChartFunc draws chart (ChartTrend or ChartCompare) of m as a picture of
// width x height pixels. cmd/flowmap passes the report package's renderer.
// It is called from a background goroutine with a copy of the map.
type ChartFunc func(m *vsm.Map, chart string, width, height int) (image.Image, error)

// SheetMeasurer reads the stage sheet at path (.xlsx or .csv) into a map whose
// stages are that sheet's values, reading day and week durations on calendar
// cal (the open map's). It backs "Record from spreadsheet…".
type SheetMeasurer func(path string, cal vsm.Calendar) (*vsm.Map, error)

// Options are what cmd/flowmap passes to New.
type Options struct {
	Chart     ChartFunc     // nil: the charts say they are not available
	ReadSheet SheetMeasurer // nil: "Record from spreadsheet…" is disabled
	Now       func() time.Time
}

// Tab is one screen, to put beside the map editor.
type Tab struct {
	Name    string
	Icon    fyne.Resource
	Content fyne.CanvasObject
}

// TabAdder is where the tabs go (ui.App).
type TabAdder interface {
	AddTab(name string, content fyne.CanvasObject) *container.TabItem
}

// Screens are the four improvement screens of one main window.
type Screens struct {
	h   Host
	opt Options
	m   *vsm.Map // the map shown; nil when none is open

	kaizen   *kaizenScreen
	history  *historyScreen
	future   *futureScreen
	learning *learningScreen
	tabs     []*tab // the screens in their tabs, in Tabs order

	// syncCharts renders charts on the calling goroutine: tests set it, as
	// the test driver runs fyne.Do inline and a background render would race.
	syncCharts bool
}

// New builds the screens for h and shows its open map; they follow every
// change of it.
func New(h Host, opt Options) *Screens {
	s := &Screens{h: h, opt: opt}
	s.kaizen = newKaizenScreen(s)
	s.history = newHistoryScreen(s)
	s.future = newFutureScreen(s)
	s.learning = newLearningScreen(s)
	s.wire()
	return s
}

// wire puts the screens in their tabs and follows the host's map.
func (s *Screens) wire() {
	s.tabs = []*tab{
		newTab(s.kaizen.content, func() { s.kaizen.refresh(s.m) }),
		newTab(s.history.content, func() { s.history.refresh(s.m) }),
		newTab(s.future.content, func() { s.future.refresh(s.m) }),
		newTab(s.learning.content, func() { s.learning.refresh(s.m) }),
	}
	s.h.OnMapChanged(s.refresh)
	s.refresh(s.h.CurrentMap())
}

// Tabs are the screens in the order they go beside the map editor: Kaizen,
// History, Future state, Learning log.
func (s *Screens) Tabs() []Tab {
	return []Tab{
		{Name: "Kaizen", Icon: theme.ListIcon(), Content: s.tabs[0]},
		{Name: "History", Icon: theme.HistoryIcon(), Content: s.tabs[1]},
		{Name: "Future state", Icon: theme.MediaFastForwardIcon(), Content: s.tabs[2]},
		{Name: "Learning log", Icon: theme.DocumentIcon(), Content: s.tabs[3]},
	}
}

// AddTo adds every tab to t with its icon.
func (s *Screens) AddTo(t TabAdder) {
	for _, tab := range s.Tabs() {
		if item := t.AddTab(tab.Name, tab.Content); item != nil {
			item.Icon = tab.Icon
		}
	}
}

// refresh shows m (nil: no map) on the screen in view; the others catch up
// when they are shown.
func (s *Screens) refresh(m *vsm.Map) {
	s.m = m
	for _, t := range s.tabs {
		t.changed()
	}
}

// tab is a screen in its tab. Most changes of the map are edits of the
// stage table on the Map tab, so a screen behind another tab is brought up
// to date when it is shown (AppTabs shows and hides its contents), not on
// every change: a stage edit stays as fast as the editor alone.
type tab struct {
	widget.BaseWidget
	content fyne.CanvasObject
	update  func()
	dirty   bool
}

func newTab(content fyne.CanvasObject, update func()) *tab {
	t := &tab{content: content, update: update}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer shows the screen's content.
func (t *tab) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// Show brings the screen up to date before it appears.
func (t *tab) Show() {
	if t.dirty {
		t.dirty = false
		t.update()
	}
	t.BaseWidget.Show()
}

// changed updates the screen now when it is in view, else when shown.
func (t *tab) changed() {
	if t.Visible() {
		t.dirty = false
		t.update()
		return
	}
	t.dirty = true
}

// now is today, from the options' clock.
func (s *Screens) now() time.Time {
	if s.opt.Now != nil {
		return s.opt.Now()
	}
	return time.Now()
}

// errNoMap is returned by changes while no map is open.
var errNoMap = errors.New("no map is open: create or open one in the map library first")

// hostError is a failure the host already told the person about.
type hostError struct{ error }

func (e hostError) Unwrap() error { return e.error }

// apply makes a change to a copy of the open map, checks the result and hands
// it to the host, which saves it as one undoable change. The screens refresh
// through OnMapChanged before it returns. Nothing changes when mutate or the
// validation fails; the error says why.
func (s *Screens) apply(mutate func(m *vsm.Map) error) error {
	cur := s.h.CurrentMap()
	if cur == nil {
		return errNoMap
	}
	next := cur.Clone()
	if err := mutate(next); err != nil {
		return err
	}
	if err := next.Validate(); err != nil {
		return err
	}
	if err := s.h.ReplaceMap(next); err != nil {
		return hostError{err}
	}
	return nil
}

// showError tells the person about err unless the host already did.
func (s *Screens) showError(err error) {
	var he hostError
	if err == nil || errors.As(err, &he) {
		return
	}
	s.h.ShowError(err)
}
