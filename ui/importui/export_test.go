package importui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// saveCall is one save dialog the export asked for.
type saveCall struct {
	title, name string
	exts        []string
}

// exportSetup opens the example map (without measurements or a future
// state) and answers every save dialog with dir/<typed>, where typed is the
// proposed name unless the test sets another.
func exportSetup(t *testing.T, deps Deps) (*Importer, *fakeHost, *[]saveCall, *string, string) {
	t.Helper()
	im, h := setup(t, nil, deps)
	m := vsm.ExampleMap()
	m.ID, m.Measurements, m.Future = "m1", nil, nil
	h.cur = m
	dir := t.TempDir()
	var calls []saveCall
	typed := new(string)
	im.chooseSave = func(title, name string, exts []string, done func(string)) {
		calls = append(calls, saveCall{title, name, exts})
		n := name
		if *typed != "" {
			n = *typed
		}
		path := filepath.Join(dir, n)
		// Fyne's dialog creates the file before it calls back.
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		done(path)
	}
	return im, h, &calls, typed, dir
}

func TestExportWorkbook(t *testing.T) {
	var wrote []string
	im, h, calls, _, _ := exportSetup(t, Deps{WriteWorkbook: func(path string, m *vsm.Map) error {
		wrote = append(wrote, filepath.Base(path)+" of "+m.Name)
		return os.WriteFile(path, []byte("xlsx"), 0o644)
	}})
	im.ExportWorkbook()
	mustEqual(t, "save dialog", *calls, []saveCall{{"Export Excel report", "Feature delivery (example) 2026-03-02.xlsx", []string{".xlsx"}}})
	mustEqual(t, "written", wrote, []string{"Feature delivery (example) 2026-03-02.xlsx of Feature delivery (example)"})
	mustContain(t, "confirmation", texts(t, h.win), "Saved ", "Feature delivery (example) 2026-03-02.xlsx")
}

func TestExportPictureChoosesAChart(t *testing.T) {
	var wrote []string
	im, h, calls, typed, _ := exportSetup(t, Deps{
		Charts: []string{ChartMap, ChartBars, ChartWaterfall, ChartTrend, ChartCompare},
		WritePicture: func(path string, m *vsm.Map, chart string) error {
			wrote = append(wrote, filepath.Base(path)+" "+chart)
			return os.WriteFile(path, []byte("png"), 0o644)
		},
	})
	im.ExportPicture()
	radio := find[*widget.RadioGroup](t, h.win)[0]
	// The example map has no measurements and no future state: trend and
	// compare are offered with the reason they cannot be drawn.
	mustEqual(t, "charts offered", radio.Options, []string{chartLabels[ChartMap], chartLabels[ChartBars], chartLabels[ChartWaterfall]})
	mustContain(t, "chart dialog", texts(t, h.win), "over time: needs at least one measurement", "side by side: needs a future state")
	radio.SetSelected(chartLabels[ChartBars])
	*typed = "slide 3" // typed without the extension
	test.Tap(button(t, h.win, "Save as…"))
	mustEqual(t, "proposed", (*calls)[0].name, "Feature delivery (example) bars 2026-03-02.png")
	mustEqual(t, "written", wrote, []string{"slide 3.png bars"})

	// The map picture's name has no chart in it.
	*typed = ""
	im.ExportPicture()
	test.Tap(button(t, h.win, "Save as…"))
	mustEqual(t, "proposed", (*calls)[1].name, "Feature delivery (example) 2026-03-02.png")
}

func TestExportFailureLeavesNoFile(t *testing.T) {
	im, h, calls, _, dir := exportSetup(t, Deps{WritePicture: func(string, *vsm.Map, string) error {
		return fmt.Errorf("the disk is full: %w", errBoom)
	}})
	h.cur.Name = `Q3: build/test "fast"`
	im.ExportPicture()
	test.Tap(button(t, h.win, "Save as…"))
	name := (*calls)[0].name
	mustEqual(t, "proposed", name, "Q3- build-test -fast- 2026-03-02.png")
	mustContain(t, "error", errText(h.errs), "export "+name+": the disk is full: boom")
	if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
		t.Errorf("the empty file the save dialog made is still there (%v)", err)
	}
}

