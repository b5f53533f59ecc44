package importui

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// step is one thing the fake reader does when the test says so: report
// progress, or return.
type step struct {
	done, total int64 // progress to report, when log and err are nil
	log         *vsm.EventLogStats
	err         error
	final       bool
}

// fakeLogReader is an event-log reader the test drives through channels: it
// announces each read with its options, then reports progress or returns
// when told, and returns ErrCanceled as soon as Cancel closes.
type fakeLogReader struct {
	started chan vsm.EventLogOptions
	steps   chan step
	acked   chan struct{}
}

func newFakeLogReader() *fakeLogReader {
	return &fakeLogReader{started: make(chan vsm.EventLogOptions), steps: make(chan step), acked: make(chan struct{})}
}

func (f *fakeLogReader) read(path string, opt vsm.EventLogOptions) (*vsm.EventLogStats, error) {
	f.started <- opt
	for {
		select {
		case s := <-f.steps:
			if !s.final {
				opt.Progress(s.done, s.total)
				f.acked <- struct{}{}
				continue
			}
			return s.log, s.err
		case <-opt.Cancel:
			return nil, fmt.Errorf("%s: %w", path, ErrCanceled)
		}
	}
}

// progress makes the reader report done of total and waits until it has.
func (f *fakeLogReader) progress(done, total int64) {
	f.steps <- step{done: done, total: total}
	<-f.acked
}

func (f *fakeLogReader) finish(log *vsm.EventLogStats, err error) {
	f.steps <- step{log: log, err: err, final: true}
}

// eventSetup is setup with the fake reader and a channel that receives once
// per handled read.
func eventSetup(t *testing.T, st *fakeStore) (*Importer, *fakeHost, *fakeLogReader, chan struct{}) {
	t.Helper()
	r := newFakeLogReader()
	im, h := setup(t, st, Deps{ReadEventLog: r.read})
	im.deps.ReadEventLog = r.read // it keeps its own pace through its channels
	done := make(chan struct{}, 4)
	im.readFinished = func() { done <- struct{}{} }
	return im, h, r, done
}

func TestEventLogProgressAndCancel(t *testing.T) {
	im, h, r, done := eventSetup(t, nil)
	im.ImportEventLog("/logs/big.csv")
	opt := <-r.started
	if opt.Calendar.HoursPerDay != 8 || opt.Calendar.TwentyFourSeven || opt.Mapping != nil || !opt.KeepSamples {
		t.Errorf("first read with %+v, want the working calendar of 8 h, proposals and the samples", opt)
	}
	mustContain(t, "progress dialog", texts(t, h.win), "Reading big.csv")
	bars := find[*widget.ProgressBar](t, h.win)
	if len(bars) != 1 {
		t.Fatalf("%d progress bars", len(bars))
	}

	busy := find[*widget.ProgressBarInfinite](t, h.win)
	if len(busy) != 1 || !busy[0].Visible() || bars[0].Visible() {
		t.Error("before the first report the bar should say busy, not 0%")
	}
	// 25 MB of 100 MB.
	r.progress(25_000_000, 100_000_000)
	if busy[0].Visible() || !bars[0].Visible() {
		t.Error("with a total known the bar should show how far the read is")
	}
	if bars[0].Value != 0.25 {
		t.Errorf("bar at %v, want 0.25", bars[0].Value)
	}
	mustContain(t, "progress", texts(t, h.win), "25.0 of 100.0 MB (25%)")
	r.progress(60_000_000, 100_000_000)
	if bars[0].Value != 0.6 {
		t.Errorf("bar at %v, want 0.6", bars[0].Value)
	}

	test.Tap(button(t, h.win, "Cancel"))
	<-done
	if len(h.errs) != 0 {
		t.Errorf("a cancel was reported as an error: %s", errText(h.errs))
	}
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is still open after the cancel:\n%s", texts(t, h.win))
	}
}

func TestEventLogErrorIsShown(t *testing.T) {
	im, h, r, done := eventSetup(t, nil)
	im.ImportEventLog("log.xlsx")
	<-r.started
	r.progress(400, 1000)
	mustContain(t, "progress", texts(t, h.win), "400 of 1,000 rows (40%)")
	r.progress(2048, 0) // a workbook whose size is unknown
	mustContain(t, "progress", texts(t, h.win), "2,048 rows read")
	r.finish(nil, fmt.Errorf(`log.xlsx, row 7, column "exited": "yesterday" is not a time`))
	<-done
	mustContain(t, "error", errText(h.errs), `import log.xlsx: log.xlsx, row 7, column "exited": "yesterday" is not a time`)
}

