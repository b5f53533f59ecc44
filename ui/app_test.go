package ui

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

func TestMain(m *testing.M) {
	// Library dates and reference images must not depend on the machine's zone.
	time.Local = time.UTC
	nowFunc = func() time.Time { return time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

// The example map (vsm.ExampleMap), in working hours on an 8-hour day:
//
//	stage     wait  process  C&A   people
//	Idea      0     2        1     1
//	Plan      24    4        0.9   2
//	Code      16    12       0.85  4
//	Build     2     1/3      0.98  1
//	Test      32    6        0.8   2
//	Release   40    1        0.95  1
//	Deploy    8     2        0.9   1
//	Operate   1     0.5      1     2
//	Feedback  80    2        1     1
//
// wait 203h = 5w 3h -> "5w"; process 29.83h = 3d 5.83h -> "3d 6h";
// lead 233.17h = 5w 33.17h = 5w 4.15d -> "5w 4d"; flow efficiency 29.83/233.17 = 12.8% -> "13%".
// Capacity people x 8 x C&A / PT: Code 2.27, Test 2.13 (lowest: the constraint), Plan 3.6, Deploy 3.6.
func TestOpensTheCurrentMapWithItsMetrics(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap(), vsm.NewMap("Other"))
	if got := a.win.Title(); got != "Flowmap — Feature delivery (example)" {
		t.Errorf("title = %q", got)
	}
	for caption, want := range map[string]string{
		"Lead time": "5w 4d", "Process time": "3d 6h", "Wait time": "5w", "Flow efficiency": "13%",
	} {
		if got := cardValue(a.strip, caption); got != want {
			t.Errorf("%s = %q, want %q", caption, got, want)
		}
	}
	if c := a.met.Constraint; c == nil || c.Name != "Test" {
		t.Errorf("constraint = %+v, want Test", c)
	}
	lines := a.strip.linesShown()
	if !strings.HasPrefix(lines[0].text, "Test — lowest capacity") {
		t.Errorf("constraint line = %q", lines[0].text)
	}
	if !strings.HasPrefix(lines[1].text, "Feedback — waits 2w") {
		t.Errorf("biggest wait line = %q", lines[1].text)
	}
	// Focus starts in the first stage's name, so typing works at once.
	if f := a.win.Canvas().Focused(); f != cell(t, a, 0, colName) {
		t.Errorf("focus starts in %T, want the first name cell", f)
	}
}

// Typing "4h 30m" into Build's process time:
// process 29.83 - 0.33 + 4.5 = 34h = "4d 2h"; lead 203 + 34 = 237h = 5w 4.625d, which
// rounds to 5d = 1w: "6w"; flow efficiency 34/237 = 14.3% -> "14%".
// Build's capacity 1 x 8 x 0.98 / 4.5 = 1.74/day is now the lowest: the constraint, and
// with demand 2/day its utilization 2/1.74 = 115% flags it overloaded.
func TestTypingADurationUpdatesMetricsDrawingAndStore(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	saves := st.saves
	typeCell(t, a, 3, colProcess, "4h 30m")

	if got := cell(t, a, 3, colProcess).Text; got != "4h 30m" {
		t.Errorf("cell shows %q", got)
	}
	for caption, want := range map[string]string{"Process time": "4d 2h", "Lead time": "6w", "Flow efficiency": "14%"} {
		if got := cardValue(a.strip, caption); got != want {
			t.Errorf("%s = %q, want %q", caption, got, want)
		}
	}
	if got := mapValues(a, a.view, 3); got[0] != "4h 30m" || got[1] != "6h 30m" {
		t.Errorf("drawing of Build shows PT %q LT %q, want 4h 30m and 6h 30m", got[0], got[1])
	}
	if c := a.met.Constraint; c == nil || c.Index != 3 {
		t.Fatalf("constraint = %+v, want Build", c)
	}
	if !strings.Contains(a.strip.linesShown()[0].text, "Build — lowest capacity: 1.7 items/day") {
		t.Errorf("constraint line = %q", a.strip.linesShown()[0].text)
	}
	r := test.WidgetRenderer(a.view).(*mapRenderer)
	if !r.stages[3].conBadge.Visible() || r.stages[4].conBadge.Visible() {
		t.Error("the CONSTRAINT badge did not move from Test to Build")
	}
	if !r.stages[3].ovBadge.Visible() || r.stages[3].ovText.Text != "OVERLOADED 115%" {
		t.Errorf("Build overload flag = %v %q", r.stages[3].ovBadge.Visible(), r.stages[3].ovText.Text)
	}
	if st.saves != saves+1 {
		t.Errorf("store saves = %d, want one more than %d", st.saves, saves)
	}
	if got := st.stored(a.cur.ID).Stages[3].ProcessHours; got != 4.5 {
		t.Errorf("stored process = %v, want 4.5", got)
	}
	mustEqualMaps(t, "store vs window", st.stored(a.cur.ID), a.cur)
}

func TestEveryDurationFormIsAcceptedAndShownInTheCalendar(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	cases := []struct {
		typed string
		hours float64
		shown string
	}{
		{"2d", 16, "2d"},            // 2 x 8h
		{"4h 30m", 4.5, "4h 30m"},   //
		{"01:30", 1.5, "1h 30m"},    // clock form
		{"45 min", 0.75, "45m"},     //
		{"1w", 40, "1w"},            // 5 x 8h
		{"1.5h", 1.5, "1h 30m"},     //
		{"2h30m", 2.5, "2h 30m"},    //
		{"1d 4h", 12, "1d 4h"},      //
		{"3", 3, "3h"},              // a bare number is hours
		{"4 hrs", 4, "4h"},          //
		{"2 days", 16, "2d"},        //
		{"1mo", 520.0 / 3, "4w 2d"}, // 52/12 x 40h = 173.33h = 4w 13.33h = 4w 1.67d -> 2d
		{"  1 week ", 40, "1w"},     // spaces around
	}
	for _, c := range cases {
		typeCell(t, a, 2, colWait, c.typed)
		if got := st.stored(a.cur.ID).Stages[2].WaitHours; math.Abs(got-c.hours) > 1e-9 {
			t.Errorf("%q: stored wait = %v, want %v", c.typed, got, c.hours)
		}
		if got := cell(t, a, 2, colWait).Text; got != c.shown {
			t.Errorf("%q: cell shows %q, want %q", c.typed, got, c.shown)
		}
		if e := cell(t, a, 2, colWait).err; e != nil {
			t.Errorf("%q: refused: %v", c.typed, e)
		}
	}
}

func TestDurationsFollowTheMapCalendar(t *testing.T) {
	m := vsm.ExampleMap()
	m.Calendar.HoursPerDay = 6
	a, st := newTestApp(t, m)
	typeCell(t, a, 2, colWait, "2d") // 2 x 6h
	if got := st.stored(a.cur.ID).Stages[2].WaitHours; got != 12 {
		t.Errorf("2d on a 6-hour day = %vh, want 12", got)
	}
	if got := cell(t, a, 2, colWait).Text; got != "2d" {
		t.Errorf("shown as %q", got)
	}
	if got := cell(t, a, 1, colWait).Text; got != "4d" { // Plan waits 24h = 4 x 6h
		t.Errorf("Plan's 24h wait on a 6-hour day shows %q, want 4d", got)
	}
}

func TestInvalidEntryShowsWhyAndChangesNothing(t *testing.T) {
	cases := []struct {
		col   int
		typed string
		want  string // in the message beside the cell
	}{
		{colWait, "2 dayz", `Wait: "2 dayz" is not a duration: unknown unit "dayz"`},
		{colWait, "-2h", "cannot be negative"},
		{colProcess, "lots", `Process: "lots" is not a duration`},
		{colCA, "150%", `%C&A: "150%" must be above 0% and at most 100%`},
		{colCA, "zero", "write 85%, 85 or 0.85"},
		{colPeople, "0", `People: "0" must be more than 0 people`},
		{colQueue, "-3", "0 or more"},
		{colWaste, "slowness", `"slowness" is not a waste type`},
		{colName, "   ", "a stage needs a name"},
	}
	for _, c := range cases {
		t.Run(columns[c.col].field+" "+c.typed, func(t *testing.T) {
			a, st := newTestApp(t, vsm.ExampleMap())
			before := a.cur.Clone()
			saves := st.saves
			shown := cell(t, a, 2, c.col).Text

			typeCell(t, a, 2, c.col, c.typed)

			e := cell(t, a, 2, c.col)
			if e.err == nil {
				t.Fatalf("%q was accepted", c.typed)
			}
			row := a.table.rows[2]
			if !row.errText.Visible() || !strings.Contains(row.errText.Text, c.want) {
				t.Errorf("message beside the cell = %q (visible %v), want it to contain %q", row.errText.Text, row.errText.Visible(), c.want)
			}
			if row.errCol != c.col || !row.outlines[c.col].Visible() {
				t.Errorf("the message is under column %d, outline %v; want column %d outlined", row.errCol, row.outlines[c.col].Visible(), c.col)
			}
			if e.Text != c.typed {
				t.Errorf("the cell lost the typing: %q", e.Text)
			}
			mustEqualMaps(t, "open map", a.cur, before)
			mustEqualMaps(t, "stored map", st.stored(a.cur.ID), before)
			if st.saves != saves {
				t.Errorf("saved %d times", st.saves-saves)
			}
			if a.CanUndo() {
				t.Error("a refused value left an undo step")
			}
			// Escape drops the typing and the message.
			a.win.Canvas().Focus(e)
			pressKey(a, fyne.KeyEscape)
			if e.Text != shown || e.err != nil || row.errText.Visible() {
				t.Errorf("after Escape: text %q (want %q), err %v, message shown %v", e.Text, shown, e.err, row.errText.Visible())
			}
		})
	}
}

func TestFixingARefusedValueSavesIt(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	typeCell(t, a, 2, colWait, "3 dayz")
	typeCell(t, a, 2, colWait, "3 days")
	if cell(t, a, 2, colWait).err != nil || a.table.rows[2].errText.Visible() {
		t.Error("the message stayed after a valid value")
	}
	if got := st.stored(a.cur.ID).Stages[2].WaitHours; got != 24 {
		t.Errorf("stored wait = %v, want 24", got)
	}
}

func TestSaveFailureKeepsTheStateAndSaysWhy(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	before := a.cur.Clone()
	st.failSave = errors.New("disk full")
	typeCell(t, a, 2, colWait, "1w")
	if e := cell(t, a, 2, colWait).err; e == nil || !strings.Contains(e.Error(), "disk full") {
		t.Errorf("cell error = %v, want the save failure", e)
	}
	mustEqualMaps(t, "open map", a.cur, before)
	if !strings.Contains(a.lastStatus, "disk full") {
		t.Errorf("status = %q", a.lastStatus)
	}
}

func TestUndoRedoRestoreExactStates(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	states := []*vsm.Map{a.cur.Clone()}
	record := func(what string) {
		t.Helper()
		if len(states) > 0 && a.cur == states[len(states)-1] {
			t.Fatalf("%s: the map did not change", what)
		}
		states = append(states, a.cur.Clone())
	}

	typeCell(t, a, 2, colWait, "1w")
	record("wait")
	press(a, ctrl(fyne.KeyN))
	record("add stage")
	f := a.win.Canvas().Focused().(*editEntry)
	test.Type(f, "Review")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	record("name")
	press(a, alt(fyne.KeyUp))
	record("move up")
	a.win.Canvas().Focus(cell(t, a, 0, colTeam))
	press(a, ctrl(fyne.KeyDelete))
	record("delete")
	if err := a.ToggleWaste(1, vsm.WasteRework); err != nil {
		t.Fatal(err)
	}
	record("waste")
	a.win.Canvas().Focus(a.settings.demand)
	test.Type(a.settings.demand, "5")
	a.settings.demand.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	record("demand")
	a.win.Canvas().Focus(a.settings.hours)
	test.Type(a.settings.hours, "7.5")
	a.settings.hours.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	record("hours")

	n := len(states) - 1
	if n != 8 {
		t.Fatalf("%d changes recorded", n)
	}
	for i := n - 1; i >= 0; i-- {
		press(a, &fyne.ShortcutUndo{})
		mustEqualMaps(t, "after undo", a.cur, states[i])
		mustEqualMaps(t, "stored after undo", st.stored(a.cur.ID), states[i])
	}
	if a.CanUndo() {
		t.Error("more to undo than was done")
	}
	for i := 1; i <= n; i++ {
		if i%2 == 0 {
			press(a, ctrlShift(fyne.KeyZ))
		} else {
			press(a, &fyne.ShortcutRedo{})
		}
		mustEqualMaps(t, "after redo", a.cur, states[i])
		mustEqualMaps(t, "stored after redo", st.stored(a.cur.ID), states[i])
	}
	if a.CanRedo() {
		t.Error("more to redo than was undone")
	}
	// The table shows the restored state too.
	if got := cell(t, a, 1, colWait).Text; got != "1w" { // Idea was deleted; 40h on a 7.5h day
		t.Errorf("Code's wait cell = %q after redo", got)
	}
}

func TestUndoInACellWithTypingDropsTheTypingFirst(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap())
	typeCell(t, a, 2, colWait, "1w")
	e := cell(t, a, 4, colWait)
	a.win.Canvas().Focus(e)
	test.Type(e, "9d")
	press(a, &fyne.ShortcutUndo{})
	if e.Text != "4d" {
		t.Errorf("first Ctrl+Z: cell = %q, want the typing dropped (4d)", e.Text)
	}
	if a.cur.Stages[2].WaitHours != 40 {
		t.Error("first Ctrl+Z undid the last change instead of the typing")
	}
	press(a, &fyne.ShortcutUndo{})
	if a.cur.Stages[2].WaitHours != 16 {
		t.Errorf("second Ctrl+Z: Code's wait = %v, want 16 again", a.cur.Stages[2].WaitHours)
	}
}

