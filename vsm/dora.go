package vsm

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// DORASummary is DORA's four keys of software delivery performance over a
// window of days, computed from deployment records by DORA. Durations are
// elapsed hours (wall-clock time between instants), not the map's working
// hours; a figure that the records cannot give is nil, never NaN.
type DORASummary struct {
	From time.Time // first day of the window (midnight UTC of that civil day); zero for no window
	To   time.Time // last day of the window, included; zero for no window
	Days int       // days in the window, both ends included: To - From + 1; 0 for no window

	Deployments int // deployments whose day is in the window
	Outside     int // records left out because their day is outside a given window
	Failed      int // deployments in the window marked failed

	// DeploysPerDay is the deployment frequency, Deployments / Days; nil
	// when there is no window.
	DeploysPerDay *float64

	// LeadTimeChanges counts the deployments with a first commit time, the
	// sample of the lead time for changes. Its median and 85th percentile
	// are nil when it is 0.
	LeadTimeChanges     int
	LeadTimeMedianHours *float64
	LeadTimeP85Hours    *float64

	// ChangeFailureRate is Failed / Deployments, a fraction; nil without
	// deployments.
	ChangeFailureRate *float64

	// Restored counts the failed deployments with a restore time, the sample
	// of the time to restore; its median is nil when it is 0.
	Restored                 int
	TimeToRestoreMedianHours *float64
}

// DORA computes DORA's four keys from deployment records, as the DORA
// research defines them:
//
//	window            the days from..to, both included; a zero from or to is the
//	                  first or last deployment day of the records
//	deploys per day   = deployments in the window / days in the window
//	deploys per week  = deploys per day x 7
//	lead time         = median and p85 of deployed_at - first_commit_at, elapsed
//	                    hours, over the window's deployments with a first commit
//	                    (linear interpolation between ranks, quantile_cont: the
//	                    rule of the event-log statistics and the forecasts)
//	change failure    = failed / deployments in the window
//	time to restore   = median of restored_at - (failed_at, or deployed_at without
//	                    it), elapsed hours, over the window's failed deployments
//	                    that were restored
//
// The day of a deployment is the calendar day of deployed_at on the wall clock
// of the UTC offset it was recorded with (a deploy at 23:30-05:00 on 2 March is
// on 2 March, though it is 3 March in UTC): the day the team lived it. The day
// of from and to is theirs in their own location: pass dates such as
// time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC). Days are calendar days (DORA
// counts weekends), not the map's working days.
//
// Worked example, window 2026-03-02..2026-03-06 (5 days), four deployments:
// A committed 10 h before its deploy, B 20 h, C 30 h, D none; C failed at its
// deploy time and was restored 2 h later; D failed and has no restore time.
//
//	deploys per day 4 / 5 = 0.8 (5.6 a week)
//	lead time       10, 20, 30: median 20 h; p85 h = 2 x 0.85 = 1.7: 20 + 0.7 x 10 = 27 h
//	change failure  2 / 4 = 0.5
//	time to restore one sample: median 2 h
//
// Empty records without a window give a zero summary with every figure nil.
// Records whose day is outside a given window are left out of every figure
// and counted in Outside. DORA does not validate the records (call
// Deployment.Validate first); a commit after its deploy or a restore before
// its failure is left out of its sample rather than made negative. The error,
// wrapping ErrInvalid, is for a window that ends before it starts.
func DORA(records []Deployment, from, to time.Time) (DORASummary, error) {
	var s DORASummary
	var first, last int64
	seen := false
	days := make([]int64, len(records))
	for i, d := range records {
		days[i] = civilDay(d.DeployedAt)
		if !seen || days[i] < first {
			first = days[i]
		}
		if !seen || days[i] > last {
			last = days[i]
		}
		seen = true
	}
	lo, hi := first, last
	if !from.IsZero() {
		lo = dayNumber(from)
	}
	if !to.IsZero() {
		hi = dayNumber(to)
	}
	if !seen && from.IsZero() && to.IsZero() {
		return s, nil
	}
	switch {
	case !seen && from.IsZero():
		lo = hi
	case !seen && to.IsZero():
		hi = lo
	}
	if lo > hi {
		e := &ItemError{Kind: "DORA window", Index: -1, Field: "from", Value: dayOf(lo)}
		switch {
		case !from.IsZero() && !to.IsZero():
			e.Reason = "is after the window's last day " + dayOf(hi)
		case !from.IsZero():
			e.Reason = "is after the last deployment day " + dayOf(hi) + ": no deployment is in the window"
		default:
			e.Field, e.Value = "to", dayOf(hi)
			e.Reason = "is before the first deployment day " + dayOf(lo) + ": no deployment is in the window"
		}
		return s, e
	}
	s.From, s.To = dayTime(lo), dayTime(hi)
	s.Days = int(hi-lo) + 1

	var lead, restore []float64
	for i, d := range records {
		if days[i] < lo || days[i] > hi {
			s.Outside++
			continue
		}
		s.Deployments++
		if h, ok := d.LeadTimeHours(); ok {
			lead = append(lead, h)
		}
		if d.Failed {
			s.Failed++
			if h, ok := d.RestoreHours(); ok {
				restore = append(restore, h)
			}
		}
	}
	s.DeploysPerDay = ptr(float64(s.Deployments) / float64(s.Days))
	if s.Deployments > 0 {
		s.ChangeFailureRate = ptr(float64(s.Failed) / float64(s.Deployments))
	}
	s.LeadTimeChanges = len(lead)
	if len(lead) > 0 {
		slices.Sort(lead)
		s.LeadTimeMedianHours, s.LeadTimeP85Hours = ptr(quantileSorted(lead, 0.5)), ptr(quantileSorted(lead, 0.85))
	}
	s.Restored = len(restore)
	if len(restore) > 0 {
		slices.Sort(restore)
		s.TimeToRestoreMedianHours = ptr(quantileSorted(restore, 0.5))
	}
	return s, nil
}

