package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

// within runs the CLI and fails the test if it has not answered after a
// generous deadline: before these fixes a named pipe as --db and a 1e308 h
// map in "report --chart bars" never returned.
func (c *cli) within(args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := c.run(args...)
		done <- result{code, out, errs}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(2 * time.Minute):
		c.t.Fatalf("flowmap-cli %v did not return within 2 minutes", args)
		return 0, "", ""
	}
}

// TestAbsurdNumbers: numbers past vsm's bounds are refused at the cell, with
// the bound as the reason, by every command that reads them; before, "1e308"
// made totals +Inf ("json: unsupported value: +Inf", a picture that never
// finished) and "1e308h" was refused as unknown unit "e".
func TestAbsurdNumbers(t *testing.T) {
	c := newCLI(t)
	big := writeFile(t, "big.csv", "Stage,Wait,Process\nA,1e308,1e308\nB,2h,1h\n")
	bigH := writeFile(t, "big-h.csv", "Stage,Wait,Process\nA,1e308h,2h\n")
	bigMo := writeFile(t, "big-mo.csv", "Stage,Wait,Process\nA,1e300mo,2h\n")
	people := writeFile(t, "people.csv", "Stage,Wait,Process,People\nA,2h,1h,1e300\n")
	const tooLong = "is more than 100 years (876,600 h), the longest duration"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"metrics", "--json", big}, `big.csv: row 2, column "Wait": "1e308" is not a duration: it ` + tooLong},
		{[]string{"metrics", bigH}, `row 2, column "Wait": "1e308h" is not a duration: it ` + tooLong},
		{[]string{"metrics", bigMo}, `row 2, column "Wait": "1e300mo" is not a duration: it ` + tooLong},
		{[]string{"metrics", "--json", people}, `column "People": "1e300" must be at most 1,000,000 people`},
		{[]string{"report", "--png", filepath.Join(t.TempDir(), "b.png"), "--chart", "bars", big}, tooLong},
		{[]string{"report", "--png", filepath.Join(t.TempDir(), "w.png"), "--chart", "waterfall", big}, tooLong},
		{[]string{"import", "--name", "Big", big}, tooLong},
		{[]string{"metrics", "--json", "--demand-per-day", "1e300", "testdata/hand.csv"}, `demand per day: "1e+300" must be at most 1,000,000`},
	}
	for _, tt := range tests {
		code, out, errs := c.within(tt.args...)
		if code != 1 || !strings.Contains(errs, tt.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", tt.args, code, out, errs, tt.want)
		}
	}
	// A map file of 1e308 h (finite JSON, +Inf once summed) is refused too.
	file := filepath.Join(t.TempDir(), "ex.flowmap.json")
	c.ok("export", "--map", "Feature delivery (example)", "--out", file)
	data, _ := os.ReadFile(file)
	edited := strings.Replace(string(data), `"process_hours": 12`, `"process_hours": 1e308`, 1)
	os.WriteFile(file, []byte(edited), 0o644)
	if code, _, errs := c.within("import", "--name", "Big file", file); code != 1 || !strings.Contains(errs, `process: "1e+308" `+tooLong) {
		t.Errorf("import of a 1e308 h map file: exit %d, %q", code, errs)
	}
	if strings.Contains(c.ok("list"), "Big") {
		t.Error("a map past the bounds was stored")
	}
	// At the bounds every document encodes and every picture is drawn.
	atBounds := writeFile(t, "bounds.csv", "Stage,Wait,Process,%C&A,People,Queue\nCentury,876600h,876600h,0.01%,0.0001,1000000\nNano,0,0.000000000000278h,100%,1000000,0\n")
	c.ok("metrics", "--json", "--demand-per-day", "0.0001", "--hours-per-day", "0.01", atBounds)
	for _, chart := range []string{"map", "bars", "waterfall"} {
		if code, _, errs := c.within("report", "--png", filepath.Join(t.TempDir(), chart+".png"), "--chart", chart, atBounds); code != 0 {
			t.Errorf("%s picture at the bounds: exit %d, %s", chart, code, errs)
		}
	}
}

