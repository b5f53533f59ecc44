package vsm

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Test helpers of the kaizen files carry a kz prefix so they never clash with
// the helpers of the core's tests in the same package.

func kzF(v float64) *float64 { return &v }

func kzDay(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// kzMap is the hand-computed stream the kaizen tests use:
//
//	stage   WT  PT  LT  CA   people  LT/CA  capacity = people x 8 x CA / PT
//	Code    16   8  24  0.8  2       30     2 x 8 x 0.8 / 8 = 1.6
//	Test    32   8  40  0.5  1       80     1 x 8 x 0.5 / 8 = 0.5
//	Deploy   8   8  16  1    1       16     1 x 8 x 1 / 8   = 1
//
//	lead 80, process 24, wait 56, flow efficiency 24/80 = 0.3,
//	rolled C&A 0.8 x 0.5 x 1 = 0.4, rework-adjusted lead 30+80+16 = 126,
//	capacity min(1.6, 0.5, 1) = 0.5
func kzMap() *Map {
	m := NewMap("Feature delivery")
	m.Stages = []Stage{
		{Name: "Code", Team: "Dev", WaitHours: 16, ProcessHours: 8, CompleteAccurate: 0.8, People: 2},
		{Name: "Test", Team: "QA", WaitHours: 32, ProcessHours: 8, CompleteAccurate: 0.5, People: 1},
		{Name: "Deploy", Team: "Ops", WaitHours: 8, ProcessHours: 8, CompleteAccurate: 1, People: 1},
	}
	return m
}

const kzTol = 1e-9

func kzNear(a, b float64) bool { return math.Abs(a-b) <= kzTol }

func kzNearPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return kzNear(*a, *b)
}

func kzCheckDelta(t *testing.T, what string, got, want TotalsDelta) {
	t.Helper()
	if !kzNear(got.LeadHours, want.LeadHours) || !kzNear(got.ProcessHours, want.ProcessHours) ||
		!kzNear(got.WaitHours, want.WaitHours) || !kzNearPtr(got.FlowEfficiency, want.FlowEfficiency) ||
		!kzNear(got.RolledCompleteAccurate, want.RolledCompleteAccurate) ||
		!kzNear(got.ReworkAdjustedLeadHours, want.ReworkAdjustedLeadHours) ||
		!kzNearPtr(got.CapacityPerDay, want.CapacityPerDay) {
		t.Errorf("%s =\n%s\nwant\n%s", what, kzFmtDelta(got), kzFmtDelta(want))
	}
}

func kzFmtDelta(d TotalsDelta) string {
	p := func(v *float64) string {
		if v == nil {
			return "nil"
		}
		return fmtValue(*v)
	}
	return "lead " + fmtValue(d.LeadHours) + " process " + fmtValue(d.ProcessHours) + " wait " + fmtValue(d.WaitHours) +
		" fe " + p(d.FlowEfficiency) + " rca " + fmtValue(d.RolledCompleteAccurate) +
		" rework " + fmtValue(d.ReworkAdjustedLeadHours) + " capacity " + p(d.CapacityPerDay)
}