// civilDay is dayNumber(t), the civil day of t on its own wall clock counted
// from 1970-01-01, worked from the instant and its UTC offset: the wall clock
// is unix seconds + offset, and a day is 86,400 of them. DORA reads it for
// every record, where dayNumber's calendar conversion took a third of the time.
func civilDay(t time.Time) int64 {
	_, off := t.Zone()
	return workFloorDiv(t.Unix()+int64(off), 86400)
}

// dayTime is day number d (days since 1970-01-01) as midnight UTC.
func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

func dayOf(d int64) string { return dayTime(d).Format(DateLayout) }

// DeploysPerWeek is the deployment frequency per week, DeploysPerDay x 7;
// nil when DeploysPerDay is.
func (s DORASummary) DeploysPerWeek() *float64 {
	if s.DeploysPerDay == nil {
		return nil
	}
	return ptr(*s.DeploysPerDay * 7)
}

// IsZero reports whether s holds no window and no deployments: nothing was
// measured.
func (s DORASummary) IsZero() bool {
	return s.Days == 0 && s.Deployments == 0 && s.From.IsZero() && s.To.IsZero()
}

// Clone is a deep copy of s.
func (s DORASummary) Clone() DORASummary {
	c := s
	c.DeploysPerDay = clonePtr(s.DeploysPerDay)
	c.LeadTimeMedianHours = clonePtr(s.LeadTimeMedianHours)
	c.LeadTimeP85Hours = clonePtr(s.LeadTimeP85Hours)
	c.ChangeFailureRate = clonePtr(s.ChangeFailureRate)
	c.TimeToRestoreMedianHours = clonePtr(s.TimeToRestoreMedianHours)
	return c
}

