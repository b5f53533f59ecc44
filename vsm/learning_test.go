package vsm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRecurrenceWindow(t *testing.T) {
	// The new entry is on 2026-04-10. Days before it:
	//   2026-01-10: 31 (Jan 10..Feb 10) + 28 (..Mar 10) + 31 (..Apr 10) = 90
	//   2026-01-11: 89,  2026-01-09: 91
	newDay := kzDay("2026-04-10")
	tests := []struct {
		earlier string
		days    int
		want    bool
	}{
		{"2026-01-09", 91, false},
		{"2026-01-10", 90, true},
		{"2026-01-11", 89, true},
		{"2026-04-10", 0, true},   // the same day counts
		{"2026-04-11", -1, false}, // a later entry never does
	}
	for _, tt := range tests {
		if d := DaysBetween(kzDay(tt.earlier), newDay); d != tt.days {
			t.Fatalf("DaysBetween(%s, 2026-04-10) = %d, want %d (the arithmetic of this test is wrong)", tt.earlier, d, tt.days)
		}
		m := kzMap()
		if _, err := m.AddLearning(LearningEntry{Title: "Flaky tests blocked release", Date: kzDay(tt.earlier),
			Stages: []string{"Test"}, Factors: []Factor{FactorTooling}}); err != nil {
			t.Fatal(err)
		}
		e := LearningEntry{Title: "Flaky again", Date: newDay, Stages: []string{"Test"}, Factors: []Factor{FactorTooling}}
		got := Recurring(m, e)
		if (len(got) == 1) != tt.want {
			t.Errorf("earlier entry %d days before (%s): recurring %v, want %v", tt.days, tt.earlier, len(got) == 1, tt.want)
		}
		if tt.want {
			if rs := Recurrences(m, e); rs[0].DaysBefore != tt.days {
				t.Errorf("DaysBefore = %d, want %d", rs[0].DaysBefore, tt.days)
			}
		}
	}
}

