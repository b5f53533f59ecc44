package kaizenui

import (
	"testing"

	"flowmap/vsm"
)

// seedMap is the example map with a kaizen history: three measurements, a
// kaizen done between the first two, open, done and dropped items, and a
// learning log whose second entry repeats the first (Deploy + tooling, 28
// days apart).
func seedMap(t testing.TB) *vsm.Map {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	m := vsm.ExampleMap()
	m.ID = "map1"
	add := func(k vsm.Kaizen) string {
		t.Helper()
		stored, err := m.AddKaizen(k)
		must(err)
		return stored.ID
	}
	measure := func(d, src string) {
		t.Helper()
		_, _, err := m.AddMeasurement(vsm.MeasurementOf(m, date(d), src))
		must(err)
	}
	measure("2025-11-03", "app")
	regression := add(vsm.Kaizen{Title: "Automate the regression suite", Stage: "Test", Waste: vsm.WasteManualTesting,
		Team: "QA", Hypothesis: "If the regression suite runs in CI, Test's wait falls from 4d to 4h",
		Effect: vsm.Effect{WaitHours: ptr(4)}, Created: date("2025-11-05")})
	must(m.SetKaizenStatus(regression, vsm.KaizenPlanned, date("2025-11-10")))
	must(m.SetKaizenStatus(regression, vsm.KaizenInProgress, date("2025-11-20")))
	must(m.SetKaizenStatus(regression, vsm.KaizenDone, date("2025-12-01")))
	m.Stages[m.StageIndex("Test")].WaitHours = 6
	measure("2025-12-08", "app")
	cab := add(vsm.Kaizen{Title: "Standard changes skip the advisory board", Stage: "Release", Waste: vsm.WasteApprovals,
		Team: "Ops", Effect: vsm.Effect{WaitHours: ptr(8)}, Created: date("2025-12-10")})
	must(m.SetKaizenStatus(cab, vsm.KaizenPlanned, date("2025-12-15")))
	add(vsm.Kaizen{Title: "Trunk-based development", Stage: "Code", Waste: vsm.WasteTaskSwitching, Team: "Dev",
		Effect: vsm.Effect{WaitHours: ptr(8), ProcessHours: ptr(10)}, Created: date("2025-12-12")})
	oneClick := add(vsm.Kaizen{Title: "Deploy with one click", Stage: "Deploy", Waste: vsm.WasteManualDeploy, Team: "Ops",
		Effect: vsm.Effect{WaitHours: ptr(2), ProcessHours: ptr(0.25), CompleteAccurate: ptr(0.98)}, Created: date("2025-12-01")})
	must(m.SetKaizenStatus(oneClick, vsm.KaizenInProgress, date("2025-12-20")))
	survey := add(vsm.Kaizen{Title: "In-app feedback instead of the survey", Stage: "Feedback", Waste: vsm.WasteWaiting,
		Team: "Product", Effect: vsm.Effect{WaitHours: ptr(16)}, Created: date("2025-11-15"),
		Result: "Legal review blocked in-app surveys for now", Learning: "Ask legal before designing the experiment"})
	must(m.SetKaizenStatus(survey, vsm.KaizenDropped, date("2025-12-18")))
	m.Stages[m.StageIndex("Release")].WaitHours = 32
	measure("2026-01-05", "stages-jan.xlsx")

	first, err := m.AddLearning(vsm.LearningEntry{Date: date("2025-11-24"), Title: "Hotfix shipped without the regression suite",
		Stages: []string{"Test", "Deploy"}, Factors: []vsm.Factor{vsm.FactorProcess, vsm.FactorTooling},
		WhatHappened: "The hotfix path skips the suite because it takes two days.",
		Impact:       vsm.Impact{HoursLost: 12, ItemsAffected: 3, Description: "Checkout errors for 40 minutes"},
		Learned:      "The slow suite makes skipping it look reasonable.", FollowUps: []string{regression}})
	must(err)
	_ = first
	_, err = m.AddLearning(vsm.LearningEntry{Date: date("2025-12-22"), Title: "Deploy runbook step missed",
		Stages: []string{"Deploy"}, Factors: []vsm.Factor{vsm.FactorTooling, vsm.FactorKnowledge},
		WhatHappened: "Step 14 of the manual runbook was not run; the cache kept old prices.",
		Impact:       vsm.Impact{HoursLost: 6, ItemsAffected: 1}, FollowUps: []string{oneClick}})
	must(err)
	must(m.Validate())
	return m
}