func TestExpectedEffect(t *testing.T) {
	tests := []struct {
		name string
		k    Kaizen
		want TotalsDelta
	}{
		{
			// Test: WT 32 -> 4, PT 8 -> 2, so LT 40 -> 6.
			// lead 24+6+16 = 46 (-34); process 8+2+8 = 18 (-6); wait 16+4+8 = 28 (-28)
			// fe 18/46 - 0.3 = 0.391304... - 0.3; rca unchanged
			// rework 30 + 6/0.5 + 16 = 58 (-68); capacity Test 1x8x0.5/2 = 2, min(1.6, 2, 1) = 1 (+0.5)
			name: "automate regression",
			k:    Kaizen{Title: "Automate regression", Stage: "Test", Effect: Effect{WaitHours: kzF(4), ProcessHours: kzF(2)}},
			want: TotalsDelta{LeadHours: -34, ProcessHours: -6, WaitHours: -28, FlowEfficiency: kzF(18.0/46 - 0.3),
				ReworkAdjustedLeadHours: -68, CapacityPerDay: kzF(0.5)},
		},
		{
			// Code CA 0.8 -> 1: rca 1 x 0.5 x 1 = 0.5 (+0.1); rework 24 + 80 + 16 = 120 (-6);
			// Code capacity 2x8x1/8 = 2, min stays Test's 0.5 (0).
			name: "pair programming, stage name in other case",
			k:    Kaizen{Title: "Pair", Stage: " code ", Effect: Effect{CompleteAccurate: kzF(1)}},
			want: TotalsDelta{FlowEfficiency: kzF(0), RolledCompleteAccurate: 0.1, ReworkAdjustedLeadHours: -6, CapacityPerDay: kzF(0)},
		},
		{
			// Test people 1 -> 2: capacity Test 2x8x0.5/8 = 1, min(1.6, 1, 1) = 1 (+0.5); nothing else.
			name: "second tester",
			k:    Kaizen{Title: "Second tester", Stage: "Test", Effect: Effect{People: kzF(2)}},
			want: TotalsDelta{FlowEfficiency: kzF(0), CapacityPerDay: kzF(0.5)},
		},
		{
			name: "no effect, whole stream",
			k:    Kaizen{Title: "Team charter"},
			want: TotalsDelta{FlowEfficiency: kzF(0), CapacityPerDay: kzF(0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := kzMap()
			before := m.Clone()
			got, err := ExpectedEffect(m, tt.k)
			if err != nil {
				t.Fatalf("ExpectedEffect: %v", err)
			}
			kzCheckDelta(t, "ExpectedEffect", got, tt.want)
			if !reflect.DeepEqual(m, before) {
				t.Errorf("ExpectedEffect changed the map")
			}
		})
	}
}

func TestExpectedEffectErrors(t *testing.T) {
	tests := []struct {
		name string
		k    Kaizen
		want string
	}{
		{"unknown stage", Kaizen{Title: "Faster tests", Stage: "Tset", Effect: Effect{WaitHours: kzF(4)}}, `stage "Tset"`},
		{"effect without stage", Kaizen{Title: "Faster tests", Effect: Effect{WaitHours: kzF(4)}}, "targets no stage"},
	}
	for _, tt := range tests {
		_, err := ExpectedEffect(kzMap(), tt.k)
		if !errors.Is(err, ErrUnknownStage) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want ErrUnknownStage naming %s", tt.name, err, tt.want)
		}
	}
}

func TestExpectedEffectUndefinedFlowEfficiency(t *testing.T) {
	// Lead time 0 before: flow efficiency is undefined, so its change is nil;
	// the stage has no process time before or after, so capacity is nil too.
	m := NewMap("empty")
	m.Stages = []Stage{NewStage("Idea")}
	got, err := ExpectedEffect(m, Kaizen{Title: "x", Stage: "Idea", Effect: Effect{WaitHours: kzF(8)}})
	if err != nil {
		t.Fatal(err)
	}
	kzCheckDelta(t, "ExpectedEffect", got, TotalsDelta{LeadHours: 8, WaitHours: 8, ReworkAdjustedLeadHours: 8})
}

func TestEffectApplyLeavesOtherFieldsAndOriginal(t *testing.T) {
	q := 3.0
	s := Stage{Name: "Test", WaitHours: 32, ProcessHours: 8, CompleteAccurate: 0.5, People: 1, Queue: &q, Waste: []Waste{WasteManualTesting}}
	got := Effect{WaitHours: kzF(4)}.Apply(s)
	want := Stage{Name: "Test", WaitHours: 4, ProcessHours: 8, CompleteAccurate: 0.5, People: 1, Queue: kzF(3), Waste: []Waste{WasteManualTesting}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Apply = %+v, want %+v", got, want)
	}
	*got.Queue = 9
	got.Waste[0] = WasteRework
	if *s.Queue != 3 || s.Waste[0] != WasteManualTesting {
		t.Errorf("Apply shares memory with its stage")
	}
}

