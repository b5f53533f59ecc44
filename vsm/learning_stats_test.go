package vsm

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestKaizenOverdueAndFollowUpState(t *testing.T) {
	due := kzDay("2026-03-10")
	for _, tt := range []struct {
		name   string
		status KaizenStatus
		due    time.Time
		now    time.Time
		over   bool
		state  FollowUpState
	}{
		{"open before its day", KaizenPlanned, due, kzDay("2026-03-09"), false, FollowUpOpen},
		{"open on its day", KaizenInProgress, due, time.Date(2026, 3, 10, 23, 59, 0, 0, time.UTC), false, FollowUpOpen},
		{"open the day after", KaizenIdea, due, kzDay("2026-03-11"), true, FollowUpOverdue},
		{"done late is done", KaizenDone, due, kzDay("2026-04-01"), false, FollowUpDone},
		{"dropped late is dropped", KaizenDropped, due, kzDay("2026-04-01"), false, FollowUpDropped},
		{"no due day", KaizenPlanned, time.Time{}, kzDay("2030-01-01"), false, FollowUpOpen},
		// The due day is read in its own location: 10 March at 23:00 in
		// UTC-05:00 is still the 10th there, so on 11 March it is overdue.
		{"own location", KaizenPlanned, time.Date(2026, 3, 10, 23, 0, 0, 0, time.FixedZone("", -5*3600)), kzDay("2026-03-11"), true, FollowUpOverdue},
	} {
		k := Kaizen{Title: tt.name, Status: tt.status, Due: tt.due}
		if got := k.Overdue(tt.now); got != tt.over {
			t.Errorf("%s: Overdue = %v, want %v", tt.name, got, tt.over)
		}
		if got := k.FollowUpState(tt.now); got != tt.state {
			t.Errorf("%s: FollowUpState = %s, want %s", tt.name, got, tt.state)
		}
	}
}

// drLearningMap is a learning log over three quarters with follow-ups:
//
//	l1 2026-01-10 Test; tooling, process         follow-ups k1 (done), k2 (planned, due 02-01)
//	l2 2026-02-15 Test; tooling                  36 days after l1, shares Test and tooling: recurring
//	l3 2026-03-20 Test, Deploy; tooling, monitoring   shares Test, tooling with l2 (33 days), l1 (69): recurring
//	l4 2026-08-05 Deploy; process                follow-up k3 (in progress, due 09-01); 138 days after l3: new
//
// Impact hours: 6, 0, 4, 10.
func drLearningMap(t *testing.T) *Map {
	t.Helper()
	m := kzMap()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	entry := func(date, title string, stages []string, hours float64, factors ...Factor) {
		_, err := m.AddLearning(LearningEntry{Title: title, Date: kzDay(date), Stages: stages, Factors: factors,
			Impact: Impact{HoursLost: hours}})
		must(err)
	}
	entry("2026-01-10", "Flaky suite", []string{"Test"}, 6, FactorTooling, FactorProcess)
	entry("2026-02-15", "Flaky suite again", []string{" test "}, 0, FactorTooling)
	entry("2026-03-20", "Bad deploy after flaky run", []string{"Test", "Deploy"}, 4, FactorTooling, FactorMonitoring)
	entry("2026-08-05", "Runbook out of date", []string{"Deploy", "Staging"}, 10, FactorProcess)
	add := func(title string, status KaizenStatus, due string, entries ...string) {
		k := Kaizen{Title: title, Stage: "Test", Status: status, Owner: "QA", LearningID: entries}
		if due != "" {
			k.Due = kzDay(due)
		}
		_, err := m.AddKaizen(k)
		must(err)
	}
	add("Quarantine flaky tests", KaizenDone, "2026-01-20", "l1")
	add("Own the test data", KaizenPlanned, "2026-02-01", "l1", "l2")
	add("Rewrite the runbook", KaizenInProgress, "2026-09-01", "l4")
	must(m.Validate())
	return m
}

func TestLearningFollowUps(t *testing.T) {
	m := drLearningMap(t)
	items, counts := LearningFollowUps(m, kzDay("2026-08-10"))
	var got []string
	for _, it := range items {
		got = append(got, it.EntryID+":"+it.Kaizen.ID+":"+string(it.State))
	}
	// k2 follows up l1 and l2: listed under both, counted once; it was due
	// 02-01 and is still planned on 08-10: overdue. k3 is due 09-01: open.
	want := []string{"l1:k1:done", "l1:k2:overdue", "l2:k2:overdue", "l4:k3:open"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("follow-ups = %v, want %v", got, want)
	}
	if want := (FollowUpCounts{Done: 1, Open: 1, Overdue: 1}); counts != want {
		t.Errorf("counts = %+v, want %+v", counts, want)
	}
	if items[0].EntryTitle != "Flaky suite" || items[0].Kaizen.Owner != "QA" {
		t.Errorf("first follow-up = %+v", items[0])
	}
	_, counts = LearningFollowUps(m, kzDay("2026-09-02"))
	if counts.Overdue != 2 || counts.Open != 0 {
		t.Errorf("on 09-02 counts = %+v, want 2 overdue, 0 open", counts)
	}
	if _, c := LearningFollowUps(NewMap("empty"), time.Now()); c != (FollowUpCounts{}) {
		t.Errorf("an empty log counts %+v", c)
	}
}

