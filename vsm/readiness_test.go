package vsm

import (
	"slices"
	"testing"
	"time"
)

func TestReadinessRules(t *testing.T) {
	// kzMap: Code (wait 16h, process 8h, 80%), Test (32h, 8h, 50%), Deploy
	// (8h, 8h, 100%) on an 8 h x 5 d calendar; drWeek: 4 deployments in 5
	// days, lead times 10, 20, 30 h, 2 of 4 failed, one restored in 2 h.
	edit := func(f func(m *Map)) *Map { m := kzMap(); f(m); return m }
	names := func(ns ...string) *Map {
		m := NewMap("names")
		for _, n := range ns {
			m.Stages = append(m.Stages, NewStage(n))
		}
		return m
	}
	week, _ := DORA(drWeek(), time.Time{}, time.Time{})
	one := []Deployment{{DeployedAt: drAt("2026-03-02T12:00:00Z"), FirstCommitAt: drAt("2026-02-22T04:00:00Z"),
		Failed: true, RestoredAt: drAt("2026-03-03T18:00:00Z")}} // lead 200 h, restore 30 h
	slow, _ := DORA(one, kzDay("2026-03-01"), kzDay("2026-03-10"))
	clean, _ := DORA([]Deployment{{DeployedAt: drAt("2026-03-02T12:00:00Z")}}, time.Time{}, time.Time{})
	failedOnly, _ := DORA([]Deployment{{DeployedAt: drAt("2026-03-02T12:00:00Z"), Failed: true}}, time.Time{}, time.Time{})
	empty := NewMap("empty")

	tests := []struct {
		key      string
		m        *Map
		dora     *DORASummary
		status   CheckStatus
		evidence string
		stages   []int
	}{
		{"small-batches", kzMap(), nil, CheckPass, "the most work one stage does on an item is Code's 1d", []int{0}},
		{"small-batches", edit(func(m *Map) { m.Stages[1].ProcessHours = 20 }), nil, CheckFail,
			"Test works 2d 4h on an item (more than 2d)", []int{1}},
		{"small-batches", names("A", "B"), nil, CheckUnknown, "no stage has a process time", nil},

		{"automated-deploy", edit(func(m *Map) { m.Stages[2].Automated = true }), nil, CheckPass, "Deploy deploys and is marked automated", []int{2}},
		{"automated-deploy", kzMap(), nil, CheckUnknown, "Deploy deploys, and is neither marked automated nor tagged manual-deploy", []int{2}},
		{"automated-deploy", edit(func(m *Map) { m.Stages[2].Waste = []Waste{WasteManualDeploy} }), nil, CheckFail,
			"Deploy is tagged manual-deploy", []int{2}},
		{"automated-deploy", names("Code", "Test"), nil, CheckUnknown,
			"no stage is named like Deploy or Release, and none is tagged manual-deploy", nil},

		// 8 h is more than 10 minutes; exactly 10 minutes passes.
		{"fast-tests", kzMap(), nil, CheckFail, "Test takes 1d an item (more than 10m)", []int{1}},
		{"fast-tests", edit(func(m *Map) { m.Stages[1].ProcessHours = 1.0 / 6 }), nil, CheckPass, "Test takes 10m an item", []int{1}},
		{"fast-tests", edit(func(m *Map) {
			m.Stages[1].ProcessHours = 0.1
			m.Stages[1].Waste = []Waste{WasteManualTesting}
		}), nil, CheckFail, "Test is tagged manual-testing", []int{1}},
		{"fast-tests", names("Code", "Deploy"), nil, CheckUnknown, "no stage is named like Test or tagged manual-testing", nil},

		// 0.8 x 0.5 x 1 = 0.4; 0.6 exactly passes.
		{"complete-accurate", kzMap(), nil, CheckFail, "rolled %C&A is 40% (the product of every stage's %C&A)", []int{0, 1}},
		{"complete-accurate", edit(func(m *Map) { m.Stages[0].CompleteAccurate, m.Stages[1].CompleteAccurate = 1, 0.6 }), nil,
			CheckPass, "rolled %C&A is 60% (the product of every stage's %C&A)", nil},
		{"complete-accurate", empty, nil, CheckUnknown, "the map has no stages", nil},

		{"no-approval-board", kzMap(), nil, CheckPass, "no stage is tagged approvals or named like an approval", nil},
		{"no-approval-board", func() *Map {
			m := names("Code", "CAB review", "Cable install", "Change advisory", "Deploy")
			m.Stages[4].Waste = []Waste{WasteApprovals}
			return m
		}(), nil, CheckFail, "CAB review is named like an approval, Change advisory is named like an approval, Deploy is tagged approvals", []int{1, 3, 4}},
		{"no-approval-board", empty, nil, CheckUnknown, "the map has no stages", nil},

		{"environments-on-demand", kzMap(), nil, CheckPass, "no stage is tagged environments", nil},
		{"environments-on-demand", edit(func(m *Map) { m.Stages[1].Waste = []Waste{WasteEnvironments} }), nil, CheckFail,
			"Test is tagged environments", []int{1}},
		{"environments-on-demand", edit(func(m *Map) {
			m.Stages[0].Waste = []Waste{WasteEnvironments}
			m.Stages[2].Waste = []Waste{WasteHandoffs, WasteEnvironments}
		}), nil, CheckFail, "Code, Deploy are tagged environments", []int{0, 2}},
		{"environments-on-demand", empty, nil, CheckUnknown, "the map has no stages", nil},

		// A working week is 40 h: Test's 32 h passes, 48 h (1w 1d) does not.
		{"short-queues", kzMap(), nil, CheckPass, "the longest wait is Test's 4d", []int{1}},
		{"short-queues", edit(func(m *Map) { m.Stages[1].WaitHours = 48 }), nil, CheckFail, "Test waits 1w 1d (more than 1w)", []int{1}},
		{"short-queues", names("A"), nil, CheckPass, "no stage has a wait", nil},
		{"short-queues", empty, nil, CheckUnknown, "the map has no stages", nil},

		// 4 in 5 days = 5.6 a week; 1 in 10 days = 0.7 a week.
		{"weekly-deploys", kzMap(), &week, CheckPass, "4 deployments in 5 days: 5.6 a week", nil},
		{"weekly-deploys", kzMap(), &slow, CheckFail, "1 deployment in 10 days: 0.7 a week", nil},
		{"weekly-deploys", kzMap(), nil, CheckUnknown, "no deployment records", nil},

		// Median 20 h passes; 200 h = 1w 32h, written 1w 1d, fails. Without
		// records the map's Code..Deploy span: 8 + 40 + 16 = 64 working hours
		// (1w 3d) = 268.8 elapsed (1w 4d), more than a week.
		{"lead-time-week", kzMap(), &week, CheckPass, "median lead time for changes 20h (elapsed) over 3 changes", nil},
		{"lead-time-week", kzMap(), &slow, CheckFail, "median lead time for changes 1w 1d (elapsed) over 1 change", nil},
		{"lead-time-week", kzMap(), &clean, CheckFail,
			"the map's Code to Deploy takes 1w 3d (1w 4d elapsed); no first-commit times to measure it", []int{0, 1, 2}},
		{"lead-time-week", names("Code"), nil, CheckUnknown,
			"no first-commit times in deployment records, and no stages named like Code and Deploy on the map", nil},
		// Without Test's and Deploy's waits: 8 + 8 + 8 = 24 working hours (3d)
		// = 100.8 elapsed (4d 4.8h, written 4d 5h), within a week.
		{"lead-time-week", edit(func(m *Map) { m.Stages[1].WaitHours = 0; m.Stages[2].WaitHours = 0 }), nil, CheckPass,
			"the map's Code to Deploy takes 3d (4d 5h elapsed); no first-commit times to measure it", []int{0, 1, 2}},

		{"change-failure-rate", kzMap(), &week, CheckFail, "2 of 4 deployments failed (50%)", nil},
		{"change-failure-rate", kzMap(), &clean, CheckPass, "0 of 1 deployment failed (0%)", nil},
		{"change-failure-rate", kzMap(), nil, CheckUnknown, "no deployment records", nil},

		{"restore-in-a-day", kzMap(), &week, CheckPass, "median time to restore 2h (elapsed) over 1 restored failure", nil},
		{"restore-in-a-day", kzMap(), &slow, CheckFail, "median time to restore 1d 6h (elapsed) over 1 restored failure", nil},
		{"restore-in-a-day", kzMap(), &clean, CheckUnknown, "no failed deployments to learn it from", nil},
		{"restore-in-a-day", kzMap(), &failedOnly, CheckUnknown, "1 failed deployment, none with a restore time", nil},
		{"restore-in-a-day", kzMap(), nil, CheckUnknown, "no deployment records", nil},
	}
	covered := map[string]map[CheckStatus]bool{}
	for _, tt := range tests {
		if covered[tt.key] == nil {
			covered[tt.key] = map[CheckStatus]bool{}
		}
		covered[tt.key][tt.status] = true
		checks := Readiness(tt.m, tt.dora)
		i := slices.IndexFunc(checks, func(c ReadinessCheck) bool { return c.Key == tt.key })
		if i < 0 {
			t.Fatalf("no check %q", tt.key)
		}
		c := checks[i]
		if c.Status != tt.status || c.Evidence != tt.evidence || !slices.Equal(c.Stages, tt.stages) {
			t.Errorf("%s: %s, %q, %v\nwant %s, %q, %v", tt.key, c.Status, c.Evidence, c.Stages, tt.status, tt.evidence, tt.stages)
		}
	}
	// Every rule is tested passing, failing and, where the data can be
	// missing, unknown.
	for _, r := range ReadinessRules {
		for _, st := range []CheckStatus{CheckPass, CheckFail, CheckUnknown} {
			if !covered[r.Key][st] {
				t.Errorf("rule %q has no %s case", r.Key, st)
			}
		}
	}
}

func TestReadinessOrderAndTitles(t *testing.T) {
	checks := Readiness(ExampleMap(), nil)
	if len(checks) != len(ReadinessRules) {
		t.Fatalf("%d lines, want %d", len(checks), len(ReadinessRules))
	}
	seen := map[string]bool{}
	for i, c := range checks {
		if c.Key != ReadinessRules[i].Key || c.Title != ReadinessRules[i].Title || c.Title == "" || c.Evidence == "" {
			t.Errorf("line %d = %+v", i, c)
		}
		if seen[c.Key] {
			t.Errorf("key %q twice", c.Key)
		}
		seen[c.Key] = true
	}
	// The example map is far from continuous delivery: manual deploy, a
	// 6-hour manual test, a change advisory board.
	for _, k := range []string{"automated-deploy", "fast-tests", "no-approval-board"} {
		if c := checks[slices.IndexFunc(checks, func(c ReadinessCheck) bool { return c.Key == k })]; c.Status != CheckFail {
			t.Errorf("example map %s = %s (%s), want fail", k, c.Status, c.Evidence)
		}
	}
}