// Validate checks a summary read from a file or typed in: counts of 0 or
// more, failed and samples no more than the deployments, a window whose last
// day is not before its first and whose Days match, finite figures of 0 or
// more, and a change failure rate of at most 1.
func (s DORASummary) Validate() error {
	bad := func(field, value, reason string) error {
		return &ItemError{Kind: "DORA figures", Index: -1, Field: field, Value: value, Reason: reason}
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"deployments", s.Deployments}, {"outside the window", s.Outside}, {"failed", s.Failed},
		{"lead time changes", s.LeadTimeChanges}, {"restored", s.Restored}} {
		if c.n < 0 {
			return bad(c.name, fmt.Sprint(c.n), "cannot be negative")
		}
	}
	if s.Failed > s.Deployments {
		return bad("failed", fmt.Sprint(s.Failed), fmt.Sprintf("is more than the %d deployments", s.Deployments))
	}
	if s.LeadTimeChanges > s.Deployments {
		return bad("lead time changes", fmt.Sprint(s.LeadTimeChanges), fmt.Sprintf("is more than the %d deployments", s.Deployments))
	}
	if s.Restored > s.Failed {
		return bad("restored", fmt.Sprint(s.Restored), fmt.Sprintf("is more than the %d failed deployments", s.Failed))
	}
	if s.From.IsZero() != s.To.IsZero() {
		return bad("window", "", "needs both its first and its last day")
	}
	if !s.From.IsZero() {
		n := DaysBetween(s.From, s.To) + 1
		if n < 1 {
			return bad("window", s.From.Format(DateLayout), "starts after its last day "+s.To.Format(DateLayout))
		}
		if s.Days != n {
			return bad("days", fmt.Sprint(s.Days), fmt.Sprintf("do not match the window %s..%s (%d days)", s.From.Format(DateLayout), s.To.Format(DateLayout), n))
		}
	} else if s.Days != 0 {
		return bad("days", fmt.Sprint(s.Days), "are given without a window")
	}
	for _, f := range []struct {
		name string
		v    *float64
	}{{"deploys per day", s.DeploysPerDay}, {"lead time median", s.LeadTimeMedianHours},
		{"lead time p85", s.LeadTimeP85Hours}, {"change failure rate", s.ChangeFailureRate},
		{"time to restore median", s.TimeToRestoreMedianHours}} {
		if f.v != nil && (math.IsNaN(*f.v) || math.IsInf(*f.v, 0) || *f.v < 0) {
			return bad(f.name, fmtValue(*f.v), "must be a finite number of 0 or more")
		}
	}
	if r := s.ChangeFailureRate; r != nil && *r > 1 {
		return bad("change failure rate", fmtValue(*r), "must be at most 1 (100%)")
	}
	return nil
}

// DORABand is a performance level of the DORA research.
type DORABand string

// The four performance levels, best first.
const (
	BandElite  DORABand = "elite"
	BandHigh   DORABand = "high"
	BandMedium DORABand = "medium"
	BandLow    DORABand = "low"
)

// DORABands is the performance level of each key; "" where the figure is nil.
type DORABands struct {
	DeploymentFrequency DORABand
	LeadTime            DORABand
	ChangeFailureRate   DORABand
	TimeToRestore       DORABand
}

// Bands is the performance level of each of s's figures (lead time by its
// median), by the thresholds of DeploymentFrequencyBand, LeadTimeBand,
// ChangeFailureRateBand and TimeToRestoreBand.
func (s DORASummary) Bands() DORABands {
	var b DORABands
	if v := s.DeploysPerDay; v != nil {
		b.DeploymentFrequency = DeploymentFrequencyBand(*v)
	}
	if v := s.LeadTimeMedianHours; v != nil {
		b.LeadTime = LeadTimeBand(*v)
	}
	if v := s.ChangeFailureRate; v != nil {
		b.ChangeFailureRate = ChangeFailureRateBand(*v)
	}
	if v := s.TimeToRestoreMedianHours; v != nil {
		b.TimeToRestore = TimeToRestoreBand(*v)
	}
	return b
}