func TestRecurrenceTrend(t *testing.T) {
	m := drLearningMap(t)
	got := RecurrenceTrend(m)
	// Q1: l1 new, l2 and l3 recurring: 2/3. Q2: no entries. Q3: l4, new: 0/1.
	want := []struct {
		label              string
		entries, recurring int
		rate               *float64
	}{
		{"2026 Q1", 3, 2, drF(2.0 / 3)},
		{"2026 Q2", 0, 0, nil},
		{"2026 Q3", 1, 0, drF(0)},
	}
	if len(got) != len(want) {
		t.Fatalf("%d quarters, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Label() != w.label || g.Entries != w.entries || g.Recurring != w.recurring || !drNearPtr(g.Rate, w.rate) {
			t.Errorf("quarter %d = %s %d entries, %d recurring, rate %s; want %s %d, %d, %s",
				i, g.Label(), g.Entries, g.Recurring, drFmt(g.Rate), w.label, w.entries, w.recurring, drFmt(w.rate))
		}
	}
	if !got[1].Start.Equal(kzDay("2026-04-01")) {
		t.Errorf("Q2 starts %v, want 2026-04-01", got[1].Start)
	}
	if RecurrenceTrend(NewMap("empty")) != nil {
		t.Error("an empty log has a trend")
	}
	// Across a year's end: 2025 Q4 then 2026 Q1.
	y := NewMap("years")
	for _, d := range []string{"2025-12-31", "2026-01-01"} {
		if _, err := y.AddLearning(LearningEntry{Title: d, Date: kzDay(d), Stages: []string{"A"}, Factors: []Factor{FactorTooling}}); err != nil {
			t.Fatal(err)
		}
	}
	tr := RecurrenceTrend(y)
	if len(tr) != 2 || tr[0].Label() != "2025 Q4" || tr[1].Label() != "2026 Q1" || tr[1].Recurring != 1 || tr[0].Recurring != 0 {
		t.Errorf("across the year = %+v", tr)
	}
}

func TestParetos(t *testing.T) {
	m := drLearningMap(t)
	// Factors: tooling in l1, l2, l3 = 3; process in l1, l4 = 2; monitoring 1.
	// Total 6: 0.5 (0.5), 1/3 (5/6), 1/6 (1).
	drCheckPareto(t, "factors", FactorPareto(m), []ParetoBar{
		{"tooling", 3, 0.5, 0.5}, {"process", 2, 2.0 / 6, 5.0 / 6}, {"monitoring", 1, 1.0 / 6, 1},
	})
	// Stages: Test in l1, l2 (" test "), l3 = 3; Deploy in l3, l4 = 2;
	// Staging (not on the map) 1. Total 6.
	drCheckPareto(t, "stages", StagePareto(m), []ParetoBar{
		{"Test", 3, 0.5, 0.5}, {"Deploy", 2, 2.0 / 6, 5.0 / 6}, {"Staging", 1, 1.0 / 6, 1},
	})
	// Ties: the map's flow order (Code before Test before Deploy), then the
	// order of Factors (process before tooling); an entry naming a stage twice
	// counts once.
	tie := kzMap()
	for i, st := range [][]string{{"Deploy"}, {"Test", "TEST"}, {"Code"}} {
		f := []Factor{FactorTooling, FactorProcess}
		if _, err := tie.AddLearning(LearningEntry{Title: st[0], Date: kzDay("2026-01-01").AddDate(0, 0, i), Stages: st, Factors: f}); err != nil {
			t.Fatal(err)
		}
	}
	third := 1.0 / 3
	drCheckPareto(t, "tied stages", StagePareto(tie), []ParetoBar{
		{"Code", 1, third, third}, {"Test", 1, third, 2 * third}, {"Deploy", 1, third, 1},
	})
	drCheckPareto(t, "tied factors", FactorPareto(tie), []ParetoBar{{"process", 3, 0.5, 0.5}, {"tooling", 3, 0.5, 1}})
	if FactorPareto(NewMap("empty")) != nil || StagePareto(NewMap("empty")) != nil {
		t.Error("an empty log has Pareto bars")
	}
}