func TestStageShortcuts(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	c := a.win.Canvas()

	press(a, ctrl(fyne.KeyN)) // add at the end, cursor in its name
	if len(a.cur.Stages) != 10 || c.Focused() != cell(t, a, 9, colName) {
		t.Fatalf("Ctrl+N: %d stages, focus %p (want the new name cell)", len(a.cur.Stages), c.Focused())
	}
	f := cell(t, a, 9, colName)
	test.Type(f, "Review") // replaces "Stage 10": the name is selected
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := st.stored(a.cur.ID).Stages[9].Name; got != "Review" {
		t.Fatalf("new stage stored as %q", got)
	}

	a.win.Canvas().Focus(cell(t, a, 9, colWait))
	press(a, alt(fyne.KeyUp))
	if a.cur.Stages[8].Name != "Review" || a.cur.Stages[9].Name != "Feedback" || c.Focused() != cell(t, a, 8, colWait) {
		t.Errorf("Alt+Up: %s, %s; focus should follow into row 9's wait", a.cur.Stages[8].Name, a.cur.Stages[9].Name)
	}
	press(a, ctrl(fyne.KeyI)) // insert before the selected stage
	if a.cur.Stages[8].Name != "Stage 11" || a.cur.Stages[9].Name != "Review" {
		t.Errorf("Ctrl+I: %s, %s", a.cur.Stages[8].Name, a.cur.Stages[9].Name)
	}
	press(a, ctrl(fyne.KeyDelete))
	if len(a.cur.Stages) != 10 || a.cur.Stages[8].Name != "Review" {
		t.Errorf("Ctrl+Delete: %d stages, row 9 is %s", len(a.cur.Stages), a.cur.Stages[8].Name)
	}
	press(a, alt(fyne.KeyDown))
	if a.cur.Stages[9].Name != "Review" {
		t.Errorf("Alt+Down: last stage is %s", a.cur.Stages[9].Name)
	}
	mustEqualMaps(t, "store", st.stored(a.cur.ID), a.cur)
}