func TestExportWithoutAMap(t *testing.T) {
	im, h := setup(t, nil, Deps{WriteWorkbook: func(string, *vsm.Map) error { t.Fatal("wrote without a map"); return nil }})
	im.chooseSave = func(string, string, []string, func(string)) { t.Fatal("asked where to save without a map") }
	im.ExportWorkbook()
	mustContain(t, "error", errText(h.errs), "no map is open")
}

func TestCopyPicture(t *testing.T) {
	png := []byte("\x89PNG picture")
	render := func(m *vsm.Map, chart string) ([]byte, error) {
		if chart != ChartMap {
			t.Errorf("copied chart %q, want the map", chart)
		}
		return png, nil
	}
	t.Run("to the clipboard", func(t *testing.T) {
		var copied [][]byte
		im, h, _, _, _ := exportSetup(t, Deps{RenderPicture: render, CopyImage: func(b []byte) error {
			copied = append(copied, b)
			return nil
		}})
		im.deps.TempDir = t.TempDir()
		im.CopyPicture()
		if len(copied) != 1 || !bytes.Equal(copied[0], png) {
			t.Fatalf("copied %q", copied)
		}
		mustContain(t, "message", texts(t, h.win), "Picture copied", "is on the clipboard")
		if got := fyne.CurrentApp().Clipboard().Content(); got != "" {
			t.Errorf("the text clipboard holds %q", got)
		}
	})
	t.Run("no image clipboard: a file and its path", func(t *testing.T) {
		im, h, _, _, _ := exportSetup(t, Deps{RenderPicture: render, CopyImage: func([]byte) error {
			return fmt.Errorf("%w: install xclip", ErrNoImageClipboard)
		}})
		dir := t.TempDir()
		im.deps.TempDir = dir
		im.CopyPicture()
		path := filepath.Join(dir, "Feature delivery (example) 2026-03-02.png")
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, png) {
			t.Fatalf("picture file: %q, %v", got, err)
		}
		mustEqual(t, "clipboard", fyne.CurrentApp().Clipboard().Content(), path)
		mustContain(t, "message", texts(t, h.win), "Picture saved, path copied", "install xclip", "that file path (text, not the picture) is on the clipboard")
	})
	t.Run("the tool fails", func(t *testing.T) {
		im, h, _, _, _ := exportSetup(t, Deps{RenderPicture: render, CopyImage: func([]byte) error { return errBoom }})
		im.CopyPicture()
		mustContain(t, "error", errText(h.errs), "copy the picture: boom")
	})
}

func TestMenuItems(t *testing.T) {
	im, _ := setup(t, nil, Deps{
		ReadSheet:     cleanSheet().read,
		ReadEventLog:  newFakeLogReader().read,
		WriteWorkbook: func(string, *vsm.Map) error { return nil },
		WritePicture:  func(string, *vsm.Map, string) error { return nil },
		RenderPicture: func(*vsm.Map, string) ([]byte, error) { return nil, nil },
	})
	var labels []string
	for _, it := range im.MenuItems() {
		labels = append(labels, it.Label)
		if it.ChildMenu != nil {
			for _, c := range it.ChildMenu.Items {
				labels = append(labels, "  "+c.Label)
			}
		}
	}
	mustEqual(t, "menu", labels, []string{"Import spreadsheet…", "Import event log…", "Export", "  Excel report…", "  PNG picture…", "  ", "  Copy map picture"})

	// Without writers there is no Export menu.
	im2, _ := setup(t, nil, Deps{ReadSheet: cleanSheet().read})
	if n := len(im2.MenuItems()); n != 1 {
		t.Errorf("%d menu items with only a sheet reader", n)
	}
}

// The Fyne file choosers open in the window (Resize before Show panics in
// Fyne v2.8, so this runs the real ones).
func TestFyneFileChoosersOpen(t *testing.T) {
	im, h := setup(t, nil, Deps{ReadSheet: cleanSheet().read, ReadEventLog: newFakeLogReader().read,
		WriteWorkbook: func(string, *vsm.Map) error { return nil }})
	for name, open := range map[string]func(){
		"spreadsheet": im.ChooseSpreadsheet,
		"event log":   im.ChooseEventLog,
		"export": func() {
			h.cur = vsm.ExampleMap()
			im.ExportWorkbook()
		},
	} {
		open()
		top := h.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no file dialog", name)
		}
		if top.Size().Width < 700 {
			t.Errorf("%s: file dialog %v wide, want most of the window", name, top.Size())
		}
		h.win.Canvas().Overlays().Remove(top)
	}
}