func drCheckPareto(t *testing.T, what string, got, want []ParetoBar) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %+v, want %+v", what, got, want)
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Count != w.Count || math.Abs(g.Share-w.Share) > 1e-12 || math.Abs(g.Cumulative-w.Cumulative) > 1e-12 {
			t.Errorf("%s bar %d = %+v, want %+v", what, i, g, w)
		}
	}
}

func TestFailureHeat(t *testing.T) {
	m := drLearningMap(t)
	// Code none; Test l1 (6 h), l2 (0), l3 (4 h shared with Deploy: 2) = 3
	// entries, 8 h; Deploy l3 (2 h), l4 (10 h, Staging is not on the map, so
	// all 10) = 2 entries, 12 h. Weights 0, 3/3, 2/3.
	want := []StageHeat{{0, 0, 0}, {3, 8, 1}, {2, 12, 2.0 / 3}}
	got := FailureHeat(m)
	for i := range want {
		if got[i].Entries != want[i].Entries || math.Abs(got[i].HoursLost-want[i].HoursLost) > 1e-12 ||
			math.Abs(got[i].Weight-want[i].Weight) > 1e-12 {
			t.Errorf("stage %d heat = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, h := range FailureHeat(kzMap()) {
		if h != (StageHeat{}) {
			t.Errorf("a map without a log has heat %+v", h)
		}
	}
}

func TestTimelineIsKeptOldestFirst(t *testing.T) {
	m := kzMap()
	late, early := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	e, err := m.AddLearning(LearningEntry{Title: "outage", Date: kzDay("2026-03-02"),
		Timeline: []TimelineEvent{{late, "restored"}, {early, "alert fired"}}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Timeline[0].What != "alert fired" || m.Learning[0].Timeline[1].What != "restored" {
		t.Errorf("timeline not sorted: %+v", m.Learning[0].Timeline)
	}
	e.Timeline = append(e.Timeline, TimelineEvent{At: early.Add(-time.Hour), What: "deploy"})
	if err := m.UpdateLearning(e); err != nil {
		t.Fatal(err)
	}
	if m.Learning[0].Timeline[0].What != "deploy" {
		t.Errorf("UpdateLearning did not sort: %+v", m.Learning[0].Timeline)
	}
	for _, tt := range []struct {
		ev   TimelineEvent
		want string
	}{
		{TimelineEvent{What: "x"}, `learning-log entry "outage": timeline 1: has no time`},
		{TimelineEvent{At: early, What: "  "}, `learning-log entry "outage": timeline 1: "2026-03-02T09:00:00Z" says nothing of what happened`},
	} {
		bad := LearningEntry{Title: "outage", Date: kzDay("2026-03-02"), Timeline: []TimelineEvent{tt.ev}}
		if err := bad.Validate(); err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("Validate = %v, want %q", err, tt.want)
		}
	}
}

func TestLearningDraft(t *testing.T) {
	plus1 := time.FixedZone("", 3600)
	d := Deployment{ChangeID: "MR-42", Service: "shop",
		FirstCommitAt: time.Date(2026, 3, 3, 16, 0, 0, 0, plus1), DeployedAt: time.Date(2026, 3, 4, 12, 0, 0, 0, plus1),
		Failed: true, FailedAt: time.Date(2026, 3, 4, 12, 30, 0, 0, plus1), RestoredAt: time.Date(2026, 3, 5, 14, 45, 0, 0, plus1)}
	e, err := LearningDraft(d, "Deploy")
	if err != nil {
		t.Fatal(err)
	}
	// Outage 12:30 on the 4th to 14:45 on the 5th: 26.25 elapsed hours = 1d 2h 15m,
	// written in the largest two units: "1d 2h".
	want := LearningEntry{
		Date: d.FailedAt, Title: "Failed deployment of shop: MR-42", Stages: []string{"Deploy"},
		WhatHappened: "MR-42 was deployed to shop at 2026-03-04 12:00 +01:00 and failed; service was restored 1d 2h after the failure began.",
		Impact:       Impact{HoursLost: 26.25, ItemsAffected: 1, Description: "shop failed for 1d 2h (elapsed time)"},
		Timeline: []TimelineEvent{
			{d.FirstCommitAt, "first commit of MR-42"}, {d.DeployedAt, "MR-42 deployed to production (shop)"},
			{d.FailedAt, "the failure began"}, {d.RestoredAt, "service restored"},
		},
	}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("draft =\n%+v\nwant\n%+v", e, want)
	}
	// The draft is a valid entry: the map takes it as it is.
	m := ExampleMap()
	if _, err := m.AddLearning(e); err != nil {
		t.Errorf("AddLearning(draft): %v", err)
	}

	// Without change, service, failed_at or restore: the deploy dates it.
	bare := Deployment{DeployedAt: time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC), Failed: true}
	e, err = LearningDraft(bare, "")
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Failed deployment on 2026-03-04" || !e.Date.Equal(bare.DeployedAt) || e.Stages != nil ||
		e.Impact.HoursLost != 0 || e.Impact.Description != "service failed; no restore time recorded" || len(e.Timeline) != 1 ||
		e.WhatHappened != "the change was deployed at 2026-03-04 12:00 +00:00 and failed; the record has no restore time." {
		t.Errorf("bare draft = %+v", e)
	}

	if _, err := LearningDraft(Deployment{DeployedAt: bare.DeployedAt, ChangeID: "ok"}, ""); err == nil ||
		err.Error() != `deployment (change "ok"): failed: is false: a learning-log entry starts from a failed deployment` {
		t.Errorf("a successful deployment: %v", err)
	}
	if _, err := LearningDraft(Deployment{Failed: true}, ""); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "deployed_at") {
		t.Errorf("an invalid deployment: %v", err)
	}
}