func TestKeyboardMovesBetweenCells(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap())
	c := a.win.Canvas()
	c.Focus(cell(t, a, 0, colName))
	c.FocusNext()
	if c.Focused() != cell(t, a, 0, colTeam) {
		t.Fatal("Tab from the name did not reach the team")
	}
	c.Focus(cell(t, a, 0, colNotes))
	c.FocusNext()
	if c.Focused() != cell(t, a, 1, colName) {
		t.Error("Tab from the last column did not reach the next stage's name")
	}
	c.FocusPrevious()
	if c.Focused() != cell(t, a, 0, colNotes) {
		t.Error("Shift+Tab did not go back")
	}
	c.Focus(cell(t, a, 3, colWait))
	pressKey(a, fyne.KeyDown)
	if c.Focused() != cell(t, a, 4, colWait) {
		t.Error("Down did not go to the next stage")
	}
	pressKey(a, fyne.KeyUp)
	pressKey(a, fyne.KeyUp)
	if c.Focused() != cell(t, a, 2, colWait) || a.sel != 2 {
		t.Errorf("Up twice: selected %d", a.sel)
	}
	// Typing replaces the value, as in a spreadsheet; Enter saves and goes down.
	test.Type(c.Focused(), "3d")
	pressKey(a, fyne.KeyReturn)
	if a.cur.Stages[2].WaitHours != 24 || c.Focused() != cell(t, a, 3, colWait) {
		t.Errorf("Enter: wait %v, focus not in the next row", a.cur.Stages[2].WaitHours)
	}
}