func TestRecurrences(t *testing.T) {
	m := kzMap()
	k1, _ := m.AddKaizen(Kaizen{Title: "Quarantine flaky tests", Status: KaizenDone})
	k2, _ := m.AddKaizen(Kaizen{Title: "Test data reset", Status: KaizenPlanned})
	entries := []LearningEntry{
		// l1: shares Test and tooling; both follow-ups, one open.
		{Title: "Flaky suite", Date: kzDay("2026-03-01"), Stages: []string{"Test"}, Factors: []Factor{FactorTooling, FactorProcess}, FollowUps: []string{k1.ID, k2.ID}},
		// l2: shares the stage only.
		{Title: "Tester on leave", Date: kzDay("2026-03-05"), Stages: []string{"Test"}, Factors: []Factor{FactorKnowledge}},
		// l3: shares the factor only.
		{Title: "Build cache", Date: kzDay("2026-03-06"), Stages: []string{"Build"}, Factors: []Factor{FactorTooling}},
		// l4: shares " test " (other case and spaces) and tooling; follow-up done.
		{Title: "Env down", Date: kzDay("2026-03-20"), Stages: []string{"Deploy", " test "}, Factors: []Factor{FactorEnvironment, FactorTooling}, FollowUps: []string{k1.ID}},
		// l5: no follow-ups.
		{Title: "Suite timeout", Date: kzDay("2026-03-20"), Stages: []string{"Test"}, Factors: []Factor{FactorTooling}},
	}
	for _, e := range entries {
		if _, err := m.AddLearning(e); err != nil {
			t.Fatal(err)
		}
	}
	e, err := m.AddLearning(LearningEntry{Title: "Flaky suite again", Date: kzDay("2026-03-25"), Stages: []string{"TEST"}, Factors: []Factor{FactorTooling}})
	if err != nil {
		t.Fatal(err)
	}
	rs := Recurrences(m, e)
	type row struct {
		id     string
		days   int
		stages []string
		done   bool
	}
	var got []row
	for _, r := range rs {
		got = append(got, row{r.Entry.ID, r.DaysBefore, r.SharedStages, r.FollowUpsDone()})
		if !reflect.DeepEqual(r.SharedFactors, []Factor{FactorTooling}) {
			t.Errorf("%s: shared factors %v", r.Entry.ID, r.SharedFactors)
		}
	}
	// Nearest first; l4 and l5 are on one day and keep the log's order. The
	// new entry itself (l6) is not its own recurrence.
	want := []row{{"l4", 5, []string{" test "}, true}, {"l5", 5, []string{"Test"}, false}, {"l1", 24, []string{"Test"}, false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Recurrences = %+v, want %+v", got, want)
	}
	fu := rs[2].FollowUps
	wantFU := []FollowUp{{KaizenID: "k1", Title: "Quarantine flaky tests", Status: KaizenDone, Found: true},
		{KaizenID: "k2", Title: "Test data reset", Status: KaizenPlanned, Found: true}}
	if !reflect.DeepEqual(fu, wantFU) || !fu[0].Done() || fu[1].Done() {
		t.Errorf("follow-ups of l1 = %+v, want %+v", fu, wantFU)
	}
	// The links went both ways when the entries were added.
	if got := m.Kaizen[0].LearningID; !reflect.DeepEqual(got, []string{"l1", "l4"}) {
		t.Errorf("k1 learning links %q, want [l1 l4]", got)
	}
	// A draft without an ID compares with every entry.
	draft := LearningEntry{Title: "draft", Date: kzDay("2026-03-25"), Stages: []string{"Test"}, Factors: []Factor{FactorTooling}}
	if n := len(Recurring(m, draft)); n != 4 {
		t.Errorf("draft recurs %d entries, want 4 (l1, l4, l5, l6)", n)
	}
}

func TestAddLearningKeepsDateOrder(t *testing.T) {
	m := kzMap()
	for _, d := range []string{"2026-03-01", "2026-01-01", "2026-03-01", "2026-02-01"} {
		if _, err := m.AddLearning(LearningEntry{Title: "x " + d, Date: kzDay(d)}); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for _, e := range m.Learning {
		ids = append(ids, e.ID)
	}
	if want := []string{"l2", "l4", "l1", "l3"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("log order %q, want %q", ids, want)
	}
	if err := m.RemoveLearning("l4"); err != nil || len(m.Learning) != 3 {
		t.Errorf("RemoveLearning: %v", err)
	}
	if _, err := m.AddLearning(LearningEntry{ID: "l1", Title: "dup", Date: kzDay("2026-01-01")}); !errors.Is(err, ErrInvalid) {
		t.Errorf("duplicate id: %v", err)
	}
	if _, err := m.AddLearning(LearningEntry{Title: "link", Date: kzDay("2026-01-01"), FollowUps: []string{"k5"}}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "k5") {
		t.Errorf("follow-up that does not exist: %v", err)
	}
}

func TestUpdateAndRemoveLearningLinks(t *testing.T) {
	m := kzMap()
	k, _ := m.AddKaizen(Kaizen{Title: "Canary"})
	e, _ := m.AddLearning(LearningEntry{Title: "Outage", Date: kzDay("2026-01-01"), FollowUps: []string{k.ID}})
	if !reflect.DeepEqual(m.Kaizen[0].LearningID, []string{e.ID}) {
		t.Fatalf("AddLearning did not link back: %q", m.Kaizen[0].LearningID)
	}
	e.FollowUps = nil
	if err := m.UpdateLearning(e); err != nil {
		t.Fatal(err)
	}
	if m.Kaizen[0].LearningID != nil {
		t.Errorf("UpdateLearning kept the back-link: %q", m.Kaizen[0].LearningID)
	}
	_ = m.LinkFollowUp(e.ID, k.ID)
	if err := m.UnlinkFollowUp(e.ID, k.ID); err != nil || m.Kaizen[0].LearningID != nil || m.Learning[0].FollowUps != nil {
		t.Errorf("UnlinkFollowUp: %v, %+v", err, m)
	}
	_ = m.LinkFollowUp(e.ID, k.ID)
	if err := m.RemoveLearning(e.ID); err != nil || m.Kaizen[0].LearningID != nil || m.Learning != nil {
		t.Errorf("RemoveLearning left links: %v %q", err, m.Kaizen[0].LearningID)
	}
	if err := m.UpdateLearning(e); !errors.Is(err, ErrInvalid) {
		t.Errorf("update of a removed entry: %v", err)
	}
}

func TestLearningValidate(t *testing.T) {
	ok := LearningEntry{ID: "l1", Title: "Outage", Date: kzDay("2026-01-01"), Stages: []string{"Deploy"},
		Factors: []Factor{FactorMonitoring}, Impact: Impact{HoursLost: 4, ItemsAffected: 3}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(e *LearningEntry)
		want string
	}{
		{"no title", func(e *LearningEntry) { e.Title = "" }, "title: is required"},
		{"no date", func(e *LearningEntry) { e.Date = kzDay("0001-01-01") }, "date: is required"},
		{"blank stage", func(e *LearningEntry) { e.Stages = append(e.Stages, " ") }, "stage 2: is blank"},
		{"person as factor", func(e *LearningEntry) { e.Factors = []Factor{"bob"} }, `contributing factor: "bob" is not a system category`},
		{"negative hours", func(e *LearningEntry) { e.Impact.HoursLost = -2 }, `impact hours lost: "-2" cannot be negative`},
		{"negative items", func(e *LearningEntry) { e.Impact.ItemsAffected = -1 }, `impact items affected: "-1" cannot be negative`},
	}
	for _, tt := range tests {
		e := ok.Clone()
		tt.edit(&e)
		err := e.Validate()
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "learning-log entry") {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}

	// On a map, links must point at items that exist.
	m := kzMap()
	m.Learning = []LearningEntry{ok}
	m.Learning[0].FollowUps = []string{"k3"}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), `learning-log entry 1 "Outage": follow-ups: "k3" is not a kaizen item`) {
		t.Errorf("dangling follow-up: %v", err)
	}
	m.Learning[0].FollowUps = nil
	m.Kaizen = []Kaizen{{ID: "k1", Title: "Canary", Status: KaizenIdea, LearningID: []string{"l2"}}}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), `kaizen 1 "Canary": learning entries: "l2"`) {
		t.Errorf("dangling learning link: %v", err)
	}
	m.Kaizen[0].LearningID = nil
	m.Learning = append(m.Learning, ok)
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), `learning-log entry 2 "Outage": id: "l1" is used by an earlier`) {
		t.Errorf("duplicate entry id: %v", err)
	}
}

