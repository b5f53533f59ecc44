package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// writeFile writes content to name in a new temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFlagsAfterArguments: flags work after the file as people type them
// (exit 2 "flags go before the FILE" before), with the single-dash spelling
// of earlier versions, and "--" ends the flags.
func TestFlagsAfterArguments(t *testing.T) {
	c := newCLI(t)
	want := c.ok("metrics", "--json", "testdata/hand.csv")
	for _, args := range [][]string{
		{"metrics", "testdata/hand.csv", "--json"},
		{"metrics", "-json", "testdata/hand.csv"},
		{"metrics", "testdata/hand.csv", "-json=true"},
		{"metrics", "--json", "--", "testdata/hand.csv"},
	} {
		if got := c.ok(args...); got != want {
			t.Errorf("%v printed\n%s\nwant\n%s", args, got, want)
		}
	}
	if got := strings.TrimSpace(c.ok("import", "testdata/hand.csv", "--name", "After")); got != "After" {
		t.Errorf("import FILE --name After printed %q", got)
	}
	// A value that starts with a dash stays the flag's value.
	if got := strings.TrimSpace(c.ok("import", "--name", "-draft", "testdata/hand.csv")); got != "-draft" {
		t.Errorf("import --name -draft printed %q", got)
	}
	if out := c.ok("events", "testdata/events-intervals.csv", "--json", "--calendar", "24x7"); !strings.Contains(out, `"calendar": "24x7"`) {
		t.Errorf("events FILE --json --calendar 24x7 printed\n%s", out)
	}
}

func TestVersionHelpAndCompletions(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("--version"); out != "flowmap-cli dev\n" {
		t.Errorf("--version printed %q", out)
	}
	old := Version
	Version = "v1.2.3"
	if out := c.ok("--version"); out != "flowmap-cli v1.2.3\n" {
		t.Errorf("--version with Version stamped printed %q", out)
	}
	Version = old

	// Every command has its help, on stdout, with exit 0.
	root := newRoot(env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }})
	var walk func(cmd *cobra.Command, path []string)
	walk = func(cmd *cobra.Command, path []string) {
		for _, sub := range cmd.Commands() {
			p := append(append([]string(nil), path...), sub.Name())
			code, out, errs := c.run(append(p, "--help")...)
			if code != 0 || !strings.Contains(out, "Usage:") || errs != "" {
				t.Errorf("%v --help: exit %d, stdout %q, stderr %q", p, code, out, errs)
			}
			walk(sub, p)
		}
	}
	walk(root, nil)

	// Completion scripts for the four shells, unchanged by the escaping of
	// stdout (they hold tabs, never other control characters).
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		out := c.ok("completion", sh)
		var raw bytes.Buffer
		r := newRoot(env{stdout: &raw, stderr: &raw, getenv: func(string) string { return "" }})
		r.SetArgs([]string{"completion", sh})
		if err := r.Execute(); err != nil {
			t.Fatal(err)
		}
		if len(out) < 1000 || !strings.Contains(out, "flowmap-cli") || out != raw.String() {
			t.Errorf("completion %s: %d bytes, escaped differently from cobra's script: %v", sh, len(out), out != raw.String())
		}
	}
	// The shell asks for the charts and the stored maps' names.
	if out := c.ok("__complete", "report", "--chart", ""); !strings.Contains(out, "waterfall\n") {
		t.Errorf("completing --chart: %q", out)
	}
	c.ok("import", "--name", "Team A", "testdata/hand.csv")
	if out := c.ok("__complete", "metrics", "--map", ""); !strings.Contains(out, "Team A\n") || !strings.Contains(out, "Feature delivery (example)\n") {
		t.Errorf("completing --map: %q", out)
	}
	for _, args := range [][]string{{"completion", "tcsh"}, {"completion"}} {
		if code, _, errs := c.run(args...); code != 2 || !strings.HasPrefix(errs, "flowmap-cli: completion : ") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
}

