package kaizenui

import (
	"errors"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

var update = flag.Bool("update", false, "rewrite the reference images in testdata/")

// fakeHost is the main window as the screens see it: ReplaceMap validates and
// keeps the map (no undo, no store), then tells the listeners, as ui.App does.
type fakeHost struct {
	m         *vsm.Map
	win       fyne.Window
	listeners []func(*vsm.Map)
	replaced  int // successful ReplaceMap calls
	errs      []error
	failNext  error // the next ReplaceMap fails with it (a full disk)
}

func (h *fakeHost) CurrentMap() *vsm.Map { return h.m }

func (h *fakeHost) ReplaceMap(m *vsm.Map) error {
	if h.m == nil {
		return errNoMap
	}
	if err := h.failNext; err != nil {
		h.failNext = nil
		h.ShowError(err)
		return err
	}
	if err := m.Validate(); err != nil {
		h.ShowError(err)
		return err
	}
	next := m.Clone()
	next.ID, next.Created = h.m.ID, h.m.Created
	h.m = next
	h.replaced++
	h.changed()
	return nil
}

// set replaces the map without counting a change (another screen's edit,
// another map opened).
func (h *fakeHost) set(m *vsm.Map) {
	h.m = m
	h.changed()
}

func (h *fakeHost) changed() {
	for _, f := range h.listeners {
		f(h.m)
	}
}

func (h *fakeHost) OnMapChanged(f func(*vsm.Map)) { h.listeners = append(h.listeners, f) }
func (h *fakeHost) Window() fyne.Window           { return h.win }
func (h *fakeHost) ShowError(err error)           { h.errs = append(h.errs, err) }

// fakeCharts records what the screens asked to draw and draws a plain picture.
type fakeCharts struct {
	mu    sync.Mutex
	calls []chartCall
}

type chartCall struct {
	chart        string
	w, h         int
	measurements int
	hasFuture    bool
	completions  int
}

func (c *fakeCharts) draw(m *vsm.Map, chart string, w, h int) (image.Image, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, chartCall{chart: chart, w: w, h: h, measurements: len(m.Measurements),
		hasFuture: m.Future != nil, completions: len(vsm.Completions(m))})
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{C: color.NRGBA{R: 0xdd, G: 0xee, B: 0xff, A: 0xff}}, image.Point{}, draw.Src)
	return img, nil
}

func (c *fakeCharts) last(chart string) (chartCall, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.calls) - 1; i >= 0; i-- {
		if c.calls[i].chart == chart {
			return c.calls[i], true
		}
	}
	return chartCall{}, false
}

// clock is a settable "today".
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func date(s string) time.Time {
	t, err := time.ParseInLocation(vsm.DateLayout, s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is the screens on a fake host in a test window.
type fixture struct {
	t      *testing.T
	host   *fakeHost
	s      *Screens
	charts *fakeCharts
	clock  *clock
	win    fyne.Window
	sheets map[string]*vsm.Map // what ReadSheet returns by path
}

// newFixture shows the screens for m (nil: none open) with today 2026-01-05.
func newFixture(t *testing.T, m *vsm.Map) *fixture {
	t.Helper()
	test.NewTempApp(t)
	f := &fixture{t: t, charts: &fakeCharts{}, clock: &clock{t: date("2026-01-05").Add(10 * time.Hour)}, sheets: map[string]*vsm.Map{}}
	f.win = test.NewWindow(nil)
	t.Cleanup(f.win.Close)
	if m != nil && m.ID == "" {
		m.ID = "map1"
	}
	f.host = &fakeHost{m: m, win: f.win}
	opt := Options{Chart: f.charts.draw, Now: f.clock.now, ReadSheet: func(path string, cal vsm.Calendar) (*vsm.Map, error) {
		if sm, ok := f.sheets[path]; ok {
			return sm.Clone(), nil
		}
		return nil, errors.New(path + ": no such file")
	}}
	f.s = newScreensForTest(f.host, opt)
	return f
}

// newScreensForTest is New with charts drawn at once (see syncCharts).
func newScreensForTest(h Host, opt Options) *Screens {
	s := &Screens{h: h, opt: opt, syncCharts: true}
	s.kaizen = newKaizenScreen(s)
	s.history = newHistoryScreen(s)
	s.future = newFutureScreen(s)
	s.learning = newLearningScreen(s)
	s.wire()
	return s
}

// show puts one tab's content in the window at size w x h.
func (f *fixture) show(content fyne.CanvasObject, w, h float32) {
	f.win.SetContent(content)
	f.win.Resize(fyne.NewSize(w, h))
}

// typeInto focuses e, replaces its text with text as a person types it.
func (f *fixture) typeInto(e fyne.Focusable, text string) {
	f.t.Helper()
	if en, ok := e.(interface{ SetText(string) }); ok {
		en.SetText("")
	}
	f.win.Canvas().Focus(e)
	test.Type(e, text)
}

// press sends Enter to the focused widget.
func (f *fixture) enter() {
	if fo := f.win.Canvas().Focused(); fo != nil {
		fo.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
}

// unfocus moves the focus away, committing fields that commit on leaving.
func (f *fixture) unfocus() { f.win.Canvas().Unfocus() }

// texts is every label text under o, for "does the screen say X" checks.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text)
			b.WriteString("\n")
			return
		case *widget.Check:
			b.WriteString(w.Text)
			b.WriteString("\n")
			return
		case *widget.Button:
			b.WriteString(w.Text)
			b.WriteString("\n")
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		case *canvas.Text:
			b.WriteString(w.Text)
			b.WriteString("\n")
			return
		case fyne.Widget:
			r := test.WidgetRenderer(w)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// assertImage compares a capture with testdata/name; -update rewrites it.
func assertImage(t *testing.T, name string, img image.Image) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(out, img); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertImageMatches(t, name, img)
}

func ptr(v float64) *float64 { return &v }