// TestOutputsNeverReplaceTheStore: export and report refuse an output that is
// the store (by its path, a link or a hard link), one of its backups, a
// folder, a named pipe or a device node, and leave it as it was. Before,
// "export --out s.db" and "report --xlsx s.db" replaced the live store with
// exit 0, and the named pipe and device node were replaced by a file.
func TestOutputsNeverReplaceTheStore(t *testing.T) {
	c := newCLI(t)
	c.ok("import", "--name", "Kept", "testdata/hand.csv") // a change: a backup is written on close
	backups, err := store.Backups(c.db)
	if err != nil || len(backups) == 0 {
		t.Fatalf("no backup: %v", err)
	}
	dir := t.TempDir()
	link, hard := filepath.Join(dir, "link.db"), filepath.Join(dir, "hard.db")
	os.Symlink(c.db, link)
	os.Link(c.db, hard)
	targets := map[string]string{
		c.db:            "is the Flowmap store",
		link:            "is the Flowmap store",
		hard:            "is the Flowmap store",
		backups[0].Path: "is the Flowmap store " + c.db + " or one of its backups",
		dir:             "it is a folder",
	}
	if fifo := filepath.Join(dir, "pipe"); makeFIFO(t, fifo) {
		targets[fifo] = "it is a named pipe (FIFO), not a regular file"
	}
	if dev := filepath.Join(dir, "null"); makeDevice(t, dev) {
		targets[dev] = "it is a device, not a regular file"
	}
	storeBefore, _ := os.ReadFile(c.db)
	for target, want := range targets {
		before, _ := os.Lstat(target)
		for _, args := range [][]string{
			{"export", "--map", "Kept", "--out", target},
			{"report", "--map", "Kept", "--xlsx", target},
			{"report", "--png", target, "testdata/hand.csv"},
		} {
			code, out, errs := c.within(args...)
			if code != 1 || out != "" || !strings.Contains(errs, want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errs, want)
			}
		}
		if after, err := os.Lstat(target); err != nil || after.Mode() != before.Mode() || after.Size() != before.Size() {
			t.Errorf("%s changed: was %v %d bytes, now %v", target, before.Mode(), before.Size(), after)
		}
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(after, storeBefore) {
		t.Error("the store file changed")
	}
	// The same store named by --db instead of FLOWMAP_DB.
	other := filepath.Join(t.TempDir(), "other.db")
	c.ok("list", "--db", other)
	if code, _, errs := c.within("export", "--db", other, "--map", "Feature delivery (example)", "--out", other); code != 1 || !strings.Contains(errs, "is the Flowmap store") {
		t.Errorf("export --db X --out X: exit %d, %q", code, errs)
	}
	// An ordinary file is still written.
	out := filepath.Join(dir, "kept.flowmap.json")
	c.ok("export", "--map", "Kept", "--out", out)
	c.ok("export", "--map", "Kept", "--out", out) // and replaced
}

// TestDBMustBeARegularFile: a named pipe as --db blocked for ever; a device
// node is no store either.
func TestDBMustBeARegularFile(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	cases := map[string]string{dir: "is a folder, not a regular file"}
	if fifo := filepath.Join(dir, "pipe.db"); makeFIFO(t, fifo) {
		cases[fifo] = "is a named pipe (FIFO), not a regular file"
	}
	if dev := filepath.Join(dir, "null.db"); makeDevice(t, dev) {
		cases[dev] = "is a device, not a regular file"
	}
	for db, want := range cases {
		before, _ := os.Lstat(db)
		code, _, errs := c.within("list", "--db", db)
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("list --db %s: exit %d, %q; want %q", db, code, errs, want)
		}
		if after, err := os.Lstat(db); err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s was replaced: %v", db, err)
		}
	}
}

// TestCommittedWriteNeverExitsOne: the import is in the store when the
// backup after it fails; the command says so on stderr and exits 0 (exit 1
// before, and the retry failed "already exists"). The backup fails for a
// real reason that holds for root too: the store's name leaves no room for
// the temporary backup's name.
func TestCommittedWriteNeverExitsOne(t *testing.T) {
	c := newCLI(t)
	c.ok("list") // creates the store
	long := filepath.Join(filepath.Dir(c.db), strings.Repeat("n", 250)+".db")
	if err := os.Rename(c.db, long); err != nil {
		t.Fatal(err)
	}
	c.db = long
	code, out, errs := c.run("import", "--name", "Saved", "testdata/hand.csv")
	if code != 0 || strings.TrimSpace(out) != "Saved" {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if !strings.HasPrefix(errs, "flowmap-cli: import : warning: the changes are saved in ") || !strings.Contains(errs, "file name too long") ||
		strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr %q, want one warning line about the backup", errs)
	}
	if !strings.Contains(c.ok("list"), "Saved") {
		t.Error("the imported map is not in the store")
	}
}

// TestCommittedWriteInAnUnwritableFolder is the same with the store's folder
// made read-only, as it happens to people; root writes anyway.
func TestCommittedWriteInAnUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("root (or Windows) writes into a read-only folder: see TestCommittedWriteNeverExitsOne")
	}
	c := newCLI(t)
	c.ok("list")
	dir := filepath.Dir(c.db)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	code, _, errs := c.run("import", "--name", "Saved", "testdata/hand.csv")
	if code != 0 || !strings.Contains(errs, "warning: the changes are saved in") || !strings.Contains(errs, "permission denied") {
		t.Errorf("import: exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(c.ok("list"), "Saved") {
		t.Error("the imported map is not in the store")
	}
}

