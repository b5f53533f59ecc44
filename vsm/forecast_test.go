package vsm

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixed makes every time of m constant (a three-point estimate with min =
// likely = max at the stage's own values), so the trials vary only by the
// redos and loops they draw.
func fixed(m *Map) *Map {
	for i := range m.Stages {
		s := &m.Stages[i]
		s.WaitEstimate = &Estimate{s.WaitHours, s.WaitHours, s.WaitHours}
		s.ProcessEstimate = &Estimate{s.ProcessHours, s.ProcessHours, s.ProcessHours}
	}
	return m
}

func TestForecastMeanIsTheExactExpectation(t *testing.T) {
	// With constant times, the mean lead of the trials estimates Compute's
	// rework-adjusted lead time exactly (also through the branch: with
	// constant times a pass of [Test | Security] takes max(12, 26) = 26
	// whatever Test finds). The tolerance is 4 standard errors.
	tests := []struct {
		name string
		m    *Map
		want float64 // by hand, as in TestComputeFlowArrivals
	}{
		{"straight line with %C&A", fixed(threeStages(nil)), 51}, // 2/1 + 20/0.8 + 12/0.5
		{"loop out of a lane", fixed(flowMap()), 1.25*24/0.9 + 2.5 + 32.5 + 5},
		{"loop into a lane", func() *Map {
			m := fixed(flowMap())
			m.Stages[4].Rework = []Rework{{To: "s3", Probability: 0.1}}
			return m
		}(), 23.0/18*24/0.9 + 23.0/18*2 + 23.0/18*26 + 12.0/9 + 50.0/9},
		{"nested loops", func() *Map {
			m := lineMap([3]float64{1, 1, 1}, [3]float64{2, 2, 1}, [3]float64{0, 3, 1}, [3]float64{4, 0, 1})
			edge(m, 3, 0, 0.1)
			edge(m, 2, 1, 0.5)
			return fixed(m)
		}(), 10.0/9*2 + 20.0/9*4 + 20.0/9*3 + 10.0/9*4},
	}
	for _, tt := range tests {
		const trials = 40000
		f, err := ForecastLead(tt.m, ForecastOptions{Trials: trials, Seed: 7})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if c := Compute(tt.m).Totals.ReworkAdjustedLeadHours; !near(c, tt.want) {
			t.Fatalf("%s: Compute says %v, the hand arithmetic %v", tt.name, c, tt.want)
		}
		// The standard deviation of one trial is below the mean for these
		// maps' geometric loops; 4 standard errors of the mean:
		tol := 4 * tt.want / math.Sqrt(trials)
		if math.Abs(f.LeadHours.Mean-tt.want) > tol {
			t.Errorf("%s: mean %.3f, want %.3f +- %.3f", tt.name, f.LeadHours.Mean, tt.want, tol)
		}
	}
}

func TestForecastStraightLineOfConstants(t *testing.T) {
	// No redo, no loop: every trial is 2 + 20 + 12 = 34 hours.
	m := fixed(threeStages(nil))
	for i := range m.Stages {
		m.Stages[i].CompleteAccurate = 1
	}
	f, err := ForecastLead(m, ForecastOptions{Trials: 100, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := Percentiles{P50: 34, P85: 34, P95: 34, Mean: 34}
	if f.LeadHours != want || !reflect.DeepEqual(f.Histogram, []HistogramBin{{34, 34, 100}}) {
		t.Errorf("forecast = %+v %+v, want all 34", f.LeadHours, f.Histogram)
	}
	if f.Stages[1] != (StageDraws{Wait: DrawEstimate, Process: DrawEstimate}) {
		t.Errorf("draws of B = %+v", f.Stages[1])
	}
}

// A low %C&A means much rework, never "no rework" and never a hang: 1% C&A
// is 100 passes on average (the CLT tail takes over after 64).
func TestForecastLowCompleteAccurate(t *testing.T) {
	m := fixed(lineMap([3]float64{1, 1, 0.01}))
	f, err := ForecastLead(m, ForecastOptions{Trials: 20000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Passes K ~ geometric(0.01): mean 100, so 200 h; K's sd is sqrt(0.99)/0.01
	// = 99.5 passes, 199 h; 4 standard errors of 20000 trials = 5.6 h.
	if math.Abs(f.LeadHours.Mean-200) > 5.6 {
		t.Errorf("mean lead at 1%% C&A = %.1f, want 200 +- 5.6", f.LeadHours.Mean)
	}
	// Median of K: smallest k with 1 - 0.99^k >= 0.5 is 69 -> about 138 h.
	if p := f.LeadHours.P50; p < 130 || p > 146 {
		t.Errorf("median at 1%% C&A = %.1f, want about 138", p)
	}
}

func TestForecastDefaultSpread(t *testing.T) {
	// One stage, wait 8 (exponential, mean 8) and work 4 (lognormal, mean 4,
	// sigma 0.5). Lead mean 12. Median of the sum is not closed-form; the
	// wait alone has median 8 ln 2 = 5.545 and the work 4 e^-0.125 = 3.530.
	m := lineMap([3]float64{8, 4, 1})
	f, err := ForecastLead(m, ForecastOptions{Trials: 50000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	// sd of the sum = sqrt(8^2 + 4^2 (e^0.25 - 1)) = sqrt(64 + 4.54) = 8.28;
	// 4 standard errors of 50000 trials = 0.148.
	if math.Abs(f.LeadHours.Mean-12) > 0.148 {
		t.Errorf("mean = %.3f, want 12 +- 0.148", f.LeadHours.Mean)
	}
	if f.Stages[0] != (StageDraws{Wait: DrawDefault, Process: DrawDefault}) {
		t.Errorf("draws = %+v, want the default spread", f.Stages[0])
	}
	// The automated flag narrows the work: lognormal sigma 0.1, so with no
	// wait the p95 is 4 e^(-0.005 + 1.645 x 0.1) = 4.69 (manual: 8.04).
	m = lineMap([3]float64{0, 4, 1})
	manual, _ := ForecastLead(m, ForecastOptions{Trials: 50000, Seed: 11})
	m.Stages[0].Automated = true
	auto, _ := ForecastLead(m, ForecastOptions{Trials: 50000, Seed: 11})
	if math.Abs(auto.LeadHours.P95-4.69) > 0.03 || math.Abs(manual.LeadHours.P95-8.04) > 0.15 {
		t.Errorf("p95 automated %.3f (want 4.69), manual %.3f (want 8.04)", auto.LeadHours.P95, manual.LeadHours.P95)
	}
}

func TestForecastTriangular(t *testing.T) {
	// Triangular (0, 3, 6) is symmetric: median 3; p85 = 6 - sqrt(0.15 x 6 x 3) = 4.357.
	m := lineMap([3]float64{0, 0, 1})
	m.Stages[0].ProcessEstimate = &Estimate{0, 3, 6}
	f, _ := ForecastLead(m, ForecastOptions{Trials: 50000, Seed: 5})
	if math.Abs(f.LeadHours.P50-3) > 0.05 || math.Abs(f.LeadHours.P85-(6-math.Sqrt(0.15*18))) > 0.05 {
		t.Errorf("triangular: p50 %.3f p85 %.3f, want 3 and 4.357", f.LeadHours.P50, f.LeadHours.P85)
	}
}

func TestForecastIsReproducible(t *testing.T) {
	m := ExampleMap()
	if err := m.SetRework(4, 2, 0.2); err != nil { // Test -> Code
		t.Fatal(err)
	}
	a, _ := ForecastLead(m, ForecastOptions{Trials: 3000, Seed: 42})
	b, _ := ForecastLead(m, ForecastOptions{Trials: 3000, Seed: 42})
	c, _ := ForecastLead(m, ForecastOptions{Trials: 3000, Seed: 43})
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two forecasts")
	}
	if a.LeadHours == c.LeadHours {
		t.Error("two seeds gave the same forecast")
	}
	n := 0
	for _, bin := range a.Histogram {
		n += bin.Count
	}
	if n != 3000 || len(a.Histogram) > MaxBins {
		t.Errorf("histogram counts %d trials in %d bins", n, len(a.Histogram))
	}
}

// portableMap uses every kind of draw: exponential, lognormal (manual and
// automated), triangular, measured, redos, a loop, a branch and a CLT tail.
func portableMap() *Map {
	m := flowMap()
	m.Stages[1].Automated = true
	m.Stages[3].ProcessEstimate = &Estimate{1, 2, 6}
	e, _ := NewEmpirical([]float64{0, 1, 1.5, 4, 9, 30})
	m.Stages[4].Measured = &MeasuredTimes{Items: 6, Wait: e}
	m.Stages[4].CompleteAccurate = 0.05
	return m
}

// The forecast's bits are pinned: a platform whose arithmetic differs (an
// FMA, another exp) fails here. Checked on amd64, GOAMD64=v3 (FMA available),
// and arm64, s390x, ppc64le and riscv64 under qemu-user (assembly math, fused
// multiply-add): GOARCH=arm64 go test -c, then qemu-aarch64 vsm.test -test.run Portable.
func TestForecastBitsArePortable(t *testing.T) {
	f, err := ForecastLead(portableMap(), ForecastOptions{Trials: 2000, Seed: 2026})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "p50 %x\np85 %x\np95 %x\nmean %x\n", f.LeadHours.P50, f.LeadHours.P85, f.LeadHours.P95, f.LeadHours.Mean)
	for _, bin := range f.Histogram {
		fmt.Fprintf(&b, "bin %x %x %d\n", bin.FromHours, bin.ToHours, bin.Count)
	}
	for _, x := range []float64{1e-300, 0.1, 0.5, 1, 2, 10, 1e300} {
		fmt.Fprintf(&b, "log %x exp %x\n", detLog(x), detExp(math.Min(x, 700)-350))
	}
	for _, p := range []float64{1e-12, 0.01, 0.3, 0.5, 0.9, 0.999} {
		fmt.Fprintf(&b, "norm %x\n", normQuantile(p))
	}
	golden := filepath.Join("testdata", "forecast_bits.golden")
	if kzUpdate() {
		os.WriteFile(golden, []byte(b.String()), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("the forecast's bits differ from %s on this platform:\n%s", golden, b.String())
	}
}

func TestDeterministicMathIsAccurate(t *testing.T) {
	for _, x := range []float64{1e-300, 1e-10, 0.001, 0.3, 0.7071, 1, 1.5, 2, 10, 12345.678, 1e300} {
		if got, want := detLog(x), math.Log(x); math.Abs(got-want) > 1e-15*math.Max(1, math.Abs(want)) {
			t.Errorf("detLog(%g) = %v, math.Log %v", x, got, want)
		}
	}
	for _, x := range []float64{-700, -20, -1, -1e-9, 0, 1e-9, 0.5, 1, 20, 700} {
		if got, want := detExp(x), math.Exp(x); math.Abs(got-want) > 1e-15*want {
			t.Errorf("detExp(%g) = %v, math.Exp %v", x, got, want)
		}
	}
	// Standard normal quantiles from tables.
	for p, want := range map[float64]float64{0.5: 0, 0.975: 1.959963984540054, 0.85: 1.0364333894937898, 0.01: -2.3263478740408408, 1e-6: -4.753424308822899} {
		if got := normQuantile(p); math.Abs(got-want) > 5e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("normQuantile(%g) = %v, want %v", p, got, want)
		}
	}
}

func TestForecastErrors(t *testing.T) {
	m := flowMap()
	if _, err := ForecastLead(m, ForecastOptions{Trials: -1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("trials -1: %v", err)
	}
	bad := flowMap()
	bad.Stages[2].Rework[0].To = "nope"
	if _, err := ForecastLead(bad, ForecastOptions{}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `"nope" is not the ID`) {
		t.Errorf("invalid edge: %v", err)
	}
	loopy := lineMap([3]float64{1, 1, 1}, [3]float64{1, 1, 1})
	edge(loopy, 1, 0, 0.9999)
	if _, err := ForecastLead(loopy, ForecastOptions{Trials: 100000}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "20000 stage visits") {
		t.Errorf("runaway loop: %v", err)
	}
	stop := make(chan struct{})
	close(stop)
	if _, err := ForecastLead(m, ForecastOptions{Cancel: stop}); !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled: %v", err)
	}
}

// The backtest: items pass five stages with known, independent per-stage
// times; the map built from those samples (Measured) must forecast the
// items' own lead-time p50 and p85 within 10%.
func TestForecastBacktest(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	const items = 3000
	stageTimes := []func() (wait, work float64){
		func() (float64, float64) { return r.ExpFloat64() * 16, 2 + r.Float64()*6 },                  // queue + uniform work
		func() (float64, float64) { return 0, math.Exp(1 + 0.6*r.NormFloat64()) },                    // lognormal work
		func() (float64, float64) { return r.ExpFloat64() * 40, 1 },                                  // long queue
		func() (float64, float64) { return 4 * float64(r.IntN(3)), 0.5 + r.ExpFloat64() },            // batches
		func() (float64, float64) { return math.Abs(r.NormFloat64()) * 10, 3 + r.NormFloat64()*0.2 }, // half-normal wait
	}
	waits := make([][]float64, len(stageTimes))
	works := make([][]float64, len(stageTimes))
	lead := make([]float64, items)
	for i := range items {
		for k, st := range stageTimes {
			w, p := st()
			waits[k] = append(waits[k], w)
			works[k] = append(works[k], p)
			lead[i] += w + p
		}
	}
	m := NewMap("backtest")
	for k := range stageTimes {
		s := NewStage(fmt.Sprintf("S%d", k+1))
		we, err := NewEmpirical(waits[k])
		if err != nil {
			t.Fatal(err)
		}
		pe, _ := NewEmpirical(works[k])
		s.Measured = &MeasuredTimes{Items: items, Wait: we, Process: pe}
		s.WaitHours, s.ProcessHours = we.Quantile(0.5), pe.Quantile(0.5)
		m.Stages = append(m.Stages, s)
	}
	slices.Sort(lead)
	obs50, obs85 := quantileSorted(lead, 0.5), quantileSorted(lead, 0.85)
	f, err := ForecastLead(m, ForecastOptions{Trials: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name          string
		got, observed float64
	}{{"p50", f.LeadHours.P50, obs50}, {"p85", f.LeadHours.P85, obs85}} {
		if math.Abs(c.got-c.observed) > 0.1*c.observed {
			t.Errorf("backtest %s: forecast %.2f h, observed %.2f h: more than 10%% apart", c.name, c.got, c.observed)
		}
	}
	t.Logf("backtest: p50 forecast %.2f observed %.2f; p85 forecast %.2f observed %.2f", f.LeadHours.P50, obs50, f.LeadHours.P85, obs85)
	if f.Stages[0] != (StageDraws{Wait: DrawMeasured, Process: DrawMeasured}) {
		t.Errorf("draws = %+v, want measured", f.Stages[0])
	}
}

func TestForecastItems(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d }
	m := NewMap("throughput")
	// Two items every day: 10 items take 5 working days, days 0..4 from
	// Monday 2026-01-05, so every percentile is Friday 2026-01-09.
	m.Throughput = []float64{2}
	f, err := ForecastItems(m, 10, day("2026-01-05"), ForecastOptions{Trials: 500, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := day("2026-01-09"); !f.P50.Equal(want) || !f.P95.Equal(want) {
		t.Errorf("constant throughput: %+v, want all 2026-01-09", f)
	}
	// Days of 0 or 4 items, 4 items wanted: the finish day D (0-based) is
	// geometric, P(D <= d) = 1 - 0.5^(d+1): 0.5, 0.75, 0.875, 0.9375, 0.96875.
	// p85 is the first d with >= 0.85: 2; p95: 4. From Friday 2026-01-09:
	// day 2 is Tuesday 13th, day 4 Thursday 15th (the weekend is not worked).
	m.Throughput = []float64{0, 4}
	f, err = ForecastItems(m, 4, day("2026-01-09"), ForecastOptions{Trials: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !f.P85.Equal(day("2026-01-13")) || !f.P95.Equal(day("2026-01-15")) {
		t.Errorf("p85 %s p95 %s, want 2026-01-13 and 2026-01-15", f.P85.Format(DateLayout), f.P95.Format(DateLayout))
	}
	data, _ := json.Marshal(f)
	if !strings.Contains(string(data), `"n":4`) || !strings.Contains(string(data), `"p85_date":"2026-01-13"`) {
		t.Errorf("JSON %s", data)
	}
	// A Saturday start moves to Monday; a 6-day week works Saturdays.
	if got := AddWorkingDays(day("2026-01-10"), m.Calendar, 0); !got.Equal(day("2026-01-12")) {
		t.Errorf("Saturday start: %s", got.Format(DateLayout))
	}
	if got := AddWorkingDays(day("2026-01-09"), Calendar{HoursPerDay: 8, DaysPerWeek: 6}, 1); !got.Equal(day("2026-01-10")) {
		t.Errorf("6-day week: %s", got.Format(DateLayout))
	}
	if got := AddWorkingDays(day("2026-01-05"), m.Calendar, 12); !got.Equal(day("2026-01-21")) { // 2 weeks and 2 days
		t.Errorf("12 working days from Monday: %s", got.Format(DateLayout))
	}
	for _, tt := range []struct {
		tp   []float64
		n    int
		want string
	}{
		{nil, 3, "no observed daily throughput"},
		{[]float64{0, 0}, 3, "no observed day has any item done"},
		{[]float64{1, -1}, 3, "cannot be negative"},
		{[]float64{1}, 0, "must be 1 or more"},
		{[]float64{0.0001}, 1000, "more than the 100000 a forecast looks ahead"},
	} {
		m.Throughput = tt.tp
		if _, err := ForecastItems(m, tt.n, day("2026-01-05"), ForecastOptions{}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("throughput %v, %d items: %v, want %q", tt.tp, tt.n, err, tt.want)
		}
	}
}

func TestForecastDocument(t *testing.T) {
	f, _ := ForecastLead(fixed(lineMap([3]float64{1, 2, 1})), ForecastOptions{Trials: 10, Seed: 1})
	data, _ := json.Marshal(f.Document(nil))
	want := `{"trials":10,"seed":1,"lead_hours":{"p50":3,"p85":3,"p95":3,"mean":3},"histogram":[{"from_hours":3,"to_hours":3,"count":10}],"items":null}`
	if string(data) != want {
		t.Errorf("document %s\nwant %s", data, want)
	}
}

func TestHistogramBins(t *testing.T) {
	// 0..99: IQR = 74.25 - 24.75 = 49.5; FD width 2 x 49.5 / 100^(1/3) = 21.33,
	// rounded up to 25: bins [0,25) [25,50) [50,75) [75,100), 25 each.
	v := make([]float64, 100)
	for i := range v {
		v[i] = float64(i)
	}
	want := []HistogramBin{{0, 25, 25}, {25, 50, 25}, {50, 75, 25}, {75, 100, 25}}
	if got := HistogramBins(v); !reflect.DeepEqual(got, want) {
		t.Errorf("bins %+v, want %+v", got, want)
	}
	// A long tail is capped at MaxBins by a wider round width.
	v = append(v, 1e6)
	if got := HistogramBins(v); len(got) > MaxBins || got[len(got)-1].Count != 1 {
		t.Errorf("long tail: %d bins, last %+v", len(got), got[len(got)-1])
	}
	if HistogramBins(nil) != nil {
		t.Error("no values made bins")
	}
}