func TestClickingAStageSelectsItsRow(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap())
	g := geomFor(a.view.Theme())
	x0, _ := a.view.StageSpan(4)
	test.TapAt(a.view, fyne.NewPos(x0+g.triW+20, g.boxY+20))
	if a.sel != 4 || a.view.Selected() != 4 || a.table.selected != 4 {
		t.Fatalf("selected %d / drawing %d / table %d, want 4", a.sel, a.view.Selected(), a.table.selected)
	}
	if a.win.Canvas().Focused() != cell(t, a, 4, colName) {
		t.Error("the stage's name cell did not get the focus")
	}
}

func TestEmptyMapSaysWhatToDo(t *testing.T) {
	a, _ := newTestApp(t, vsm.NewMap("Blank"))
	if cards := a.strip.cardsShown(); cards != nil {
		t.Errorf("an empty map shows figures: %v", cards)
	}
	r := test.WidgetRenderer(a.strip).(*stripRenderer)
	if !r.empty.Visible() || !strings.HasPrefix(r.empty.Text, "Add stages to see") {
		t.Errorf("strip says %q", r.empty.Text)
	}
	if !a.table.empty.Visible() {
		t.Error("the table does not say how to start")
	}
	press(a, ctrl(fyne.KeyN))
	if len(a.cur.Stages) != 1 || r.empty.Visible() {
		t.Error("adding a stage did not bring the figures")
	}
}

