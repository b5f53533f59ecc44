package kaizenui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"flowmap/vsm"
)

func TestLearningEntryWithBlameIsFlaggedAndStillSaved(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	l := f.s.learning
	form := l.form
	f.show(l.content, 1100, 900)
	if form.date.Text != "2026-01-05" {
		t.Errorf("a new entry is dated %q, want today 2026-01-05", form.date.Text)
	}

	f.typeInto(form.title, "Ops forgot the migration check")
	f.typeInto(form.happened, "Bob should have run the check before the deploy. Human error, again.")
	// "Ops" is a team of the map: named as the cause, it is flagged too.
	if got := form.titleNote.text(); !strings.Contains(got, "“Ops forgot”") || !strings.Contains(got, "Name the step or condition") {
		t.Errorf("title hint = %q", got)
	}
	got := form.happNote.text()
	for _, want := range []string{"“should have”", "Hindsight shows what should have happened",
		"“Human error”", "Human error is where the inquiry starts"} {
		if !strings.Contains(got, want) {
			t.Errorf("what-happened hint lacks %q:\n%s", want, got)
		}
	}
	f.typeInto(form.wentWell, "The rollback took five minutes.")
	if form.wellNote.text() != "" {
		t.Errorf("a blameless sentence was flagged: %q", form.wellNote.text())
	}
	form.stages.check("Deploy").SetChecked(true)
	form.factors.check("tooling").SetChecked(true)
	form.factors.check("process").SetChecked(true)
	f.typeInto(form.hoursLost, "1d 2h")
	f.typeInto(form.items, "3")
	if form.recurring.text() != "" {
		t.Errorf("the first entry is marked recurring: %q", form.recurring.text())
	}

	test.Tap(form.save) // the hints never block saving
	if n := len(f.host.m.Learning); n != 1 {
		t.Fatalf("the log has %d entries after saving, want 1", n)
	}
	e := f.host.m.Learning[0]
	if e.Title != "Ops forgot the migration check" || !strings.Contains(e.WhatHappened, "Human error") {
		t.Errorf("stored entry = %+v", e)
	}
	// 1d 2h on 8-hour days is 10 hours.
	if e.Impact.HoursLost != 10 || e.Impact.ItemsAffected != 3 {
		t.Errorf("impact = %+v, want 10 h and 3 items", e.Impact)
	}
	if strings.Join(e.Stages, ",") != "Deploy" || len(e.Factors) != 2 || e.Factors[0] != vsm.FactorProcess || e.Factors[1] != vsm.FactorTooling {
		t.Errorf("stages %v, factors %v", e.Stages, e.Factors)
	}
	if form.saved.Text != "Saved." || form.editingID != e.ID {
		t.Errorf("after saving: %q, editing %q", form.saved.Text, form.editingID)
	}
	if len(l.entries) != 1 || l.entries[0].recurring {
		t.Errorf("list = %+v", l.entries)
	}

	// A follow-up kaizen created from the entry is linked both ways.
	f.typeInto(form.newKaizen, "Run the migration check in the pipeline")
	test.Tap(form.createK)
	m := f.host.m
	if len(m.Kaizen) != 1 {
		t.Fatalf("%d kaizen after Create and link", len(m.Kaizen))
	}
	k := m.Kaizen[0]
	if k.Title != "Run the migration check in the pipeline" || k.Stage != "Deploy" || k.Status != vsm.KaizenIdea ||
		strings.Join(k.LearningID, ",") != e.ID {
		t.Errorf("follow-up kaizen = %+v", k)
	}
	if fu := m.Learning[0].FollowUps; strings.Join(fu, ",") != k.ID {
		t.Errorf("entry follow-ups = %v, want %s", fu, k.ID)
	}
	if c := form.followUps.check(k.ID); c == nil || !c.Checked {
		t.Error("the new follow-up is not shown checked")
	}
}