// transitionLog is what the fake reader measures of a small transition log
// with the roles in mapping: Dev and Test, with samples for the box plots.
func transitionLog(mapping *vsm.StatusMapping) *vsm.EventLogStats {
	dev := vsm.StageStats{Name: "Dev", Items: 4, Completed: 3, WIP: 1, Reentries: 1, CompleteAccurate: 0.75, ThroughputPerDay: 0.5,
		Wait: vsm.Dist{Median: 4, P85: 9.6, Mean: 5}, Work: vsm.Dist{Median: 16, P85: 22.4, Mean: 16},
		WaitHours: []float64{2, 4, 9}, WorkHours: []float64{8, 16, 24}}
	test := vsm.StageStats{Name: "Test", Items: 3, Completed: 3, CompleteAccurate: 1, ThroughputPerDay: 0.5,
		Wait: vsm.Dist{Median: 8, P85: 14, Mean: 9}, Work: vsm.Dist{Median: 2, P85: 3, Mean: 2.5},
		WaitHours: []float64{4, 8, 15}, WorkHours: []float64{1.5, 2, 4}}
	return &vsm.EventLogStats{
		File: "jira.csv", Shape: vsm.ShapeTransitions, Rows: 31, Items: 4,
		From: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 13, 16, 30, 0, 0, time.UTC),
		Calendar: vsm.CalendarWorkdays, HoursPerDay: 8, WorkingDays: 9.94,
		Stages: []vsm.StageStats{dev, test}, Statuses: slices.Clone(statuses), Mapping: mapping,
	}
}

// The statuses of the small log, in order of appearance, and the roles the
// reader proposes for them.
var (
	statuses = []string{"Backlog", "In Dev", "Ready for Test", "Testing", "Blocked", "Done"}
	proposed = roles(
		vsm.StatusRole{Kind: vsm.StatusIgnore}, vsm.StatusRole{Kind: vsm.StatusWork, Stage: "Dev"},
		vsm.StatusRole{Kind: vsm.StatusWait, Stage: "Test"}, vsm.StatusRole{Kind: vsm.StatusWork, Stage: "Test"},
		vsm.StatusRole{Kind: vsm.StatusWait}, vsm.StatusRole{Kind: vsm.StatusDone},
	)
)

// roles is the mapping of statuses to r, one role each in order.
func roles(r ...vsm.StatusRole) *vsm.StatusMapping {
	m := &vsm.StatusMapping{Statuses: map[string]vsm.StatusRole{}}
	for i, status := range statuses {
		m.Statuses[status] = r[i]
	}
	return m
}

// mappingRows is the mapping dialog's pickers by status.
func mappingRows(t *testing.T, w fyne.Window) (kinds map[string]*widget.Select, stages map[string]*widget.SelectEntry) {
	t.Helper()
	sels := find[*widget.Select](t, w)
	ents := find[*widget.SelectEntry](t, w)
	if len(sels) != len(statuses) || len(ents) != len(statuses) {
		t.Fatalf("mapping dialog has %d role and %d stage pickers, want %d", len(sels), len(ents), len(statuses))
	}
	kinds, stages = map[string]*widget.Select{}, map[string]*widget.SelectEntry{}
	for i, status := range statuses {
		kinds[status], stages[status] = sels[i], ents[i]
	}
	return kinds, stages
}

