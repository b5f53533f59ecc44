package report

import (
	"fmt"
	"time"

	"flowmap/vsm"
)

// Maps the tests draw and export.

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func f64(v float64) *float64 { return &v }

// reportNow is the date every golden picture and workbook is made on.
var reportNow = time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC)

// historyMap is the example map after three measurements and four kaizen, two
// of them done, with a learning-log entry: every sheet and picture has data.
func historyMap() *vsm.Map {
	m := vsm.ExampleMap()
	m.Name = "Feature delivery (with history)"
	base := vsm.ExampleMap().Stages
	// Each measurement is the example's stages with the waits of that day:
	// Test's wait falls after the regression suite is automated (done
	// 2026-01-20), Plan's after weekly planning (done 2026-02-16).
	measure := func(id, date string, planWait, testWait float64) vsm.Measurement {
		st := make([]vsm.Stage, len(base))
		for i, s := range base {
			st[i] = s.Clone()
		}
		st[1].WaitHours = planWait
		st[4].WaitHours = testWait
		return vsm.Measurement{ID: id, Date: day(date), Source: "app", Calendar: vsm.DefaultCalendar(),
			DemandPerDay: f64(2), Stages: st}
	}
	m.Measurements = []vsm.Measurement{
		measure("m1", "2026-01-05", 24, 32),
		measure("m2", "2026-02-02", 24, 8),
		measure("m3", "2026-03-02", 8, 8),
	}
	m.Stages[1].WaitHours = 8
	m.Stages[4].WaitHours = 8
	m.Kaizen = []vsm.Kaizen{
		{ID: "k1", Title: "Automate the regression suite", Stage: "Test", Waste: vsm.WasteManualTesting,
			Hypothesis: "If we automate the regression suite, Test's wait falls from 4d to 1d",
			Effect:     vsm.Effect{WaitHours: f64(8)}, Team: "QA", Status: vsm.KaizenDone,
			Changes: []vsm.StatusChange{{Status: vsm.KaizenPlanned, Date: day("2026-01-06")}, {Status: vsm.KaizenInProgress, Date: day("2026-01-08")},
				{Status: vsm.KaizenDone, Date: day("2026-01-20")}},
			Created: day("2026-01-05"), Result: "Test waits 1d", Learning: "Flaky tests needed fixing first"},
		{ID: "k2", Title: "Plan weekly instead of monthly", Stage: "Plan", Waste: vsm.WasteApprovals,
			Hypothesis: "Weekly planning cuts Plan's wait from 3d to 1d", Effect: vsm.Effect{WaitHours: f64(8)},
			Team: "Product", Status: vsm.KaizenDone,
			Changes: []vsm.StatusChange{{Status: vsm.KaizenPlanned, Date: day("2026-01-12")}, {Status: vsm.KaizenDone, Date: day("2026-02-16")}},
			Created: day("2026-01-10"), Result: "Plan waits 1d"},
		{ID: "k3", Title: "Replace the change advisory board with peer review", Stage: "Release",
			Waste: vsm.WasteApprovals, Hypothesis: "Release waits hours, not a week", Effect: vsm.Effect{WaitHours: f64(4)},
			Team: "Ops", Status: vsm.KaizenInProgress, Created: day("2026-02-20"),
			Changes:    []vsm.StatusChange{{Status: vsm.KaizenInProgress, Date: day("2026-03-01")}},
			LearningID: []string{"l1"}},
		{ID: "k4", Title: "Scripted deployment", Stage: "Deploy", Waste: vsm.WasteManualDeploy,
			Effect: vsm.Effect{ProcessHours: f64(0.25), CompleteAccurate: f64(0.99)}, Status: vsm.KaizenIdea,
			Created: day("2026-03-05")},
	}
	m.Learning = []vsm.LearningEntry{{
		ID: "l1", Date: day("2026-02-12"), Title: "Release rolled back after a missed migration",
		Stages: []string{"Release", "Deploy"}, WhatHappened: "The runbook skipped the schema migration step.",
		Impact:  vsm.Impact{HoursLost: 6, ItemsAffected: 3, Description: "Three features late by a day"},
		Factors: []vsm.Factor{vsm.FactorProcess, vsm.FactorTooling}, WentWell: "Rollback took 10 minutes",
		Learned: "Manual runbooks drift from the code", FollowUps: []string{"k3"},
	}}
	future, err := vsm.FutureState(m, []string{"k3", "k4"})
	if err != nil {
		panic(err)
	}
	m.Future = future
	return m
}

// futureMap is historyMap's future state: the open kaizen's expected effects
// applied (Release waits 4h; Deploy takes 15 minutes at 99% C&A).
func futureMap() *vsm.Map { return historyMap().Future }

// bigMap has n stages with varied names, waits, teams and waste, k
// measurements a week apart and a kaizen done every fifth week.
func bigMap(n, k int) *vsm.Map {
	m := vsm.NewMap(fmt.Sprintf("Platform release train (%d stages)", n))
	m.DemandPerDay = f64(3)
	names := []string{"Intake", "Refinement", "Architecture review", "Implementation", "Code review",
		"Security scan", "Integration test", "Performance test", "Staging", "Approval", "Release", "Monitoring"}
	for i := 0; i < n; i++ {
		s := vsm.NewStage(fmt.Sprintf("%s %d", names[i%len(names)], i+1))
		s.Team = []string{"Platform", "Payments", "Quality engineering", "SRE"}[i%4]
		s.WaitHours = float64((i*37)%60) + 0.5
		s.ProcessHours = float64((i*13)%9) + 0.25
		s.CompleteAccurate = 0.8 + float64(i%5)*0.05
		s.People = float64(1 + i%3)
		if i%3 == 0 {
			s.Waste = []vsm.Waste{vsm.WasteHandoffs, vsm.WasteWaiting}
		}
		if i%7 == 0 {
			s.Waste = append(s.Waste, vsm.WasteManualTesting, vsm.WasteEnvironments, vsm.WastePartiallyDone)
		}
		if i%4 == 1 {
			q := float64(i % 9)
			s.Queue = &q
		}
		m.Stages = append(m.Stages, s)
	}
	start := day("2024-01-01")
	for j := 0; j < k; j++ {
		st := make([]vsm.Stage, n)
		for i, s := range m.Stages {
			st[i] = s.Clone()
			st[i].WaitHours = s.WaitHours * (1.5 - 0.5*float64(j)/float64(max(k, 1))) * (1 + 0.1*float64((i+j)%3))
		}
		m.Measurements = append(m.Measurements, vsm.Measurement{ID: fmt.Sprintf("m%d", j+1),
			Date: start.AddDate(0, 0, 7*j), Source: "tracker.csv", Calendar: vsm.DefaultCalendar(),
			DemandPerDay: f64(3), Stages: st})
		if j%5 == 4 {
			m.Kaizen = append(m.Kaizen, vsm.Kaizen{ID: fmt.Sprintf("k%d", j), Title: fmt.Sprintf("Improvement %d", j),
				Stage: m.Stages[j%n].Name, Status: vsm.KaizenDone,
				Changes: []vsm.StatusChange{{Status: vsm.KaizenDone, Date: start.AddDate(0, 0, 7*j+3)}}})
		}
	}
	for i := 0; i < n; i += 6 {
		m.Kaizen = append(m.Kaizen, vsm.Kaizen{ID: fmt.Sprintf("open%d", i), Title: "Open improvement",
			Stage: m.Stages[i].Name, Status: vsm.KaizenPlanned})
	}
	return m
}
