package kaizenui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// The example map (vsm.ExampleMap, 8-hour days, 40-hour weeks), in hours:
//
//	stage     wait  process  %C&A  people
//	Idea         0     2     1     1
//	Plan        24     4     0.9   2
//	Code        16    12     0.85  4
//	Build        2   1/3     0.98  1
//	Test        32     6     0.8   2
//	Release     40     1     0.95  1
//	Deploy       8     2     0.9   1
//	Operate      1   0.5     1     2
//	Feedback    80     2     1     1
//
//	wait    = 203 h;  process = 29.8333 h;  lead = 232.8333 h ("5w 4d": 200 h + 32.8 h ≈ 4d)
//	flow efficiency = 29.8333 / 232.8333 = 12.81% ("13%")
//	rolled %C&A = .9 × .85 × .98 × .8 × .95 × .9 = 0.5128 ("51%")
//
// A kaizen setting Test's wait to 4 h saves 32 − 4 = 28 h of lead time
// ("3d 4h"), −28 / 232.8333 = −12.0% ("−12%"); flow efficiency becomes
// 29.8333 / 204.8333 = 14.56% ("15%").

func TestKaizenFormAddsAnItemThatMovesAcrossTheBoard(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	k := f.s.kaizen
	f.show(k.content, 1100, 700)

	test.Tap(k.add)
	form := k.form
	if form == nil {
		t.Fatal("New kaizen opened no form")
	}
	f.typeInto(form.title, "Automate the regression suite")
	form.stage.SetSelected("Test")
	form.waste.SetSelected("manual testing")
	f.typeInto(form.team, "QA")
	f.typeInto(form.hypothesis, "If the suite runs in CI, Test's wait falls from 4d to 4h")
	f.typeInto(form.effect[effWait], "4h")
	if got := form.effectNow[effWait].Text; got != "now 4d" {
		t.Errorf("the wait field shows %q beside it, want the stage's current wait %q", got, "now 4d")
	}
	wantPreview := "Expected gain on the current map: lead time −3d 4h (−12%) · flow efficiency 13% ⟶ 15%"
	if got := form.preview.Text; got != wantPreview {
		t.Errorf("preview = %q, want %q", got, wantPreview)
	}

	// A value that is not a duration is explained beside its field and
	// stops the save; the map does not change.
	f.typeInto(form.effect[effProcess], "2 dayz")
	if got := form.effectNote[effProcess].text(); !strings.Contains(got, `unknown unit "dayz"`) {
		t.Errorf("process note = %q, want it to name the unknown unit", got)
	}
	test.Tap(form.save)
	if f.host.replaced != 0 || len(f.host.m.Kaizen) != 0 {
		t.Fatalf("an invalid form reached the map (%d changes)", f.host.replaced)
	}
	if got := form.saveNote.text(); !strings.Contains(got, "Nothing was saved") {
		t.Errorf("save note = %q, want it to say nothing was saved", got)
	}

	form.effect[effProcess].SetText("")
	test.Tap(form.save)
	if f.host.replaced != 1 {
		t.Fatalf("Save made %d changes, want 1 (errors: %v)", f.host.replaced, f.host.errs)
	}
	if k.form != nil {
		t.Error("the form stayed open after a successful save")
	}
	m := f.host.m
	if len(m.Kaizen) != 1 {
		t.Fatalf("the map has %d kaizen, want 1", len(m.Kaizen))
	}
	got := m.Kaizen[0]
	if got.Title != "Automate the regression suite" || got.Stage != "Test" || got.Waste != vsm.WasteManualTesting ||
		got.Team != "QA" || got.Status != vsm.KaizenIdea {
		t.Errorf("stored kaizen = %+v", got)
	}
	if got.Effect.WaitHours == nil || *got.Effect.WaitHours != 4 || got.Effect.ProcessHours != nil ||
		got.Effect.CompleteAccurate != nil || got.Effect.People != nil {
		t.Errorf("stored effect = %+v, want only a 4 h wait", got.Effect)
	}
	if len(got.Changes) != 1 || got.Changes[0].Status != vsm.KaizenIdea || !got.Changes[0].Date.Equal(f.clock.t) {
		t.Errorf("status changes = %+v, want idea on %v", got.Changes, f.clock.t)
	}

	// Board and backlog show it.
	if got := k.cols[0].title.Text; got != "Idea (1)" {
		t.Errorf("idea column = %q, want %q", got, "Idea (1)")
	}
	card := k.cards[got.ID]
	if card == nil {
		t.Fatal("no card for the new kaizen")
	}
	if card.gain.Text != "Expected lead time −3d 4h" {
		t.Errorf("card gain = %q", card.gain.Text)
	}
	backlog := texts(k.backlog)
	for _, want := range []string{"Automate the regression suite", "−3d 4h (−12%)", "13% ⟶ 15%", "Idea"} {
		if !strings.Contains(backlog, want) {
			t.Errorf("backlog lacks %q:\n%s", want, backlog)
		}
	}

	// Moving the card to Done dates the move today.
	f.clock.t = date("2026-02-02")
	card.status.SetSelected("Done")
	m = f.host.m
	it := m.Kaizen[0]
	if it.Status != vsm.KaizenDone {
		t.Fatalf("status after the move = %s, want done", it.Status)
	}
	if d, ok := it.DoneDate(); !ok || !d.Equal(date("2026-02-02")) {
		t.Errorf("done date = %v, %v; want 2026-02-02", d, ok)
	}
	if got := k.cols[0].title.Text; got != "Idea (0)" {
		t.Errorf("idea column after the move = %q", got)
	}
	if got := k.cols[3].title.Text; got != "Done (1)" {
		t.Errorf("done column after the move = %q", got)
	}
	if b := texts(k.backlog); !strings.Contains(b, "No open kaizen") {
		t.Errorf("backlog still lists the done item:\n%s", b)
	}

	// Editing keeps the status history and stores result and learning.
	k.openForm(it.ID)
	form = k.form
	f.typeInto(form.result, "Wait fell to 6h, not 4h: the suite is flaky")
	f.typeInto(form.learned, "Flaky tests eat the gain")
	test.Tap(form.save)
	it = f.host.m.Kaizen[0]
	if it.Result != "Wait fell to 6h, not 4h: the suite is flaky" || it.Learning != "Flaky tests eat the gain" {
		t.Errorf("result and learning = %q, %q", it.Result, it.Learning)
	}
	if len(it.Changes) != 2 || it.Status != vsm.KaizenDone {
		t.Errorf("editing changed the status history: %+v", it.Changes)
	}
}

