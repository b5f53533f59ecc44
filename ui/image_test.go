package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"flowmap/vsm"
)

// The reference pictures of the main window and of workshop mode. Refresh
// them after a deliberate change with: go test ./ui -run Reference -update
// (a failed comparison writes the new picture to testdata/failed/).

func referenceApp(t *testing.T, v fyne.ThemeVariant) *App {
	t.Helper()
	a, _ := newTestApp(t, vsm.ExampleMap())
	useVariant(v)
	// Tall enough that every stage row shows: the test painter does not clip
	// entries nested in scrolled containers as the real window does.
	a.win.Resize(fyne.NewSize(1280, 1040))
	a.selectStage(2)
	a.win.Canvas().Unfocus() // no blinking cursor in the picture
	return a
}

func TestReferenceMainWindowLight(t *testing.T) {
	a := referenceApp(t, theme.VariantLight)
	assertImage(t, "main_light.png", a.win.Canvas().Capture())
}

func TestReferenceMainWindowDark(t *testing.T) {
	a := referenceApp(t, theme.VariantDark)
	assertImage(t, "main_dark.png", a.win.Canvas().Capture())
}

func TestReferenceWorkshop(t *testing.T) {
	a := referenceApp(t, theme.VariantDark)
	a.win.Resize(fyne.NewSize(1280, 800))
	a.ToggleWorkshop()
	a.workshop.goTo(stepIdentifyWaste)
	assertImage(t, "workshop.png", a.win.Canvas().Capture())
}

func TestReferenceInvalidEntry(t *testing.T) {
	a := referenceApp(t, theme.VariantLight)
	typeCell(t, a, 2, colWait, "2 dayz")
	a.win.Canvas().Unfocus()
	assertImage(t, "invalid_entry.png", a.win.Canvas().Capture())
}
