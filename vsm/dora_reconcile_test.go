package vsm

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// drReconcileMap is Reconcile's worked example on the default 8 h x 5 d
// calendar:
//
//	stage    WT  PT  CA
//	Plan     16   4  0.9
//	Code      8   6  0.8   <- start: its process time counts, its wait does not
//	Review    4   1  0.9
//	Test      2   3  0.7   <- the last test stage
//	Deploy    2   2  0.95  <- deploy; the only release stage
//	Operate   0   1  1
//
// span = 6 + (4+1) + (2+3) + (2+2) = 20 working hours = 84 elapsed (x 4.2).
func drReconcileMap() *Map {
	m := NewMap("Reconcile")
	st := func(name string, wt, pt, ca float64) Stage {
		return Stage{Name: name, WaitHours: wt, ProcessHours: pt, CompleteAccurate: ca, People: 1}
	}
	m.Stages = []Stage{st("Plan", 16, 4, 0.9), st("Code", 8, 6, 0.8), st("Review", 4, 1, 0.9),
		st("Test", 2, 3, 0.7), st("Deploy", 2, 2, 0.95), st("Operate", 0, 1, 1)}
	return m
}

// drLeadRecords are four deployments on 2026-03-02: three with lead times
// lo, mid and hi elapsed hours (median mid), and one without a commit time
// that failed: a change failure rate of 1/4.
func drLeadRecords(lo, mid, hi float64) []Deployment {
	at := drAt("2026-03-02T12:00:00Z")
	h := func(v float64) time.Duration { return time.Duration(v * float64(time.Hour)) }
	return []Deployment{
		{DeployedAt: at, FirstCommitAt: at.Add(-h(lo))},
		{DeployedAt: at, FirstCommitAt: at.Add(-h(mid))},
		{DeployedAt: at, FirstCommitAt: at.Add(-h(hi))},
		{DeployedAt: at, Failed: true},
	}
}

func TestElapsedAndWorkingHours(t *testing.T) {
	for _, tt := range []struct {
		working, elapsed float64
		cal              Calendar
	}{
		{20, 84, DefaultCalendar()},                        // 20 x 168 / 40
		{40, 168, DefaultCalendar()},                       // a working week is a week
		{1, 5.6, Calendar{7.5, 4}},                         // 168 / 30
		{24, 24, Calendar{24, 7}},                          // around the clock
		{0, 0, Calendar{}},                                 // the zero calendar is the default
		{10, 42, Calendar{HoursPerDay: 0, DaysPerWeek: 5}}, // unset hours: 8
	} {
		if got := ElapsedHours(tt.working, tt.cal); math.Abs(got-tt.elapsed) > 1e-9 {
			t.Errorf("ElapsedHours(%v, %+v) = %v, want %v", tt.working, tt.cal, got, tt.elapsed)
		}
		if got := WorkingHours(tt.elapsed, tt.cal); math.Abs(got-tt.working) > 1e-9 {
			t.Errorf("WorkingHours(%v, %+v) = %v, want %v", tt.elapsed, tt.cal, got, tt.working)
		}
	}
}