func TestMappingDialogEditsReachTheReader(t *testing.T) {
	st := newFakeStore()
	im, h, r, done := eventSetup(t, st)
	ei := im.importEventLog("jira.csv")
	<-r.started
	r.finish(transitionLog(proposed), nil)
	<-done

	all := texts(t, h.win)
	mustContain(t, "mapping dialog", all, "Statuses of jira.csv", "Backlog", "Ready for Test", "Blocked")
	kinds, stages := mappingRows(t, h.win)
	mustEqual(t, "proposed role of Ready for Test", kinds["Ready for Test"].Selected, "wait for stage")
	mustEqual(t, "proposed stage of Ready for Test", stages["Ready for Test"].Text, "Test")
	if !stages["Done"].Disabled() {
		t.Error("Done's stage can be typed although done has no stage")
	}

	// Count the backlog as Dev's wait; a work status without a stage is refused.
	kinds["Backlog"].SetSelected("wait for stage")
	stages["Backlog"].SetText("Dev")
	kinds["Blocked"].SetSelected("work of stage")
	compute := button(t, h.win, "Compute statistics")
	if !compute.Disabled() {
		t.Error("Compute is on with a work status without a stage")
	}
	mustContain(t, "mapping problem", texts(t, h.win), "“Blocked” is work: name its stage")
	kinds["Blocked"].SetSelected("ignore (not counted)")
	test.Tap(compute)

	opt := <-r.started
	want := roles(
		vsm.StatusRole{Kind: vsm.StatusWait, Stage: "Dev"}, vsm.StatusRole{Kind: vsm.StatusWork, Stage: "Dev"},
		vsm.StatusRole{Kind: vsm.StatusWait, Stage: "Test"}, vsm.StatusRole{Kind: vsm.StatusWork, Stage: "Test"},
		vsm.StatusRole{Kind: vsm.StatusIgnore}, vsm.StatusRole{Kind: vsm.StatusDone},
	)
	mustEqual(t, "mapping read with", opt.Mapping, want)
	r.finish(transitionLog(want), nil)
	<-done

	// The statistics: Dev waits 4 h (median), works 16 h = 2d; 85% 9.6 h =
	// 1d 1h 36m, written "1d 2h"; C&A 75%.
	mustContain(t, "result", texts(t, h.win), "jira.csv: transitions log of 31 rows about 4 items, from 2 Mar 2026 to 13 Mar 2026 (9.94 working days), 2 stages")
	rv := resultOf(t, ei)
	mustContain(t, "statistics", tableTexts(rv.table), "Dev|4|4h|1d 2h|5h|2d|2d 6h|2d|1|1|75%|0.5", "Test|3|1d|1d 6h|1d 1h|2h|3h|2h 30m|0|0|100%|0.5")

	rv.stat.SetSelected("85th percentile")
	rv.name.SetText("Checkout")
	test.Tap(rv.create)
	m := st.byName("Checkout")
	if m == nil {
		t.Fatalf("no map stored: %s", errText(h.errs))
	}
	// Built with the 85th percentiles on the log's own 8-hour day.
	mustEqual(t, "map built with", [3]float64{m.Stages[0].WaitHours, m.Stages[0].ProcessHours, m.Calendar.HoursPerDay}, [3]float64{9.6, 22.4, 8})
	mustEqual(t, "opened", h.opened, []string{m.ID})
	if len(m.Measurements) != 1 {
		t.Fatalf("%d measurements, want 1", len(m.Measurements))
	}
	x := m.Measurements[0]
	mustEqual(t, "measurement date", x.Date, time.Date(2026, 3, 13, 16, 30, 0, 0, time.UTC))
	mustEqual(t, "measurement source", x.Source, "events: jira.csv")
	mustEqual(t, "measured Dev wait", x.Stages[0].WaitHours, 9.6)
}

func TestUnchangedMappingComputesWithoutReadingAgain(t *testing.T) {
	im, h, r, done := eventSetup(t, nil)
	im.ImportEventLog("jira.csv")
	<-r.started
	r.finish(transitionLog(proposed), nil)
	<-done
	test.Tap(button(t, h.win, "Compute statistics"))
	// No second read: the reader would block on its started channel.
	mustContain(t, "result", texts(t, h.win), "Count time on", "Create map from log")

	// "Proposed roles" puts back what was changed.
	test.Tap(button(t, h.win, "Edit status mapping"))
	kinds, _ := mappingRows(t, h.win)
	kinds["Done"].SetSelected("ignore (not counted)")
	test.Tap(button(t, h.win, "Proposed roles"))
	mustEqual(t, "Done after reset", kinds["Done"].Selected, "done (flow ends)")
}

// resultOf is the open result view of an event import.
func resultOf(t *testing.T, ei *eventImport) *resultView {
	t.Helper()
	if ei == nil || ei.result == nil {
		t.Fatal("no result view is open")
	}
	return ei.result
}

