package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"flowmap/vsm"
)

// boundsMaps are maps at vsm's bounds (bounds.go): stages of 100 years
// (876,600 h) beside stages of one nanosecond, %C&A of 0.01%, a million
// people and a queue of a million with a demand of 0.0001 or a million a
// day, on the smallest and the largest calendar; each with two measurements
// and a future state, so every picture has something to draw.
func boundsMaps(t testing.TB) []*vsm.Map {
	t.Helper()
	var maps []*vsm.Map
	for _, cal := range []vsm.Calendar{{HoursPerDay: vsm.MinCalendar, DaysPerWeek: vsm.MinCalendar}, {HoursPerDay: 24, DaysPerWeek: 7}} {
		for _, demand := range []float64{vsm.MinCount, vsm.MaxCount} {
			q := vsm.MaxCount
			m := vsm.NewMap(fmt.Sprintf("Bounds %g h/day, demand %g", cal.HoursPerDay, demand))
			m.Calendar, m.DemandPerDay = cal, &demand
			m.Stages = []vsm.Stage{
				{Name: "Century", WaitHours: vsm.MaxHours, ProcessHours: vsm.MaxHours, CompleteAccurate: vsm.MinCompleteAccurate, People: vsm.MinCount},
				{Name: "Nanosecond", WaitHours: vsm.MinHours, ProcessHours: vsm.MinHours, CompleteAccurate: 1, People: vsm.MaxCount},
				{Name: "Queue", ProcessHours: vsm.MaxHours, CompleteAccurate: vsm.MinCompleteAccurate, People: vsm.MaxCount, Queue: &q},
				{Name: "Idle", CompleteAccurate: 1, People: 1},
			}
			day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
			if _, _, err := m.AddMeasurement(vsm.MeasurementOf(m, day, "test")); err != nil {
				t.Fatal(err)
			}
			later := m.Clone()
			later.Stages[0].WaitHours = vsm.MinHours
			if _, _, err := m.AddMeasurement(vsm.MeasurementOf(later, day.AddDate(0, 1, 0), "test")); err != nil {
				t.Fatal(err)
			}
			m.Future = later.Clone()
			m.Future.Measurements = nil
			if err := m.Validate(); err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			maps = append(maps, m)
		}
	}
	return maps
}

// TestChartsAtTheBounds draws every picture and the workbook of maps at the
// bounds. Before the bounds a map of 1e308 h drew "bars" and "waterfall" for
// ever (an axis to +Inf); now every figure is finite and each picture must
// come back, with a generous deadline so a hang fails the test instead of
// the test binary's timeout. It says nothing about speed: see
// BenchmarkChartsAtTheBounds.
func TestChartsAtTheBounds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- drawAtTheBounds(boundsMaps(t)) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatal("drawing the maps at the bounds did not finish within 3 minutes: a loop does not end")
	}
}

func drawAtTheBounds(maps []*vsm.Map) error {
	for _, m := range maps {
		for _, c := range []Chart{ChartMap, ChartBars, ChartWaterfall, ChartTrend, ChartCompare} {
			if err := WritePNG(io.Discard, m, c, Options{Now: reportNow}); err != nil {
				return fmt.Errorf("%s of %q: %w", c, m.Name, err)
			}
		}
		if err := WriteWorkbook(io.Discard, m, Options{Now: reportNow}); err != nil {
			return fmt.Errorf("workbook of %q: %w", m.Name, err)
		}
	}
	return nil
}

func BenchmarkChartsAtTheBounds(b *testing.B) {
	maps := boundsMaps(b)
	for b.Loop() {
		if err := drawAtTheBounds(maps); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNiceTicksEnd: an axis whose range is tiny beside its values (a step
// below the spacing of float64s there) used to add ticks for ever, its
// counter no longer changing; it now stops at a few hundred ticks.
func TestNiceTicksEnd(t *testing.T) {
	for _, r := range [][2]float64{{1e17, 1e17 + 16}, {1e17, 1e17 + 64}, {0, 1e300}, {-1e300, 1e300}, {5, 5}, {2.4e15, 2.4e15 * (1 + 1e-15)}} {
		ticks := niceTicks{n: 5}.Ticks(r[0], r[1])
		if len(ticks) == 0 || len(ticks) > 2*maxTicks+2 {
			t.Errorf("Ticks(%g, %g) gave %d ticks", r[0], r[1], len(ticks))
		}
	}
}

// TestChartsRefuseBeyondTheBounds: a map of 1e308 h (totals +Inf) drew "bars"
// and "waterfall" for ever before the bounds; every picture now refuses it at
// once, naming the stage and field.
func TestChartsRefuseBeyondTheBounds(t *testing.T) {
	m := vsm.ExampleMap()
	m.Stages[2].ProcessHours = 1e308
	m.Stages[3].ProcessHours = 1e308
	done := make(chan error, 1)
	go func() {
		for _, c := range []Chart{ChartMap, ChartBars, ChartWaterfall} {
			err := WritePNG(io.Discard, m, c, Options{Now: reportNow})
			if !errors.Is(err, vsm.ErrInvalid) || !strings.Contains(err.Error(), `process: "1e+308" is more than 100 years`) {
				done <- fmt.Errorf("%s picture of a 1e308 h map: %v, want the bound's error", c, err)
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("a picture of a 1e308 h map did not come back within 2 minutes")
	}
}

// TestDateTicksOverTenThousandYears: the trend axis of measurements 10,000
// years apart (a map file may date them anywhere from year 1 to 9999) tried
// day steps first and built millions of ticks it then rejected: 100 s and
// 460 MB for one picture. Each step now stops past maxTicks. Counted in
// allocations, not seconds: before, one call made millions.
func TestDateTicksOverTenThousandYears(t *testing.T) {
	lo := float64(time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC).Unix())
	hi := float64(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC).Unix())
	var ticks []plot.Tick
	allocs := testing.AllocsPerRun(1, func() { ticks = dateTicks{maxTicks: 12}.Ticks(lo, hi) })
	if allocs > 100_000 {
		t.Errorf("Ticks over 10,000 years made %.0f allocations", allocs)
	}
	// 10,000 years in steps of 10 years is 1,000 ticks, more than 12 fit:
	// no step fits, so the axis has no date ticks rather than a crowd.
	if len(ticks) != 0 {
		t.Errorf("%d ticks", len(ticks))
	}
	m := vsm.ExampleMap()
	for _, d := range []time.Time{time.Unix(int64(lo), 0).UTC(), time.Unix(int64(hi), 0).UTC()} {
		if _, _, err := m.AddMeasurement(vsm.MeasurementOf(m, d, "test")); err != nil {
			t.Fatal(err)
		}
	}
	if err := WritePNG(io.Discard, m, ChartTrend, Options{Now: reportNow}); err != nil {
		t.Fatal(err)
	}
}
