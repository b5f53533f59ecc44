package kaizenui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"flowmap/vsm"
)

// futureMap is the example map with three kaizens: k1 Test wait → 4 h (idea),
// k2 Release wait → 8 h (planned), k3 Plan wait → 8 h (done, so not chosen
// at first).
func futureMap(t *testing.T) *vsm.Map {
	t.Helper()
	m := vsm.ExampleMap()
	for _, k := range []vsm.Kaizen{
		{Title: "Automate the regression suite", Stage: "Test", Effect: vsm.Effect{WaitHours: ptr(4)}, Created: date("2026-01-02")},
		{Title: "Standard changes", Stage: "Release", Effect: vsm.Effect{WaitHours: ptr(8)}, Status: vsm.KaizenPlanned, Created: date("2026-01-02")},
		{Title: "Plan every two weeks", Stage: "Plan", Effect: vsm.Effect{WaitHours: ptr(8)}, Status: vsm.KaizenDone, Created: date("2026-01-02")},
	} {
		if _, err := m.AddKaizen(k); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// comparison is the screen's table as metric -> [current, future, change].
func comparison(f *futureScreen) map[string][3]string {
	out := map[string][3]string{}
	for k, c := range f.cells {
		out[k] = [3]string{c[0].Text, c[1].Text, c[2].Text}
	}
	return out
}

func TestFutureStateFromChosenKaizens(t *testing.T) {
	f := newFixture(t, futureMap(t))
	fs := f.s.future
	f.show(fs.content, 1100, 900)
	if got := fs.kaizens.checked(); strings.Join(got, ",") != "k1,k2" {
		t.Fatalf("chosen at first = %v, want the open items k1,k2", got)
	}
	test.Tap(fs.apply)
	fm := f.host.m.Future
	if fm == nil {
		t.Fatal("no future state stored")
	}
	if w := fm.Stages[fm.StageIndex("Test")].WaitHours; w != 4 {
		t.Errorf("future Test wait = %g, want 4", w)
	}
	if w := fm.Stages[fm.StageIndex("Release")].WaitHours; w != 8 {
		t.Errorf("future Release wait = %g, want 8", w)
	}
	if w := fm.Stages[fm.StageIndex("Plan")].WaitHours; w != 24 {
		t.Errorf("future Plan wait = %g, want 24 (k3 was not chosen)", w)
	}

	// By hand, current vs future (Test 32 → 4 h, Release 40 → 8 h):
	//   lead     232.8333 → 172.8333 h: "5w 4d" → "4w 2d" (160 + 12.8 h ≈ 2d);
	//            −60 h = 40 + 20 h ≈ "1w 3d" (2.5d rounds up); −60/232.8333 = −25.8% → "−26%"
	//   wait     203 → 143 h: "5w" (200 + 3 h rounds to 0d) → "3w 3d"; −60/203 = −29.6% → "−30%"
	//   process  29.8333 h both: "3d 6h", no change
	//   flow     29.8333/232.8333 = 12.81% → 29.8333/172.8333 = 17.26%: "13%" → "17%", +4.45 pts → "+4.4 pts"
	//   rolled %C&A 0.5128 both: "51%", no change
	//   rework   Σ LT/CA = 2 + 31.1111 + 32.9412 + 2.3810 + 47.5 + 43.1579 + 11.1111 + 1.5 + 82 = 253.7023 h
	//            Test 38/.8 → 10/.8 (−35), Release 41/.95 → 9/.95 (−33.6842): 185.0181 h
	//            "6w 2d" (240 + 13.7 h ≈ 2d) → "4w 3d" (160 + 25.0 h ≈ 3d); −68.6842 h = 40 + 28.7 h ≈ "1w 4d"; −27.1% → "−27%"
	//   capacity min(people × 8 × CA / PT) = Test 2 × 8 × .8 / 6 = 2.13/day both
	want := map[string][3]string{
		"lead_hours":                 {"5w 4d", "4w 2d", "−1w 3d (−26%)"},
		"wait_hours":                 {"5w", "3w 3d", "−1w 3d (−30%)"},
		"process_hours":              {"3d 6h", "3d 6h", "no change"},
		"flow_efficiency":            {"13%", "17%", "+4.4 pts"},
		"rolled_complete_accurate":   {"51%", "51%", "no change"},
		"rework_adjusted_lead_hours": {"6w 2d", "4w 3d", "−1w 4d (−27%)"},
		"capacity_per_day":           {"2.13/day", "2.13/day", "no change"},
	}
	got := comparison(fs)
	for metric, w := range want {
		if got[metric] != w {
			t.Errorf("%s: got %q, want %q", metric, got[metric], w)
		}
	}
	if c, ok := f.charts.last(ChartCompare); !ok || !c.hasFuture {
		t.Errorf("the comparison chart was not drawn with the future state: %+v", c)
	}

	// Only k1: the Release wait stays.
	fs.kaizens.check("k2").SetChecked(false)
	test.Tap(fs.apply)
	if got := comparison(fs)["lead_hours"]; got != [3]string{"5w 4d", "5w 1d", "−3d 4h (−12%)"} {
		t.Errorf("lead with k1 only = %q", got)
	}
	if !strings.Contains(f.host.m.Future.Description, "Automate the regression suite") ||
		strings.Contains(f.host.m.Future.Description, "Standard changes") {
		t.Errorf("description = %q", f.host.m.Future.Description)
	}

	test.Tap(fs.remove)
	if f.host.m.Future != nil {
		t.Error("Remove kept the future state")
	}
	if !fs.noCompare.Visible() || fs.table.Visible() {
		t.Error("the comparison table stays without a future state")
	}
}

func TestFutureStateEditedCopy(t *testing.T) {
	f := newFixture(t, vsm.ExampleMap())
	fs := f.s.future
	f.show(fs.content, 1100, 900)
	if !fs.apply.Disabled() {
		t.Error("Apply chosen is enabled with no kaizen to apply")
	}
	test.Tap(fs.copy)
	if f.host.m.Future == nil || len(fs.rows) != 9 {
		t.Fatalf("Start from a copy: future %v, %d rows", f.host.m.Future != nil, len(fs.rows))
	}
	if got := comparison(fs)["lead_hours"]; got[2] != "no change" {
		t.Errorf("a plain copy changes lead by %q", got[2])
	}
	testRow := fs.rows[4] // Test
	if testRow.name.Text != "Test" || testRow.fields[effWait].Text != "4d" {
		t.Fatalf("row 5 = %s with wait %q", testRow.name.Text, testRow.fields[effWait].Text)
	}

	// A bad value changes nothing and says why.
	f.typeInto(testRow.fields[effWait], "2 dayz")
	f.enter()
	if got := fs.stageNote.text(); !strings.Contains(got, "Test, wait:") || !strings.Contains(got, "Nothing changed") {
		t.Errorf("note = %q", got)
	}
	if f.host.replaced != 1 {
		t.Errorf("a bad value made a change (%d changes)", f.host.replaced)
	}

	// Test's wait 32 → 4 h: lead −28 h = "−3d 4h", −12%.
	f.typeInto(testRow.fields[effWait], "4h")
	f.enter()
	if w := f.host.m.Future.Stages[4].WaitHours; w != 4 {
		t.Fatalf("future Test wait = %g, want 4", w)
	}
	if fs.stageNote.text() != "" {
		t.Errorf("the note stayed: %q", fs.stageNote.text())
	}
	if got := comparison(fs)["lead_hours"]; got != [3]string{"5w 4d", "5w 1d", "−3d 4h (−12%)"} {
		t.Errorf("lead after the edit = %q", got)
	}
	if d := f.host.m.Future.Description; !strings.HasSuffix(d, "; then edited by hand") {
		t.Errorf("description after a hand edit = %q", d)
	}
	if f.host.m.Stages[4].WaitHours != 32 {
		t.Error("editing the future changed the current map")
	}
	// %C&A typed as a percentage, committed when the focus leaves.
	f.typeInto(fs.rows[4].fields[effCA], "90")
	f.unfocus()
	if ca := f.host.m.Future.Stages[4].CompleteAccurate; ca != 0.9 {
		t.Errorf("future Test %%C&A = %g, want 0.9", ca)
	}
}
