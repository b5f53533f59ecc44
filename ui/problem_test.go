package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// widgetsIn walks o the way findInOverlay does, for window content.
func widgetsIn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
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
	walk(o)
	return out
}

func labelsText(o fyne.CanvasObject) string {
	var parts []string
	for _, l := range widgetsIn[*widget.Label](o) {
		parts = append(parts, l.Text)
	}
	return strings.Join(parts, "\n")
}

func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	for _, b := range widgetsIn[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	return nil
}

func TestDamagedStoreOffersBackupsAndRestores(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	older := BackupChoice{Path: "/home/ana/.config/flowmap/flowmap.db.backup-20260301T090000.000Z", Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Size: 48 << 10}
	newer := BackupChoice{Path: "/home/ana/.config/flowmap/flowmap.db.backup-20260302T170000.000Z", Time: time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC), Size: 52 << 10}
	var restored []string
	reopened, quit := 0, false
	ShowStoreProblem(w, StoreProblem{
		Path:    "/home/ana/.config/flowmap/flowmap.db",
		Err:     errors.New("flowmap.db is damaged: page 3 is not a valid page"),
		Damaged: true,
		Backups: []BackupChoice{newer, older},
		Restore: func(b BackupChoice) error { restored = append(restored, b.Path); return nil },
		Reopen: func() error {
			reopened++
			return nil
		},
		Quit: func() { quit = true },
	})
	text := labelsText(w.Content())
	for _, want := range []string{"The map store is damaged", "page 3 is not a valid page", "left the file exactly as it found it", "Mon 2 Mar 2026 17:00", "52 kB", "Sun 1 Mar 2026 09:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the panel does not say %q:\n%s", want, text)
		}
	}
	if !strings.HasPrefix(w.Title(), "Flowmap — The map store is damaged") {
		t.Errorf("title %q", w.Title())
	}
	restores := []*widget.Button{}
	for _, b := range widgetsIn[*widget.Button](w.Content()) {
		if b.Text == "Restore" {
			restores = append(restores, b)
		}
	}
	if len(restores) != 2 {
		t.Fatalf("%d Restore buttons, want one per backup", len(restores))
	}
	test.Tap(restores[1]) // the older one; it asks first
	if len(restored) != 0 {
		t.Fatal("restored without asking")
	}
	test.Tap(buttonNamedIn(w, "Restore"))
	if len(restored) != 1 || restored[0] != older.Path || reopened != 1 {
		t.Fatalf("restored %v, reopened %d", restored, reopened)
	}
	test.Tap(buttonIn(w.Content(), "Quit"))
	if !quit {
		t.Error("Quit did nothing")
	}
}

func TestLockedStoreSaysSoAndRetries(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	tries := 0
	ShowStoreProblem(w, StoreProblem{
		Path:   "/tmp/x/flowmap.db",
		Err:    errors.New("Flowmap is already open: another window or process is using /tmp/x/flowmap.db"),
		Locked: true,
		Reopen: func() error {
			tries++
			return errors.New("Flowmap is already open: another window or process is using /tmp/x/flowmap.db")
		},
	})
	text := labelsText(w.Content())
	if !strings.Contains(text, "Flowmap is already open") || strings.Contains(text, "Backups") {
		t.Errorf("panel:\n%s", text)
	}
	if buttonIn(w.Content(), "Restore") != nil {
		t.Error("a locked store offers a restore")
	}
	test.Tap(buttonIn(w.Content(), "Try again"))
	if tries != 1 || !strings.Contains(labelsText(w.Content()), "Still cannot open it") {
		t.Errorf("try again: %d tries, panel:\n%s", tries, labelsText(w.Content()))
	}
}

func buttonNamedIn(w fyne.Window, text string) *widget.Button {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return buttonIn(top, text)
}
