package vsm

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The countermeasure tests use kzMap (see kaizen_test.go): Code (wait 16h,
// process 8h, 80%, 2 people), Test (32h, 8h, 50%, 1), Deploy (8h, 8h, 100%,
// 1) on an 8 h day: lead 80 h, flow efficiency 30%, rework-adjusted lead 126
// h; Test is the constraint (0.5 a day) and waits longest.

func drTagged(tags map[string][]Waste) *Map {
	m := kzMap()
	for i := range m.Stages {
		m.Stages[i].Waste = tags[m.Stages[i].Name]
	}
	return m
}

func drFind(cs []Countermeasure, key, stage string) (Countermeasure, bool) {
	for _, c := range cs {
		if c.Rule.Key == key && c.Stage == stage {
			return c, true
		}
	}
	return Countermeasure{}, false
}

func TestCountermeasureRules(t *testing.T) {
	// One case per rule: the stage it applies to on kzMap (with the tag it
	// needs), the change, the lead-time gain and what the map expects, all by
	// hand from the figures above.
	tests := []struct {
		key    string
		tag    Waste // put on stage; "" for the constraint's and biggest wait's rules
		stage  string
		change string
		gain   float64
		expect string
	}{
		// People 1 -> 2: capacity 2 x 8 x 0.5 / 8 = 1, a tie with Deploy that
		// goes to the earlier stage; lead time does not change.
		{"constraint-add-capacity", "", "Test", "Test's people 1 → 2", 0,
			"lead time unchanged; constraint stays at Test"},
		// %C&A 0.5 + 0.5 x 0.5 = 0.75: rework-adjusted 40/0.75 = 53.33 instead
		// of 80: -26h 40m = 3d 2h 40m, written "3d 3h".
		{"constraint-first-pass", "", "Test", "Test's %C&A 50% → 75%", 0,
			"lead time unchanged; rework-adjusted lead time −3d 3h; constraint stays at Test"},
		// Process 8 x 0.8 = 6.4: lead 78.4; flow 22.4 / 78.4 = 28.6%.
		{"constraint-offload", "", "Test", "Test's process time 1d → 6h 24m", 1.6,
			"lead time −1h 36m; flow efficiency 30% → 29%; constraint stays at Test"},
		// Wait 32 x 0.5 = 16: lead 64; flow 24 / 64 = 37.5%.
		{"wait-limit-wip", "", "Test", "Test's wait 4d → 2d", 16,
			"lead time −2d; flow efficiency 30% → 38%; constraint stays at Test"},
		// Wait at most one 8 h day: 32 -> 8; flow 24 / 56 = 42.9%.
		{"wait-daily-cadence", "", "Test", "Test's wait 4d → 1d", 24,
			"lead time −3d; flow efficiency 30% → 43%; constraint stays at Test"},
		// Wait at most 2 h: 8 -> 2; flow 24 / 74 = 32.4%.
		{"approvals-peer-review", WasteApprovals, "Deploy", "Deploy's wait 1d → 2h", 6,
			"lead time −6h; flow efficiency 30% → 32%; constraint stays at Test"},
		// Wait 8 x 0.5 = 4; flow 24 / 76 = 31.6%.
		{"approvals-standard-changes", WasteApprovals, "Deploy", "Deploy's wait 1d → 4h", 4,
			"lead time −4h; flow efficiency 30% → 32%; constraint stays at Test"},
		// Process 8 / 6 = 1h 20m: lead 73h 20m; flow 17.33 / 73.33 = 23.6%;
		// Test's capacity 8 x 0.5 / (4/3) = 3, so Deploy (1) is the constraint.
		{"testing-automate-regression", WasteManualTesting, "Test", "Test's process time 1d → 1h 20m", 8 - 8.0/6,
			"lead time −6h 40m; flow efficiency 30% → 24%; constraint moves to Deploy"},
		// Wait 16, %C&A 0.5 + 0.25 x 0.5 = 0.625 (63%).
		{"testing-shift-left", WasteManualTesting, "Test", "Test's wait 4d → 2d, %C&A 50% → 63%", 16,
			"lead time −2d; flow efficiency 30% → 38%; constraint stays at Test"},
		// Process at most 15 minutes: 8 -> 0.25; %C&A already 100%. Flow
		// 16.25 / 72.25 = 22.5%, written 22%.
		{"deploy-automate", WasteManualDeploy, "Deploy", "Deploy's process time 1d → 15m", 7.75,
			"lead time −7h 45m; flow efficiency 30% → 22%; constraint stays at Test"},
		// Code's wait 16 -> 8: flow 24 / 72 = 33.3%.
		{"waiting-limit-wip", WasteWaiting, "Code", "Code's wait 2d → 1d", 8,
			"lead time −1d; flow efficiency 30% → 33%; constraint stays at Test"},
		// Code's wait 16 x 0.25 = 4: flow 24 / 68 = 35.3%.
		{"environments-on-demand", WasteEnvironments, "Code", "Code's wait 2d → 4h", 12,
			"lead time −1d 4h; flow efficiency 30% → 35%; constraint stays at Test"},
		{"handoffs-one-team", WasteHandoffs, "Code", "Code's wait 2d → 1d", 8,
			"lead time −1d; flow efficiency 30% → 33%; constraint stays at Test"},
		// Code's %C&A 0.8 + 0.5 x 0.2 = 0.9: rework-adjusted 24/0.9 = 26.67
		// instead of 30: -3h 20m.
		{"handoffs-pair", WasteHandoffs, "Code", "Code's %C&A 80% → 90%", 0,
			"lead time unchanged; rework-adjusted lead time −3h 20m; constraint stays at Test"},
		{"rework-definition-of-done", WasteRework, "Code", "Code's %C&A 80% → 90%", 0,
			"lead time unchanged; rework-adjusted lead time −3h 20m; constraint stays at Test"},
		{"defects-build-quality-in", WasteDefects, "Code", "Code's %C&A 80% → 90%", 0,
			"lead time unchanged; rework-adjusted lead time −3h 20m; constraint stays at Test"},
		// Code's process 8 x 0.8 = 6.4: capacity 2 x 8 x 0.8 / 6.4 = 2.
		{"switching-one-at-a-time", WasteTaskSwitching, "Code", "Code's process time 1d → 6h 24m", 1.6,
			"lead time −1h 36m; flow efficiency 30% → 29%; constraint stays at Test"},
		{"partially-done-smaller-batches", WastePartiallyDone, "Deploy", "Deploy's wait 1d → 4h", 4,
			"lead time −4h; flow efficiency 30% → 32%; constraint stays at Test"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.key] = true
		tags := map[string][]Waste{}
		if tt.tag != "" {
			tags[tt.stage] = []Waste{tt.tag}
		}
		m := drTagged(tags)
		c, ok := drFind(Countermeasures(m), tt.key, tt.stage)
		if !ok {
			t.Errorf("%s: no countermeasure at %s", tt.key, tt.stage)
			continue
		}
		if c.Change != tt.change {
			t.Errorf("%s: change = %q, want %q", tt.key, c.Change, tt.change)
		}
		if math.Abs(c.LeadGain()-tt.gain) > 1e-9 {
			t.Errorf("%s: lead gain = %v, want %v", tt.key, c.LeadGain(), tt.gain)
		}
		if c.Expects != tt.expect {
			t.Errorf("%s: expects\n got %q\nwant %q", tt.key, c.Expects, tt.expect)
		}
		if want := c.Title + ": " + c.Change + "; " + c.Expects; c.Sentence != want {
			t.Errorf("%s: sentence = %q", tt.key, c.Sentence)
		}
		if strings.Contains(c.Title, "{stage}") || !strings.Contains(c.Title, tt.stage) {
			t.Errorf("%s: title %q does not name %s", tt.key, c.Title, tt.stage)
		}
		// The expected effect is what ExpectedEffect makes of the kaizen.
		want, err := ExpectedEffect(m, c.Kaizen(kzDay("2026-03-02")))
		if err != nil || !reflect.DeepEqual(want, c.Expected) {
			t.Errorf("%s: expected %+v, ExpectedEffect of its kaizen %+v (%v)", tt.key, c.Expected, want, err)
		}
	}
	for _, r := range CountermeasureRules {
		if !covered[r.Key] {
			t.Errorf("rule %q has no test case", r.Key)
		}
		if r.Trigger == TriggerWaste && !slices.Contains(WasteTypes, r.Waste) {
			t.Errorf("rule %q is triggered by %q, not a waste type", r.Key, r.Waste)
		}
		if !strings.Contains(r.Title, "{stage}") || r.Why == "" || len(r.Changes) == 0 {
			t.Errorf("rule %q lacks a {stage} title, a why or a change", r.Key)
		}
	}
	// Every waste type has at least one countermeasure.
	for _, w := range WasteTypes {
		if !slices.ContainsFunc(CountermeasureRules, func(r CountermeasureRule) bool { return r.Trigger == TriggerWaste && r.Waste == w }) {
			t.Errorf("waste %s has no countermeasure", w)
		}
	}
}

func TestCountermeasuresRanking(t *testing.T) {
	// Test tagged manual-testing, Deploy manual-deploy. Lead-time gains (see
	// TestCountermeasureRules): daily cadence 24, shift-left 16 and limit-wip
	// 16, deploy automation 7.75, regression automation 6.67, offload 1.6,
	// first pass 0 and add capacity 0. The 16 h tie goes to the larger fall of
	// the rework-adjusted lead: shift-left 24/0.625 = 38.4 (-41.6) before
	// limit-wip 24/0.5 = 48 (-32); the 0 h tie likewise: first pass -26.67
	// before add capacity 0.
	m := drTagged(map[string][]Waste{"Test": {WasteManualTesting}, "Deploy": {WasteManualDeploy}})
	before := m.Clone()
	var got []string
	for _, c := range Countermeasures(m) {
		got = append(got, c.Rule.Key)
	}
	want := []string{"wait-daily-cadence", "testing-shift-left", "wait-limit-wip", "deploy-automate",
		"testing-automate-regression", "constraint-offload", "constraint-first-pass", "constraint-add-capacity"}
	if !slices.Equal(got, want) {
		t.Errorf("ranking\n got %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(m, before) {
		t.Error("Countermeasures changed the map")
	}

	// Equal gains on two equal stages: flow order.
	two := NewMap("two")
	for _, n := range []string{"A", "B"} {
		two.Stages = append(two.Stages, Stage{Name: n, WaitHours: 8, ProcessHours: 1, CompleteAccurate: 1, People: 1, Waste: []Waste{WasteEnvironments}})
	}
	var order []string
	for _, c := range Countermeasures(two) {
		if c.Rule.Key == "environments-on-demand" {
			order = append(order, c.Stage)
		}
	}
	if !slices.Equal(order, []string{"A", "B"}) {
		t.Errorf("equal gains on A and B come %v, want A, B", order)
	}
}

func TestCountermeasuresMergeAndSkip(t *testing.T) {
	// Test is the biggest wait and tagged waiting: limit-wip and waiting-limit-wip
	// make the same change (wait 16): one countermeasure with both reasons.
	// Test tagged defects makes the constraint's first-pass change (75%).
	// Deploy tagged rework is already 100% C&A: nothing to change, left out.
	m := drTagged(map[string][]Waste{"Test": {WasteWaiting, WasteDefects}, "Deploy": {WasteRework}})
	cs := Countermeasures(m)
	c, ok := drFind(cs, "wait-limit-wip", "Test")
	if !ok || !strings.HasPrefix(c.Reason, "Test waits longest (waits 4d, 57% of all waiting)") ||
		!strings.HasSuffix(c.Reason, "; Test is tagged waiting") {
		t.Errorf("merged reason = %q", c.Reason)
	}
	if _, ok := drFind(cs, "waiting-limit-wip", "Test"); ok {
		t.Error("the same change at the same stage is listed twice")
	}
	if c, ok := drFind(cs, "constraint-first-pass", "Test"); !ok || !strings.Contains(c.Reason, "Test is the constraint (lowest capacity") ||
		!strings.HasSuffix(c.Reason, "; Test is tagged defects") {
		t.Errorf("first-pass reason = %q", c.Reason)
	}
	if _, ok := drFind(cs, "rework-definition-of-done", "Deploy"); ok {
		t.Error("a rule that changes nothing is listed")
	}
	if cs := Countermeasures(NewMap("empty")); cs != nil {
		t.Errorf("an empty map has countermeasures: %v", cs)
	}
}

func TestCountermeasureQueueDerivedWait(t *testing.T) {
	// A wait Little's law derives from the queue is the one halved: queue 4,
	// demand 2 a day: 4 / 2 x 8 = 16 h, halved to 8 h.
	m := NewMap("queue")
	m.DemandPerDay = kzF(2)
	m.Stages = []Stage{{Name: "Review", ProcessHours: 1, CompleteAccurate: 1, People: 1, Queue: kzF(4), Waste: []Waste{WasteWaiting}}}
	c, ok := drFind(Countermeasures(m), "wait-limit-wip", "Review")
	if !ok || c.Change != "Review's wait 2d → 1d" || math.Abs(c.LeadGain()-8) > 1e-9 {
		t.Errorf("queue-derived wait: %+v", c)
	}
}

func TestAdoptCountermeasure(t *testing.T) {
	m := drTagged(map[string][]Waste{"Test": {WasteManualTesting}})
	c, ok := drFind(Countermeasures(m), "testing-automate-regression", "Test")
	if !ok {
		t.Fatal("no regression automation")
	}
	k, err := m.AdoptCountermeasure(c, kzDay("2026-03-02"))
	if err != nil {
		t.Fatal(err)
	}
	wantHyp := "If we automate the regression suite of Test, Test's process time 1d → 1h 20m " +
		"(lead time −6h 40m; flow efficiency 30% → 24%; constraint moves to Deploy). " + c.Rule.Why
	if k.ID != "k1" || k.Title != "Automate the regression suite of Test" || k.Stage != "Test" ||
		k.Waste != WasteManualTesting || k.Status != KaizenIdea || k.Hypothesis != wantHyp ||
		k.Effect.ProcessHours == nil || math.Abs(*k.Effect.ProcessHours-8.0/6) > 1e-12 || k.Effect.WaitHours != nil ||
		len(k.Changes) != 1 || !k.Created.Equal(kzDay("2026-03-02")) {
		t.Errorf("adopted kaizen = %+v\nhypothesis %q", k, k.Hypothesis)
	}
	// The backlog ranks it by the same expected gain.
	if b := Backlog(m); len(b) != 1 || math.Abs(b[0].Expected.LeadGain()-c.LeadGain()) > 1e-9 {
		t.Errorf("backlog = %+v", b)
	}
	// The kaizen's effect is a copy.
	*k.Effect.ProcessHours = 99
	if *c.Effect.ProcessHours == 99 {
		t.Error("the kaizen shares its effect with the countermeasure")
	}
	if _, err := (&Map{Name: "x"}).AdoptCountermeasure(Countermeasure{}, kzDay("2026-03-02")); !errors.Is(err, ErrInvalid) {
		t.Errorf("an empty countermeasure: %v", err)
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Automate it": "automate it", "CAB review": "CAB review", "": "", "x": "x", "É": "é"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
