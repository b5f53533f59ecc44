package importui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// lightTheme is the default theme held to its light variant, so reference
// images do not depend on the machine's preference.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// assertImage compares img with testdata/name; -update rewrites it.
func assertImage(t *testing.T, name string, img image.Image) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertImageMatches(t, name, img)
}

// tableTexts is every cell text the table shows, row by row ("|" between cells).
func tableTexts(tb *widget.Table) string {
	var cells []string
	walk(tb, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			cells = append(cells, l.Text)
		}
	})
	return strings.Join(cells, "|")
}

func TestPreviewOfAMessySheet(t *testing.T) {
	sheet := messySheet()
	im, h := setup(t, nil, Deps{ReadSheet: sheet.read})
	fyne.CurrentApp().Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	p := openPreview(t, im, h, "/data/Team alpha.xlsx")

	all := texts(t, h.win)
	// Rows 4.. are below the header in row 3: the blank row is row 7, the
	// total row 9; the bad value sits in row 6 (Test), column "PT".
	mustContain(t, "the preview", all,
		"Rows skipped (2)", "Row 7: blank row", `Row 9: a "Total" row`,
		"Problems (1)", `Sheet “Q3 delivery”, row 6, column “PT”: "two" is not a duration`,
		"Import is off: 1 problem in the file",
		"Stages as understood (3)", "column names in row 3",
		`B  “Wait (days)”`, "numbers in days, as the column name says",
		`C  “PT”`, "numbers without a unit read as hours",
		`D  “Touch”`, "not a column Flowmap knows",
	)
	if !p.newBtn.Disabled() || !p.updateBtn.Disabled() {
		t.Error("import buttons are on although the sheet has a problem")
	}
	mustEqual(t, "column D's meaning", p.colSel[3].Selected, "(ignored)")
	mustEqual(t, "sheet picker", p.sheetSel.Selected, "Q3 delivery")
	// Refine: wait 2 days of 8 h = 16 h = "2d"; PT 1.5 h; LT 17.5 h, which
	// FormatDuration rounds to "2d 2h" (two units).
	mustContain(t, "the stage table", tableTexts(p.table),
		"4|Refine|2d|1h 30m|2d 2h|80%|1|Product",
		"5|Build|1d|6h|1d 6h|90%|1|Dev",
		"8|Deploy|4h|1h|5h|95%|1|Ops")
	assertImage(t, "preview_messy.png", h.win.Canvas().Capture())
}

func TestPreviewUnitChangesTheDurations(t *testing.T) {
	sheet := cleanSheet()
	im, h := setup(t, nil, Deps{ReadSheet: sheet.read})
	p := openPreview(t, im, h, "team.xlsx")
	mustEqual(t, "unit shown", p.unitSel.Selected, "hours")
	// Hours: Refine PT 1.5 h.
	mustContain(t, "table in hours", tableTexts(p.table), "Refine|2d|1h 30m|", "Build|1d|6h|")

	p.unitSel.SetSelected("days")
	h.waitRead(t)
	last := sheet.reads[len(sheet.reads)-1]
	if last.Unit != vsm.Days || !last.UnitSet {
		t.Fatalf("reader got unit %v (set %v), want days chosen", last.Unit, last.UnitSet)
	}
	// Days of 8 h: PT 1.5 d = 12 h = "1d 4h"; 6 d = 48 h = 1 w (40 h) + 1 d.
	// The wait column names its unit (days) and does not change.
	got := tableTexts(p.table)
	mustContain(t, "table in days", got, "Refine|2d|1d 4h|", "Build|1d|1w 1d|", "Deploy|4h|1d|")
	if strings.Contains(got, "1h 30m") {
		t.Errorf("the table still shows hours: %s", got)
	}
	mustContain(t, "column C", texts(t, im.host.Window()), "numbers without a unit read as days")
}

