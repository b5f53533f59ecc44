package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui"
	"flowmap/ui/importui"
	"flowmap/vsm"
	"flowmap/vsm/store"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The store wraps the domain's ErrNameTaken, which the import screens test for.
func TestImportStoreMarksNameClashes(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var st importui.MapStore = db
	m := vsm.ExampleMap()
	m.Name = "Import clash"
	if _, err := st.Create(m); err != nil {
		t.Fatal(err)
	}
	_, err = st.Create(m)
	if !errors.Is(err, importui.ErrNameTaken) || !errors.Is(err, store.ErrNameTaken) {
		t.Errorf("second create: %v", err)
	}
}

// TestCommandLineFileOpensThePreview runs `flowmap FILE` on the real window
// and store: the preview opens, and Import as new map stores and opens it;
// the other screens are there beside the map.
func TestCommandLineFileOpensThePreview(t *testing.T) {
	test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := test.NewWindow(nil)
	defer w.Close()
	// The importers' messy export, with its one bad value corrected.
	messy, err := os.ReadFile(filepath.Join("..", "..", "importers", "stagesheet", "testdata", "messy-export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "Team alpha.csv", strings.Replace(string(messy), "abc", "120", 1))
	w.Resize(fyne.NewSize(1280, 860))
	// What openEditor does, with a wait for the sheet read in the background:
	// the test driver shows its result on the reader's goroutine.
	a := ui.New(fyne.CurrentApp(), w, ui.Options{Store: db, Version: Version})
	im := wireScreens(a, db)
	read := make(chan struct{}, 4)
	im.OnReadFinished(func() { read <- struct{}{} })
	im.Open(path)
	<-read

	// The buttons of the preview, then of the name dialog it opens.
	tap := func(label string) {
		t.Helper()
		var found *widget.Button
		for deadline := time.Now().Add(10 * time.Second); found == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
				if b, ok := o.(*widget.Button); ok && b.Text == label {
					found = b
				}
			})
		}
		if found == nil {
			t.Fatalf("no button %q in the dialog within 10 s", label)
		}
		test.Tap(found)
	}
	tap("Import as new map…")
	tap("Import")
	m, err := db.GetByName("Team alpha")
	if err != nil || len(m.Stages) != 4 {
		t.Fatalf("store holds %+v (%v)", m, err)
	}
	if cur := a.CurrentMap(); cur == nil || cur.ID != m.ID {
		t.Errorf("the imported map is not open: %+v", cur)
	}
	var tabs []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if at, ok := o.(*container.AppTabs); ok {
			for _, it := range at.Items {
				tabs = append(tabs, it.Text)
			}
		}
	})
	if got := strings.Join(tabs, ", "); !strings.Contains(got, "Kaizen") || !strings.Contains(got, "History") ||
		!strings.Contains(got, "Future state") || !strings.Contains(got, "Learning log") {
		t.Errorf("tabs are %s; want the kaizen screens beside the map", got)
	}
	// PT 120 min of Test is 2 h; its wait column was not recognized.
	if cur := a.CurrentMap(); cur != nil && (cur.Stages[2].ProcessHours != 2 || cur.Stages[2].WaitHours != 0) {
		t.Errorf("Test = %+v", cur.Stages[2])
	}
}

func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}