// The performance levels follow the table of the Accelerate State of DevOps
// Report 2023 (DORA, Google Cloud; chapter "How do you compare?"), the latest
// edition whose four levels are in order on every key. The 2024 edition's
// change failure rates read elite 5%, high 20%, medium 10%, low 40%, so they
// cannot serve as thresholds; the 2022 edition has three levels only; the
// 2021 edition gives one change failure range (16-30%) to high, medium and low
// alike. The 2023 table:
//
//	level   deployment frequency                 lead time for changes       change failure  recovery time
//	elite   on demand (multiple deploys per day)  less than one day           5%              less than one hour
//	high    once per day to once per week         one day to one week         10%             less than one day
//	medium  once per week to once per month       one week to one month       15%             one day to one week
//	low     once per week to once per month       one week to one month       64%             one month to six months
//
// The report gives each level's typical range (and for the change failure
// rate its typical value); Flowmap reads them as thresholds: a value belongs
// to the best level whose range it reaches, and anything worse than medium's
// range is low (2023 prints low's throughput ranges the same as medium's; low
// is what falls below them). A week is 7 days, a month 30 days: the cut points
// are below.
const (
	eliteDeploysPerDay  = 1.0      // more than one deploy a day (multiple per day)
	highDeploysPerDay   = 1.0 / 7  // at least once a week
	mediumDeploysPerDay = 1.0 / 30 // at least once a month

	eliteLeadHours  = 24      // less than one day
	highLeadHours   = 7 * 24  // up to one week
	mediumLeadHours = 30 * 24 // up to one month

	eliteFailureRate  = 0.05 // up to 5%
	highFailureRate   = 0.10 // up to 10%
	mediumFailureRate = 0.15 // up to 15%

	eliteRestoreHours  = 1      // less than one hour
	highRestoreHours   = 24     // less than one day
	mediumRestoreHours = 7 * 24 // up to one week
)

// DeploymentFrequencyBand is the level of a deployment frequency in deploys
// per day (2023 report, see above): more than 1 elite; at least 1/7 (once a
// week) high; at least 1/30 (once a month) medium; less is low. Exactly one a
// day is high: the report's high range starts at once per day.
func DeploymentFrequencyBand(perDay float64) DORABand {
	switch {
	case perDay > eliteDeploysPerDay:
		return BandElite
	case perDay >= highDeploysPerDay:
		return BandHigh
	case perDay >= mediumDeploysPerDay:
		return BandMedium
	}
	return BandLow
}

// LeadTimeBand is the level of a lead time for changes in elapsed hours
// (2023 report): under 24 elite; up to 168 (one week) high; up to 720 (30
// days) medium; longer is low.
func LeadTimeBand(hours float64) DORABand {
	switch {
	case hours < eliteLeadHours:
		return BandElite
	case hours <= highLeadHours:
		return BandHigh
	case hours <= mediumLeadHours:
		return BandMedium
	}
	return BandLow
}

// ChangeFailureRateBand is the level of a change failure rate, a fraction
// (2023 report, its typical values read as upper bounds): up to 0.05 elite, up
// to 0.10 high, up to 0.15 medium, more is low.
func ChangeFailureRateBand(rate float64) DORABand {
	switch {
	case rate <= eliteFailureRate:
		return BandElite
	case rate <= highFailureRate:
		return BandHigh
	case rate <= mediumFailureRate:
		return BandMedium
	}
	return BandLow
}

// TimeToRestoreBand is the level of a time to restore service (the report's
// failed deployment recovery time) in elapsed hours (2023 report): under 1
// elite; under 24 high; up to 168 (one week) medium; longer is low.
func TimeToRestoreBand(hours float64) DORABand {
	switch {
	case hours < eliteRestoreHours:
		return BandElite
	case hours < highRestoreHours:
		return BandHigh
	case hours <= mediumRestoreHours:
		return BandMedium
	}
	return BandLow
}