func TestReconcile(t *testing.T) {
	tests := []struct {
		name               string
		records            []Deployment
		measured, hiddenEl *float64 // elapsed hours
		measuredW, hiddenW *float64 // working hours
		leadText, failText string
	}{
		{
			// 138.6 elapsed = 33 working (x 40/168) = 4d 1h; 33 - 20 = 13 = 1d 5h;
			// 138.6 - 84 = 54.6 elapsed.
			name: "a hidden queue", records: drLeadRecords(100, 138.6, 200),
			measured: drF(138.6), measuredW: drF(33), hiddenEl: drF(54.6), hiddenW: drF(13),
			leadText: "the map accounts for 2d 4h of the 4d 1h that changes take from commit to production: 1d 5h is waiting nobody drew, between Code and Deploy",
			failText: "25% of deployments failed; the map's release stages (Deploy) pass 95% of changes complete and accurate, so it expects 5.0% to go back",
		},
		{
			// 42 elapsed = 10 working = 1d 2h; 10 - 20 = -10: the map is slower.
			name: "the map is slower than the deployments", records: drLeadRecords(10, 42, 50),
			measured: drF(42), measuredW: drF(10), hiddenEl: drF(42 - 84), hiddenW: drF(-10),
			leadText: "the map draws 2d 4h from commit to production, but changes take 1d 2h: the map is 1d 2h slower than the deployments show (a wait between Code and Deploy is drawn longer than it is, or stages overlap)",
			failText: "25% of deployments failed; the map's release stages (Deploy) pass 95% of changes complete and accurate, so it expects 5.0% to go back",
		},
		{
			// 84 elapsed = 20 working: nothing hidden.
			name: "the map is right", records: drLeadRecords(1, 84, 100),
			measured: drF(84), measuredW: drF(20), hiddenEl: drF(0), hiddenW: drF(0),
			leadText: "the map accounts for all of the 2d 4h that changes take from commit to production",
			failText: "25% of deployments failed; the map's release stages (Deploy) pass 95% of changes complete and accurate, so it expects 5.0% to go back",
		},
		{
			name: "no commit times", records: []Deployment{{DeployedAt: drAt("2026-03-02T12:00:00Z")}},
			leadText: "the deployment records have no first-commit times, so the map's 2d 4h from commit to production cannot be checked",
			failText: "0% of deployments failed; the map's release stages (Deploy) pass 95% of changes complete and accurate, so it expects 5.0% to go back",
		},
		{
			name:     "no deployments",
			leadText: "the deployment records have no first-commit times, so the map's 2d 4h from commit to production cannot be checked",
			failText: "no deployments to set beside the 95% complete and accurate of the map's release stages (Deploy)",
		},
	}
	m := drReconcileMap()
	for _, tt := range tests {
		s, err := DORA(tt.records, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Reconcile(m, s, "", "")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if r.StartStage != "Code" || r.DeployStage != "Deploy" || r.StartIndex != 1 || r.DeployIndex != 4 {
			t.Errorf("%s: span %s (%d) .. %s (%d), want Code (1) .. Deploy (4)", tt.name, r.StartStage, r.StartIndex, r.DeployStage, r.DeployIndex)
		}
		if math.Abs(r.MapWorkingHours-20) > 1e-9 || math.Abs(r.MapElapsedHours-84) > 1e-9 {
			t.Errorf("%s: map span %v working, %v elapsed; want 20 and 84", tt.name, r.MapWorkingHours, r.MapElapsedHours)
		}
		for _, f := range []struct {
			what      string
			got, want *float64
		}{
			{"measured elapsed", r.MeasuredElapsedHours, tt.measured}, {"measured working", r.MeasuredWorkingHours, tt.measuredW},
			{"hidden elapsed", r.HiddenQueueElapsedHours, tt.hiddenEl}, {"hidden working", r.HiddenQueueWorkingHours, tt.hiddenW},
		} {
			if !drNearPtr(f.got, f.want) {
				t.Errorf("%s: %s = %s, want %s", tt.name, f.what, drFmt(f.got), drFmt(f.want))
			}
		}
		if r.LeadTimeSentence != tt.leadText {
			t.Errorf("%s: lead time sentence\n got %q\nwant %q", tt.name, r.LeadTimeSentence, tt.leadText)
		}
		if r.FailureSentence != tt.failText {
			t.Errorf("%s: failure sentence\n got %q\nwant %q", tt.name, r.FailureSentence, tt.failText)
		}
		if !slices.Equal(r.ReleaseStages, []string{"Deploy"}) || math.Abs(r.RolledCompleteAccurate-0.95) > 1e-12 ||
			math.Abs(r.MapFailureRate-0.05) > 1e-12 {
			t.Errorf("%s: release stages %v at %v (failure %v), want [Deploy] at 0.95 (0.05)", tt.name, r.ReleaseStages, r.RolledCompleteAccurate, r.MapFailureRate)
		}
	}
}

func TestReconcileExampleMap(t *testing.T) {
	// The example map: Idea, Plan, Code, Build, Test, Release, Deploy, ...
	// span = Code's 12h + Build (2h + 20m) + Test (4d + 6h) + Release (5d + 1h)
	//      + Deploy (1d + 2h) = 12 + 7/3 + 38 + 41 + 10 = 103 1/3 working hours;
	// release stages after Test: Release (0.95) and Deploy (0.9): 0.855.
	m := ExampleMap()
	r, err := Reconcile(m, DORASummary{}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.StartStage != "Code" || r.DeployStage != "Deploy" || math.Abs(r.MapWorkingHours-(103+1.0/3)) > 1e-9 {
		t.Errorf("span %s..%s = %v working hours, want Code..Deploy = 103.333", r.StartStage, r.DeployStage, r.MapWorkingHours)
	}
	if !slices.Equal(r.ReleaseStages, []string{"Release", "Deploy"}) || math.Abs(r.RolledCompleteAccurate-0.855) > 1e-12 {
		t.Errorf("release stages %v at %v, want [Release Deploy] at 0.855", r.ReleaseStages, r.RolledCompleteAccurate)
	}
	// Chosen ends: from Build (its process only) to Release.
	// 20m + (4d + 6h) + (5d + 1h) = 1/3 + 38 + 41.
	r, err = Reconcile(m, DORASummary{}, " build ", "RELEASE")
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.MapWorkingHours-(79+1.0/3)) > 1e-9 || !slices.Equal(r.ReleaseStages, []string{"Release"}) {
		t.Errorf("Build..Release = %v working hours, release %v; want 79.333, [Release]", r.MapWorkingHours, r.ReleaseStages)
	}
	// One stage: its process time alone; no test stage after it, so it is
	// its own release stage.
	r, err = Reconcile(m, DORASummary{}, "Deploy", "Deploy")
	if err != nil || r.MapWorkingHours != 2 || !slices.Equal(r.ReleaseStages, []string{"Deploy"}) {
		t.Errorf("Deploy..Deploy = %v, %v, %v; want 2 h, [Deploy]", r.MapWorkingHours, r.ReleaseStages, err)
	}
}

func TestFindCommitToProduction(t *testing.T) {
	mk := func(names ...string) *Map {
		m := NewMap("find")
		for _, n := range names {
			m.Stages = append(m.Stages, NewStage(n))
		}
		return m
	}
	tagged := mk("Develop", "Ship it", "Verify")
	tagged.Stages[1].Waste = []Waste{WasteManualDeploy}
	for _, tt := range []struct {
		name          string
		m             *Map
		start, deploy int
		ok            bool
	}{
		{"code and deploy", mk("Idea", "Code", "Test", "Deploy", "Operate"), 1, 3, true},
		{"the first coding stage, the last deploy stage", mk("Dev", "Code review", "Deploy to staging", "Deploy to production"), 0, 3, true},
		{"words, not parts of words", mk("Decode requirements", "Implementation", "Redeployment", "Go-live"), 1, 3, true},
		{"tagged manual-deploy", tagged, 0, 1, true},
		{"release when nothing deploys", mk("Programming", "Release"), 0, 1, true},
		{"deploy before code", mk("Deploy", "Code"), -1, -1, false},
		{"no coding stage", mk("Plan", "Deploy"), -1, -1, false},
		{"no deploy stage", mk("Code", "Test"), -1, -1, false},
		{"no stages", mk(), -1, -1, false},
	} {
		s, d, ok := FindCommitToProduction(tt.m)
		if s != tt.start || d != tt.deploy || ok != tt.ok {
			t.Errorf("%s: FindCommitToProduction = %d, %d, %v; want %d, %d, %v", tt.name, s, d, ok, tt.start, tt.deploy, tt.ok)
		}
	}
}

func TestReconcileErrors(t *testing.T) {
	m := drReconcileMap()
	for _, tt := range []struct {
		name          string
		m             *Map
		start, deploy string
		want          string
	}{
		{"unknown start", m, "Build", "", `start stage "Build" of the commit-to-production span: no such stage on the map`},
		{"unknown deploy", m, "", "Ship", `deploy stage "Ship" of the commit-to-production span: no such stage on the map`},
		{"reversed", m, "Test", "Review", `deploy stage "Review" comes before start stage "Test": no such stage on the map`},
		{"no coding stage", &Map{Name: "x", Stages: []Stage{NewStage("Plan"), NewStage("Deploy")}}, "", "",
			`cannot tell where commits start on map "x" (no stage named like Code or Develop): choose the start stage`},
		{"no deploy stage", &Map{Name: "x", Stages: []Stage{NewStage("Code")}}, "", "",
			`cannot tell which stage deploys to production on map "x"`},
	} {
		_, err := Reconcile(tt.m, DORASummary{}, tt.start, tt.deploy)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, ErrUnknownStage) {
			t.Errorf("%s: error = %v, want it to start with %q and wrap ErrUnknownStage", tt.name, err, tt.want)
		}
	}
}