func TestKaizenValidate(t *testing.T) {
	ok := Kaizen{Title: "Automate", Stage: "Test", Status: KaizenPlanned, Waste: WasteManualTesting,
		Effect:  Effect{WaitHours: kzF(0), ProcessHours: kzF(2), CompleteAccurate: kzF(1), People: kzF(0.5)},
		Changes: []StatusChange{{KaizenIdea, kzDay("2026-01-05")}, {KaizenPlanned, kzDay("2026-01-05")}}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid kaizen: %v", err)
	}
	tests := []struct {
		name string
		edit func(k *Kaizen)
		want string // in the message
	}{
		{"no title", func(k *Kaizen) { k.Title = "  " }, "title: is required"},
		{"effect without stage", func(k *Kaizen) { k.Stage = "" }, "stage: is required for an expected effect"},
		{"unknown status", func(k *Kaizen) { k.Status = "doing" }, `status: "doing" is not a status`},
		{"empty status", func(k *Kaizen) { k.Status = "" }, "status: is not a status"},
		{"waste not canonical", func(k *Kaizen) { k.Waste = "manual testing" }, `waste: "manual testing" is not a waste type`},
		{"unknown waste", func(k *Kaizen) { k.Waste = "meetings" }, `"meetings"`},
		{"CA 0", func(k *Kaizen) { k.Effect.CompleteAccurate = kzF(0) }, `effect complete & accurate: "0"`},
		{"CA above 1", func(k *Kaizen) { k.Effect.CompleteAccurate = kzF(1.5) }, `effect complete & accurate: "1.5"`},
		{"people 0", func(k *Kaizen) { k.Effect.People = kzF(0) }, `effect people: "0" must be more than 0`},
		{"people infinite", func(k *Kaizen) { k.Effect.People = kzF(math.Inf(1)) }, "effect people"},
		{"negative wait", func(k *Kaizen) { k.Effect.WaitHours = kzF(-1) }, `effect wait: "-1" cannot be negative`},
		{"NaN process", func(k *Kaizen) { k.Effect.ProcessHours = kzF(math.NaN()) }, "effect process"},
		{"change status", func(k *Kaizen) { k.Changes[1].Status = "started" }, `status change 2: "started"`},
		{"change without date", func(k *Kaizen) { k.Changes[0].Date = time.Time{} }, "status change 1: has no date"},
		{"changes out of order", func(k *Kaizen) { k.Changes[1].Date = kzDay("2026-01-04") }, "status change 2"},
	}
	for _, tt := range tests {
		k := ok.Clone()
		tt.edit(&k)
		err := k.Validate()
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		var ie *ItemError
		if !errors.Is(err, ErrInvalid) || !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) ||
			!strings.HasPrefix(err.Error(), "kaizen") {
			t.Errorf("%s: error %q, want an ItemError wrapping ErrInvalid containing %q", tt.name, err, tt.want)
		}
	}
}

func TestNextID(t *testing.T) {
	tests := []struct {
		prefix   string
		existing []string
		want     string
	}{
		{"k", nil, "k1"},
		{"k", []string{"k1", "k2"}, "k3"},
		{"k", []string{"k7", "k2", "x9", "kk3", "k01", "k-4"}, "k8"},
		{"m", []string{"k5"}, "m1"},
	}
	for _, tt := range tests {
		if got := NextID(tt.prefix, tt.existing); got != tt.want {
			t.Errorf("NextID(%q, %q) = %q, want %q", tt.prefix, tt.existing, got, tt.want)
		}
	}
}