func TestKaizenFormRefusesAnEffectWithoutStage(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	k := f.s.kaizen
	f.show(k.content, 1100, 700)
	k.openForm("")
	form := k.form
	f.typeInto(form.title, "Faster everything")
	f.typeInto(form.effect[effCA], "150%")
	if got := form.effectNote[effCA].text(); !strings.Contains(got, `"150%" must be above 0% and at most 100%`) {
		t.Errorf("%%C&A note = %q", got)
	}
	form.effect[effCA].SetText("")
	f.typeInto(form.effect[effPeople], "0")
	if got := form.effectNote[effPeople].text(); !strings.Contains(got, `"0" must be more than 0 people`) {
		t.Errorf("people note = %q", got)
	}
	form.effect[effPeople].SetText("3")
	if got := form.stageNote.text(); !strings.Contains(got, "choose it") {
		t.Errorf("stage note = %q, want it to ask for the stage", got)
	}
	test.Tap(form.save)
	if f.host.replaced != 0 {
		t.Fatal("an effect without a stage was saved")
	}
	form.stage.SetSelected("Code")
	test.Tap(form.save)
	if f.host.replaced != 1 || *f.host.m.Kaizen[0].Effect.People != 3 {
		t.Fatalf("the kaizen was not saved with 3 people: %+v", f.host.m.Kaizen)
	}
}

func TestKaizenSaveFailureKeepsTheFormOpenAndReportsOnce(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	k := f.s.kaizen
	f.show(k.content, 1100, 700)
	k.openForm("")
	form := k.form
	f.typeInto(form.title, "Plan every two weeks")
	f.host.failNext = errors.New("the disk is full")
	test.Tap(form.save)
	if k.form != form {
		t.Error("the form closed although nothing was saved")
	}
	if got := form.saveNote.text(); !strings.Contains(got, "the disk is full") {
		t.Errorf("save note = %q", got)
	}
	// The host tells the person; the screens must not show it a second time.
	if len(f.host.errs) != 1 {
		t.Errorf("the error was shown %d times, want once: %v", len(f.host.errs), f.host.errs)
	}
	test.Tap(form.save)
	if len(f.host.m.Kaizen) != 1 {
		t.Errorf("saving again stored %d kaizen, want 1", len(f.host.m.Kaizen))
	}
}

