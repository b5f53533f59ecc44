package ui

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

var update = flag.Bool("update", false, "rewrite the reference images in testdata/")

// newTestApp opens a window on a fake store holding maps; the first map is
// the one open (the store's current map).
func newTestApp(t testing.TB, maps ...*vsm.Map) (*App, *fakeStore) {
	t.Helper()
	test.NewTempApp(t)
	st := newFakeStore(maps...)
	if len(st.order) > 0 {
		st.current = st.order[0]
	}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	a := New(fyne.CurrentApp(), w, Options{Store: st, Version: "1.2.3"})
	w.Resize(fyne.NewSize(1280, 1000))
	return a, st
}

// cell is the entry of stage row, column col.
func cell(t testing.TB, a *App, row, col int) *editEntry {
	t.Helper()
	if row >= len(a.table.rows) {
		t.Fatalf("no row %d: the table has %d", row, len(a.table.rows))
	}
	return a.table.rows[row].cells[col]
}

// typeCell clicks into a cell, types text over its value and presses Enter,
// as a person does.
func typeCell(t testing.TB, a *App, row, col int, text string) {
	t.Helper()
	e := cell(t, a, row, col)
	a.win.Canvas().Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{}) // already focused: no fresh selection
	test.Type(e, text)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// press delivers a shortcut the way the desktop driver does: the main menu
// first, then the focused widget, then the window's own shortcuts.
func press(a *App, sc fyne.Shortcut) {
	if m := a.win.MainMenu(); m != nil && triggerMenu(m.Items, sc) {
		return
	}
	c := a.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	// The test canvas does not expose its shortcut handler; the window's
	// shortcuts are the app's own list (installShortcuts registers them).
	a.handleShortcut(sc)
}

func triggerMenu(menus []*fyne.Menu, sc fyne.Shortcut) bool {
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && triggerMenu([]*fyne.Menu{it.ChildMenu}, sc) {
				return true
			}
		}
	}
	return false
}

// pressKey delivers a key without modifier to the focused widget or the window.
func pressKey(a *App, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	c := a.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// mapText is what the drawing shows for stage i: value rows PT, LT, %C&A, people.
func mapValues(a *App, v *MapView, i int) [4]string {
	r := test.WidgetRenderer(v).(*mapRenderer)
	var out [4]string
	for k, t := range r.stages[i].vals {
		out[k] = t.Text
	}
	return out
}

// cardValue is the value under caption in the metrics strip, "" if absent.
func cardValue(s *MetricsStrip, caption string) string {
	for _, c := range s.cardsShown() {
		if c.caption == caption {
			return c.value
		}
	}
	return ""
}

// The store stamps Updated on every save, so it is not compared.
func mustEqualMaps(t testing.TB, what string, got, want *vsm.Map) {
	t.Helper()
	if got != nil && want != nil {
		got, want = got.Clone(), want.Clone()
		got.Updated, want.Updated = time.Time{}, time.Time{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: maps differ\n got: %+v\nwant: %+v", what, got, want)
	}
}

// overlayEntry finds the first entry in the top overlay (a dialog).
func findInOverlay[T fyne.CanvasObject](a *App) []T {
	var out []T
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, k := range c.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(c).Objects() {
				walk(k)
			}
		}
	}
	walk(top)
	return out
}

func buttonNamed(a *App, text string) *widget.Button {
	for _, b := range findInOverlay[*widget.Button](a) {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// forcedVariant is the default theme held to one variant, for the light and
// dark reference images whatever the machine prefers.
type forcedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (f forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.v)
}

func useVariant(v fyne.ThemeVariant) {
	fyne.CurrentApp().Settings().SetTheme(forcedVariant{theme.DefaultTheme(), v})
}

// assertImage compares img with testdata/name, or rewrites it with -update.
func assertImage(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertImageMatches(t, name, img)
}