func TestReconcileFollowsTheFlow(t *testing.T) {
	// drReconcileMap with Security (wait 1h, process 1h) running beside Test
	// (2h, 3h): the branch counts by its longest lane, Test (5 h), so the span
	// stays 6 + 5 + 5 + 4 = 20. Deploy sends 10% back to Code: its release
	// chance is 0.95 x (1 - 0.1) = 0.855.
	m := drReconcileMap()
	m.Stages = slices.Insert(m.Stages, 4, Stage{Name: "Security", WaitHours: 1, ProcessHours: 1, CompleteAccurate: 1, People: 1})
	if err := m.RunBeside(4, 3); err != nil {
		t.Fatal(err)
	}
	if err := m.SetRework(5, 1, 0.1); err != nil {
		t.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Reconcile(m, DORASummary{}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.DeployStage != "Deploy" || math.Abs(r.MapWorkingHours-20) > 1e-9 {
		t.Errorf("span to %s = %v working hours, want Deploy, 20", r.DeployStage, r.MapWorkingHours)
	}
	if !slices.Equal(r.ReleaseStages, []string{"Deploy"}) || math.Abs(r.RolledCompleteAccurate-0.855) > 1e-12 {
		t.Errorf("release stages %v at %v, want [Deploy] at 0.855", r.ReleaseStages, r.RolledCompleteAccurate)
	}
	// With Security the longer lane (wait 10h): 6 + 5 (Review) + 11 + 4 = 26.
	m.Stages[4].WaitHours = 10
	if r, _ := Reconcile(m, DORASummary{}, "", ""); math.Abs(r.MapWorkingHours-26) > 1e-9 {
		t.Errorf("span with Security the longer lane = %v, want 26", r.MapWorkingHours)
	}
}
