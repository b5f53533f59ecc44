package eventlog

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"flowmap/vsm"
)

// The -update flag rewrites golden files. Other tests of the package may
// declare it too; whoever comes first defines it and the rest look it up.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// wantStage is the expected figures of one stage; hours are exact fractions
// worked out by hand in the comments of each test.
type wantStage struct {
	name                  string
	items, completed, wip int
	reentries             int
	ca                    float64
	wait, work            vsm.Dist
	throughput            float64
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkStages(t *testing.T, st *vsm.EventLogStats, want []wantStage) {
	t.Helper()
	if len(st.Stages) != len(want) {
		var names []string
		for _, s := range st.Stages {
			names = append(names, s.Name)
		}
		t.Fatalf("stages = %q, want %d stages", names, len(want))
	}
	for i, w := range want {
		g := st.Stages[i]
		if g.Name != w.name {
			t.Errorf("stage %d = %q, want %q", i, g.Name, w.name)
			continue
		}
		if g.Items != w.items || g.Completed != w.completed || g.WIP != w.wip || g.Reentries != w.reentries {
			t.Errorf("%s: items/completed/wip/reentries = %d/%d/%d/%d, want %d/%d/%d/%d", w.name,
				g.Items, g.Completed, g.WIP, g.Reentries, w.items, w.completed, w.wip, w.reentries)
		}
		if !near(g.CompleteAccurate, w.ca) {
			t.Errorf("%s: C&A = %v, want %v", w.name, g.CompleteAccurate, w.ca)
		}
		for _, d := range []struct {
			what      string
			got, want vsm.Dist
		}{{"wait", g.Wait, w.wait}, {"work", g.Work, w.work}} {
			if !near(d.got.Median, d.want.Median) || !near(d.got.P85, d.want.P85) || !near(d.got.Mean, d.want.Mean) {
				t.Errorf("%s %s = %+v, want %+v", w.name, d.what, d.got, d.want)
			}
		}
		if !near(g.ThroughputPerDay, w.throughput) {
			t.Errorf("%s: throughput = %v, want %v", w.name, g.ThroughputPerDay, w.throughput)
		}
	}
}

// testRead reads a log given as text through the public entry point.
func testRead(t *testing.T, name, text string, opt vsm.EventLogOptions) (*vsm.EventLogStats, error) {
	t.Helper()
	return Read(strings.NewReader(text), name, opt)
}

func mustRead(t *testing.T, name, text string, opt vsm.EventLogOptions) *vsm.EventLogStats {
	t.Helper()
	st, err := testRead(t, name, text, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return st
}

// TestEventSampleIntervals checks shared/samples/events-intervals.csv,
// worked out by hand on the working calendar (Mon-Fri 09:00-17:00, UTC;
// 2026-03-02 is a Monday):
//
//	101 Dev    Mon 09:00-15:00                      work 6
//	    Review gap Mon 15:00-Tue 10:00 = 2+1 = 3     wait 3,  work 1 (10-11)
//	    Test   gap Tue 11:00-Wed 09:00 = 6           wait 6,  work 3 (9-12)
//	    Deploy gap Wed 12:00-Thu 14:00 = 5+5 = 10    wait 10, work 0.5
//	102 Dev    Mon 09:00-Tue 12:00 = 8+3             work 11
//	    Review gap 12:00-13:00 = 1                   wait 1,  work 0.5
//	    Test   gap Tue 13:30-Wed 09:00 = 3.5         wait 3.5, work 2 (9-11)
//	    Dev    no gap (11:00 = 11:00)                work 4 (11-15): Dev 15 in all
//	    Review gap Wed 15:00-Thu 09:00 = 2           wait 2 (3 in all), work 1/3: 5/6 in all
//	    Test   gap 09:20-10:00 = 2/3                 wait 25/6 in all, work 2: 4 in all
//	    Deploy gap Thu 12:00-Mon 10:00 = 5+8+1 = 14  wait 14, work 0.5
//	103 Dev    Tue 09:00-17:00                       work 8
//	    Review gap Tue 17:00-Thu 09:00 = 8 (Wed)     wait 8,  work 1
//	    Test   gap 10:00-11:00 = 1                   wait 1,  work 5
//	104 Dev    Fri 09:00, no exit: WIP
//
// Re-entries: 102 came back to Dev after Review and Test (later stages) and
// to Review after Test; its second Test visit came after earlier stages
// only. Span: Mon 03-02 09:00 to Mon 03-09 10:30 = 40 + 1.5 = 41.5 h =
// 5.1875 days.
//
//	Dev    items 4, WIP 1; work {6, 8, 15}: median 8, p85 8+0.7x7 = 12.9, mean 29/3;
//	       wait 0; C&A 1-1/4; throughput 3/5.1875
//	Review wait {3, 3, 8}: median 3, p85 3+0.7x5 = 6.5, mean 14/3;
//	       work {5/6, 1, 1}: median 1, p85 1, mean (17/6)/3 = 17/18; C&A 1-1/3
//	Test   wait {1, 25/6, 6}: median 25/6, p85 25/6+0.7x11/6, mean (67/6)/3 = 67/18;
//	       work {3, 4, 5}: median 4, p85 4.7, mean 4
//	Deploy wait {10, 14}: median 12, p85 10+0.85x4 = 13.4, mean 12; work 0.5;
//	       throughput 2/5.1875
func TestEventSampleIntervals(t *testing.T) {
	st, err := ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Shape != vsm.ShapeIntervals || st.Rows != 15 || st.Items != 4 || !st.Sorted {
		t.Errorf("shape/rows/items/sorted = %s/%d/%d/%v, want intervals/15/4/true", st.Shape, st.Rows, st.Items, st.Sorted)
	}
	if got := st.From.Format(time.RFC3339) + " " + st.To.Format(time.RFC3339); got != "2026-03-02T09:00:00Z 2026-03-09T10:30:00Z" {
		t.Errorf("span = %s", got)
	}
	if !near(st.WorkingDays, 5.1875) || st.Calendar != "workdays" {
		t.Errorf("working days = %v on %s, want 5.1875 on workdays", st.WorkingDays, st.Calendar)
	}
	days := 5.1875
	checkStages(t, st, []wantStage{
		{"Dev", 4, 3, 1, 1, 0.75, vsm.Dist{}, vsm.Dist{Median: 8, P85: 12.9, Mean: 29.0 / 3}, 3 / days},
		{"Review", 3, 3, 0, 1, 1 - 1.0/3, vsm.Dist{Median: 3, P85: 6.5, Mean: 14.0 / 3}, vsm.Dist{Median: 1, P85: 1, Mean: 17.0 / 18}, 3 / days},
		{"Test", 3, 3, 0, 0, 1, vsm.Dist{Median: 25.0 / 6, P85: 25.0/6 + 0.7*11/6, Mean: 67.0 / 18}, vsm.Dist{Median: 4, P85: 4.7, Mean: 4}, 3 / days},
		{"Deploy", 2, 2, 0, 0, 1, vsm.Dist{Median: 12, P85: 13.4, Mean: 12}, vsm.Dist{Median: 0.5, P85: 0.5, Mean: 0.5}, 2 / days},
	})
}

// TestEventSampleTransitions checks shared/samples/events-transitions.csv
// with the proposed mapping: Backlog ignore, In Progress work of "In
// Progress", Ready for Review / In Review wait / work of Review, Ready for
// QA / In QA of QA, Done done. 2026-04-01 is a Wednesday.
//
//	APP-1 In Progress Thu 10:00-Fri 16:00 = 7+7      work 14
//	      Ready for Review Fri 16:00-Mon 11:00 = 1+2 Review wait 3
//	      In Review 11:00-12:00                      Review work 1
//	      Ready for QA Mon 12:00-Wed 09:30 = 5+8+0.5 QA wait 13.5
//	      In QA 09:30-15:00                          QA work 5.5
//	APP-2 In Progress Mon 09:00-Tue 12:00 = 8+3      work 11
//	      Ready for Review 12:00-15:00               Review wait 3
//	      In Review 15:00-16:00                      Review work 1
//	      In Progress Tue 16:00-Wed 11:00 = 1+2      work 3: 14 in all (a re-entry:
//	                                                 Review, a later stage, came between)
//	      Ready for Review 11:00-14:00               Review wait 3: 6 in all
//	      In Review 14:00-14:30                      Review work 0.5: 1.5 in all
//	      Ready for QA Wed 14:30-Fri 10:00 = 2.5+8+1 QA wait 11.5
//	      In QA 10:00-13:00                          QA work 3
//
// Span Wed 04-01 09:00 to Fri 04-10 13:00 = 7x8 + 4 = 60 h = 7.5 days.
func TestEventSampleTransitions(t *testing.T) {
	st, err := ReadFile("testdata/events-transitions.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Shape != vsm.ShapeTransitions || st.Rows != 17 || st.Items != 2 || !near(st.WorkingDays, 7.5) {
		t.Errorf("shape/rows/items/days = %s/%d/%d/%v", st.Shape, st.Rows, st.Items, st.WorkingDays)
	}
	checkStages(t, st, []wantStage{
		{"In Progress", 2, 2, 0, 1, 0.5, vsm.Dist{}, vsm.Dist{Median: 14, P85: 14, Mean: 14}, 2 / 7.5},
		{"Review", 2, 2, 0, 0, 1, vsm.Dist{Median: 4.5, P85: 3 + 0.85*3, Mean: 4.5}, vsm.Dist{Median: 1.25, P85: 1 + 0.85*0.5, Mean: 1.25}, 2 / 7.5},
		{"QA", 2, 2, 0, 0, 1, vsm.Dist{Median: 12.5, P85: 11.5 + 0.85*2, Mean: 12.5}, vsm.Dist{Median: 4.25, P85: 3 + 0.85*2.5, Mean: 4.25}, 2 / 7.5},
	})
	wantStatuses := []string{"Backlog", "In Progress", "Ready for Review", "In Review", "Ready for QA", "In QA", "Done"}
	if fmt.Sprint(st.Statuses) != fmt.Sprint(wantStatuses) {
		t.Errorf("statuses = %q, want %q", st.Statuses, wantStatuses)
	}
	wantRoles := map[string]vsm.StatusRole{
		"Backlog": {Stage: "", Kind: vsm.StatusIgnore}, "In Progress": {Stage: "In Progress", Kind: vsm.StatusWork},
		"Ready for Review": {Stage: "Review", Kind: vsm.StatusWait}, "In Review": {Stage: "Review", Kind: vsm.StatusWork},
		"Ready for QA": {Stage: "QA", Kind: vsm.StatusWait}, "In QA": {Stage: "QA", Kind: vsm.StatusWork}, "Done": {Stage: "", Kind: vsm.StatusDone},
	}
	for s, w := range wantRoles {
		if got, _ := st.Mapping.Role(s); got != w {
			t.Errorf("mapping of %q = %+v, want %+v", s, got, w)
		}
	}
}

// TestEventIntervalsGapsReworkWeekend: a kind column, a weekend and a night
// inside visits, rework and an open visit. 2026-03-06 is a Friday.
//
//	A Dev  Fri 15:00-Mon 11:00 = 2+2              work 4
//	A Test gap Mon 11:00-16:00                    wait 5
//	A Test kind=wait Mon 16:00-Tue 10:00 = 1+1    wait 2 (7 in all)
//	A Test Tue 10:00-12:30, same visit            work 2.5
//	A Dev  gap Tue 12:30-17:00 (then night)       wait 4.5; back from Test: a re-entry of Dev
//	       Tue 20:00-Wed 10:00 = 0+1              work 1 (5 in all)
//	A Test Wed 10:00, no exit                     WIP: A's Test is not in Test's figures
//	B Dev  Mon 09:00-13:00                        work 4
//	B Test Mon 13:00-14:00, no gap                work 1
//
// Dev: waits {0, 4.5}: median 2.25, p85 0.85x4.5 = 3.825, mean 2.25; works
// {4, 5}: median 4.5, p85 4.85, mean 4.5; C&A 1-1/2. Test: B only. Span Fri
// 15:00 to Wed 10:00 = 2+8+8+1 = 19 h = 2.375 days.
func TestEventIntervalsGapsReworkWeekend(t *testing.T) {
	log := `item,stage,entered,exited,kind
A,Dev,2026-03-06T15:00:00Z,2026-03-09T11:00:00Z,
A,Test,2026-03-09T16:00:00Z,2026-03-10T10:00:00Z,wait
A,Test,2026-03-10T10:00:00Z,2026-03-10T12:30:00Z,work
A,Dev,2026-03-10T20:00:00Z,2026-03-11T10:00:00Z
A,Test,2026-03-11T10:00:00Z,,
B,Dev,2026-03-09T09:00:00Z,2026-03-09T13:00:00Z
B,Test,2026-03-09T13:00:00Z,2026-03-09T14:00:00Z,Work
`
	st := mustRead(t, "gaps.csv", log, vsm.EventLogOptions{})
	if st.Rows != 7 || st.Items != 2 || !near(st.WorkingDays, 2.375) {
		t.Errorf("rows/items/days = %d/%d/%v, want 7/2/2.375", st.Rows, st.Items, st.WorkingDays)
	}
	checkStages(t, st, []wantStage{
		{"Dev", 2, 2, 0, 1, 0.5, vsm.Dist{Median: 2.25, P85: 3.825, Mean: 2.25}, vsm.Dist{Median: 4.5, P85: 4.85, Mean: 4.5}, 2 / 2.375},
		{"Test", 2, 1, 1, 0, 1, vsm.Dist{}, vsm.Dist{Median: 1, P85: 1, Mean: 1}, 1 / 2.375},
	})
}

// zonesLog has offsets, a daylight-saving change, a time without offset
// and a date alone; semicolons and the Azure-style header.
const zonesLog = "workItemId;stage;enteredAt;exitedAt\r\n" +
	"X;Build;2026-03-27T16:00:00+01:00;2026-03-30T10:00:00+02:00\r\n" +
	"X;Ship;2026-03-30T11:30:00+02:00;2026-03-30T12:00:00-05:00\r\n" +
	"Y;Build;2026-03-02 09:00;2026-03-02 17:30\r\n" +
	"Y;Ship;2026-03-03;2026-03-03 12:00\r\n"

// TestEventTimeZones works zonesLog out on both calendars.
//
// Working calendar, each time on its own wall clock:
//
//	X Build Fri 16:00 +01:00 to Mon 10:00 +02:00 = 1+2  work 2
//	X Ship  gap 10:00 to 11:30 (+02:00)                 wait 1.5
//	        11:30 +02:00 to 12:00 -05:00: walls 11:30-12:00 work 0.5
//	Y Build Mon 09:00-17:30                             work 8
//	Y Ship  gap Mon 17:30 to Tue 00:00                  wait 0
//	        Tue 00:00-12:00                             work 3
//
// 24x7, instants: X Build 15:00Z Fri to 08:00Z Mon = 65 h; X Ship gap 08:00Z
// to 09:30Z = 1.5 h, visit 09:30Z to 17:00Z = 7.5 h; Y Build 8.5 h; Y Ship gap
// 17:30 to 24:00 = 6.5 h, visit 12 h. The span runs from 2026-03-02 09:00 to
// 2026-03-30 12:00 -05:00 (17:00Z): 4 weeks + 3 h = 163 working hours, or 28
// days + 8 h = 680 elapsed hours.
func TestEventTimeZones(t *testing.T) {
	st := mustRead(t, "zones.csv", zonesLog, vsm.EventLogOptions{})
	if got := st.To.Format(time.RFC3339); got != "2026-03-30T12:00:00-05:00" {
		t.Errorf("To = %s, want the last instant in its own offset", got)
	}
	if !near(st.WorkingDays, 163.0/8) {
		t.Errorf("working days = %v, want 163/8", st.WorkingDays)
	}
	checkStages(t, st, []wantStage{
		{"Build", 2, 2, 0, 0, 1, vsm.Dist{}, vsm.Dist{Median: 5, P85: 2 + 0.85*6, Mean: 5}, 2 / (163.0 / 8)},
		{"Ship", 2, 2, 0, 0, 1, vsm.Dist{Median: 0.75, P85: 0.85 * 1.5, Mean: 0.75}, vsm.Dist{Median: 1.75, P85: 0.5 + 0.85*2.5, Mean: 1.75}, 2 / (163.0 / 8)},
	})
	st = mustRead(t, "zones.csv", zonesLog, vsm.EventLogOptions{Calendar: vsm.WorkCalendar{TwentyFourSeven: true}})
	if st.Calendar != "24x7" || !near(st.WorkingDays, 680.0/24) {
		t.Errorf("calendar %s, days %v, want 24x7 and 680/24", st.Calendar, st.WorkingDays)
	}
	checkStages(t, st, []wantStage{
		{"Build", 2, 2, 0, 0, 1, vsm.Dist{}, vsm.Dist{Median: 36.75, P85: 8.5 + 0.85*56.5, Mean: 36.75}, 2 / (680.0 / 24)},
		{"Ship", 2, 2, 0, 0, 1, vsm.Dist{Median: 4, P85: 1.5 + 0.85*5, Mean: 4}, vsm.Dist{Median: 9.75, P85: 7.5 + 0.85*4.5, Mean: 9.75}, 2 / (680.0 / 24)},
	})
}

// mappingFile exercises every kind, a stage-less wait and a quoted status.
const mappingFile = `# test mapping
Backlog         = ignore
Doing           = work Build
Blocked         = wait          # wait of the next stage entered
Ready for check = wait Check
CHECKING        = work Check
"Done = shipped" = done
Cancelled       = ignore
`

// TestEventTransitionsMapping reads a transition log with a mapping file.
// 2026-03-02 is a Monday.
//
//	K-1 Backlog 09-10 ignored; Doing 10-12 Build work 2; Blocked 12-13 waits
//	    for the next stage entered, Doing again (Build): Build wait 1; Doing
//	    13-15 work 2; Ready for Check Mon 15:00-Tue 10:00 = 2+1 Check wait 3;
//	    Checking 10-11 Check work 1; back to Doing 11-12 (Build after Check,
//	    a later stage: a re-entry) work 1, Build work 5 in all; Ready for
//	    Check 12:00-12:30 wait 0.5 (3.5); Checking 12:30-14:00 work 1.5 (2.5);
//	    Done.
//	K-2 Doing Mon 09-11 Build work 2; Cancelled: no longer anywhere.
//	K-3 Doing Tue 09-13 Build work 4; Ready for Check 13-14 and Blocked 14-16
//	    then Ready for Check again: Check wait 3, but K-3 is still in Check
//	    (WIP), so not in Check's figures.
//
// Build: work {2, 4, 5}: median 4, p85 4+0.7 = 4.7, mean 11/3; wait {0, 0,
// 1}: median 0, p85 0.7, mean 1/3; C&A 1-1/3. Check: K-1 only. Span Mon 09:00
// to Tue 16:00 = 8+7 = 15 h = 1.875 days.
func TestEventTransitionsMapping(t *testing.T) {
	log := `issue_key,from,to,created
K-1,,Backlog,2026-03-02 09:00
K-1,Backlog,Doing,2026-03-02 10:00
K-1,Doing,Blocked,2026-03-02 12:00
K-1,Blocked,Doing,2026-03-02 13:00
K-1,Doing,Ready for Check,2026-03-02 15:00
K-1,Ready for Check,Checking,2026-03-03 10:00
K-1,Checking,Doing,2026-03-03 11:00
K-1,Doing,Ready for Check,2026-03-03 12:00
K-1,Ready for Check,Checking,2026-03-03 12:30
K-1,Checking,Done = shipped,2026-03-03 14:00
K-2,,Doing,2026-03-02 09:00
K-2,Doing,Cancelled,2026-03-02 11:00
K-3,,Doing,2026-03-03 09:00
K-3,Doing,Ready for Check,2026-03-03 13:00
K-3,Ready for Check,Blocked,2026-03-03 14:00
K-3,Blocked,Ready for Check,2026-03-03 16:00
`
	m, err := ParseMapping(strings.NewReader(mappingFile))
	if err != nil {
		t.Fatal(err)
	}
	st := mustRead(t, "k.csv", log, vsm.EventLogOptions{Mapping: m})
	if st.Rows != 16 || st.Items != 3 || !near(st.WorkingDays, 1.875) {
		t.Errorf("rows/items/days = %d/%d/%v, want 16/3/1.875", st.Rows, st.Items, st.WorkingDays)
	}
	checkStages(t, st, []wantStage{
		{"Build", 3, 3, 0, 1, 1 - 1.0/3, vsm.Dist{Median: 0, P85: 0.7, Mean: 1.0 / 3}, vsm.Dist{Median: 4, P85: 4.7, Mean: 11.0 / 3}, 3 / 1.875},
		{"Check", 2, 1, 1, 0, 1, vsm.Dist{Median: 3.5, P85: 3.5, Mean: 3.5}, vsm.Dist{Median: 2.5, P85: 2.5, Mean: 2.5}, 1 / 1.875},
	})
	want := "[Backlog Doing Blocked Ready for Check Checking Done = shipped Cancelled]"
	if got := fmt.Sprint(st.Statuses); got != want {
		t.Errorf("statuses = %s, want %s", got, want)
	}
	if r, _ := st.Mapping.Role("Checking"); r != (vsm.StatusRole{Stage: "Check", Kind: vsm.StatusWork}) {
		t.Errorf("Checking = %+v: the mapping's names match ignoring case", r)
	}
}

// TestEventTransitionsPartialMapping: statuses a mapping leaves out get the
// proposal, merged into the mapping's stages by name.
func TestEventTransitionsPartialMapping(t *testing.T) {
	m, err := ParseMapping(strings.NewReader("Ready for QA = wait Quality\nIn QA = work Quality\n"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := ReadFile("testdata/events-transitions.csv", vsm.EventLogOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range st.Stages {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "In Progress,Review,Quality" {
		t.Errorf("stages = %s, want In Progress,Review,Quality", got)
	}
	// QA's figures moved to Quality unchanged: wait {13.5, 11.5}.
	if q := st.Stages[2]; !near(q.Wait.Median, 12.5) {
		t.Errorf("Quality wait = %+v", q.Wait)
	}
}

// TestEventUnsorted: rows out of time order are sorted per item first, from
// a seekable reader (read twice) and from a plain stream (kept in memory),
// with the same figures as the sorted log.
func TestEventUnsorted(t *testing.T) {
	data, err := os.ReadFile("testdata/events-intervals.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	// Reverse the data rows: every item's rows run backwards in time.
	shuffled := []string{lines[0]}
	for i := len(lines) - 1; i > 0; i-- {
		shuffled = append(shuffled, lines[i])
	}
	text := strings.Join(shuffled, "\n") + "\n"
	want, err := ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := jsonWithout(t, want)
	for _, src := range []struct{ name string }{{"seekable"}, {"stream"}} {
		for _, cfg := range []config{defaultConfig(), tinyConfig(2)} {
			var rewind func() (io.Reader, error)
			r := io.MultiReader(strings.NewReader(text))
			if src.name == "seekable" {
				sr := strings.NewReader(text)
				r = sr
				rewind = func() (io.Reader, error) { _, err := sr.Seek(0, io.SeekStart); return sr, err }
			}
			st, err := readCSV(r, rewind, 0, "events-intervals.csv", vsm.EventLogOptions{}, cfg)
			if err != nil {
				t.Fatalf("%s: %v", src.name, err)
			}
			if st.Sorted {
				t.Errorf("%s: Sorted = true for a reversed log", src.name)
			}
			if got := jsonWithout(t, st); got != wantJSON {
				t.Errorf("%s (block %d): figures differ from the sorted log:\n%s\nwant\n%s", src.name, cfg.blockSize, got, wantJSON)
			}
		}
	}
	// Through the public entry point, a strings.Reader is seekable.
	st := mustRead(t, "events-intervals.csv", text, vsm.EventLogOptions{})
	if got := jsonWithout(t, st); got != wantJSON {
		t.Errorf("Read: figures differ from the sorted log")
	}
}

// jsonWithout is the JSON document without the "sorted" field, to compare
// figures.
func jsonWithout(t *testing.T, st *vsm.EventLogStats) string {
	t.Helper()
	c := *st
	c.Sorted = true
	b, err := c.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tinyConfig cuts the input into tiny blocks on several parsers, so block
// edges fall everywhere, inside quoted fields too.
func tinyConfig(workers int) config {
	return config{headSize: 64 << 10, blockSize: 61, workers: workers, maxRecord: 1 << 20, forcePipeline: true}
}

// TestEventPipelineMatchesInline reads the same logs whole and in blocks of
// many sizes on 1 to 3 parsers: the figures (and errors) must not change.
func TestEventPipelineMatchesInline(t *testing.T) {
	var synth bytes.Buffer
	if err := WriteSyntheticLog(&synth, 3000, 150, 7); err != nil {
		t.Fatal(err)
	}
	// The same log with a quoted notes column holding delimiters, doubled
	// quotes and line breaks, and quoted stage names.
	var quoted strings.Builder
	for i, line := range strings.Split(strings.TrimSuffix(synth.String(), "\n"), "\n") {
		f := strings.Split(line, ",")
		switch {
		case i == 0:
			quoted.WriteString(line + ",notes\r\n")
		case i%3 == 0:
			fmt.Fprintf(&quoted, "%s,\"%s\",%s,%s,\"see \"\"ticket\"\"\nline 2, still notes\"\r\n", f[0], f[1], f[2], f[3])
		default:
			fmt.Fprintf(&quoted, "%s, \"%s\" ,%s,%s,plain\r\n", f[0], f[1], f[2], f[3])
		}
	}
	bad := synth.String()
	lines := strings.Split(bad, "\n")
	lines[1234] = strings.Replace(lines[1234], "2026-", "2O26-", 1)
	badText := strings.Join(lines, "\n")
	for _, tc := range []struct{ name, text string }{
		{"synthetic", synth.String()},
		{"quoted", quoted.String()},
		{"sample", readText(t, "testdata/events-intervals.csv")},
		{"transitions", readText(t, "testdata/events-transitions.csv")},
		{"bad row 1235", badText},
	} {
		want, wantErr := readCSV(strings.NewReader(tc.text), nil, 0, tc.name, vsm.EventLogOptions{}, defaultConfig())
		for _, cfg := range []config{
			{headSize: 64 << 10, blockSize: 1, workers: 1, maxRecord: 1 << 20, forcePipeline: true},
			tinyConfig(2),
			{headSize: 64 << 10, blockSize: 500, workers: 3, maxRecord: 1 << 20, forcePipeline: true},
			{headSize: 300, blockSize: 4096, workers: 2, maxRecord: 1 << 20},
		} {
			got, err := readCSV(strings.NewReader(tc.text), nil, 0, tc.name, vsm.EventLogOptions{}, cfg)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("%s, block %d, %d parsers: error %v, want %v", tc.name, cfg.blockSize, cfg.workers, err, wantErr)
				continue
			}
			if err == nil && jsonWithout(t, got) != jsonWithout(t, want) {
				t.Errorf("%s, block %d, %d parsers: figures differ", tc.name, cfg.blockSize, cfg.workers)
			}
		}
		if tc.name == "quoted" && wantErr == nil {
			if want.Rows != 3000 {
				t.Errorf("quoted: %d rows, want 3000", want.Rows)
			}
			plain, _ := readCSV(strings.NewReader(synth.String()), nil, 0, tc.name, vsm.EventLogOptions{}, defaultConfig())
			if jsonWithout(t, plain) != jsonWithout(t, want) {
				t.Errorf("quoting the fields changed the figures")
			}
		}
		if tc.name == "bad row 1235" {
			if wantErr == nil || !strings.Contains(wantErr.Error(), "row 1235, column \"entered\"") {
				t.Errorf("bad row: error %v, want row 1235, column entered", wantErr)
			}
		}
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEventHeaderVariants: header synonyms, title rows above the header,
// a byte-order mark, tabs, blank rows, and rows shorter than the header.
func TestEventHeaderVariants(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		rows       int
		shape      string
	}{
		{"bom", "\ufeffItem,Stage,Entered,Exited\nA,Dev,2026-03-02,2026-03-03\n", 1, vsm.ShapeIntervals},
		{"titles", "Board export\n\nGenerated 2026-03-09\nissue key;status;start time;end time\nA;Dev;2026-03-02;2026-03-03\n", 1, vsm.ShapeIntervals},
		{"tabs", "Work Item ID\tState\tEntered (UTC)\tExited (UTC)\tNotes\nA\tDev\t2026-03-02\t2026-03-03\tx\n\nB\tDev\t2026-03-02\t\n", 2, vsm.ShapeIntervals},
		{"short rows", "item,stage,entered,exited,kind\nA,Dev,2026-03-02,2026-03-03\nB,Dev,2026-03-02\n", 2, vsm.ShapeIntervals},
		{"jira", "Key,From,To,Changed\nAPP-1,,Open,2026-03-02 09:00\nAPP-1,Open,In Progress,2026-03-03 09:00\n", 2, vsm.ShapeTransitions},
		{"status as to", "id,issue,status,timestamp\n1,APP-1,In Progress,2026-03-02T09:00:00Z\n2,APP-1,Done,2026-03-03T09:00:00Z\n", 2, vsm.ShapeTransitions},
		{"pipes", "item|stage|entered|exited\nA|Dev|2026-03-02|2026-03-03\n", 1, vsm.ShapeIntervals},
	} {
		st, err := testRead(t, tc.name+".csv", tc.text, vsm.EventLogOptions{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if st.Rows != tc.rows || st.Shape != tc.shape {
			t.Errorf("%s: %d rows of %s, want %d of %s", tc.name, st.Rows, st.Shape, tc.rows, tc.shape)
		}
	}
	// "status as to": the item, not the id column, identifies items.
	st, _ := testRead(t, "s.csv", "id,issue,status,timestamp\n1,APP-1,In Progress,2026-03-02T09:00:00Z\n2,APP-1,Done,2026-03-03T09:00:00Z\n", vsm.EventLogOptions{})
	if st != nil && st.Items != 1 {
		t.Errorf("items = %d, want 1 (issue beats id)", st.Items)
	}
}

// TestEventUTF16 reads Excel's "Unicode text": UTF-16LE with a BOM, tabs.
func TestEventUTF16(t *testing.T) {
	text := "item\tstage\tentered\texited\nA\tPrüfung\t2026-03-02T09:00:00Z\t2026-03-02T10:00:00Z\n"
	var b bytes.Buffer
	b.Write([]byte{0xff, 0xfe})
	for _, r := range text {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	st, err := Read(&b, "u16.txt", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Stages) != 1 || st.Stages[0].Name != "Prüfung" || st.Stages[0].Work.Median != 1 {
		t.Errorf("stages = %+v", st.Stages)
	}
}

// TestEventWindows1252 reads stage names written in Excel's Windows code page.
func TestEventWindows1252(t *testing.T) {
	text := "item,stage,entered,exited\nA,Pr\xfcfung,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n"
	st := mustRead(t, "cp1252.csv", text, vsm.EventLogOptions{})
	if st.Stages[0].Name != "Prüfung" {
		t.Errorf("stage = %q, want Prüfung", st.Stages[0].Name)
	}
}

// TestEventBadInput: each bad log fails at its first problem, naming the
// file, row and column.
func TestEventBadInput(t *testing.T) {
	const hdr = "item,stage,entered,exited\n"
	many := hdr
	for i := 0; i < 66; i++ {
		many += fmt.Sprintf("A,S%d,2026-03-02T09:%02d:00Z,2026-03-02T09:%02d:30Z\n", i, i%60, i%60)
	}
	for _, tc := range []struct {
		name, text, want string
	}{
		{"empty", "", "empty.csv: the event log is empty"},
		{"blank", "\n \n\t\n", "blank.csv: the event log is empty"},
		{"header only", hdr, "header only.csv: the event log has a header (row 1) but no rows"},
		{"unknown columns", "foo,bar,baz\n1,2,3\n",
			`unknown columns.csv, row 1: no event log header: found columns "foo", "bar", "baz"; expected an interval log (item, stage, entered, exited[, kind]; also workItemId, enteredAt, exitedAt) or a transition log (item, to_status, changed_at[, from_status]; also issue_key, to, created); missing: item, stage, entered, exited for an interval log, item, to_status, changed_at for a transition log`},
		{"missing exited", "item,stage,entered\nA,Dev,2026-03-02\n", `found columns "item", "stage", "entered"; `},
		{"missing exited 2", "item,stage,entered\nA,Dev,2026-03-02\n", "missing for an interval log: exited"},
		{"missing changed_at", "issue_key,to_status,note\nA,Dev,x\n", "missing for a transition log: changed_at"},
		{"bad day", hdr + "A,Dev,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\nA,Test,2026-02-30T09:00:00Z,\n",
			`bad day.csv, row 3, column "entered": "2026-02-30T09:00:00Z" is not a timestamp: 2026-02 has no day 30`},
		{"bad exit", hdr + "A,Dev,2026-03-02T09:00:00Z,yesterday\n",
			`bad exit.csv, row 2, column "exited": "yesterday" is not a timestamp: use RFC 3339`},
		{"bad hour", hdr + "A,Dev,2026-03-02 25:00,\n", `row 2, column "entered": "2026-03-02 25:00" is not a timestamp: 25:00:00 is not a time of day`},
		{"bad offset", hdr + "A,Dev,2026-03-02T09:00:00+25:00,\n", `row 2, column "entered": "2026-03-02T09:00:00+25:00" is not a timestamp`},
		{"number", hdr + "A,Dev,46083.375,\n", `"46083.375" is a number, not a timestamp`},
		{"exit before entry", hdr + "A,Dev,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z\n",
			"exit before entry.csv, row 2: exited 2026-03-02T09:00:00Z is before entered 2026-03-02T10:00:00Z"},
		{"duplicate", hdr + "A,Dev,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\nA,Dev,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n",
			`duplicate.csv, row 3: repeats row 2: item "A" entered "Dev" at 2026-03-02T09:00:00Z in both`},
		{"contradiction", hdr + "A,Dev,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\nA,Dev,2026-03-02T09:00:00Z,2026-03-02T11:00:00Z\n",
			`row 3: contradicts row 2`},
		{"duplicate transition", "item,to_status,changed_at\nA,Doing,2026-03-02 09:00\nA,Doing,2026-03-02 09:00\n",
			`duplicate transition.csv, row 3: repeats row 2: item "A" changed to "Doing" at 2026-03-02T09:00:00Z in both`},
		{"no item", hdr + "A,Dev,2026-03-02,\n,Dev,2026-03-02,\n", `no item.csv, row 3, column "item": is empty`},
		{"no stage", hdr + "A,,2026-03-02,\n", `row 2, column "stage": is empty`},
		{"no time", hdr + "A,Dev,,2026-03-02\n", `row 2, column "entered": is empty`},
		{"bad kind", "item,stage,entered,exited,kind\nA,Dev,2026-03-02,,rest\n", `row 2, column "kind": "rest" is not a kind: use work or wait`},
		{"unclosed quote", hdr + "A,Dev,2026-03-02,\n\"B,Dev,2026-03-02,\n", `unclosed quote.csv, row 3: a quoted field is not closed`},
		{"short row", hdr + "A,Dev\n", `row 2, column "entered": is missing: the row has 2 columns, the header 4`},
		{"too many stages", many, `too many stages.csv, row 66, column "stage": is stage 65, "S64": a log may have at most 64 stages`},
		{"encrypted", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "encrypted.csv: is an encrypted workbook or an Excel 97-2003 .xls file"},
		{"broken zip", "PK\x03\x04 not really a zip", "broken zip.csv: is not a readable .xlsx workbook"},
	} {
		_, err := testRead(t, tc.name+".csv", tc.text, vsm.EventLogOptions{})
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.name, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant %s", tc.name, err, tc.want)
		}
		if !errors.Is(err, vsm.ErrInvalid) {
			t.Errorf("%s: %v does not wrap vsm.ErrInvalid", tc.name, err)
		}
		// No event-log header: the file is something else, and callers try
		// the next reader; a log with a header and a bad row is a broken log.
		noHeader := map[string]bool{"unknown columns": true, "missing exited": true, "missing exited 2": true, "missing changed_at": true}
		if errors.Is(err, ErrNotALog) != noHeader[tc.name] {
			t.Errorf("%s: errors.Is(ErrNotALog) = %v, want %v", tc.name, !noHeader[tc.name], noHeader[tc.name])
		}
	}
}

// TestEventRowNumbers: rows are numbered as a spreadsheet shows them, the
// header and blank rows included, also when a quoted field spans lines.
func TestEventRowNumbers(t *testing.T) {
	text := "Export\n\nitem,stage,entered,exited,notes\n" + // rows 1-3
		"A,Dev,2026-03-02,2026-03-03,\"two\nlines\"\n" + // row 4
		"\n" + // row 5
		"A,Test,2026-03-04,2026-03-0x,\n" // row 6
	for _, cfg := range []config{defaultConfig(), tinyConfig(2)} {
		_, err := readCSV(strings.NewReader(text), nil, 0, "rows.csv", vsm.EventLogOptions{}, cfg)
		if err == nil || !strings.Contains(err.Error(), `rows.csv, row 6, column "exited"`) {
			t.Errorf("block %d: error %v, want row 6", cfg.blockSize, err)
		}
	}
}

// TestEventProgressAndCancel: progress ends at the total; a closed Cancel
// stops the read.
func TestEventProgressAndCancel(t *testing.T) {
	var synth bytes.Buffer
	if err := WriteSyntheticLog(&synth, 20000, 1000, 3); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "log.csv")
	if err := os.WriteFile(path, synth.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var calls []int64
	var total int64
	st, err := ReadFile(path, vsm.EventLogOptions{Progress: func(done, tot int64) {
		calls = append(calls, done)
		total = tot
	}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 20000 {
		t.Errorf("rows = %d", st.Rows)
	}
	if len(calls) == 0 || calls[len(calls)-1] != int64(synth.Len()) || total != int64(synth.Len()) {
		t.Errorf("progress calls %v of %d, want to end at %d", calls, total, synth.Len())
	}
	for i := 1; i < len(calls); i++ {
		if calls[i] < calls[i-1] {
			t.Errorf("progress went back: %v", calls)
		}
	}
	canceled := make(chan struct{})
	close(canceled)
	if _, err := ReadFile(path, vsm.EventLogOptions{Cancel: canceled}); !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled read: %v, want ErrCanceled", err)
	}
	if _, err := readCSV(bytes.NewReader(synth.Bytes()), nil, 0, "x", vsm.EventLogOptions{Cancel: canceled}, tinyConfig(2)); !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled pipeline: %v, want ErrCanceled", err)
	}
	if _, err := testRead(t, "small.csv", "item,stage,entered,exited\nA,Dev,2026-03-02,\n", vsm.EventLogOptions{Cancel: canceled}); !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled small read: %v, want ErrCanceled", err)
	}
}

// TestEventSamples keeps the samples for a distribution view when asked.
func TestEventSamples(t *testing.T) {
	st, err := ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{KeepSamples: true})
	if err != nil {
		t.Fatal(err)
	}
	// Dev's work per completed item, sorted: 6, 8, 15; Review's wait 3, 3, 8.
	if got := fmt.Sprint(st.Stages[0].WorkHours); got != "[6 8 15]" {
		t.Errorf("Dev work samples = %s", got)
	}
	if got := fmt.Sprint(st.Stages[1].WaitHours); got != "[3 3 8]" {
		t.Errorf("Review wait samples = %s", got)
	}
	st, _ = ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{})
	if st.Stages[0].WorkHours != nil {
		t.Errorf("samples kept without KeepSamples")
	}
}

// TestEventMap builds maps from the interval sample (figures in
// TestEventSampleIntervals).
func TestEventMap(t *testing.T) {
	st, err := ReadFile("testdata/events-intervals.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Map("", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "events-intervals" || m.Calendar.HoursPerDay != 8 || m.Calendar.DaysPerWeek != 5 || !m.Updated.Equal(st.To) {
		t.Errorf("map %q, calendar %+v, updated %v", m.Name, m.Calendar, m.Updated)
	}
	type sv struct {
		name           string
		wait, work, ca float64
	}
	check := func(stat string, want []sv) {
		t.Helper()
		m, err := st.Map("Measured", stat, 7.5)
		if err != nil {
			t.Fatalf("%s: %v", stat, err)
		}
		if m.Calendar.HoursPerDay != 7.5 {
			t.Errorf("hours per day = %v", m.Calendar.HoursPerDay)
		}
		for i, w := range want {
			s := m.Stages[i]
			if s.Name != w.name || !near(s.WaitHours, w.wait) || !near(s.ProcessHours, w.work) || !near(s.CompleteAccurate, w.ca) {
				t.Errorf("%s stage %d = %s wait %v work %v CA %v, want %+v", stat, i, s.Name, s.WaitHours, s.ProcessHours, s.CompleteAccurate, w)
			}
		}
	}
	check("median", []sv{{"Dev", 0, 8, 0.75}, {"Review", 3, 1, 2.0 / 3}, {"Test", 25.0 / 6, 4, 1}, {"Deploy", 12, 0.5, 1}})
	check("p85", []sv{{"Dev", 0, 12.9, 0.75}, {"Review", 6.5, 1, 2.0 / 3}, {"Test", 25.0/6 + 0.7*11/6, 4.7, 1}, {"Deploy", 13.4, 0.5, 1}})
	check("mean", []sv{{"Dev", 0, 29.0 / 3, 0.75}, {"Review", 14.0 / 3, 17.0 / 18, 2.0 / 3}, {"Test", 67.0 / 18, 4, 1}, {"Deploy", 12, 0.5, 1}})
	if _, err := st.Map("x", "mode", 8); err == nil || !errors.Is(err, vsm.ErrInvalid) {
		t.Errorf("Map with stat mode: %v, want an invalid-value error", err)
	}
	// Every item sent back from B to A: C&A 0 in the log, 1% on the map.
	back := mustRead(t, "back.csv", "item,stage,entered,exited\nA,A,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\nA,B,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\nA,A,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z\n", vsm.EventLogOptions{})
	if back.Stages[0].CompleteAccurate != 0 {
		t.Errorf("C&A of A = %v, want 0", back.Stages[0].CompleteAccurate)
	}
	bm, err := back.Map("b", "median", 8)
	if err != nil || bm.Stages[0].CompleteAccurate != 0.01 {
		t.Errorf("map of a stage with every item back: %v, CA %v", err, bm)
	}
}

// TestEventJSONGolden compares the events --json documents of the samples
// with golden files (go test ./importers/eventlog -run JSONGolden -update rewrites
// them); the figures in them are checked by hand in the tests above.
func TestEventJSONGolden(t *testing.T) {
	for _, name := range []string{"events-intervals", "events-transitions"} {
		st, err := ReadFile(filepath.Join("testdata", name+".csv"), vsm.EventLogOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.JSON()
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+".json")
		if updateGolden() {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, got)
		}
	}
}

// TestEventFlowOrder: stages are ordered by where most items pass them,
// not by where they first appear in the file.
func TestEventFlowOrder(t *testing.T) {
	// C appears first (item Z skips A and B); most items pass A, B, C.
	log := `item,stage,entered,exited
Z,C,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z
Y,A,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z
Y,B,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z
Y,C,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z
X,B,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z
X,A,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z
X,C,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z
W,A,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z
W,B,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z
`
	st := mustRead(t, "order.csv", log, vsm.EventLogOptions{})
	var names []string
	for _, s := range st.Stages {
		names = append(names, s.Name)
	}
	// A before B for Y and W (2 to 1); both before C for every item that has C.
	if got := strings.Join(names, ","); got != "A,B,C" {
		t.Errorf("flow order = %s, want A,B,C", got)
	}
	// X went B then A: A is earlier in flow order, so X coming to A after B
	// is not a re-entry (A was never visited before).
	for _, s := range st.Stages {
		if s.Reentries != 0 {
			t.Errorf("%s has %d re-entries, want 0", s.Name, s.Reentries)
		}
	}
}

// TestEventFromStatusOnly: a status seen only as from_status (the export
// starts after the item left it) is listed, but adds no stage.
func TestEventFromStatusOnly(t *testing.T) {
	log := "issue_key,from_status,to_status,changed_at\n" +
		"A,Analysis,In Progress,2026-03-02 09:00\n" + // Analysis: only ever left
		"A,In Progress,Done,2026-03-02 12:00\n" // In Progress 09-12: work 3
	st := mustRead(t, "from.csv", log, vsm.EventLogOptions{})
	if got := fmt.Sprint(st.Statuses); got != "[Analysis In Progress Done]" {
		t.Errorf("statuses = %s", got)
	}
	checkStages(t, st, []wantStage{
		{"In Progress", 1, 1, 0, 0, 1, vsm.Dist{}, vsm.Dist{Median: 3, P85: 3, Mean: 3}, 1 / (3.0 / 8)},
	})
	if r, _ := st.Mapping.Role("Analysis"); r != (vsm.StatusRole{Stage: "Analysis", Kind: vsm.StatusWork}) {
		t.Errorf("Analysis = %+v: still proposed in the mapping", r)
	}
}

// TestEventQuantiles compares dist with the definition on sorted data, with
// many repeated values (zero waits are common).
func TestEventQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 1; n < 300; n++ {
		x := make([]int64, n)
		for i := range x {
			x[i] = int64(rng.IntN(1 + n/3))
		}
		sorted := slices.Clone(x)
		slices.Sort(sorted)
		q := func(p float64) float64 {
			h := float64(n-1) * p
			i := int(h)
			if i+1 < n {
				return float64(sorted[i]) + (h-float64(i))*float64(sorted[i+1]-sorted[i])
			}
			return float64(sorted[i])
		}
		var sum float64
		for _, v := range x {
			sum += float64(v)
		}
		got, hours := dist(x)
		if !slices.IsSorted(hours) || len(hours) != n {
			t.Fatalf("n=%d: samples %v are not the %d hours sorted", n, hours, n)
		}
		want := vsm.Dist{Median: q(0.5) / 3.6e6, P85: q(0.85) / 3.6e6, Mean: sum / float64(n) / 3.6e6}
		if !near(got.Median, want.Median) || !near(got.P85, want.P85) || !near(got.Mean, want.Mean) {
			t.Fatalf("n=%d: %+v, want %+v", n, got, want)
		}
	}
}

// TestEventUnsortedLarge: a shuffled log larger than one page of collected
// rows, from a plain stream, gives the figures of the sorted log.
func TestEventUnsortedLarge(t *testing.T) {
	var synth bytes.Buffer
	if err := WriteSyntheticLog(&synth, 70000, 3000, 11); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(synth.String(), "\n"), "\n")
	rows := lines[1:]
	rng := rand.New(rand.NewPCG(7, 8))
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	shuffled := lines[0] + "\n" + strings.Join(rows, "\n") + "\n"
	want, err := Read(bytes.NewReader(synth.Bytes()), "s.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(io.MultiReader(strings.NewReader(shuffled)), "s.csv", vsm.EventLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Sorted || jsonWithout(t, got) != jsonWithout(t, want) {
		t.Errorf("shuffled log: sorted=%v, figures differ", got.Sorted)
	}
}

// IsLogFile looks at the header only: a log with a broken row further
// down is still a log (reading it says where it breaks), a stage sheet is not.
func TestIsEventLogFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{filepath.Join("testdata", "events-intervals.csv"), true},
		{filepath.Join("testdata", "events-transitions.csv"), true},
		{write("broken-late.csv", "item,stage,entered,exited\nA,Dev,2026-03-02T09:00:00Z,\nB,Dev,yesterday,\n"), true},
		{write("titled.csv", "Export of the team board\n\nissue_key;to;created\nA-1;Doing;2026-03-02 09:00\n"), true},
		{write("log.xlsx", string(testWorkbook(t, false, [][]string{{"A", "Dev", "2026-03-02T09:00:00Z", ""}}, nil))), true}, // header on row 3 of its second sheet
		{filepath.Join("..", "stagesheet", "testdata", "mbpm-team.xlsx"), false},
		{write("stages.csv", "Stage,Wait,Process\nPlan,2d,4h\n"), false},
		{write("empty.csv", ""), false},
		{filepath.Join(dir, "missing.csv"), false},
	} {
		if got := IsLogFile(tc.path); got != tc.want {
			t.Errorf("IsLogFile(%s) = %v, want %v", filepath.Base(tc.path), got, tc.want)
		}
		// Workbooks are told from the start of their parts, without excelize.
		if strings.HasSuffix(tc.path, ".xlsx") {
			if isLog, decided := sniffXLSX(tc.path); !decided || isLog != tc.want {
				t.Errorf("sniffXLSX(%s) = %v, decided %v; want %v, decided", filepath.Base(tc.path), isLog, decided, tc.want)
			}
		}
	}
	// A sheet excelize would need long to unzip: 60,000 rows, about 15 MB of
	// XML, of which the sniff reads 256 kB.
	rows := make([][]string, 60_000)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i), "Dev", "2026-03-02T09:00:00Z", ""}
	}
	big := write("big.xlsx", string(testWorkbook(t, false, rows, nil)))
	if isLog, decided := sniffXLSX(big); !isLog || !decided {
		t.Errorf("sniffXLSX(big.xlsx) = %v, decided %v", isLog, decided)
	}
	// Damaged or unusual workbooks are left to the full reader.
	if _, decided := sniffXLSX(write("broken.xlsx", "PK\x03\x04 not really a zip")); decided {
		t.Error("a broken zip was decided by the sniff")
	}
	if IsLogFile(write("broken2.xlsx", "PK\x03\x04 not really a zip")) {
		t.Error("a broken zip is an event log")
	}
}