// seedOne is the example map with one entry of 2026-01-05 on Deploy and
// tooling, followed up by a kaizen still planned.
func seedOne(t *testing.T) *vsm.Map {
	t.Helper()
	m := vsm.ExampleMap()
	k, err := m.AddKaizen(vsm.Kaizen{Title: "One-click deploy", Stage: "Deploy", Status: vsm.KaizenPlanned, Created: date("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.AddLearning(vsm.LearningEntry{Date: date("2026-01-05"), Title: "Deploy failed on Friday",
		Stages: []string{"Deploy"}, Factors: []vsm.Factor{vsm.FactorTooling}, FollowUps: []string{k.ID}}); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLearningEntrySharingStageAndFactorIsRecurring(t *testing.T) {
	f := newFixture(t, seedOne(t))
	l := f.s.learning
	form := l.form
	f.show(l.content, 1100, 900)

	// 30 days later: 2026-01-05 + 30 = 2026-02-04.
	f.clock.t = date("2026-02-04")
	test.Tap(l.newBtn)
	if form.date.Text != "2026-02-04" || form.editingID != "" {
		t.Fatalf("New entry: date %q, editing %q", form.date.Text, form.editingID)
	}
	f.typeInto(form.title, "Deploy failed again")
	form.stages.check("Deploy").SetChecked(true)
	if form.recurring.text() != "" {
		t.Error("recurring with a shared stage but no shared factor")
	}
	form.factors.check("tooling").SetChecked(true)
	got := form.recurring.text()
	for _, want := range []string{"Recurring", "2026-01-05 “Deploy failed on Friday” (30 days earlier)",
		"shares Deploy; tooling", "Its follow-ups are not all done: One-click deploy (planned)"} {
		if !strings.Contains(got, want) {
			t.Errorf("recurring note lacks %q:\n%s", want, got)
		}
	}

	// The window is 90 days, both ends included: 2026-04-05 is 90 days after
	// 2026-01-05 (26 + 28 + 31 + 5), 2026-04-06 is 91.
	f.typeInto(form.date, "2026-04-06")
	if form.recurring.text() != "" {
		t.Errorf("91 days later is still recurring: %q", form.recurring.text())
	}
	f.typeInto(form.date, "2026-04-05")
	if !strings.Contains(form.recurring.text(), "(90 days earlier)") {
		t.Errorf("90 days later is not recurring: %q", form.recurring.text())
	}
	f.typeInto(form.date, "2026-13-01")
	if !strings.Contains(form.dateNote.text(), `"2026-13-01" is not a day`) {
		t.Errorf("date note = %q", form.dateNote.text())
	}
	test.Tap(form.save)
	if len(f.host.m.Learning) != 1 {
		t.Fatal("an entry with a bad date was saved")
	}
	f.typeInto(form.date, "2026-02-04")
	test.Tap(form.save)
	if len(f.host.m.Learning) != 2 {
		t.Fatalf("the log has %d entries, want 2", len(f.host.m.Learning))
	}
	// Newest first: the new entry carries the badge, the first does not.
	if len(l.entries) != 2 || !l.entries[0].recurring || l.entries[1].recurring {
		t.Errorf("badges = %v, %v", l.entries[0].recurring, l.entries[1].recurring)
	}
	row := newLearningRow().(*learningRow)
	updateLearningRow(row, l.entries[0])
	if !row.badge.Visible() || row.title.Text != "Deploy failed again" || row.date.Text != "2026-02-04" {
		t.Errorf("list row: badge %v, %q, %q", row.badge.Visible(), row.title.Text, row.date.Text)
	}

	// Once the earlier follow-up is done, the note says so.
	if err := f.s.apply(func(m *vsm.Map) error { return m.SetKaizenStatus("k1", vsm.KaizenDone, date("2026-02-04")) }); err != nil {
		t.Fatal(err)
	}
	if got := form.recurring.text(); !strings.Contains(got, "Its follow-ups were done, yet it came back: One-click deploy (done)") {
		t.Errorf("note after the follow-up was done = %q", got)
	}

	// Selecting the older entry loads it; it repeats nothing earlier.
	l.list.Select(1)
	if form.title.Text != "Deploy failed on Friday" || form.recurring.text() != "" {
		t.Errorf("older entry loaded: %q, recurring %q", form.title.Text, form.recurring.text())
	}
	form.remove()
	if len(f.host.m.Learning) != 1 || form.editingID != "" {
		t.Errorf("delete: %d entries, editing %q", len(f.host.m.Learning), form.editingID)
	}
	if k, _ := f.host.m.FindKaizen("k1"); len(k.LearningID) != 0 {
		t.Errorf("the kaizen still links the deleted entry: %v", k.LearningID)
	}
}

func TestLearningFormImage(t *testing.T) {
	f := newFixture(t, seedMap(t))
	l := f.s.learning
	form := l.form
	f.show(l.content, 1100, 1500)
	f.typeInto(form.title, "Price cache not flushed after deploy")
	f.typeInto(form.happened, "The on-call engineer should have flushed the cache; careless.")
	form.stages.check("Deploy").SetChecked(true)
	form.factors.check("tooling").SetChecked(true)
	f.unfocus()
	assertImage(t, "learning_form.png", f.win.Canvas().Capture())
}

// An entry written late for an older event sits under the newer ones: the
// list is by the day things happened, not the order they were written.
func TestLearningListIsNewestFirstByDate(t *testing.T) {
	m := seedOne(t) // one entry, 2026-01-05
	// As a map file may hold them: in the order they were written.
	m.Learning = append(m.Learning,
		vsm.LearningEntry{ID: "l8", Title: "Written first, happened in March", Date: date("2026-03-10")},
		vsm.LearningEntry{ID: "l9", Title: "Written last, happened in February", Date: date("2026-02-01")})
	f := newFixture(t, m)
	l := f.s.learning
	var got []string
	for _, it := range l.entries {
		got = append(got, day(it.entry.Date))
	}
	if want := "2026-03-10 2026-02-01 2026-01-05"; strings.Join(got, " ") != want {
		t.Errorf("list order %v, want %s", got, want)
	}
}