func TestPreviewColumnMeaningReadsAgain(t *testing.T) {
	sheet := messySheet()
	im, h := setup(t, nil, Deps{ReadSheet: sheet.read})
	p := openPreview(t, im, h, "team.xlsx")
	n := len(sheet.reads)

	// "Touch" is the hands-on time: make it the process time.
	p.colSel[3].SetSelected("process time")
	h.waitRead(t)
	if len(sheet.reads) != n+1 {
		t.Fatalf("choosing a meaning read the file %d times, want once", len(sheet.reads)-n)
	}
	mustEqual(t, "columns read with", sheet.reads[n].Columns, map[int]vsm.ColumnField{3: vsm.ProcessColumn})
	// PT still has "two": still a problem. Ignore PT.
	if p.newBtn.Disabled() == false {
		t.Error("import on while PT still has a bad value")
	}
	p.colSel[2].SetSelected("(ignored)")
	h.waitRead(t)
	mustEqual(t, "columns read with", sheet.reads[n+1].Columns, map[int]vsm.ColumnField{2: vsm.IgnoredColumn, 3: vsm.ProcessColumn})
	if p.newBtn.Disabled() {
		t.Fatalf("import still off: %s", p.verdict.Text)
	}
	// Process comes from Touch now: Refine 30m, Test 1h; 4 stages. Refine's
	// lead time 16.5 h is 2d 30m, which FormatDuration rounds to "2d 1h".
	mustContain(t, "table", tableTexts(p.table), "Refine|2d|30m|2d 1h|", "6|Test|3d|1h|3d 1h|")
	mustContain(t, "verdict", p.verdict.Text, "4 stages ready to import (2 rows skipped")
	mustContain(t, "column D", texts(t, im.host.Window()), "meaning chosen by you")

	// Another sheet: the choices were for this one's columns.
	p.sheetSel.SetSelected("Notes")
	h.waitRead(t)
	last := sheet.reads[len(sheet.reads)-1]
	if last.Sheet != "Notes" || last.Columns != nil {
		t.Errorf("sheet change read with sheet %q columns %v", last.Sheet, last.Columns)
	}
}

func TestImportAsNewMapReachesTheStore(t *testing.T) {
	existing := vsm.ExampleMap()
	existing.Name = "Team alpha"
	st := newFakeStore(existing)
	sheet := cleanSheet()
	im, h := setup(t, st, Deps{ReadSheet: sheet.read})
	p := openPreview(t, im, h, "/data/Team alpha.xlsx")
	test.Tap(p.newBtn)

	entries := find[*widget.Entry](t, h.win)
	if len(entries) != 1 || entries[0].Text != "Team alpha" {
		t.Fatalf("name field = %v, want one with the file's name", entries)
	}
	test.Tap(button(t, h.win, "Import"))
	mustContain(t, "name dialog", texts(t, h.win), "a map named “Team alpha” already exists")
	if len(st.order) != 1 {
		t.Fatal("a map was stored under a taken name")
	}

	entries[0].SetText("Team alpha Q3")
	test.Tap(button(t, h.win, "Import"))
	m := st.byName("Team alpha Q3")
	if m == nil {
		t.Fatalf("no map stored; errors: %s", errText(h.errs))
	}
	mustEqual(t, "opened", h.opened, []string{m.ID})
	names := []string{}
	for _, s := range m.Stages {
		names = append(names, s.Name)
	}
	mustEqual(t, "stages", names, []string{"Refine", "Build", "Test", "Deploy"})
	// Test: wait 3 d = 24 h, PT 2 h (bare hours), C&A 75%.
	mustEqual(t, "Test", [3]float64{m.Stages[2].WaitHours, m.Stages[2].ProcessHours, m.Stages[2].CompleteAccurate}, [3]float64{24, 2, 0.75})
	if !p.closed || h.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialogs stayed open after the import")
	}
}

