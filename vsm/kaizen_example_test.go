package vsm_test

import (
	"fmt"
	"time"

	"flowmap/vsm"
)

func kzExDay(s string) time.Time {
	t, _ := time.Parse(vsm.DateLayout, s)
	return t
}

func kzExHours(v float64) *float64 { return &v }

func ExampleExpectedEffect() {
	m := vsm.ExampleMap()
	k := vsm.Kaizen{
		Title:      "Automate regression tests",
		Stage:      "Test",
		Hypothesis: "if we automate the regression suite, Test's wait falls from 4d to 4h",
		Effect:     vsm.Effect{WaitHours: kzExHours(4)},
	}
	d, err := vsm.ExpectedEffect(m, k)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Test waits 32 h now: 28 h less. Flow efficiency is 29.83 h of work in
	// 232.83 h (12.8%) before and in 204.83 h (14.6%) after.
	fmt.Printf("lead time %+.0f h (%s shorter), flow efficiency %+.1f points\n",
		d.LeadHours, vsm.FormatDuration(d.LeadGain(), m.Calendar), *d.FlowEfficiency*100)
	// Output: lead time -28 h (3d 4h shorter), flow efficiency +1.8 points
}

func ExampleRealizedEffect() {
	m := vsm.NewMap("Feature delivery")
	m.Stages = []vsm.Stage{
		{Name: "Code", WaitHours: 16, ProcessHours: 8, CompleteAccurate: 1, People: 1},
		{Name: "Test", WaitHours: 32, ProcessHours: 8, CompleteAccurate: 1, People: 1},
	}
	k, _ := m.AddKaizen(vsm.Kaizen{Title: "Automate regression tests", Stage: "Test",
		Effect: vsm.Effect{WaitHours: kzExHours(4)}, Status: vsm.KaizenInProgress, Created: kzExDay("2026-01-05")})
	m.AddMeasurement(vsm.MeasurementOf(m, kzExDay("2026-01-05"), "app")) // lead 64 h

	_ = m.SetKaizenStatus(k.ID, vsm.KaizenDone, kzExDay("2026-02-01"))
	m.Stages[1].WaitHours = 8                                            // it did less than hoped: 8 h, not 4 h
	m.AddMeasurement(vsm.MeasurementOf(m, kzExDay("2026-02-02"), "app")) // lead 40 h

	k, _ = m.FindKaizen(k.ID)
	expected, _ := vsm.ExpectedEffect(m, k) // on today's map: 8 h -> 4 h
	realized, ok := vsm.RealizedEffect(m, k)
	fmt.Printf("expected now %+.0f h, realized %+.0f h (%v)\n", expected.LeadHours, realized.LeadHours, ok)
	// Output: expected now -4 h, realized -24 h (true)
}

func ExampleFutureState() {
	m := vsm.ExampleMap()
	a, _ := m.AddKaizen(vsm.Kaizen{Title: "Automate regression tests", Stage: "Test", Effect: vsm.Effect{WaitHours: kzExHours(4)}})
	b, _ := m.AddKaizen(vsm.Kaizen{Title: "Weekly release train", Stage: "Release", Effect: vsm.Effect{WaitHours: kzExHours(16)}})
	future, err := vsm.FutureState(m, []string{a.ID, b.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Future = future
	for _, r := range vsm.Compare(m, future).Rows[:4] {
		fmt.Printf("%-16s %7.2f -> %7.2f  %+7.2f\n", r.Label, *r.Before, *r.After, *r.Change)
	}
	// Output:
	// Lead time         232.83 ->  180.83   -52.00
	// Process time       29.83 ->   29.83    +0.00
	// Wait time         203.00 ->  151.00   -52.00
	// Flow efficiency     0.13 ->    0.16    +0.04
}

func ExampleBlameHints() {
	text := "Deploy failed because Sam forgot the flag; human error."
	for _, h := range vsm.BlameHints(text, []string{"Sam"}) {
		fmt.Printf("%q: %s\n", h.Phrase, h.Suggestion)
	}
	// Output:
	// "Sam forgot": Name the step or condition rather than the person: what in the system made this possible?
	// "human error": Human error is where the inquiry starts, not where it ends. What in the system made this possible and let the error through?
}

func ExampleRecurring() {
	m := vsm.ExampleMap()
	k, _ := m.AddKaizen(vsm.Kaizen{Title: "Quarantine flaky tests", Stage: "Test"})
	m.AddLearning(vsm.LearningEntry{Title: "Release blocked by flaky suite", Date: kzExDay("2026-01-10"),
		Stages: []string{"Test"}, Factors: []vsm.Factor{vsm.FactorTooling}, FollowUps: []string{k.ID}})

	again := vsm.LearningEntry{Title: "Flaky suite again", Date: kzExDay("2026-04-09"),
		Stages: []string{"Test"}, Factors: []vsm.Factor{vsm.FactorTooling, vsm.FactorEnvironment}}
	for _, r := range vsm.Recurrences(m, again) {
		fmt.Printf("recurs %q from %d days before; follow-ups done: %v\n", r.Entry.Title, r.DaysBefore, r.FollowUpsDone())
	}
	// Output: recurs "Release blocked by flaky suite" from 89 days before; follow-ups done: false
}
