package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/importui"
	"flowmap/vsm"
	"flowmap/vsm/store"
)

// sample is a file of ../shared/samples, from the copies the importers keep
// in their testdata (the tests must not need ../shared).
func sample(name string) string {
	if strings.HasSuffix(name, ".xlsx") {
		return filepath.Join("..", "..", "importers", "stagesheet", "testdata", name)
	}
	return filepath.Join("..", "..", "importers", "eventlog", "testdata", name)
}

// messyCSV is a team's export as it comes: two title lines and a blank
// line above the header, a wait column under a name Flowmap does not know
// ("Lag (d)"), minutes in the PT header, a value that is not a duration, a
// blank row and a total row.
const messyCSV = `Team Alpha — delivery stages,,,,
Exported from the team wiki,,,,
,,,,
Activity,Lag (d),PT (min),%C&A,Owner
Refine ticket,2,90,80%,Product
Build,1,360,90,Dev
Test,3,abc,75%,QA
,,,,
Deploy,0.5,60,95%,Ops
Total,6.5,510,,
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadSheetHandsOverThePreview(t *testing.T) {
	path := writeFile(t, "messy.csv", messyCSV)
	sh, err := readSheet(path, importui.SheetOptions{})
	if err == nil {
		t.Fatal("a sheet with a bad value read without an error")
	}
	if sh.HeaderRow != 4 || sh.Format != "csv" || sh.NoHeader {
		t.Errorf("header row %d, format %q, no header %v", sh.HeaderRow, sh.Format, sh.NoHeader)
	}
	var cols []string
	for _, c := range sh.Columns {
		cols = append(cols, c.Letter+" "+c.Header+" "+c.Field+" "+c.Unit)
	}
	want := []string{"A Activity name ", "B Lag (d) ignore ", "C PT (min) process minutes", "D %C&A complete_accurate ", "E Owner team "}
	if strings.Join(cols, "|") != strings.Join(want, "|") {
		t.Errorf("columns\n%q\nwant\n%q", cols, want)
	}
	if len(sh.Problems) != 1 {
		t.Fatalf("problems %+v", sh.Problems)
	}
	if p := sh.Problems[0]; p.Row != 7 || p.Column != "PT (min)" || p.Value != "abc" || !strings.HasPrefix(p.Message, "is not a duration") {
		t.Errorf("problem %+v", p)
	}
	if len(sh.Skipped) != 2 || sh.Skipped[0].Row != 8 || sh.Skipped[1].Row != 10 {
		t.Errorf("skipped %+v, want rows 8 (blank) and 10 (total)", sh.Skipped)
	}

	// The person says "Lag (d)" is the wait and PT is to be ignored: the
	// header's days now count, and the sheet imports. 2 d of 8 h = 16 h.
	sh, err = readSheet(path, importui.SheetOptions{Columns: map[int]string{1: importui.FieldWait, 2: importui.FieldIgnore}})
	if err != nil {
		t.Fatal(err)
	}
	if c := sh.Columns[1]; c.Field != importui.FieldWait || c.Unit != "days" || !c.UnitFromHeader || !c.Chosen {
		t.Errorf("column B %+v", c)
	}
	m, err := sh.Build("Team alpha", vsm.DefaultCalendar())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Stages) != 4 || m.Stages[0].WaitHours != 16 || m.Stages[2].Name != "Test" || m.Stages[2].WaitHours != 24 {
		t.Errorf("stages %+v", m.Stages)
	}
}

func TestReadSheetSample(t *testing.T) {
	sh, err := readSheet(sample("mbpm-team.xlsx"), importui.SheetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sh.Sheet != "Map" || len(sh.Stages) != 6 || !strings.Contains(sh.Layout, "metrics-based process map") {
		t.Errorf("sheet %q, %d stages, layout %q", sh.Sheet, len(sh.Stages), sh.Layout)
	}
}

func TestReadEventLogHandsOverTheStatistics(t *testing.T) {
	path := sample("events-transitions.csv")
	log, err := readEventLog(path, importui.EventOptions{HoursPerDay: 8})
	if err != nil {
		t.Fatal(err)
	}
	if log.Shape != importui.ShapeTransitions || len(log.Statuses) != len(log.Mapping) || len(log.Stages) == 0 {
		t.Fatalf("shape %q, %d statuses, %d roles, %d stages", log.Shape, len(log.Statuses), len(log.Mapping), len(log.Stages))
	}
	for i, r := range log.Mapping {
		if r.Status != log.Statuses[i] || r.Kind == "" {
			t.Errorf("role %d = %+v for status %q", i, r, log.Statuses[i])
		}
	}
	if s := log.Stages[len(log.Stages)-1]; len(s.WaitHours) != s.Completed {
		t.Errorf("%s kept %d wait samples for %d finished items", s.Name, len(s.WaitHours), s.Completed)
	}

	// Every status ignored except "In Progress": one stage left.
	var roles []importui.StatusRole
	for _, status := range log.Statuses {
		r := importui.StatusRole{Status: status, Kind: importui.KindIgnore}
		if status == "In Progress" {
			r = importui.StatusRole{Status: status, Kind: importui.KindWork, Stage: "Build"}
		}
		roles = append(roles, r)
	}
	log, err = readEventLog(path, importui.EventOptions{Mapping: roles})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Stages) != 1 || log.Stages[0].Name != "Build" {
		t.Errorf("stages with the edited mapping: %+v", log.Stages)
	}
	m, err := log.Map("Measured", importui.StatP85, 0)
	if err != nil || len(m.Stages) != 1 {
		t.Errorf("map %+v, %v", m, err)
	}

	// A closed Cancel is importui's cancel.
	cancel := make(chan struct{})
	close(cancel)
	if _, err := readEventLog(path, importui.EventOptions{Cancel: cancel}); !errors.Is(err, importui.ErrCanceled) {
		t.Errorf("canceled read: %v", err)
	}
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

func TestExportWriters(t *testing.T) {
	dir := t.TempDir()
	m := vsm.ExampleMap()
	xlsx := filepath.Join(dir, "r.xlsx")
	if err := writeWorkbook(xlsx, m); err != nil {
		t.Fatal(err)
	}
	pngPath := filepath.Join(dir, "r.png")
	if err := writePicture(pngPath, m, importui.ChartBars); err != nil {
		t.Fatal(err)
	}
	data, err := renderPicture(m, importui.ChartMap)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"workbook": read(t, xlsx), "picture": read(t, pngPath), "rendered": data} {
		magic := []byte("\x89PNG")
		if name == "workbook" {
			magic = []byte("PK\x03\x04")
		}
		if !bytes.HasPrefix(b, magic) {
			t.Errorf("%s starts %q", name, b[:min(len(b), 8)])
		}
	}
	if err := writePicture(filepath.Join(dir, "t.png"), m, importui.ChartTrend); err == nil {
		t.Error("a trend of a map without measurements was drawn")
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCopyImageWithoutAClipboardTool(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the tools of macOS and Windows are always there")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if err := copyImage([]byte("\x89PNG")); !errors.Is(err, importui.ErrNoImageClipboard) {
		t.Errorf("copy without a display: %v", err)
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
	path := writeFile(t, "Team alpha.csv", strings.Replace(messyCSV, "abc", "120", 1))
	a := openEditor(fyne.CurrentApp(), w, db, path)
	w.Resize(fyne.NewSize(1280, 860))

	tap := func(label string) {
		t.Helper()
		var found *widget.Button
		walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == label {
				found = b
			}
		})
		if found == nil {
			t.Fatalf("no button %q in the dialog", label)
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

// An event log dropped on the window reaches the preview first: it must say
// there is no stage-sheet header, so the preview offers to read it as a log.
func TestEventLogsAreNoStageSheets(t *testing.T) {
	for _, name := range []string{"events-intervals.csv", "events-transitions.csv"} {
		sh, err := readSheet(sample(name), importui.SheetOptions{})
		if err == nil || sh == nil || !sh.NoHeader {
			t.Errorf("%s: no header %v, error %v", name, sh != nil && sh.NoHeader, err)
		}
	}
}