func TestUpdateCurrentMapShowsTheDifferenceFirst(t *testing.T) {
	cur := vsm.NewMap("Team alpha")
	cur.ID = "m1"
	refine := vsm.NewStage("refine") // matched ignoring case
	refine.WaitHours, refine.ProcessHours, refine.Team, refine.People = 8, 1.5, "Product", 2
	build := vsm.NewStage("Build")
	build.WaitHours, build.ProcessHours, build.CompleteAccurate, build.Team = 8, 6, 0.9, "Dev"
	release := vsm.NewStage("Release")
	release.WaitHours = 40
	cur.Stages = []vsm.Stage{refine, build, release}

	sheet := cleanSheet()
	sheet.rows = slices.Delete(sheet.rows, 4, 5) // no Deploy
	im, h := setup(t, nil, Deps{ReadSheet: sheet.read})
	h.cur = cur
	p := openPreview(t, im, h, "team.xlsx")
	mustEqual(t, "update button", p.updateBtn.Text, "Update “Team alpha”…")
	test.Tap(p.updateBtn)

	// Sheet: Refine wait 2 d = 16 h (map 8 h), PT 1.5 h (same), CA 80% (map
	// 100%), team Product (same); Build all the same; Test is new; Release is
	// only in the map. People have no column: refine keeps 2.
	all := texts(t, h.win)
	mustContain(t, "difference", all,
		"Changed (1)", "refine: wait from 1d to 2d; %C&A from 100% to 80%",
		"Added from the sheet (1)", "Test: wait 3d, process 2h, %C&A 75%",
		"Only in the map (1)", "Release", "Remove this stage from the map",
		"Unchanged: 1 stage", "(wait, process, %C&A, team)")
	if len(h.replaced) != 0 {
		t.Fatal("the map changed before the person agreed")
	}
	test.Tap(button(t, h.win, "Update the map"))
	if len(h.replaced) != 1 {
		t.Fatalf("ReplaceMap called %d times; errors: %s", len(h.replaced), errText(h.errs))
	}
	got := h.replaced[0]
	var names []string
	for _, s := range got.Stages {
		names = append(names, s.Name)
	}
	// Test comes in after Build, the sheet stage it follows; Release stays.
	mustEqual(t, "stages", names, []string{"refine", "Build", "Test", "Release"})
	mustEqual(t, "refine", [4]float64{got.Stages[0].WaitHours, got.Stages[0].ProcessHours, got.Stages[0].CompleteAccurate, got.Stages[0].People}, [4]float64{16, 1.5, 0.8, 2})
	mustEqual(t, "Release", got.Stages[3].WaitHours, 40.0)
	if !p.closed {
		t.Error("the preview stayed open")
	}
}

func TestUpdateThatChangesNothing(t *testing.T) {
	sheet := cleanSheet()
	im, h := setup(t, nil, Deps{ReadSheet: sheet.read})
	p := openPreview(t, im, h, "team.xlsx")
	m, _ := p.sh.Map("Same")
	m.ID = "m1"
	h.cur = m
	p.read()
	h.waitRead(t)
	test.Tap(p.updateBtn)
	mustContain(t, "difference", texts(t, h.win), "there is nothing to update", "Unchanged: 4 stages")
	if b := button(t, h.win, "Update the map"); !b.Disabled() {
		t.Error("Update is on with nothing to update")
	}
}

func TestMapFileOpensAsANewMapDirectly(t *testing.T) {
	existing := vsm.ExampleMap()
	st := newFakeStore(existing)
	var read []string
	im, h := setup(t, st, Deps{
		ReadSheet: func(string, vsm.SheetOptions) (*vsm.SheetPreview, error) {
			t.Fatal("a map file went to the preview")
			return nil, nil
		},
		ReadMapFile: func(path string) (*vsm.Map, error) {
			read = append(read, path)
			return vsm.ExampleMap(), nil
		},
	})
	im.Open("/home/x/team.flowmap.json")
	mustEqual(t, "read", read, []string{"/home/x/team.flowmap.json"})
	if len(st.order) != 2 {
		t.Fatalf("%d maps stored; errors: %s", len(st.order), errText(h.errs))
	}
	m := st.maps[st.order[1]]
	mustEqual(t, "name", m.Name, existing.Name+" (2)")
	mustEqual(t, "opened", h.opened, []string{m.ID})
}