func TestAddKaizen(t *testing.T) {
	m := kzMap()
	k, err := m.AddKaizen(Kaizen{Title: "Automate", Created: kzDay("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	want := Kaizen{ID: "k1", Title: "Automate", Status: KaizenIdea, Created: kzDay("2026-01-05"),
		Changes: []StatusChange{{KaizenIdea, kzDay("2026-01-05")}}}
	if !reflect.DeepEqual(k, want) || !reflect.DeepEqual(m.Kaizen, []Kaizen{want}) {
		t.Errorf("AddKaizen = %+v, map holds %+v; want %+v", k, m.Kaizen, want)
	}
	if k2, err := m.AddKaizen(Kaizen{Title: "Second", Status: KaizenPlanned}); err != nil || k2.ID != "k2" || k2.Changes != nil {
		t.Errorf("second AddKaizen = %+v, %v; want id k2, no changes (no created date)", k2, err)
	}
	if _, err := m.AddKaizen(Kaizen{ID: "k1", Title: "Duplicate"}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `"k1"`) {
		t.Errorf("duplicate id: %v", err)
	}
	if _, err := m.AddKaizen(Kaizen{Title: ""}); !errors.Is(err, ErrInvalid) {
		t.Errorf("no title: %v", err)
	}
	if _, err := m.AddKaizen(Kaizen{Title: "Linked", LearningID: []string{"l9"}}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "l9") {
		t.Errorf("link to a missing entry: %v", err)
	}
	if len(m.Kaizen) != 2 {
		t.Errorf("failed adds changed the map: %d items", len(m.Kaizen))
	}
}

func TestKaizenLinksBothWays(t *testing.T) {
	m := kzMap()
	e, err := m.AddLearning(LearningEntry{Title: "Release rolled back", Date: kzDay("2026-01-10")})
	if err != nil {
		t.Fatal(err)
	}
	k, err := m.AddKaizen(Kaizen{Title: "Canary releases", LearningID: []string{e.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Learning[0].FollowUps; !reflect.DeepEqual(got, []string{k.ID}) {
		t.Errorf("AddKaizen: entry follow-ups %q, want [%s]", got, k.ID)
	}
	k.LearningID = nil
	k.Title = "Canary releases for all services"
	if err := m.UpdateKaizen(k); err != nil {
		t.Fatal(err)
	}
	if got := m.Learning[0].FollowUps; got != nil {
		t.Errorf("UpdateKaizen without the link: entry follow-ups %q, want none", got)
	}
	if err := m.LinkFollowUp(e.ID, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := m.LinkFollowUp(e.ID, k.ID); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.Learning[0].FollowUps, []string{"k1"}) || !reflect.DeepEqual(m.Kaizen[0].LearningID, []string{"l1"}) {
		t.Errorf("LinkFollowUp twice: entry %q, kaizen %q; want one link each way", m.Learning[0].FollowUps, m.Kaizen[0].LearningID)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("linked map does not validate: %v", err)
	}
	if err := m.RemoveKaizen(k.ID); err != nil {
		t.Fatal(err)
	}
	if m.Learning[0].FollowUps != nil || m.Kaizen != nil {
		t.Errorf("RemoveKaizen left %q, %+v", m.Learning[0].FollowUps, m.Kaizen)
	}
	if err := m.LinkFollowUp(e.ID, "k1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("link to a removed kaizen: %v", err)
	}
}

func TestUpdateKaizenKeepsStatusHistory(t *testing.T) {
	m := kzMap()
	k, _ := m.AddKaizen(Kaizen{Title: "Automate", Created: kzDay("2026-01-05")})
	k.Status = KaizenDone
	k.Changes = nil
	k.Hypothesis = "if we automate, Test waits 4h"
	if err := m.UpdateKaizen(k); err != nil {
		t.Fatal(err)
	}
	got := m.Kaizen[0]
	if got.Status != KaizenIdea || len(got.Changes) != 1 || got.Hypothesis != k.Hypothesis {
		t.Errorf("UpdateKaizen = %+v; want the new hypothesis, status idea and its one change", got)
	}
	if err := m.UpdateKaizen(Kaizen{ID: "k9", Title: "x"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("update of a missing item: %v", err)
	}
}

func TestSetKaizenStatusAndDoneDate(t *testing.T) {
	m := kzMap()
	k, _ := m.AddKaizen(Kaizen{Title: "Automate", Created: kzDay("2026-01-05")})
	steps := []struct {
		s    KaizenStatus
		date string
	}{
		{KaizenPlanned, "2026-01-06"},
		{KaizenPlanned, "2026-01-07"}, // same status: nothing recorded
		{KaizenInProgress, "2026-01-20"},
		{KaizenDone, "2026-02-02"},
	}
	for _, st := range steps {
		if err := m.SetKaizenStatus(k.ID, st.s, kzDay(st.date)); err != nil {
			t.Fatalf("SetKaizenStatus(%s, %s): %v", st.s, st.date, err)
		}
	}
	want := []StatusChange{{KaizenIdea, kzDay("2026-01-05")}, {KaizenPlanned, kzDay("2026-01-06")},
		{KaizenInProgress, kzDay("2026-01-20")}, {KaizenDone, kzDay("2026-02-02")}}
	if got := m.Kaizen[0].Changes; !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %+v, want %+v", got, want)
	}
	if d, ok := m.Kaizen[0].DoneDate(); !ok || !d.Equal(kzDay("2026-02-02")) {
		t.Errorf("DoneDate = %v, %v; want 2026-02-02", d, ok)
	}

	// Reopened and done again: the latest done date counts.
	_ = m.SetKaizenStatus(k.ID, KaizenInProgress, kzDay("2026-02-10"))
	if _, ok := m.Kaizen[0].DoneDate(); ok {
		t.Errorf("DoneDate of a reopened item is set")
	}
	_ = m.SetKaizenStatus(k.ID, KaizenDone, kzDay("2026-02-20"))
	if d, ok := m.Kaizen[0].DoneDate(); !ok || !d.Equal(kzDay("2026-02-20")) {
		t.Errorf("DoneDate after reopening = %v, %v; want 2026-02-20", d, ok)
	}

	errs := []struct {
		name string
		id   string
		s    KaizenStatus
		date time.Time
		want string
	}{
		{"earlier than last change", k.ID, KaizenDropped, kzDay("2026-02-19"), "earlier than its last change (done on 2026-02-20)"},
		{"unknown status", k.ID, "finished", kzDay("2026-03-01"), `"finished" is not a status`},
		{"no date", k.ID, KaizenDropped, time.Time{}, "status date: is required"},
		{"unknown item", "k9", KaizenDropped, kzDay("2026-03-01"), `"k9"`},
	}
	for _, tt := range errs {
		err := m.SetKaizenStatus(tt.id, tt.s, tt.date)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	if m.Kaizen[0].Status != KaizenDone || len(m.Kaizen[0].Changes) != 6 {
		t.Errorf("failed status changes changed the item: %+v", m.Kaizen[0])
	}

	if _, ok := (Kaizen{Status: KaizenDone}).DoneDate(); ok {
		t.Errorf("DoneDate of an item marked done without a dated change is set")
	}
}

func TestBacklogAndBoard(t *testing.T) {
	m := kzMap()
	add := func(title, stage string, s KaizenStatus, e Effect) {
		t.Helper()
		if _, err := m.AddKaizen(Kaizen{Title: title, Stage: stage, Status: s, Effect: e}); err != nil {
			t.Fatal(err)
		}
	}
	add("Second tester", "Test", KaizenPlanned, Effect{People: kzF(2)})             // gain 0
	add("Pair", "Code", KaizenIdea, Effect{CompleteAccurate: kzF(1)})               // gain 0
	add("Typo stage", "Tset", KaizenIdea, Effect{WaitHours: kzF(1)})                // cannot compute
	add("Automate regression", "Test", KaizenInProgress, Effect{WaitHours: kzF(4)}) // 32 -> 4: gain 28
	add("another zero", "", KaizenIdea, Effect{})                                   // gain 0
	add("Done already", "Test", KaizenDone, Effect{WaitHours: kzF(0)})              // not in the backlog
	add("Dropped", "Deploy", KaizenDropped, Effect{WaitHours: kzF(0)})              // not in the backlog
	add("Shorter deploy wait", "Deploy", KaizenPlanned, Effect{WaitHours: kzF(0)})  // 8 -> 0: gain 8
	add("Shorter code wait", "Code", KaizenPlanned, Effect{WaitHours: kzF(8)})      // 16 -> 8: gain 8
	add("Shorter code wait", "Code", KaizenPlanned, Effect{WaitHours: kzF(8)})      // same title: map order
	add("Slower", "Deploy", KaizenIdea, Effect{ProcessHours: kzF(16)})              // 8 -> 16: gain -8

	var got []string
	for _, g := range Backlog(m) {
		got = append(got, g.Kaizen.ID+" "+g.Kaizen.Title)
		if (g.Err != nil) != (g.Kaizen.Title == "Typo stage") {
			t.Errorf("%s: error %v", g.Kaizen.Title, g.Err)
		}
	}
	want := []string{"k4 Automate regression", "k9 Shorter code wait", "k10 Shorter code wait", "k8 Shorter deploy wait",
		"k5 another zero", "k2 Pair", "k1 Second tester", "k11 Slower", "k3 Typo stage"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Backlog =\n%q\nwant\n%q", got, want)
	}

	board := Board(m)
	var cols []string
	for _, c := range board {
		var titles []string
		for _, k := range c.Items {
			titles = append(titles, k.ID)
		}
		cols = append(cols, string(c.Status)+":"+strings.Join(titles, ","))
	}
	wantCols := []string{"idea:k2,k3,k5,k11", "planned:k1,k8,k9,k10", "in-progress:k4", "done:k6", "dropped:k7"}
	if !reflect.DeepEqual(cols, wantCols) {
		t.Errorf("Board = %q, want %q", cols, wantCols)
	}
	if cols := Board(NewMap("empty")); len(cols) != 5 || cols[0].Items != nil {
		t.Errorf("Board of a map without kaizen = %+v, want 5 empty columns", cols)
	}
}

func TestParseKaizenStatus(t *testing.T) {
	for in, want := range map[string]KaizenStatus{"In progress": KaizenInProgress, " DONE ": KaizenDone, "in_progress": KaizenInProgress, "idea": KaizenIdea} {
		if got, err := ParseKaizenStatus(in); err != nil || got != want {
			t.Errorf("ParseKaizenStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseKaizenStatus("finished"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseKaizenStatus(finished): %v", err)
	}
}

func TestKaizenBursts(t *testing.T) {
	m := kzMap()
	m.Kaizen = []Kaizen{
		{ID: "k1", Title: "a", Stage: "test", Status: KaizenIdea},
		{ID: "k2", Title: "b", Stage: "Test", Status: KaizenDone},
		{ID: "k3", Title: "c", Stage: "Code", Status: KaizenInProgress},
		{ID: "k4", Title: "d", Stage: "", Status: KaizenPlanned},
		{ID: "k5", Title: "e", Stage: "Gone", Status: KaizenPlanned},
		{ID: "k6", Title: "f", Stage: "Test", Status: KaizenPlanned},
		{ID: "k7", Title: "g", Stage: "Deploy", Status: KaizenDropped},
	}
	var got []string
	for i, ks := range KaizenBursts(m) {
		var ids []string
		for _, k := range ks {
			ids = append(ids, k.ID)
		}
		got = append(got, m.Stages[i].Name+":"+strings.Join(ids, ","))
	}
	if want := []string{"Code:k3", "Test:k1,k6", "Deploy:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("KaizenBursts = %q, want %q", got, want)
	}
}
