package vsm

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// MaxForecastDays is the most working days a throughput forecast looks ahead.
const MaxForecastDays = 100000

// ItemsForecast says when N items will be done: the working days by which
// they are done in 50%, 85% and 95% of the trials.
type ItemsForecast struct {
	N             int
	P50, P85, P95 time.Time // midnight in the start date's location
}

// MarshalJSON writes {"n": N, "p50_date": "YYYY-MM-DD", "p85_date": ..., "p95_date": ...}.
func (f ItemsForecast) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		N   int    `json:"n"`
		P50 string `json:"p50_date"`
		P85 string `json:"p85_date"`
		P95 string `json:"p95_date"`
	}{f.N, f.P50.Format(DateLayout), f.P85.Format(DateLayout), f.P95.Format(DateLayout)})
}

// ForecastItems answers "when will n items be done" from m's observed daily
// throughput (Map.Throughput: items done per working day), starting on date
// start (its calendar day; a day off moves it to the next working day).
//
// Each trial draws a day's throughput at random from the observed days (with
// replacement, every observed day equally likely: a bootstrap of the
// history, which keeps its bad days and its good ones) for each working day
// from the start, until the sum reaches n; the day that happens is the
// trial's finish (the start day is day 0). The answer for confidence c is the
// earliest working day by which at least c of the trials finished (the
// nearest-rank percentile, ceil(c x trials)-th smallest finish day), so "85%"
// is a day that 85% of the trials met.
//
// Working days are the first DaysPerWeek days of each week from Monday (5:
// Monday to Friday; a fraction counts as a whole day: 5.5 is Monday to
// Saturday). Errors wrap ErrInvalid: n below 1, no throughput, a negative or
// non-finite day, no day with anything done, or trials that need more than
// MaxForecastDays working days.
func ForecastItems(m *Map, n int, start time.Time, opt ForecastOptions) (ItemsForecast, error) {
	trials, err := opt.trialCount()
	if err != nil {
		return ItemsForecast{}, err
	}
	what := fmt.Sprintf("forecast of %d items of %q", n, m.Name)
	tp := m.Throughput
	switch {
	case n < 1:
		return ItemsForecast{}, fmt.Errorf("%s: the number of items must be 1 or more: %w", what, ErrInvalid)
	case len(tp) == 0:
		return ItemsForecast{}, fmt.Errorf("%s: the map has no observed daily throughput (import an event log to measure it): %w", what, ErrInvalid)
	}
	total := 0.0
	for _, v := range tp {
		if r := checkHours(v); r != "" {
			return ItemsForecast{}, fmt.Errorf("%s: daily throughput %s %s: %w", what, fmtValue(v), r, ErrInvalid)
		}
		total += v
	}
	if total == 0 {
		return ItemsForecast{}, fmt.Errorf("%s: no observed day has any item done: %w", what, ErrInvalid)
	}
	if mean := total / float64(len(tp)); float64(n)/mean > MaxForecastDays {
		return ItemsForecast{}, fmt.Errorf("%s: at %.3g items a day that is about %.0f working days, more than the %d a forecast looks ahead: %w",
			what, mean, float64(n)/mean, MaxForecastDays, ErrInvalid)
	}
	r := rand.New(rand.NewPCG(opt.Seed, pcgStream))
	finish := make([]int, trials)
	goal := float64(n)
	for t := range finish {
		if t%1024 == 0 && opt.canceled() {
			return ItemsForecast{}, fmt.Errorf("%s: %w", what, ErrCanceled)
		}
		done, day := 0.0, 0
		for ; ; day++ {
			if day >= MaxForecastDays {
				return ItemsForecast{}, fmt.Errorf("%s: a trial was not done within %d working days: %w", what, MaxForecastDays, ErrInvalid)
			}
			done += tp[r.IntN(len(tp))]
			if done >= goal {
				break
			}
		}
		finish[t] = day
	}
	slices.Sort(finish)
	at := func(c float64) time.Time {
		k := int(math.Ceil(c*float64(trials))) - 1
		return AddWorkingDays(start, m.Calendar, finish[max(k, 0)])
	}
	return ItemsForecast{N: n, P50: at(0.50), P85: at(0.85), P95: at(0.95)}, nil
}

// AddWorkingDays is the working day k working days after the first working
// day on or after start's calendar day (k = 0 is that day), at midnight in
// start's location. Working days are as ForecastItems says.
func AddWorkingDays(start time.Time, cal Calendar, k int) time.Time {
	days := int(math.Ceil(cal.OrDefault().DaysPerWeek))
	days = min(max(days, 1), 7)
	working := func(d time.Time) bool { return (int(d.Weekday())+6)%7 < days } // Monday is 0
	y, mo, dd := start.Date()
	d := time.Date(y, mo, dd, 0, 0, 0, 0, start.Location())
	for !working(d) {
		d = d.AddDate(0, 0, 1)
	}
	// Whole weeks at once (a forecast may be hundreds of days out): from a
	// working day, `days` working days later is the same weekday a week on.
	weeks := k / days
	d = d.AddDate(0, 0, 7*weeks)
	k -= days * weeks
	for ; k > 0; k-- {
		d = d.AddDate(0, 0, 1)
		for !working(d) {
			d = d.AddDate(0, 0, 1)
		}
	}
	return d
}

// Forecast is the document `flowmap-cli forecast --json` prints: the lead
// time forecast and, when asked for, the items forecast (null otherwise).
// Every number is at full precision; fields may be added, never renamed.
type Forecast struct {
	Trials    int            `json:"trials"`
	Seed      uint64         `json:"seed"`
	LeadHours Percentiles    `json:"lead_hours"`
	Histogram []HistogramBin `json:"histogram"`
	Items     *ItemsForecast `json:"items"`
}

// Document is the forecast document of f with items (nil when not asked).
func (f LeadForecast) Document(items *ItemsForecast) Forecast {
	h := f.Histogram
	if h == nil {
		h = []HistogramBin{}
	}
	return Forecast{Trials: f.Trials, Seed: f.Seed, LeadHours: f.LeadHours, Histogram: h, Items: items}
}
