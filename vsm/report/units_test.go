package report

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"

	"flowmap/vsm"
)

func TestDecimate(t *testing.T) {
	ys := []float64{5, 1, 7, 3, 9, 2, 8, 4, 6, 0}
	series := make(plotter.XYs, len(ys))
	for i, y := range ys {
		series[i] = plotter.XY{X: float64(i), Y: y}
	}
	cases := []struct {
		name    string
		buckets int
		want    plotter.XYs
	}{
		// 10 points fit in 5 buckets of two: nothing to drop.
		{"short series", 5, series},
		// Two buckets split x at 4.5: [0..4] has its low 1 at x=1 and its high
		// 9 at x=4; [5..9] its high 8 at x=6 and its low 0 at x=9. The first
		// point (0, 5) is kept too.
		{"two buckets", 2, plotter.XYs{{X: 0, Y: 5}, {X: 1, Y: 1}, {X: 4, Y: 9}, {X: 6, Y: 8}, {X: 9, Y: 0}}},
		// One bucket: the low 0 at x=9 (also the last point), the high 9 at x=4.
		{"one bucket", 1, plotter.XYs{{X: 0, Y: 5}, {X: 4, Y: 9}, {X: 9, Y: 0}}},
	}
	for _, c := range cases {
		if got := decimate(series, c.buckets); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: decimate(%d buckets) = %v, want %v", c.name, c.buckets, got, c.want)
		}
	}
	// 100 000 points into 1 600 buckets: at most two per bucket and the ends.
	long := make(plotter.XYs, 100000)
	for i := range long {
		long[i] = plotter.XY{X: float64(i), Y: math.Sin(float64(i) / 50)}
	}
	got := decimate(long, 1600)
	if len(got) > 2*1600+2 || got[0] != long[0] || got[len(got)-1] != long[len(long)-1] {
		t.Errorf("decimate(100000 points, 1600) kept %d points, from %v to %v", len(got), got[0], got[len(got)-1])
	}
	for i := 1; i < len(got); i++ {
		if got[i].X <= got[i-1].X {
			t.Fatalf("decimate out of x order at %d: %v then %v", i, got[i-1], got[i])
		}
	}
}

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		n      int
		want   []string // labelled ticks; minor ticks have no label
	}{
		// (100 - 0) / 5 = 20: a round step.
		{0, 100, 5, []string{"0", "20", "40", "60", "80", "100"}},
		// 1 / 5 = 0.2: one decimal.
		{0, 1, 5, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		// 12.5 / 5 = 2.5: steps of 2.5 need a decimal.
		{0, 12.5, 5, []string{"0.0", "2.5", "5.0", "7.5", "10.0", "12.5"}},
		// 37 / 4 = 9.25: the next round step is 10.
		{0, 37, 4, []string{"0", "10", "20", "30"}},
		// Starting above zero: the first round value at or after 3 is 5.
		{3, 21, 4, []string{"5", "10", "15", "20"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range (niceTicks{n: c.n}).Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("niceTicks{%d}.Ticks(%g, %g) = %v, want %v", c.n, c.lo, c.hi, got, c.want)
		}
	}
}

func TestDateTicks(t *testing.T) {
	unix := func(s string) float64 { return float64(day(s).Unix()) }
	cases := []struct {
		from, to string
		max      int
		want     []string
	}{
		// Four days, room for five ticks: every day.
		{"2026-01-05", "2026-01-08", 5, []string{"5 Jan", "6 Jan", "7 Jan", "8 Jan"}},
		// Two months: weeks start on Monday (5 Jan 2026 is a Monday).
		{"2026-01-05", "2026-03-02", 10, []string{"5 Jan", "12 Jan", "19 Jan", "26 Jan", "2 Feb", "9 Feb", "16 Feb", "23 Feb", "2 Mar"}},
		// Two years with room for 4: every 6 months... 1 Jul 2024, 1 Jan 2025, 1 Jul 2025.
		{"2024-03-10", "2025-12-01", 4, []string{"Jul 2024", "Jan 2025", "Jul 2025"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range (dateTicks{maxTicks: c.max}).Ticks(unix(c.from), unix(c.to)) {
			got = append(got, tk.Label)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("dateTicks{%d}(%s, %s) = %v, want %v", c.max, c.from, c.to, got, c.want)
		}
	}
}

func TestWrappedLines(t *testing.T) {
	cases := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		// 11 characters a line: "Rework-adjusted" (15) breaks, "lead" joins
		// its end, "(h)" does not fit after it.
		{"Rework-adjusted lead (h)", 10, 3},
		{"a\nb\nc", 10, 3},
		// 5 a line: one / two / three / four.
		{"one two three four", 4.6, 4},
	}
	for _, c := range cases {
		if got := wrappedLines(c.text, c.width); got != c.want {
			t.Errorf("wrappedLines(%q, %g) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}

func TestOptions(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	o, err := Options{Now: now}.withDefaults()
	if err != nil || o.Width != 1600 || o.Height != 900 || o.Scale != 1 || !o.Now.Equal(now) {
		t.Errorf("defaults = %+v, %v; want 1600x900 at scale 1", o, err)
	}
	for _, bad := range []Options{
		{Width: 100, Height: 900},
		{Width: 1600, Height: 20000},
		{Scale: 5},
		{Scale: math.NaN()},
		{Width: 6000, Height: 3000, Scale: 2}, // 12000 px wide
	} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("Options %+v: no error", bad)
		}
	}
}

func TestParseChart(t *testing.T) {
	for in, want := range map[string]Chart{"map": ChartMap, " Bars ": ChartBars, "WATERFALL": ChartWaterfall,
		"trend": ChartTrend, "compare": ChartCompare} {
		if got, err := ParseChart(in); err != nil || got != want {
			t.Errorf("ParseChart(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseChart("pie"); err == nil || !strings.Contains(err.Error(), "map, bars, waterfall, trend, compare") {
		t.Errorf("ParseChart(pie) error = %v, want the list of charts", err)
	}
}

// TestOpenKaizen: the bursts count the open kaizen of each stage, matched by
// name as vsm does (case and spaces ignored), not done, dropped, whole-stream
// or unknown-stage items.
func TestOpenKaizen(t *testing.T) {
	m := historyMap()
	// Open: k3 (in progress) on Release, k4 (idea) on Deploy; k1 and k2 are done.
	m.Kaizen = append(m.Kaizen,
		vsm.Kaizen{ID: "k5", Title: "Spelled loosely", Stage: "  release ", Status: vsm.KaizenPlanned},
		vsm.Kaizen{ID: "k6", Title: "No such stage", Stage: "Marketing", Status: vsm.KaizenPlanned},
		vsm.Kaizen{ID: "k7", Title: "Dropped", Stage: "Code", Status: vsm.KaizenDropped},
		vsm.Kaizen{ID: "k8", Title: "Whole stream", Status: vsm.KaizenIdea},
	)
	want := []int{0, 0, 0, 0, 0, 2, 1, 0, 0} // Idea .. Feedback
	if got := openKaizen(m); !reflect.DeepEqual(got, want) {
		t.Errorf("openKaizen = %v, want %v", got, want)
	}
}

func TestDeltas(t *testing.T) {
	cal := vsm.DefaultCalendar()
	cases := []struct {
		got    string
		better bool
		want   string
		wantB  bool
	}{}
	add := func(s string, b bool, want string, wantB bool) {
		cases = append(cases, struct {
			got    string
			better bool
			want   string
			wantB  bool
		}{s, b, want, wantB})
	}
	// 40 h to 20 h: 20 h shorter = 2 days 4 hours of 8 h; half of 40.
	s, b := durationDelta(40, 20, cal)
	add(s, b, "−2d 4h (−50%)", true)
	// 10 h to 15 h: 5 h longer, +50%.
	s, b = durationDelta(10, 15, cal)
	add(s, b, "+5h (+50%)", false)
	s, b = durationDelta(10, 10, cal)
	add(s, b, "no change", true)
	// 10% to 25% flow efficiency: 15 points better.
	s, b = pointsDelta(0.10, 0.25)
	add(s, b, "+15 pts", true)
	s, b = pointsDelta(0.5, 0.42)
	add(s, b, "−8.0 pts", false) // below 10 points: one decimal
	for _, c := range cases {
		if c.got != c.want || c.better != c.wantB {
			t.Errorf("delta = %q (better %v), want %q (better %v)", c.got, c.better, c.want, c.wantB)
		}
	}
}

func TestPictureSizeAndScale(t *testing.T) {
	cases := []struct {
		o            Options
		wantW, wantH int
	}{
		{Options{}, 1600, 900},
		{Options{Scale: 2}, 3200, 1800},
		{Options{Width: 800, Height: 450}, 800, 450},
		{Options{Width: 1280, Height: 720, Scale: 1.5}, 1920, 1080},
	}
	for _, c := range cases {
		c.o.Now = reportNow
		img, err := RenderImage(vsm.ExampleMap(), ChartBars, c.o)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != c.wantW || b.Dy() != c.wantH {
			t.Errorf("%+v: %dx%d, want %dx%d", c.o, b.Dx(), b.Dy(), c.wantW, c.wantH)
		}
	}
}

func TestPictureErrors(t *testing.T) {
	bad := vsm.ExampleMap()
	bad.Stages[2].WaitHours = math.NaN()
	cases := []struct {
		name  string
		err   error
		is    error
		words string
	}{
		{"trend without measurements", renderErr(vsm.ExampleMap(), ChartTrend), ErrNoMeasurements, "no measurements"},
		{"compare without a future state", renderErr(vsm.ExampleMap(), ChartCompare), ErrNoFutureState, "no future state"},
		{"unknown chart", renderErr(vsm.ExampleMap(), "pie"), nil, `"pie" is not a chart`},
		{"no map", renderErr(nil, ChartMap), nil, "no map"},
		{"invalid map", renderErr(bad, ChartMap), vsm.ErrInvalid, `stage 3 "Code": wait`},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if c.is != nil && !errors.Is(c.err, c.is) {
			t.Errorf("%s: %v does not wrap %v", c.name, c.err, c.is)
		}
		if !strings.Contains(c.err.Error(), c.words) {
			t.Errorf("%s: %q does not say %q", c.name, c.err, c.words)
		}
	}
	if err := WriteWorkbook(nilWriter{}, bad, Options{}); !errors.Is(err, vsm.ErrInvalid) {
		t.Errorf("workbook of an invalid map: %v, want vsm.ErrInvalid", err)
	}
}

func renderErr(m *vsm.Map, c Chart) error {
	_, err := RenderImage(m, c, Options{Now: reportNow})
	return err
}

type nilWriter struct{}

func (nilWriter) Write(p []byte) (int, error) { return len(p), nil }

// TestEmptyMap: a map with no stages still gives every picture and a
// workbook, which say to add stages.
func TestEmptyMap(t *testing.T) {
	m := vsm.NewMap("Nothing mapped yet")
	for _, c := range []Chart{ChartMap, ChartBars, ChartWaterfall} {
		p, err := render(m, c, Options{Now: reportNow})
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		found := false
		for _, tx := range p.texts {
			found = found || strings.Contains(tx.text, "add stages")
		}
		if !found {
			t.Errorf("%s of an empty map does not say to add stages", c)
		}
	}
	if err := WriteWorkbook(nilWriter{}, m, Options{Now: reportNow}); err != nil {
		t.Errorf("workbook of an empty map: %v", err)
	}
}