// TestEventTransitionsEditedMapping reads the transition sample as the
// import screen does: every status has a role, the samples are kept, an
// edited mapping changes the stages, and a closed Cancel is vsm's cancel.
func TestEventTransitionsEditedMapping(t *testing.T) {
	path := filepath.Join("testdata", "events-transitions.csv")
	log, err := ReadFile(path, vsm.EventLogOptions{Calendar: vsm.WorkCalendar{HoursPerDay: 8}, KeepSamples: true})
	if err != nil {
		t.Fatal(err)
	}
	if log.Shape != vsm.ShapeTransitions || len(log.Statuses) != len(log.Mapping.Statuses) || len(log.Stages) == 0 {
		t.Fatalf("shape %q, %d statuses, %d roles, %d stages", log.Shape, len(log.Statuses), len(log.Mapping.Statuses), len(log.Stages))
	}
	for _, status := range log.Statuses {
		if r, ok := log.Mapping.Role(status); !ok || r.Kind == "" {
			t.Errorf("role of %q = %+v, %v", status, r, ok)
		}
	}
	if s := log.Stages[len(log.Stages)-1]; len(s.WaitHours) != s.Completed {
		t.Errorf("%s kept %d wait samples for %d finished items", s.Name, len(s.WaitHours), s.Completed)
	}

	// Every status ignored except "In Progress": one stage left.
	m := &vsm.StatusMapping{Statuses: map[string]vsm.StatusRole{}}
	for _, status := range log.Statuses {
		r := vsm.StatusRole{Kind: vsm.StatusIgnore}
		if status == "In Progress" {
			r = vsm.StatusRole{Kind: vsm.StatusWork, Stage: "Build"}
		}
		m.Statuses[status] = r
	}
	log, err = ReadFile(path, vsm.EventLogOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Stages) != 1 || log.Stages[0].Name != "Build" {
		t.Errorf("stages with the edited mapping: %+v", log.Stages)
	}
	if mp, err := log.Map("Measured", vsm.StatP85, 0); err != nil || len(mp.Stages) != 1 {
		t.Errorf("map %+v, %v", mp, err)
	}

	cancel := make(chan struct{})
	close(cancel)
	if _, err := ReadFile(path, vsm.EventLogOptions{Cancel: cancel}); !errors.Is(err, vsm.ErrCanceled) {
		t.Errorf("canceled read: %v", err)
	}
}
