package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs flowmap-cli in-process against the store at db.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "flowmap.db")}
}

func (c *cli) run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "FLOWMAP_DB" {
			return c.db
		}
		return ""
	}
	code = run(args, env{stdout: &out, stderr: &errb, getenv: getenv})
	return code, out.String(), errb.String()
}

func (c *cli) ok(args ...string) string {
	c.t.Helper()
	code, out, errs := c.run(args...)
	if code != 0 {
		c.t.Fatalf("flowmap-cli %v: exit %d, stderr %s", args, code, errs)
	}
	return out
}

func TestMetricsJSONFromSheet(t *testing.T) {
	c := newCLI(t)
	out := c.ok("metrics", "--json", "--demand-per-day", "2", "testdata/hand.csv")
	var doc struct {
		Name   string `json:"name"`
		Totals map[string]*float64
		Takt   *float64 `json:"takt_hours"`
		Constr struct {
			Stage string `json:"stage"`
			Index int    `json:"index"`
		} `json:"constraint"`
		Biggest struct {
			Stage string  `json:"stage"`
			Wait  float64 `json:"wait_hours"`
		} `json:"biggest_wait"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	// lead = 2 + 20 + 12 = 34; process 10; wait 24; flow 10/34 = 0.2941;
	// rolled CA = 1 x 0.8 x 0.5 = 0.4; rework-adjusted = 2 + 20/0.8 + 12/0.5 = 51;
	// capacity C = 1 x 8 x 0.5 / 4 = 1 (the constraint); takt = 8 / 2 = 4 h
	want := map[string]float64{"lead_hours": 34, "process_hours": 10, "wait_hours": 24, "flow_efficiency": 0.2941,
		"rolled_complete_accurate": 0.4, "rework_adjusted_lead_hours": 51, "capacity_per_day": 1}
	for k, v := range want {
		if doc.Totals[k] == nil || *doc.Totals[k] != v {
			t.Errorf("totals.%s = %v, want %v", k, doc.Totals[k], v)
		}
	}
	if doc.Name != "hand" || doc.Takt == nil || *doc.Takt != 4 || doc.Constr.Stage != "C" || doc.Constr.Index != 2 ||
		doc.Biggest.Stage != "B" || doc.Biggest.Wait != 16 {
		t.Errorf("document = %+v", doc)
	}
}

func TestStoreCommands(t *testing.T) {
	c := newCLI(t)
	// A new store holds the example map.
	var list struct {
		Maps []struct {
			Name   string `json:"name"`
			Stages int    `json:"stages"`
		} `json:"maps"`
	}
	if err := json.Unmarshal([]byte(c.ok("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Maps) != 1 || list.Maps[0].Name != "Feature delivery (example)" || list.Maps[0].Stages != 9 {
		t.Fatalf("new store lists %+v", list.Maps)
	}
	if got := strings.TrimSpace(c.ok("import", "--name", "Hand", "testdata/hand.csv")); got != "Hand" {
		t.Errorf("import printed %q, want Hand", got)
	}
	code, _, errs := c.run("import", "--name", "Hand", "testdata/hand.csv")
	if code != 1 || errs != "flowmap-cli: import : a map named \"Hand\" already exists: choose another with --name\n" {
		t.Errorf("second import: exit %d, stderr %q", code, errs)
	}
	file := filepath.Join(t.TempDir(), "hand.flowmap.json")
	c.ok("export", "--map", "Hand", "--out", file)
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), `"format": "flowmap/2"`) {
		t.Fatalf("exported file: %v\n%s", err, data)
	}
	// The exported file imports back under a new name with the same metrics.
	c.ok("import", "--name", "Hand again", file)
	a := c.ok("metrics", "--json", "--map", "Hand")
	b := c.ok("metrics", "--json", "--map", "Hand again")
	if strings.Replace(b, "Hand again", "Hand", 1) != a {
		t.Errorf("metrics differ after export and import:\n%s\n%s", a, b)
	}
	code, _, errs = c.run("metrics", "--map", "Nope")
	if code != 1 || !strings.Contains(errs, `no map named "Nope"`) || !strings.Contains(errs, `"Hand"`) {
		t.Errorf("unknown map: exit %d, stderr %q", code, errs)
	}
}

func TestDBFlagWinsOverEnvironment(t *testing.T) {
	c := newCLI(t)
	other := filepath.Join(t.TempDir(), "other.db")
	c.ok("import", "--db", other, "--name", "Only in other", "testdata/hand.csv")
	if strings.Contains(c.ok("list"), "Only in other") {
		t.Error("--db was ignored: the map went to FLOWMAP_DB's store")
	}
	if !strings.Contains(c.ok("list", "--db", other), "Only in other") {
		t.Error("the map is not in the --db store")
	}
}

func TestExitCodesAndErrors(t *testing.T) {
	c := newCLI(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("Stage,Wait,PT\nCode,2 dayz,1h\n"), 0o644)
	tests := []struct {
		args   []string
		code   int
		stderr string // a part of the one stderr line
	}{
		{nil, 2, ""},
		{[]string{"frobnicate"}, 2, "flowmap-cli: frobnicate : unknown command"},
		{[]string{"metrics"}, 2, "flowmap-cli: metrics : give a FILE"},
		{[]string{"metrics", "--nope", "x.csv"}, 2, "flag provided but not defined: -nope"},
		{[]string{"metrics", "--map", "X", "x.csv"}, 2, "not both"},
		{[]string{"metrics", "--unit", "fortnight", "testdata/hand.csv"}, 2, `"fortnight" is not a unit`},
		{[]string{"metrics", "missing.csv"}, 1, "missing.csv"},
		{[]string{"metrics", bad}, 1, `"2 dayz" is not a duration`},
		{[]string{"export", "--map", "X"}, 2, "export needs --map NAME and --out FILE"},
		{[]string{"restore-backup", "7"}, 1, "there is no backup 7"},
	}
	for _, tt := range tests {
		code, _, errs := c.run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.stderr)
		}
		if strings.Count(errs, "\n") > 1 {
			t.Errorf("%v: stderr has more than one line: %q", tt.args, errs)
		}
	}
	if code, out, _ := c.run("metrics", "--help"); code != 0 || !strings.Contains(out, "-sheet") {
		t.Errorf("metrics --help: exit %d, %q", code, out)
	}
}

func TestRestoreBackup(t *testing.T) {
	c := newCLI(t)
	c.ok("import", "--name", "Kept", "testdata/hand.csv") // closing the store after a change writes backup 1
	if out := c.ok("restore-backup"); !strings.Contains(out, "backup-") {
		t.Fatalf("restore-backup lists no backup:\n%s", out)
	}
	c.ok("import", "--name", "Later", "testdata/hand.csv")
	c.ok("restore-backup", "2") // the older backup: before "Later" was imported... and after "Kept"
	list := c.ok("list")
	if !strings.Contains(list, "Kept") || strings.Contains(list, "Later") {
		t.Errorf("after restoring backup 2 the store lists:\n%s", list)
	}
}

func TestSnapshotHistoryKaizen(t *testing.T) {
	c := newCLI(t)
	c.ok("import", "--name", "Hand", "testdata/hand.csv")
	// Before: lead 34 h, flow 10/34 = 0.2941, rolled CA 0.4 (see TestMetricsJSONFromSheet).
	if out := c.ok("snapshot", "--map", "Hand", "--date", "2026-01-05"); !strings.Contains(out, `recorded the measurement of "Hand" on 2026-01-05`) {
		t.Errorf("snapshot printed %q", out)
	}
	// After: B's wait falls from 16 h to 4 h: lead 34 - 12 = 22, flow 10/22 = 0.4545.
	after := filepath.Join(t.TempDir(), "after.csv")
	os.WriteFile(after, []byte("Stage,Wait (h),PT (h),%C&A,People\nA,0,2,100%,1\nB,4,4,80%,2\nC,8,4,50%,1\n"), 0o644)
	c.ok("snapshot", "--map", "Hand", "--date", "2026-02-02", after)
	var doc struct {
		Map          string `json:"map"`
		Measurements []struct {
			Date   string             `json:"date"`
			Totals map[string]float64 `json:"totals"`
		} `json:"measurements"`
	}
	if err := json.Unmarshal([]byte(c.ok("history", "--map", "Hand", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Map != "Hand" || len(doc.Measurements) != 2 {
		t.Fatalf("history = %+v", doc)
	}
	m0, m1 := doc.Measurements[0], doc.Measurements[1]
	if m0.Date != "2026-01-05" || m0.Totals["lead_hours"] != 34 || m0.Totals["flow_efficiency"] != 0.2941 ||
		m1.Date != "2026-02-02" || m1.Totals["lead_hours"] != 22 || m1.Totals["flow_efficiency"] != 0.4545 ||
		m1.Totals["rolled_complete_accurate"] != 0.4 {
		t.Errorf("history measurements = %+v", doc.Measurements)
	}
	// The snapshot from a file leaves the map's own values alone.
	var cur struct{ Totals map[string]float64 }
	json.Unmarshal([]byte(c.ok("metrics", "--json", "--map", "Hand")), &cur)
	if cur.Totals["lead_hours"] != 34 {
		t.Errorf("map lead after snapshot from file = %v, want 34", cur.Totals["lead_hours"])
	}
	if out := c.ok("kaizen", "list", "--map", "Hand", "--json"); !strings.Contains(out, `"kaizen": []`) {
		t.Errorf("kaizen list of a map without kaizen = %s", out)
	}
	if code, _, errs := c.run("snapshot", "--map", "Hand", "--date", "5/1/2026"); code != 2 || !strings.Contains(errs, "is not a day like 2026-01-05") {
		t.Errorf("bad date: exit %d, %q", code, errs)
	}
}

func TestReport(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	xlsx, png := filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "r.png")
	c.ok("report", "--map", "Feature delivery (example)", "--xlsx", xlsx, "--png", png, "--chart", "bars")
	for _, p := range []string{xlsx, png} {
		st, err := os.Stat(p)
		if err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v (size %v)", p, err, st)
		}
	}
	if b, _ := os.ReadFile(png); !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Error("the picture is not a PNG")
	}
	if b, _ := os.ReadFile(xlsx); !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("the workbook is not a zip")
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"report", "--map", "Feature delivery (example)"}, 2, "--xlsx OUT.xlsx and/or --png OUT.png"},
		{[]string{"report", "--chart", "pie", "--png", png, "testdata/hand.csv"}, 2, `"pie" is not a chart`},
		{[]string{"report", "--chart", "trend", "--png", png, "testdata/hand.csv"}, 1, "no measurements yet"},
		{[]string{"report", "--png", filepath.Join(dir, "missing", "x.png"), "testdata/hand.csv"}, 1, "the folder does not exist"},
	}
	for _, tt := range tests {
		code, _, errs := c.run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, %q; want %d, %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}

func TestEventsAndImportOfLogs(t *testing.T) {
	c := newCLI(t)
	out := c.ok("events", "--json", "testdata/events-intervals.csv")
	var doc struct {
		Rows     int    `json:"rows"`
		Items    int    `json:"items"`
		Calendar string `json:"calendar"`
		Stages   []struct {
			Name  string `json:"name"`
			Items int    `json:"items"`
		} `json:"stages"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The sample has 15 rows for items 101-104, through Dev, Review, Test, Deploy.
	var names []string
	for _, s := range doc.Stages {
		names = append(names, s.Name)
	}
	if doc.Rows != 15 || doc.Items != 4 || doc.Calendar != "workdays" || strings.Join(names, ",") != "Dev,Review,Test,Deploy" {
		t.Errorf("events document: rows %d items %d calendar %s stages %v", doc.Rows, doc.Items, doc.Calendar, names)
	}
	if out := c.ok("events", "--calendar", "24x7", "testdata/events-transitions.csv"); !strings.Contains(out, "transitions log") {
		t.Errorf("events of a transition log printed:\n%s", out)
	}
	// Importing a log makes a map with a measurement dated at the log's end
	// (item 102 deploys on 2026-03-09; 104 enters Dev on 2026-03-06 and stays).
	if name := strings.TrimSpace(c.ok("import", "testdata/events-intervals.csv")); name != "events intervals" {
		t.Fatalf("import of a log printed %q", name)
	}
	hist := c.ok("history", "--map", "events intervals", "--json")
	if !strings.Contains(hist, `"date": "2026-03-09"`) {
		t.Errorf("history after importing the log:\n%s", hist)
	}
	// Importing the same log again extends the same map instead of failing.
	c.ok("import", "testdata/events-intervals.csv")
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"events", "--calendar", "lunar", "testdata/events-intervals.csv"}, 2, `--calendar "lunar"`},
		{[]string{"events", "--stat", "mode", "testdata/events-intervals.csv"}, 2, `--stat "mode"`},
		{[]string{"events", "testdata/hand.csv"}, 1, "no event log header"},
		{[]string{"events", "--mapping", "testdata/missing.txt", "testdata/events-transitions.csv"}, 1,
			"--mapping: the status mapping file: open testdata/missing.txt: no such file or directory"},
	} {
		code, _, errs := c.run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, %q; want %d, %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}