func TestFormatElapsed(t *testing.T) {
	for h, want := range map[float64]string{26.25: "1d 2h", 0.5: "30m", 24 * 8: "1w 1d", 0: "0h"} {
		if got := FormatElapsed(h); got != want {
			t.Errorf("FormatElapsed(%v) = %q, want %q", h, got, want)
		}
	}
}

func TestRecordDORA(t *testing.T) {
	m := kzMap()
	s, _ := DORA(drWeek(), time.Time{}, time.Time{}) // window 2026-03-02..06
	x, added, err := m.RecordDORA(s, "dora: deploys.csv")
	if err != nil || !added {
		t.Fatalf("RecordDORA = %v, %v", added, err)
	}
	if !x.Date.Equal(kzDay("2026-03-06")) || x.Source != "dora: deploys.csv" || x.ID != "m1" || len(x.Stages) != 3 || x.DORA == nil {
		t.Errorf("recorded measurement = %+v", x)
	}
	// A measurement of the map taken later that day keeps stages and figures
	// apart: a second record replaces the figures, not the stage values.
	m.Stages[0].WaitHours = 99
	m.Measurements[0].Stages[0].WaitHours = 1
	s2, _ := DORA(drWeek()[:2], kzDay("2026-03-02"), kzDay("2026-03-06"))
	x, added, err = m.RecordDORA(s2, "again")
	if err != nil || added || len(m.Measurements) != 1 {
		t.Fatalf("second record: added %v, err %v, %d measurements", added, err, len(m.Measurements))
	}
	if x.Stages[0].WaitHours != 1 || x.Source != "dora: deploys.csv" || x.DORA.Deployments != 2 {
		t.Errorf("second record = stages %v, source %q, %d deployments", x.Stages[0].WaitHours, x.Source, x.DORA.Deployments)
	}
	h := History(m)
	if len(h) != 1 || h[0].DORA == nil || h[0].DORA.Deployments != 2 {
		t.Errorf("history = %+v", h)
	}
	// The history's figures are a copy.
	*h[0].DORA.DeploysPerDay = 99
	if *m.Measurements[0].DORA.DeploysPerDay == 99 {
		t.Error("History shares the DORA figures with the map")
	}
	if err := m.Validate(); err != nil {
		t.Errorf("map after recording: %v", err)
	}

	if _, _, err := m.RecordDORA(DORASummary{}, "x"); err == nil || !errors.Is(err, ErrInvalid) ||
		!strings.Contains(err.Error(), "no day to record the figures on") {
		t.Errorf("empty figures: %v", err)
	}
	bad := s.Clone()
	bad.Failed = 10
	if _, _, err := m.RecordDORA(bad, "x"); err == nil || !errors.Is(err, ErrInvalid) {
		t.Errorf("invalid figures: %v", err)
	}
}

func TestKaizenDocumentOwnerAndDue(t *testing.T) {
	m := drLearningMap(t)
	d := NewKaizenDocument(m)
	if d.Kaizen[1].Owner != "QA" || d.Kaizen[1].Due == nil || *d.Kaizen[1].Due != "2026-02-01" {
		t.Errorf("k2 owner, due = %q, %v", d.Kaizen[1].Owner, d.Kaizen[1].Due)
	}
	// Items without them write neither key, as before.
	data, _ := json.Marshal(NewKaizenDocument(drMapWithIdea(t)).Kaizen[0])
	if containsKey(data, "owner") || containsKey(data, "due") {
		t.Errorf("an item without owner or due writes them: %s", data)
	}
}

func drMapWithIdea(t *testing.T) *Map {
	t.Helper()
	m := kzMap()
	if _, err := m.AddKaizen(Kaizen{Title: "Idea"}); err != nil {
		t.Fatal(err)
	}
	return m
}
