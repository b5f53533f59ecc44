package vsm

import (
	"errors"
	"math"
	"os/exec"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	ok := func() *Map { return threeStages(nil) }
	tests := []struct {
		name string
		edit func(m *Map)
		want string // the error message, "" for valid
	}{
		{"valid", func(*Map) {}, ""},
		{"no map name", func(m *Map) { m.Name = "  " }, "name: is required"},
		{"hours per day", func(m *Map) { m.Calendar.HoursPerDay = 25 }, `hours per day: "25" must be more than 0 and at most 24`},
		{"days per week", func(m *Map) { m.Calendar.DaysPerWeek = 0 }, `days per week: "0" must be more than 0 and at most 7`},
		{"demand", func(m *Map) { m.DemandPerDay = f(0) }, `demand per day: "0" must be more than 0 (leave it empty when unknown)`},
		{"stage name", func(m *Map) { m.Stages[1].Name = "" }, "stage 2: name: is required"},
		{"negative wait", func(m *Map) { m.Stages[1].WaitHours = -1 }, `stage 2 "B": wait: "-1" cannot be negative`},
		{"NaN process", func(m *Map) { m.Stages[0].ProcessHours = math.NaN() }, `stage 1 "A": process: "NaN" is not a finite duration`},
		{"CA zero", func(m *Map) { m.Stages[2].CompleteAccurate = 0 }, `stage 3 "C": complete & accurate: "0" must be above 0% and at most 100%`},
		{"CA above 1", func(m *Map) { m.Stages[2].CompleteAccurate = 1.2 }, `stage 3 "C": complete & accurate: "1.2" must be above 0% and at most 100%`},
		{"people", func(m *Map) { m.Stages[0].People = 0 }, `stage 1 "A": people: "0" must be more than 0`},
		{"queue", func(m *Map) { m.Stages[0].Queue = f(-2) }, `stage 1 "A": queue: "-2" must be 0 or more`},
		{"waste", func(m *Map) { m.Stages[0].Waste = []Waste{"coffee"} }, `stage 1 "A": waste: "coffee" is not a waste type`},
	}
	for _, tt := range tests {
		m := ok()
		tt.edit(m)
		checkValidation(t, tt.name, m.Validate(), tt.want)
	}
}

// checkValidation wants err to be the error want (nil for ""), wrapping ErrInvalid.
func checkValidation(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error %v", name, err)
	case want != "" && (err == nil || err.Error() != want):
		t.Errorf("%s: error = %v, want %q", name, err, want)
	case want != "" && !errors.Is(err, ErrInvalid):
		t.Errorf("%s: error does not wrap ErrInvalid", name)
	}
}

func TestParseCompleteAccurate(t *testing.T) {
	for in, want := range map[string]float64{"85%": 0.85, "85": 0.85, "0.85": 0.85, "100%": 1, "1": 1, " 50 % ": 0.5, "0.5%": 0.005} {
		got, err := ParseCompleteAccurate(in)
		if err != nil || !near(got, want) {
			t.Errorf("ParseCompleteAccurate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "0%", "101%", "150", "-5", "abc", "", "NaN"} {
		if _, err := ParseCompleteAccurate(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseCompleteAccurate(%q) error = %v, want ErrInvalid", in, err)
		}
	}
}

func TestParseWaste(t *testing.T) {
	for in, want := range map[string]Waste{"approvals": WasteApprovals, "Manual testing": WasteManualTesting, "task_switching": WasteTaskSwitching, " REWORK ": WasteRework} {
		if got, err := ParseWaste(in); err != nil || got != want {
			t.Errorf("ParseWaste(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseWaste("meetings"); err == nil {
		t.Error(`ParseWaste("meetings") succeeded`)
	}
}

func TestCloneIsDeep(t *testing.T) {
	m := ExampleMap()
	c := m.Clone()
	c.Stages[1].Waste[0] = WasteDefects
	*c.Stages[1].Queue = 99
	*c.DemandPerDay = 7
	c.Stages[0].Name = "changed"
	if m.Stages[1].Waste[0] != WasteApprovals || *m.Stages[1].Queue != 6 || *m.DemandPerDay != 2 || m.Stages[0].Name != "Idea" {
		t.Error("editing the clone changed the original")
	}
}

// The domain must stay free of outside dependencies (style.md): only the
// standard library, whose import paths have no dot in their first element.
func TestVsmImportsStandardLibraryOnly(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "flowmap/vsm" {
			continue
		}
		if first := strings.SplitN(p, "/", 2)[0]; strings.Contains(first, ".") || strings.HasPrefix(p, "flowmap/") {
			t.Errorf("vsm depends on %s: the domain must use the standard library only", p)
		}
	}
}