func TestKaizenBoardDeleteAndUnknownStage(t *testing.T) {
	m := seedMap(t)
	f := newFixture(t, m)
	k := f.s.kaizen
	f.show(k.content, 1100, 700)
	// Counts per column of the seed: idea 1, planned 1, in progress 1, done 1, dropped 1.
	for i, want := range []string{"Idea (1)", "Planned (1)", "In progress (1)", "Done (1)", "Dropped (1)"} {
		if got := k.cols[i].title.Text; got != want {
			t.Errorf("column %d = %q, want %q", i, got, want)
		}
	}
	// The done item was measured before (2025-11-03) and after (2025-12-08)
	// its done day, with Test's wait 32 h then 6 h: realized −26 h = "3d 2h".
	if got := k.cards["k1"].real.Text; got != "Realized lead time −3d 2h" {
		t.Errorf("realized on the card = %q", got)
	}

	// A stage removed from the map makes the item's gain unknown, not wrong.
	next := f.host.m.Clone()
	next.Stages = append(next.Stages[:m.StageIndex("Code")], next.Stages[m.StageIndex("Code")+1:]...)
	f.host.set(next)
	if b := texts(k.backlog); !strings.Contains(b, `targets "Code", not on the map`) {
		t.Errorf("backlog does not say the stage is gone:\n%s", b)
	}

	k.openForm("k3")
	form := k.form
	if got := form.stageNote.text(); !strings.Contains(got, "not a stage of this map any more") {
		t.Errorf("stage note = %q", got)
	}
	form.remove()
	if _, ok := f.host.m.FindKaizen("k3"); ok {
		t.Error("Delete left the kaizen on the map")
	}
	if k.form != nil {
		t.Error("the form stayed open after Delete")
	}
}

func TestKaizenBoardImage(t *testing.T) {
	f := newFixture(t, seedMap(t))
	f.show(f.s.kaizen.content, 1100, 720)
	assertImage(t, "kaizen_board.png", f.win.Canvas().Capture())
}

func TestNoMapDisablesTheScreens(t *testing.T) {
	f := newFixture(t, nil)
	if !f.s.kaizen.add.Disabled() || !f.s.history.record.Disabled() || !f.s.learning.newBtn.Disabled() {
		t.Error("screens offer changes while no map is open")
	}
	f.s.history.recordNow()
	if len(f.host.errs) != 1 || !errors.Is(f.host.errs[0], errNoMap) {
		t.Errorf("recording without a map reported %v", f.host.errs)
	}
	// A map opened later is shown.
	m := vsm.ExampleMap()
	m.ID = "m2"
	f.host.set(m)
	if f.s.kaizen.add.Disabled() {
		t.Error("New kaizen stays disabled after a map was opened")
	}
}

func TestHiddenScreensCatchUpWhenShown(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	tabs := container.NewAppTabs(container.NewTabItem("Map", widget.NewLabel("the map editor")))
	for _, tab := range f.s.Tabs() {
		tabs.Append(container.NewTabItem(tab.Name, tab.Content))
	}
	f.win.SetContent(tabs)
	f.win.Resize(fyne.NewSize(1100, 700))
	tabs.SelectIndex(0)

	next := f.host.m.Clone()
	if _, err := next.AddKaizen(vsm.Kaizen{Title: "Added behind the Map tab"}); err != nil {
		t.Fatal(err)
	}
	f.host.set(next)
	if got := f.s.kaizen.cols[0].title.Text; got != "Idea (0)" {
		t.Errorf("the hidden board was rebuilt at once: %q", got)
	}
	tabs.SelectIndex(1) // Kaizen
	if got := f.s.kaizen.cols[0].title.Text; got != "Idea (1)" {
		t.Errorf("the board shown after the change says %q, want Idea (1)", got)
	}
}