func TestCreateFromLogOffersTheExistingMap(t *testing.T) {
	old := vsm.NewMap("Checkout")
	dev := vsm.NewStage("Dev")
	dev.WaitHours, dev.ProcessHours, dev.People, dev.Team = 20, 10, 3, "Dev team"
	review := vsm.NewStage("Review")
	review.WaitHours = 6
	old.Stages = []vsm.Stage{dev, review}
	old.Calendar.HoursPerDay = 7.5
	for _, open := range []bool{false, true} {
		t.Run(fmt.Sprintf("open=%v", open), func(t *testing.T) {
			st := newFakeStore(old)
			im, h, r, done := eventSetup(t, st)
			id := st.order[0]
			if open {
				h.cur, _ = st.Get(id)
			}
			ei := im.importEventLog("jira.csv")
			<-r.started
			r.finish(transitionLog(proposed), nil)
			<-done
			test.Tap(button(t, h.win, "Compute statistics"))
			rv := resultOf(t, ei)
			rv.name.SetText("checkout ")
			test.Tap(rv.create)
			mustContain(t, "question", texts(t, h.win), "A map named “Checkout” already exists", "measurement of 2026-03-13")
			test.Tap(button(t, h.win, "Add to “Checkout”"))

			var got *vsm.Map
			if open {
				if len(h.replaced) != 1 || len(st.saved) != 0 {
					t.Fatalf("open map: %d replacements, %d saves; want it changed through the window", len(h.replaced), len(st.saved))
				}
				got = h.replaced[0]
			} else {
				if len(st.saved) != 1 {
					t.Fatalf("%d saves: %s", len(st.saved), errText(h.errs))
				}
				got = st.saved[0]
				mustEqual(t, "opened", h.opened, []string{id})
			}
			// The log is read on the map's 7.5-hour day; Dev takes the
			// median 4 h wait and 16 h work, keeps its 3 people and team;
			// Test comes in after Dev; Review stays.
			mustEqual(t, "the map's day", got.Calendar.HoursPerDay, 7.5)
			mustEqual(t, "stages", names(got.Stages), []string{"Dev", "Test", "Review"})
			d := got.Stages[0]
			mustEqual(t, "Dev", [4]float64{d.WaitHours, d.ProcessHours, d.People, d.CompleteAccurate}, [4]float64{4, 16, 3, 0.75})
			mustEqual(t, "Dev team", d.Team, "Dev team")
			if len(got.Measurements) != 1 || got.Measurements[0].Stages[1].Name != "Test" {
				t.Errorf("measurements %+v, want one of the updated map", got.Measurements)
			}
		})
	}
}

func TestDistributionView(t *testing.T) {
	im, h, r, done := eventSetup(t, nil)
	fyne.CurrentApp().Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	ei := im.importEventLog("jira.csv")
	<-r.started
	log := transitionLog(proposed)
	r.finish(log, nil)
	<-done
	test.Tap(button(t, h.win, "Compute statistics"))
	rv := resultOf(t, ei)
	rv.tabs.SelectIndex(1)
	assertImage(t, "eventlog_distribution.png", h.win.Canvas().Capture())
}

func TestBoxAndAxisStep(t *testing.T) {
	// The box of samples 2, 4, 9 takes vsm.Quantile's figures, h = (n-1)p:
	// 5% → 0.1 → 2 + 0.1×2 = 2.2; 25% → 0.5 → 3; median 4; 75% → 1.5 →
	// 4 + 0.5×5 = 6.5; 95% → 1.9 → 4 + 0.9×5 = 8.5.
	b := boxOf([]float64{2, 4, 9}, vsm.Dist{Median: 4, P85: 7.4, Mean: 5}, 3)
	got := [6]float64{b.lo, b.q1, b.med, b.q3, b.hi, b.mean}
	for i, want := range [6]float64{2.2, 3, 4, 6.5, 8.5, 5} {
		if math.Abs(got[i]-want) > 1e-12 || !b.samples || b.n != 3 {
			t.Errorf("box of 2, 4, 9 = %+v, want lo, q1, med, q3, hi, mean %v", b, [6]float64{2.2, 3, 4, 6.5, 8.5, 5})
			break
		}
	}
	// Without samples only the median, the 85th percentile and the mean are known.
	if b := boxOf(nil, vsm.Dist{Median: 4, P85: 7.4, Mean: 5}, 3); b.samples || b.med != 4 || b.q3 != 7.4 || b.hi != 7.4 {
		t.Errorf("box without samples = %+v", b)
	}
	cal := vsm.DefaultCalendar()
	// The smallest step in the calendar's units with at most six intervals:
	// 3 h → 30m (6); 20 h → 4 h (5; 2 h gives 10); 30 h → a day of 8 h
	// (3.75); 100 h → a week of 40 h (2.5; 2 days give 6.25); 900 h → 4
	// weeks (5.6).
	for _, tt := range []struct{ max, want float64 }{{0.4, 5.0 / 60}, {3, 0.5}, {20, 4}, {30, 8}, {100, 40}, {900, 160}} {
		if got := axisStep(tt.max, cal); got != tt.want {
			t.Errorf("axisStep(%v) = %v, want %v", tt.max, got, tt.want)
		}
	}
}

func TestProgressText(t *testing.T) {
	for _, tt := range []struct {
		done, total int64
		rows        bool
		want        string
	}{
		{12_500_000, 55_000_000, false, "12.5 of 55.0 MB (22%)"},
		{3_000_000, 0, false, "3.0 MB read"},
		{40_000, 100_000, true, "40,000 of 100,000 rows (40%)"},
		{1234567, 0, true, "1,234,567 rows read"},
	} {
		if got := progressText(tt.done, tt.total, tt.rows); got != tt.want {
			t.Errorf("progressText(%d, %d, %v) = %q, want %q", tt.done, tt.total, tt.rows, got, tt.want)
		}
	}
}