func TestMapSettings(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap(), vsm.NewMap("Taken"))
	set := func(e *editEntry, text string) {
		a.win.Canvas().Focus(e)
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		test.Type(e, text)
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	set(a.settings.demand, "")
	if a.cur.DemandPerDay != nil || cardValue(a.strip, "Takt & capacity") != "set demand/day" {
		t.Error("clearing demand did not hide takt")
	}
	set(a.settings.demand, "4")
	// takt = 8h / 4 = 2h; capacity = min 2.13/day (Test)
	if got := cardValue(a.strip, "Takt (4/day)"); got != "2h" {
		t.Errorf("takt = %q, want 2h", got)
	}
	if got := cardValue(a.strip, "Capacity"); got != "2.1/day" {
		t.Errorf("capacity = %q, want 2.1/day", got)
	}
	set(a.settings.hours, "25")
	if a.settings.hours.err == nil || a.cur.Calendar.HoursPerDay != 8 {
		t.Error("25 hours per day was accepted")
	}
	set(a.settings.name, "Taken")
	if a.settings.name.err == nil || !errors.Is(a.settings.name.err, errNameTaken) {
		t.Errorf("a taken name: %v", a.settings.name.err)
	}
	set(a.settings.name, "Delivery")
	if a.win.Title() != "Flowmap — Delivery" || st.stored(a.cur.ID).Name != "Delivery" {
		t.Errorf("rename: title %q, stored %q", a.win.Title(), st.stored(a.cur.ID).Name)
	}
	set(a.settings.days, "4")
	// A week is now 4 x 8h = 32h: Release's 40h wait reads 1w 1d.
	if got := cell(t, a, 5, colWait).Text; got != "1w 1d" {
		t.Errorf("Release wait on a 4-day week = %q", got)
	}
}