func TestDroppedFiles(t *testing.T) {
	sheet := cleanSheet()
	var mapFiles []string
	im, h := setup(t, nil, Deps{
		ReadSheet: sheet.read,
		ReadMapFile: func(path string) (*vsm.Map, error) {
			mapFiles = append(mapFiles, path)
			return vsm.ExampleMap(), nil
		},
	})
	im.Dropped(fyne.Position{}, []fyne.URI{
		fileURI("/d/a.flowmap.json"), fileURI("/d/stages.csv"), fileURI("/d/other.xlsx"),
	})
	h.waitRead(t)
	mustEqual(t, "map files", mapFiles, []string{"/d/a.flowmap.json"})
	if len(sheet.reads) != 1 {
		t.Errorf("%d sheets previewed, want the first", len(sheet.reads))
	}
	mustContain(t, "message", errText(h.errs), "drop one spreadsheet at a time: other.xlsx was not opened")
}

func TestPreviewOfAFileThatIsNoStageSheet(t *testing.T) {
	var logs []string
	im, h := setup(t, nil, Deps{
		ReadSheet: func(path string, _ vsm.SheetOptions) (*vsm.SheetPreview, error) {
			return &vsm.SheetPreview{File: path, Format: "csv", Encoding: "UTF-8", Delimiter: "comma", NoHeader: true},
				errNoHeader
		},
		ReadEventLog: func(path string, _ vsm.EventLogOptions) (*vsm.EventLogStats, error) {
			logs = append(logs, path)
			return nil, ErrCanceled
		},
	})
	p := openPreview(t, im, h, "log.csv")
	mustContain(t, "preview", texts(t, h.win), "CSV · UTF-8 · comma-separated", "The file: no header row found",
		"no row looks like the column names of a stage sheet")
	if !p.eventBtn.Visible() || !p.newBtn.Disabled() {
		t.Fatal("no way to read it as an event log, or import left on")
	}
	test.Tap(p.eventBtn)
	h.waitRead(t)
	mustEqual(t, "event log read", logs, []string{"log.csv"})
}

var errNoHeader = &headerError{}

type headerError struct{}

func (*headerError) Error() string { return "no header row found in the first 20 rows" }

func fileURI(path string) fyne.URI { return storage.NewFileURI(path) }

// A file named on the command line or dropped may be an event log or a stage
// sheet: its header decides, and the event-log import or the preview opens.
func TestOpenTellsEventLogsFromStageSheets(t *testing.T) {
	sheet := cleanSheet()
	var logs []string
	im, h := setup(t, nil, Deps{
		ReadSheet:  sheet.read,
		IsEventLog: func(path string) bool { return strings.HasSuffix(path, "jira.csv") },
		ReadEventLog: func(path string, _ vsm.EventLogOptions) (*vsm.EventLogStats, error) {
			logs = append(logs, path)
			return &vsm.EventLogStats{File: path, Shape: vsm.ShapeIntervals, Rows: 2, Items: 1,
				Stages: []vsm.StageStats{{Name: "Review", Items: 1, Completed: 1}}}, nil
		},
	})
	im.Open("/d/stages.csv")
	h.waitRead(t)
	if len(sheet.reads) != 1 || len(logs) != 0 {
		t.Fatalf("a stage sheet: %d previews, %d log reads", len(sheet.reads), len(logs))
	}
	im.Dropped(fyne.Position{}, []fyne.URI{fileURI("/d/jira.csv")})
	h.waitRead(t)
	mustEqual(t, "event log read", logs, []string{"/d/jira.csv"})
	if len(sheet.reads) != 1 || len(h.errs) != 0 {
		t.Fatalf("%d sheet previews, errors %s", len(sheet.reads), errText(h.errs))
	}
	mustContain(t, "statistics", texts(t, h.win), "Review")
}
