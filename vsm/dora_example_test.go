package vsm_test

import (
	"fmt"
	"time"

	"flowmap/vsm"
)

func exAt(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ExampleDORA() {
	// Four deployments in the week of 2 March 2026 (see DORA's doc comment).
	records := []vsm.Deployment{
		{ChangeID: "A", DeployedAt: exAt("2026-03-02T12:00:00Z"), FirstCommitAt: exAt("2026-03-02T02:00:00Z")},
		{ChangeID: "B", DeployedAt: exAt("2026-03-03T12:00:00Z"), FirstCommitAt: exAt("2026-03-02T16:00:00Z")},
		{ChangeID: "C", DeployedAt: exAt("2026-03-04T12:00:00Z"), FirstCommitAt: exAt("2026-03-03T06:00:00Z"),
			Failed: true, RestoredAt: exAt("2026-03-04T14:00:00Z")},
		{ChangeID: "D", DeployedAt: exAt("2026-03-06T12:00:00Z"), Failed: true},
	}
	for i, d := range records {
		if err := d.Validate(i + 2); err != nil { // rows 2.. of a file with a header
			fmt.Println(err)
		}
	}
	s, err := vsm.DORA(records, time.Time{}, time.Time{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b := s.Bands()
	fmt.Printf("%s..%s, %d days, %d deployments\n", s.From.Format(vsm.DateLayout), s.To.Format(vsm.DateLayout), s.Days, s.Deployments)
	fmt.Printf("frequency %.1f a day (%.1f a week): %s\n", *s.DeploysPerDay, *s.DeploysPerWeek(), b.DeploymentFrequency)
	fmt.Printf("lead time median %gh, p85 %gh: %s\n", *s.LeadTimeMedianHours, *s.LeadTimeP85Hours, b.LeadTime)
	fmt.Printf("change failure rate %g: %s\n", *s.ChangeFailureRate, b.ChangeFailureRate)
	fmt.Printf("time to restore %gh: %s\n", *s.TimeToRestoreMedianHours, b.TimeToRestore)
	// Output:
	// 2026-03-02..2026-03-06, 5 days, 4 deployments
	// frequency 0.8 a day (5.6 a week): high
	// lead time median 20h, p85 27h: elite
	// change failure rate 0.5: low
	// time to restore 2h: high
}

func ExampleReconcile() {
	// Reconcile's worked example: the map spans 20 working hours from Code
	// to Deploy; the deployments say 138.6 elapsed hours (33 working).
	m := vsm.NewMap("Team A")
	st := func(name string, wait, process, ca float64) vsm.Stage {
		return vsm.Stage{Name: name, WaitHours: wait, ProcessHours: process, CompleteAccurate: ca, People: 1}
	}
	m.Stages = []vsm.Stage{st("Code", 8, 6, 0.8), st("Review", 4, 1, 0.9), st("Test", 2, 3, 0.7), st("Deploy", 2, 2, 0.95)}
	at := exAt("2026-03-02T12:00:00Z")
	records := []vsm.Deployment{
		{DeployedAt: at, FirstCommitAt: at.Add(-100 * time.Hour)},
		{DeployedAt: at, FirstCommitAt: at.Add(-138*time.Hour - 36*time.Minute)},
		{DeployedAt: at, FirstCommitAt: at.Add(-200 * time.Hour)},
		{DeployedAt: at, Failed: true},
	}
	s, _ := vsm.DORA(records, time.Time{}, time.Time{})
	r, err := vsm.Reconcile(m, s, "", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.LeadTimeSentence)
	fmt.Println(r.FailureSentence)
	// Output:
	// the map accounts for 2d 4h of the 4d 1h that changes take from commit to production: 1d 5h is waiting nobody drew, between Code and Deploy
	// 25% of deployments failed; the map's release stages (Deploy) pass 95% of changes complete and accurate, so it expects 5.0% to go back
}

func ExampleCountermeasures() {
	// Code (wait 2d, work 1d), Test (wait 4d, work 1d, 50% C&A, manual
	// testing), Deploy (wait 1d, work 1d): see TestCountermeasureRules for
	// each figure by hand.
	m := vsm.NewMap("Team A")
	m.Stages = []vsm.Stage{
		{Name: "Code", WaitHours: 16, ProcessHours: 8, CompleteAccurate: 0.8, People: 2},
		{Name: "Test", WaitHours: 32, ProcessHours: 8, CompleteAccurate: 0.5, People: 1, Waste: []vsm.Waste{vsm.WasteManualTesting}},
		{Name: "Deploy", WaitHours: 8, ProcessHours: 8, CompleteAccurate: 1, People: 1},
	}
	cs := vsm.Countermeasures(m)
	for _, c := range cs[:3] {
		fmt.Println(c.Sentence)
	}
	k, err := m.AdoptCountermeasure(cs[0], exAt("2026-03-02T09:00:00Z"))
	fmt.Println(k.ID, k.Status, k.Stage, *k.Effect.WaitHours, err)
	// Output:
	// Take items into Test every day instead of in batches on a schedule: Test's wait 4d → 1d; lead time −3d; flow efficiency 30% → 43%; constraint stays at Test
	// Write Test's test cases with the developers before the code, and test while it is built: Test's wait 4d → 2d, %C&A 50% → 63%; lead time −2d; flow efficiency 30% → 38%; constraint stays at Test
	// Limit the work waiting in front of Test and pull the next item only when it has room: Test's wait 4d → 2d; lead time −2d; flow efficiency 30% → 38%; constraint stays at Test
	// k1 idea Test 8 <nil>
}