func TestLibrary(t *testing.T) {
	other := vsm.NewMap("Onboarding")
	other.Stages = []vsm.Stage{vsm.NewStage("Hire")}
	a, st := newTestApp(t, vsm.ExampleMap(), other)
	l := a.lib

	test.Type(l.search, "board")
	if len(l.shown) != 1 || l.infos[l.shown[0]].Name != "Onboarding" {
		t.Fatalf("search 'board' shows %v", l.shown)
	}
	l.list.Select(0)
	if a.cur.Name != "Onboarding" || st.current != a.cur.ID {
		t.Fatalf("selecting in the list opened %q", a.cur.Name)
	}
	l.search.SetText("")

	// New map: the name dialog refuses a taken name, then creates.
	l.newMap()
	entry := findInOverlay[*widget.Entry](a)[0]
	entry.SetText("Onboarding")
	test.Tap(buttonNamed(a, "Create"))
	if len(st.maps) != 2 {
		t.Fatal("a map with a taken name was created")
	}
	entry.SetText("Incident response")
	test.Tap(buttonNamed(a, "Create"))
	if a.cur.Name != "Incident response" || len(st.maps) != 3 || a.win.Title() != "Flowmap — Incident response" {
		t.Fatalf("new map: open %q, %d maps", a.cur.Name, len(st.maps))
	}

	// Duplicate the example.
	a.OpenMap(st.order[0])
	l.duplicateMap()
	if a.cur.Name != "Feature delivery (example) (copy)" || len(a.cur.Stages) != 9 {
		t.Errorf("duplicate opened %q with %d stages", a.cur.Name, len(a.cur.Stages))
	}

	// Rename it.
	l.renameMap()
	entry = findInOverlay[*widget.Entry](a)[0]
	entry.SetText("Feature delivery v2")
	test.Tap(buttonNamed(a, "Rename"))
	if st.stored(a.cur.ID).Name != "Feature delivery v2" {
		t.Error("rename did not reach the store")
	}

	// Delete asks first; cancelling keeps the map.
	id := a.cur.ID
	l.deleteMap()
	test.Tap(buttonNamed(a, "Cancel"))
	if _, ok := st.maps[id]; !ok {
		t.Fatal("cancel deleted the map")
	}
	l.deleteMap()
	test.Tap(buttonNamed(a, "Delete"))
	if _, ok := st.maps[id]; ok || a.cur == nil || a.cur.ID == id {
		t.Fatal("delete did not delete, or left the deleted map open")
	}
}

func TestDeletingTheLastMapLeavesAnEmptyLibrary(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	a.lib.deleteNow(a.cur.ID)
	if a.cur != nil || len(st.maps) != 0 || a.win.Title() != "Flowmap" {
		t.Fatalf("after deleting the only map: open %v", a.cur)
	}
	press(a, ctrl(fyne.KeyN)) // no map: nothing to add to, no panic
}

func TestWorkshopMode(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap())
	pressKey(a, fyne.KeyF11)
	if !a.InWorkshop() || !a.win.FullScreen() || a.win.MainMenu() != nil {
		t.Fatalf("F11: workshop %v, full screen %v", a.InWorkshop(), a.win.FullScreen())
	}
	if a.win.Content() != a.workshop.content {
		t.Fatal("the window does not show the workshop view")
	}
	if a.Step() != 0 {
		t.Errorf("starts at step %d", a.Step())
	}
	pressKey(a, fyne.KeyRight)
	if a.Step() != stepIdentifyWaste {
		t.Fatalf("Right: step %d", a.Step())
	}
	// Identify waste: clicking a stage opens its tags; ticking one tags it.
	g := geomFor(a.workshop.view.Theme())
	x0, _ := a.workshop.view.StageSpan(2)
	test.TapAt(a.workshop.view, fyne.NewPos(x0+g.triW+10, g.boxY+10))
	var rework *widget.Check
	for _, c := range findInOverlay[*widget.Check](a) {
		if c.Text == "rework" {
			rework = c
		}
	}
	if rework == nil {
		t.Fatal("no waste picker opened")
	}
	test.TapAt(rework, fyne.NewPos(12, rework.Size().Height/2)) // on its box
	if !a.cur.Stages[2].HasWaste(vsm.WasteRework) {
		t.Fatal("ticking rework did not tag Code")
	}
	r := test.WidgetRenderer(a.workshop.view).(*mapRenderer)
	found := false
	for _, ct := range r.stages[2].chipText {
		found = found || (ct.Visible() && ct.Text == "rework")
	}
	if !found {
		t.Error("the workshop map does not show the new tag")
	}
	press(a, &fyne.ShortcutUndo{})
	if a.cur.Stages[2].HasWaste(vsm.WasteRework) {
		t.Error("undo in workshop mode did not untag")
	}
	a.wastePopup.Hide()
	pressKey(a, fyne.KeyEscape)
	if a.InWorkshop() || a.win.FullScreen() || a.win.Content() != a.root || a.win.MainMenu() == nil {
		t.Error("Escape did not restore the editor")
	}
	press(a, &fyne.ShortcutRedo{})
	if !a.cur.Stages[2].HasWaste(vsm.WasteRework) {
		t.Error("redo after leaving workshop mode")
	}
}

