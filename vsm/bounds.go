package vsm

import "math"

// Bounds of every figure a map may hold. Map.Validate, Stage.Validate and
// ParseDuration refuse anything outside them, so a stored map, a map file and
// every metric computed from them are finite numbers: no +Inf in a JSON
// document, no endless axis in a chart.
//
// Within the bounds the most extreme metrics are (hours per day 24 or 0.01,
// demand and people 1e-4 or 1e6, %C&A 0.01%):
//
//	takt              ≤ 24 / 1e-4                           = 240,000 h
//	wait from a queue ≤ 1e6 / 1e-4 x 24 (Little's law)      = 2.4e11 h
//	capacity          ≤ 1e6 x 24 x 1 / (1/3.6e12)           ≈ 8.6e19 items/day
//	capacity          ≥ 1e-4 x 0.01 x 1e-4 / 876,600        ≈ 1.1e-16 items/day
//	utilization       ≤ 1e6 / 1.1e-16                       ≈ 8.8e21
//	rework lead       ≤ (2.4e11 + 876,600) / 1e-4 per stage ≈ 2.4e15 h
//
// so even a billion stages sum to less than 1e25, far below float64's 1.8e308.
const (
	// MaxHours is the longest duration: 100 years of 24-hour days
	// (100 x 365.25 x 24 = 876,600 h). It is elapsed time, so it bounds the
	// working time of every calendar, and a map keeps its durations valid
	// when its calendar changes.
	MaxHours = 876600
	// MinHours is the shortest duration above 0: one nanosecond
	// (1/3,600,000,000,000 h), the finest step of a timestamp, so no time
	// measured from an event log is below it. A duration is 0 or between
	// MinHours and MaxHours.
	MinHours = 1.0 / 3.6e12
	// MaxCount is the most people, queued items or items of demand per day:
	// a million.
	MaxCount = 1e6
	// MinCount is the fewest people and items of demand per working day
	// above 0 (a queue may be 0).
	MinCount = 1e-4
	// MinCompleteAccurate is the smallest %C&A: 0.01%.
	MinCompleteAccurate = 1e-4
	// MinCalendar is the fewest hours per day and days per week: 0.01.
	MinCalendar = 0.01
)

// Reasons the bounds give in errors, with the numbers written for people.
const (
	reasonTooLong    = "is more than 100 years (876,600 h), the longest duration"
	reasonTooShort   = "is above 0 but below one nanosecond, the shortest duration (write 0 for no time)"
	reasonTooMany    = "must be at most 1,000,000"
	reasonTooFew     = "must be at least 0.0001"
	reasonTooSmallCA = "must be at least 0.01%"
)

// checkHours says why v is not a duration a map may hold, or "" when it is.
func checkHours(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "is not a finite duration"
	case v < 0:
		return "cannot be negative"
	case v > MaxHours:
		return reasonTooLong
	case v > 0 && v < MinHours:
		return reasonTooShort
	}
	return ""
}

// checkPositiveCount says why v is not a count of people or a demand
// (MinCount to MaxCount), or "" when it is; below the old rule (more than 0)
// it gives that rule's reason.
func checkPositiveCount(v float64) string {
	switch {
	case !(v > 0):
		return "must be more than 0"
	case v > MaxCount:
		return reasonTooMany
	case v < MinCount:
		return reasonTooFew
	}
	return ""
}

// checkCompleteAccurate says why v is not a %C&A (MinCompleteAccurate to 1),
// or "" when it is.
func checkCompleteAccurate(v float64) string {
	switch {
	case !(v > 0 && v <= 1):
		return "must be above 0% and at most 100%"
	case v < MinCompleteAccurate:
		return reasonTooSmallCA
	}
	return ""
}