func TestParseFactor(t *testing.T) {
	if f, err := ParseFactor(" Tooling "); err != nil || f != FactorTooling {
		t.Errorf("ParseFactor(Tooling) = %q, %v", f, err)
	}
	if _, err := ParseFactor("alice"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseFactor(alice): %v", err)
	}
}

func TestTeams(t *testing.T) {
	m := kzMap()
	m.Stages = append(m.Stages, Stage{Name: "Operate", Team: " qa ", CompleteAccurate: 1, People: 1}, NewStage("Feedback"))
	if got := m.Teams(); !reflect.DeepEqual(got, []string{"Dev", "QA", "Ops"}) {
		t.Errorf("Teams = %q", got)
	}
}

func TestBlameHints(t *testing.T) {
	people := []string{"Alice", "Anna Berg", "QA"}
	tests := []struct {
		text string
		want []string // "phrase/kind"
	}{
		// Positive cases.
		{"It was his fault.", []string{"his fault/fault"}},
		{"The fault was in the config", []string{"fault/fault"}},
		{"We blamed the new hire", []string{"blamed/fault"}},
		{"A careless merge broke main", []string{"careless/careless"}},
		{"Sloppy review, negligent rollout", []string{"Sloppy/careless", "negligent/careless"}},
		{"Root cause: Human Error", []string{"Human Error/human-error"}},
		{"root cause: human-error", []string{"human-error/human-error"}},
		{"We should have tested it", []string{"should have/hindsight"}},
		{"we should've known", []string{"should've/hindsight"}},
		{"shouldn't have shipped", []string{"shouldn't have/hindsight"}},
		{"It was her mistake", []string{"her mistake/fault"}},
		{"Alice forgot to run the migration", []string{"Alice forgot/person"}},
		{"it broke because Anna Berg didn't check", []string{"Anna Berg didn't/person"}},
		{"Delayed because of Alice.", []string{"because of Alice/person"}},
		{"It was Alice’s mistake", []string{"Alice’s mistake/person"}},
		{"QA missed the regression", []string{"QA missed/person"}},
		{"Then he forgot the flag", []string{"he forgot/person"}},
		{"she did not rerun", []string{"she did not/person"}},
		{"The outage was caused by him", []string{"caused by him/person"}},
		{"Alice should have checked", []string{"Alice should/person"}}, // overlaps "should have": the earlier start wins
		// Negative cases.
		{"The default timeout was too short", nil},
		{"A blameless review found a faulty disk", nil},
		{"Faultless rollout; humanerror; a human. Error budget", nil},
		{"The careful path had no check", nil},
		{"alice forgot", nil}, // a name is written with a capital letter
		{"Alicent forgot", nil},
		{"Alice. Forgot to say: the runbook was wrong", nil},
		{"the qa environment missed a patch", nil},
		{"He was on leave; the pager had no backup", nil},
		{"should the pipeline have retried?", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range BlameHints(tt.text, people) {
			got = append(got, h.Phrase+"/"+string(h.Kind))
			if tt.text[h.Start:h.End] != h.Phrase {
				t.Errorf("%q: hint %q at %d..%d is %q in the text", tt.text, h.Phrase, h.Start, h.End, tt.text[h.Start:h.End])
			}
			if !strings.Contains(strings.ToLower(h.Suggestion), "what in the system made this possible") {
				t.Errorf("%q: suggestion %q does not ask the system question", tt.text, h.Suggestion)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("BlameHints(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestBlameHintsOffsetsAfterMultibyteText(t *testing.T) {
	text := "Überraschung: Ärger, weil Anna Berg forgot; it was José's fault"
	hints := BlameHints(text, []string{"Anna Berg", "José"})
	want := []string{"Anna Berg forgot", "José's fault"}
	if len(hints) != len(want) {
		t.Fatalf("BlameHints = %+v, want %q", hints, want)
	}
	for i, h := range hints {
		if h.Phrase != want[i] || text[h.Start:h.End] != want[i] {
			t.Errorf("hint %d = %q at %d..%d, want %q", i, h.Phrase, h.Start, h.End, want[i])
		}
	}
}

func FuzzBlameHints(f *testing.F) {
	for _, s := range []string{"Alice forgot", "human error", "Alice’s fault", "should've", "’s", "x'", "'", "Ä's mistake"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prevEnd := 0
		for _, h := range BlameHints(text, []string{"Alice", "Ä"}) {
			if h.Start < prevEnd || h.End <= h.Start || h.End > len(text) || text[h.Start:h.End] != h.Phrase {
				t.Fatalf("bad hint %+v in %q", h, text)
			}
			prevEnd = h.End
		}
	})
}