func TestReplaceMapIsUndoable(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	before := a.cur.Clone()
	repl := vsm.NewMap("Imported")
	repl.Stages = []vsm.Stage{vsm.NewStage("One"), vsm.NewStage("Two")}
	if err := a.ReplaceMap(repl); err != nil {
		t.Fatal(err)
	}
	if a.cur.ID != before.ID || len(a.cur.Stages) != 2 || st.stored(before.ID).Name != "Imported" {
		t.Fatalf("replace: %+v", a.cur)
	}
	a.Undo()
	mustEqualMaps(t, "undo of replace", a.cur, before)
	mustEqualMaps(t, "stored after undo", st.stored(before.ID), before)
}

func TestReplaceLabelSaysWhatChanged(t *testing.T) {
	base := vsm.ExampleMap()
	with := func(f func(m *vsm.Map)) *vsm.Map { m := base.Clone(); f(m); return m }
	measured := with(func(m *vsm.Map) { m.Measurements = []vsm.Measurement{{ID: "m1", Stages: m.Stages}} })
	kaizen := with(func(m *vsm.Map) { m.Kaizen = []vsm.Kaizen{{ID: "k1", Title: "Automate regression"}} })
	for _, c := range []struct {
		name     string
		old, new *vsm.Map
		want     string
	}{
		{"nothing", base, base.Clone(), "replace the map"},
		{"measurement", base, measured, "record a measurement"},
		{"measurement gone", measured, base, "delete a measurement"},
		{"kaizen", base, kaizen, "add a kaizen"},
		{"kaizen edited", kaizen, with(func(m *vsm.Map) { m.Kaizen = []vsm.Kaizen{{ID: "k1", Title: "Automate the suite"}} }), "change a kaizen"},
		{"learning with follow-up", base, with(func(m *vsm.Map) {
			m.Learning = []vsm.LearningEntry{{ID: "l1"}}
			m.Kaizen = []vsm.Kaizen{{ID: "k1"}}
		}), "add a kaizen, add a learning-log entry"},
		{"future", base, with(func(m *vsm.Map) { m.Future = m.Clone() }), "make the future state"},
		{"import into", base, with(func(m *vsm.Map) { m.Stages[0].WaitHours++ }), "update the stages"},
	} {
		if got := replaceLabel(c.old, c.new); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestLibraryTimeIsTheLastSave(t *testing.T) {
	other := vsm.ExampleMap()
	other.Name = "Other"
	a, _ := newTestApp(t, vsm.ExampleMap(), other) // both created at 09:00
	stamp := func(name string) string {
		for _, in := range a.lib.infos {
			if in.Name == name {
				return in.Updated.Format("15:04")
			}
		}
		return "missing"
	}
	a.OpenMap(a.lib.infos[1].ID) // "Other"
	a.refresh(true)
	if got := stamp("Other"); got != "09:00" {
		t.Errorf("opening and redrawing a map made it look updated at %s; want 09:00", got)
	}
	typeCell(t, a, 0, colWait, "1d")
	if got := stamp("Other"); got != "09:01" {
		t.Errorf("after an edit the library says %s; want the save's 09:01", got)
	}
}

// Ctrl+Q (File > Quit) keeps a value typed into a cell but not entered,
// and says %C&A as written in the status line.
func TestQuitKeepsTypedText(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	typeCell(t, a, 0, colCA, "50%")
	if got := a.status.Text; got != "Saved: %C&A of Idea." {
		t.Errorf("status %q, want %q", got, "Saved: %C&A of Idea.")
	}
	e := cell(t, a, 1, colWait)
	a.win.Canvas().Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(e, "5d") // no Enter
	press(a, ctrl(fyne.KeyQ))
	if got := st.stored(a.cur.ID).Stages[1].WaitHours; got != 40 { // 5 days of 8 h
		t.Errorf("after Ctrl+Q the store has Plan waiting %v h, want 40", got)
	}
}

func TestNaturalLess(t *testing.T) {
	// Each list is in the order people expect.
	for _, names := range [][]string{
		{"Team 1", "Team 2", "Team 10", "Team 11"},
		{"alpha", "Beta", "gamma"},
		{"Q3 2026", "Q10 2025"},
		{"Map", "Map (2)", "Map (10)"},
		{"v1.9", "v1.10"},
		{"Team 007", "Team 8"},
		{"Ops", "Ops team"},
	} {
		for i := 0; i+1 < len(names); i++ {
			if !naturalLess(names[i], names[i+1]) || naturalLess(names[i+1], names[i]) {
				t.Errorf("want %q before %q", names[i], names[i+1])
			}
		}
	}
	if naturalLess("Same", "same") || naturalLess("same", "Same") {
		t.Error("names that differ only in case are equal")
	}
}

func TestOpenMapMadeByAnotherScreen(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	imported := vsm.ExampleMap()
	imported.Name = "Imported from Q3"
	created, err := st.Create(imported) // as the import screens do, behind the library's back
	if err != nil {
		t.Fatal(err)
	}
	a.OpenMap(created.ID)
	if a.cur == nil || a.cur.ID != created.ID {
		t.Fatalf("open map is %+v, want %s", a.cur, created.ID)
	}
	if !a.lib.lists(created.ID) || len(a.lib.shown) != 2 {
		t.Errorf("library shows %d maps and lists the import: %v", len(a.lib.shown), a.lib.lists(created.ID))
	}
}

func TestHooksForOtherScreens(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap())
	var seen []string
	a.OnMapChanged(func(m *vsm.Map) { seen = append(seen, m.Name) })
	tab := a.AddTab("Kaizen", widget.NewLabel("kaizen"))
	if a.tabs == nil || len(a.tabs.Items) != 2 || a.tabs.Items[1] != tab {
		t.Fatal("AddTab did not make tabs")
	}
	ran := false
	a.AddFileMenuItems(fyne.NewMenuItem("Export…", func() { ran = true }))
	file := a.win.MainMenu().Items[0]
	for _, it := range file.Items {
		if it.Label == "Export…" {
			it.Action()
		}
		if strings.Contains(it.Label, "not available") {
			t.Error("the import placeholder stayed after items were added")
		}
	}
	if !ran {
		t.Error("the File menu has no Export item")
	}
	typeCell(t, a, 0, colTeam, "Product team")
	if len(seen) != 1 || seen[0] != "Feature delivery (example)" {
		t.Errorf("listeners saw %v", seen)
	}
}

func TestShortcutListAndAbout(t *testing.T) {
	a, _ := newTestApp(t, vsm.ExampleMap())
	pressKey(a, fyne.KeyF1)
	var text []string
	for _, l := range findInOverlay[*widget.Label](a) {
		text = append(text, l.Text)
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"Ctrl+N", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Alt+Up", "Ctrl+Delete", "F11", "Tab / Shift+Tab"} {
		if !strings.Contains(all, want) {
			t.Errorf("the shortcut list lacks %s", want)
		}
	}
	a.win.Canvas().Overlays().Top().Hide()
	a.ShowAbout()
	found := false
	for _, l := range findInOverlay[*widget.Label](a) {
		found = found || l.Text == "Version 1.2.3"
	}
	if !found {
		t.Error("About does not show the version")
	}
}

func TestWasteButtonInTheTable(t *testing.T) {
	a, st := newTestApp(t, vsm.ExampleMap())
	test.Tap(a.table.rows[3].wasteBtn)
	for _, c := range findInOverlay[*widget.Check](a) {
		if c.Text == "environments" {
			test.TapAt(c, fyne.NewPos(12, c.Size().Height/2))
		}
	}
	if got := st.stored(a.cur.ID).Stages[3].Waste; len(got) != 1 || got[0] != vsm.WasteEnvironments {
		t.Errorf("Build's waste = %v", got)
	}
	if got := cell(t, a, 3, colWaste).Text; got != "environments" {
		t.Errorf("cell = %q", got)
	}
}