// TestMetricsJSONFullPrecision: a 48-second process time is 48/3600 h =
// 0.013333333333333334 h in the document; rounded to 4 places (0.0133) as
// before, sums in a pipeline drifted.
func TestMetricsJSONFullPrecision(t *testing.T) {
	c := newCLI(t)
	p := writeFile(t, "scissors.csv", "Stage,Wait,Process,%C&A\nCut,0:10:00,0:00:48,100%\n")
	out := c.ok("metrics", p, "--json")
	var doc struct {
		Totals map[string]float64 `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// process 48 s = 48/3600 h; wait 10 min = 1/6 h; lead 648/3600 = 0.18 h;
	// flow efficiency 48/648 = 0.074074...
	for k, want := range map[string]float64{"process_hours": 48.0 / 3600, "lead_hours": 0.18, "flow_efficiency": 48.0 / 648} {
		if got := doc.Totals[k]; math.Abs(got-want) > 1e-15 {
			t.Errorf("totals.%s = %v, want %v", k, got, want)
		}
	}
	if !strings.Contains(out, `"process_hours": 0.01333333333333333`) {
		t.Errorf("the document does not write 48 s at full precision:\n%s", out)
	}
}

// TestMetricsJSONGolden keeps the whole document of the hand-computed sheet
// (see TestMetricsJSONFromSheet); go test -update rewrites it.
func TestMetricsJSONGolden(t *testing.T) {
	c := newCLI(t)
	got := c.ok("metrics", "--json", "--demand-per-day", "2", "testdata/hand.csv")
	golden := filepath.Join("testdata", "metrics-hand.json")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("metrics --json differs from %s:\n%s", golden, got)
	}
}

// TestReaderWarnings: what a reader assumed or skipped is said on stderr by
// metrics and import, one line each, and listed in the JSON (dropped before).
func TestReaderWarnings(t *testing.T) {
	c := newCLI(t)
	p := writeFile(t, "ladder.csv", "Stage,Wait,PT\nCode,4,2\nTest,8,1\nTotal,12,3\n")
	code, out, errs := c.run("metrics", "--json", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Stages   []any    `json:"stages"`
		Warnings []string `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	wantAll := []string{
		`column "Wait" names no unit: its bare numbers are read as hours`,
		`column "PT" names no unit: its bare numbers are read as hours`,
		`row 4 skipped: a "Total" row`,
	}
	if len(doc.Stages) != 2 || strings.Join(doc.Warnings, "|") != strings.Join(wantAll, "|") {
		t.Errorf("%d stages, warnings %q; want 2 and %q", len(doc.Stages), doc.Warnings, wantAll)
	}
	for _, w := range wantAll {
		if !strings.Contains(errs, "flowmap-cli: metrics : warning: "+w+"\n") {
			t.Errorf("stderr does not say %q:\n%s", w, errs)
		}
	}
	code, _, errs = c.run("import", "--name", "Ladder", p)
	if code != 0 || strings.Count(errs, "flowmap-cli: import : warning: ") != 3 {
		t.Errorf("import: exit %d, stderr\n%s", code, errs)
	}
	// A stored map has no reader: an empty list, nothing on stderr.
	code, out, errs = c.run("metrics", "--json", "--map", "Ladder")
	if code != 0 || errs != "" || !strings.Contains(out, `"warnings": []`) {
		t.Errorf("metrics of a stored map: exit %d, stderr %q, warnings in\n%s", code, errs, out)
	}
	// --unit says the unit: no warning about it.
	if _, _, errs := c.run("metrics", "--unit", "h", p); strings.Contains(errs, "names no unit") {
		t.Errorf("--unit h still warns: %s", errs)
	}
}

// TestEventsJSONFromAndTo: a log that starts at 0001-01-01 00:00 UTC (Go's
// zero time) printed "from": null while the text showed the date.
func TestEventsJSONFromAndTo(t *testing.T) {
	c := newCLI(t)
	p := writeFile(t, "old.csv", "item,stage,entered,exited\n1,Dev,0001-01-01 00:00,0001-01-01 09:00\n2,Dev,2026-01-05 09:00,2026-01-05 10:00\n")
	var doc struct{ From, To *string }
	if err := json.Unmarshal([]byte(c.ok("events", "--json", p)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.From == nil || *doc.From != "0001-01-01T00:00:00Z" || doc.To == nil || *doc.To != "2026-01-05T10:00:00Z" {
		t.Errorf("from %v, to %v", doc.From, doc.To)
	}
}