// TestTerminalEscapes: names from files are stored without control
// characters, and whatever reaches a text output (a map stored by an older
// version, a file name) is escaped: no ESC, OSC, NUL or RLO reaches the
// terminal. Before, list and metrics printed them raw.
func TestTerminalEscapes(t *testing.T) {
	c := newCLI(t)
	evil := "Deploy\x1b]0;owned\x07\x1b[2J\u202Eevil\x00"
	// A NUL, or more than 1% control characters, makes the reader take a CSV
	// for binary data: the sheet has no NUL, and ordinary rows around.
	sheet := writeFile(t, "evil.csv", "Stage,Wait (h),PT (h)\n\"Code"+strings.TrimSuffix(evil, "\x00")+"\",1,2\n"+
		strings.Repeat("Test with a long ordinary name for the ratio,1,1\n", 10))
	raw := func(s string) bool { return strings.ContainsAny(s, "\x1b\x07\x00\u202E") }
	out := c.ok("metrics", sheet)
	if raw(out) || !strings.Contains(out, "CodeDeploy]0;owned[2Jevil") {
		t.Errorf("metrics printed %q", out)
	}
	if out := c.ok("metrics", "--json", sheet); raw(out) || !strings.Contains(out, `"name": "CodeDeploy]0;owned[2Jevil"`) {
		t.Errorf("metrics --json printed %q", out)
	}
	c.ok("import", "--name", "Team"+evil, sheet)
	if out := c.ok("list"); raw(out) || !strings.Contains(out, "TeamDeploy]0;owned[2Jevil") {
		t.Errorf("list after import printed %q", out)
	}
	// A map stored with a raw name (as an older version could) is escaped on
	// the way out: visible, harmless.
	s, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	m := vsm.ExampleMap()
	m.Name = "Old" + evil
	m.Stages[0].Name = "Idea" + evil
	if _, err := s.Create(m); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, args := range [][]string{{"list"}, {"metrics", "--map", m.Name}, {"history", "--map", m.Name}, {"kaizen", "list", "--map", m.Name}} {
		out := c.ok(args...)
		if raw(out) || strings.Contains(out, "\u202E") {
			t.Errorf("%q printed %q", args, out)
		}
	}
	// The name is cut at 40 characters, never inside an escape.
	if out := c.ok("list"); !strings.Contains(out, "OldDeploy\\u001b]0;owned\\u0007\\u001b[2J…  ") {
		t.Errorf("list shows %q", out)
	}
	if out := c.ok("history", "--map", m.Name); !strings.Contains(out, `OldDeploy\u001b]0;owned\u0007\u001b[2J\u202eevil\u0000 has no measurements`) {
		t.Errorf("history shows %q", out)
	}
	var doc struct {
		Maps []struct{ Name string } `json:"maps"`
	}
	if err := json.Unmarshal([]byte(c.ok("list", "--json")), &doc); err != nil {
		t.Fatalf("list --json is not valid JSON after escaping: %v", err)
	}
	// Errors on stderr are escaped too.
	code, _, errs := c.run("metrics", "--map", "Nope\x1b[2J")
	if code != 1 || raw(errs) {
		t.Errorf("error line: exit %d, %q", code, errs)
	}
	// Hebrew and Arabic names are ordinary text.
	rtl := writeFile(t, "rtl.csv", "Stage,Wait (h),PT (h)\nבדיקה,1,2\nنشر,1,1\n")
	if out := c.ok("metrics", rtl); !strings.Contains(out, "בדיקה") || !strings.Contains(out, "نشر") {
		t.Errorf("right-to-left names: %q", out)
	}
}

// TestLongNamesAreCutInTables: a 2,000-stage sheet with one 100,000-character
// name padded every row of the table to that width (220 MB of text); the
// table cuts names at 40 characters with an ellipsis, JSON keeps them whole.
func TestLongNamesAreCutInTables(t *testing.T) {
	c := newCLI(t)
	var b strings.Builder
	b.WriteString("Stage,Wait (h),PT (h)\n")
	long := strings.Repeat("x", 100_000)
	for i := range 2000 {
		name := "Stage " + strings.Repeat("y", i%7)
		if i == 1000 {
			name = long
		}
		b.WriteString(name + ",1,1\n")
	}
	sheet := writeFile(t, "long.csv", b.String())
	code, out, errs := c.run("metrics", sheet)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// 2,000 rows of at most 40 + 8 columns of ~15 characters: far below 1 MB.
	if len(out) > 1<<20 || !strings.Contains(out, strings.Repeat("x", 39)+"…") || strings.Contains(out, strings.Repeat("x", 41)) {
		t.Errorf("metrics wrote %d bytes", len(out))
	}
	if out := c.ok("metrics", "--json", sheet); !strings.Contains(out, `"name": "`+long+`"`) {
		t.Error("the JSON does not keep the long name whole")
	}
}
