package vsm

import (
	"errors"
	"math"
	"testing"
	"time"
)

// Test helpers of the DORA files carry a dr prefix so they never clash with
// the helpers of other tests in the package.

func drAt(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func drF(v float64) *float64 { return &v }

func drNearPtr(got, want *float64) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	return math.Abs(*got-*want) <= 1e-9
}

func drFmt(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmtValue(*p)
}

func TestQuantileRule(t *testing.T) {
	// The DORA figures use the package's quantile_cont rule (quantileSorted):
	// for n sorted values and h = (n-1)p, x[floor h] + (h - floor h) x
	// (x[floor h + 1] - x[floor h]).
	x := []float64{1, 2, 4, 10}
	for _, tt := range []struct {
		in   []float64
		p    float64
		want float64
	}{
		{x, 0.5, 3},    // h = 1.5: 2 + 0.5 x (4 - 2)
		{x, 0.85, 7.3}, // h = 2.55: 4 + 0.55 x (10 - 4)
		{x, 0, 1},
		{x, 1, 10},
		{[]float64{5}, 0.85, 5},
		{[]float64{2, 4}, 0.5, 3},
	} {
		if got := quantileSorted(tt.in, tt.p); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("quantileSorted(%v, %v) = %v, want %v", tt.in, tt.p, got, tt.want)
		}
	}
}

func TestDeploymentValidate(t *testing.T) {
	deployed := drAt("2026-03-02T12:00:00Z")
	ok := Deployment{DeployedAt: deployed, ChangeID: "MR-7"}
	tests := []struct {
		name string
		edit func(d *Deployment)
		want string // the message; "" for valid
	}{
		{"minimal", func(*Deployment) {}, ""},
		{"everything", func(d *Deployment) {
			d.FirstCommitAt = deployed.Add(-30 * time.Hour)
			d.Failed, d.FailedAt, d.RestoredAt = true, deployed.Add(time.Hour), deployed.Add(3*time.Hour)
			d.Service = "shop"
		}, ""},
		{"equal times", func(d *Deployment) {
			d.FirstCommitAt, d.Failed, d.FailedAt, d.RestoredAt = deployed, true, deployed, deployed
		}, ""},
		{"failed without times", func(d *Deployment) { d.Failed = true }, ""},
		{"restored without failed_at", func(d *Deployment) {
			d.Failed, d.RestoredAt = true, deployed.Add(time.Minute)
		}, ""},
		{"no deploy time", func(d *Deployment) { d.DeployedAt = time.Time{} },
			`deployment row 7 (change "MR-7"): deployed_at: is required`},
		{"commit after deploy", func(d *Deployment) { d.FirstCommitAt = deployed.Add(time.Hour) },
			`deployment row 7 (change "MR-7"): first_commit_at: "2026-03-02T13:00:00Z" is after deployed_at (2026-03-02T12:00:00Z): a change is committed before it is deployed`},
		{"failed_at on a success", func(d *Deployment) { d.FailedAt = deployed },
			`deployment row 7 (change "MR-7"): failed_at: "2026-03-02T12:00:00Z" is given for a deployment not marked failed (mark it failed, or leave failed_at empty)`},
		{"restored_at on a success", func(d *Deployment) { d.RestoredAt = deployed },
			`deployment row 7 (change "MR-7"): restored_at: "2026-03-02T12:00:00Z" is given for a deployment not marked failed (mark it failed, or leave restored_at empty)`},
		{"failed before deploy", func(d *Deployment) { d.Failed, d.FailedAt = true, deployed.Add(-time.Hour) },
			`deployment row 7 (change "MR-7"): failed_at: "2026-03-02T11:00:00Z" is before deployed_at (2026-03-02T12:00:00Z): a deployment fails after it is deployed`},
		{"restored before failed", func(d *Deployment) {
			d.Failed, d.FailedAt, d.RestoredAt = true, deployed.Add(2*time.Hour), deployed.Add(time.Hour)
		}, `deployment row 7 (change "MR-7"): restored_at: "2026-03-02T13:00:00Z" is before failed_at (2026-03-02T14:00:00Z): service is restored after it fails`},
		{"restored before deploy", func(d *Deployment) {
			d.Failed, d.RestoredAt = true, deployed.Add(-time.Hour)
		}, `deployment row 7 (change "MR-7"): restored_at: "2026-03-02T11:00:00Z" is before deployed_at (2026-03-02T12:00:00Z): service is restored after it fails`},
	}
	for _, tt := range tests {
		d := ok
		tt.edit(&d)
		err := d.Validate(7)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("%s: error = %v\nwant %s", tt.name, err, tt.want)
		case tt.want != "" && !errors.Is(err, ErrInvalid):
			t.Errorf("%s: error does not wrap ErrInvalid", tt.name)
		}
	}
	// Without a row or change the message still names the field.
	err := Deployment{}.Validate(0)
	if err == nil || err.Error() != "deployment: deployed_at: is required" {
		t.Errorf("Validate(0) of an empty record = %v", err)
	}
}

// drWeek is the worked example of DORA's doc comment: four deployments from
// Monday 2026-03-02 to Friday 2026-03-06.
//
//	A  03-02 12:00  commit 10 h before
//	B  03-03 12:00  commit 20 h before
//	C  03-04 12:00  commit 30 h before; failed at its deploy, restored 2 h later
//	D  03-06 12:00  no commit time; failed, not restored
func drWeek() []Deployment {
	at := func(s string) time.Time { return drAt(s) }
	return []Deployment{
		{ChangeID: "A", DeployedAt: at("2026-03-02T12:00:00Z"), FirstCommitAt: at("2026-03-02T02:00:00Z")},
		{ChangeID: "B", DeployedAt: at("2026-03-03T12:00:00Z"), FirstCommitAt: at("2026-03-02T16:00:00Z")},
		{ChangeID: "C", DeployedAt: at("2026-03-04T12:00:00Z"), FirstCommitAt: at("2026-03-03T06:00:00Z"),
			Failed: true, RestoredAt: at("2026-03-04T14:00:00Z")},
		{ChangeID: "D", DeployedAt: at("2026-03-06T12:00:00Z"), Failed: true},
	}
}

func TestDORA(t *testing.T) {
	day := func(s string) time.Time { return kzDay(s) }
	tests := []struct {
		name     string
		records  []Deployment
		from, to time.Time
		want     DORASummary
		bands    DORABands
	}{
		{
			// 4 deployments / 5 days = 0.8 a day; lead 10, 20, 30: median 20,
			// p85 h = 1.7: 20 + 0.7 x 10 = 27; failed 2 / 4 = 0.5; restore 2 h.
			name: "worked example, window from the records", records: drWeek(),
			want: DORASummary{From: day("2026-03-02"), To: day("2026-03-06"), Days: 5, Deployments: 4, Failed: 2,
				DeploysPerDay: drF(0.8), LeadTimeChanges: 3, LeadTimeMedianHours: drF(20), LeadTimeP85Hours: drF(27),
				ChangeFailureRate: drF(0.5), Restored: 1, TimeToRestoreMedianHours: drF(2)},
			// 0.8 a day is at least weekly, not several a day: high; 20 h < 1 day:
			// elite; 50% > 15%: low; 2 h < 1 day: high.
			bands: DORABands{BandHigh, BandElite, BandLow, BandHigh},
		},
		{
			// A 10-day window around the same week: 4 / 10 = 0.4 a day.
			name: "a wider given window", records: drWeek(), from: day("2026-03-01"), to: day("2026-03-10"),
			want: DORASummary{From: day("2026-03-01"), To: day("2026-03-10"), Days: 10, Deployments: 4, Failed: 2,
				DeploysPerDay: drF(0.4), LeadTimeChanges: 3, LeadTimeMedianHours: drF(20), LeadTimeP85Hours: drF(27),
				ChangeFailureRate: drF(0.5), Restored: 1, TimeToRestoreMedianHours: drF(2)},
			bands: DORABands{BandHigh, BandElite, BandLow, BandHigh},
		},
		{
			// Only 03-03 and 03-04: B and C; A and D are left out. Lead 20, 30:
			// median 25, p85 h = 0.85: 20 + 0.85 x 10 = 28.5; 1 failed of 2.
			name: "a narrower given window", records: drWeek(), from: day("2026-03-03"), to: day("2026-03-04"),
			want: DORASummary{From: day("2026-03-03"), To: day("2026-03-04"), Days: 2, Deployments: 2, Outside: 2, Failed: 1,
				DeploysPerDay: drF(1), LeadTimeChanges: 2, LeadTimeMedianHours: drF(25), LeadTimeP85Hours: drF(28.5),
				ChangeFailureRate: drF(0.5), Restored: 1, TimeToRestoreMedianHours: drF(2)},
			bands: DORABands{BandHigh, BandHigh, BandLow, BandHigh},
		},
		{
			// Only from: the window ends on the last deployment day, 03-06.
			name: "from given, to from the records", records: drWeek(), from: day("2026-03-04"),
			want: DORASummary{From: day("2026-03-04"), To: day("2026-03-06"), Days: 3, Deployments: 2, Outside: 2, Failed: 2,
				DeploysPerDay: drF(2.0 / 3), LeadTimeChanges: 1, LeadTimeMedianHours: drF(30), LeadTimeP85Hours: drF(30),
				ChangeFailureRate: drF(1), Restored: 1, TimeToRestoreMedianHours: drF(2)},
			bands: DORABands{BandHigh, BandHigh, BandLow, BandHigh},
		},
		{
			name: "nothing", want: DORASummary{},
		},
		{
			// No deployments in 10 days: a frequency of 0 (low); the rest has
			// nothing to measure.
			name: "a window without deployments", from: day("2026-03-01"), to: day("2026-03-10"),
			want:  DORASummary{From: day("2026-03-01"), To: day("2026-03-10"), Days: 10, DeploysPerDay: drF(0)},
			bands: DORABands{DeploymentFrequency: BandLow},
		},
		{
			name: "only from, no deployments", from: day("2026-03-01"),
			want:  DORASummary{From: day("2026-03-01"), To: day("2026-03-01"), Days: 1, DeploysPerDay: drF(0)},
			bands: DORABands{DeploymentFrequency: BandLow},
		},
		{
			// Two deployments a day apart, none failed and no commit times: a
			// failure rate of 0 (elite), no lead time, no restore time.
			name: "no commits, no failures",
			records: []Deployment{
				{DeployedAt: drAt("2026-03-02T09:00:00Z")}, {DeployedAt: drAt("2026-03-02T15:00:00Z")},
				{DeployedAt: drAt("2026-03-02T17:00:00Z")},
			},
			want: DORASummary{From: day("2026-03-02"), To: day("2026-03-02"), Days: 1, Deployments: 3,
				DeploysPerDay: drF(3), ChangeFailureRate: drF(0)},
			bands: DORABands{DeploymentFrequency: BandElite, ChangeFailureRate: BandElite},
		},
		{
			// failed_at 1 h after the deploy, restored 3.5 h after it: 2.5 h.
			// A commit after its deploy and a restore before its failure are
			// left out of their samples.
			name: "failed_at starts the restore; inconsistent records are left out",
			records: []Deployment{
				{DeployedAt: drAt("2026-03-02T09:00:00Z"), Failed: true,
					FailedAt: drAt("2026-03-02T10:00:00Z"), RestoredAt: drAt("2026-03-02T12:30:00Z")},
				{DeployedAt: drAt("2026-03-02T09:00:00Z"), FirstCommitAt: drAt("2026-03-02T10:00:00Z"), Failed: true,
					FailedAt: drAt("2026-03-02T10:00:00Z"), RestoredAt: drAt("2026-03-02T09:30:00Z")},
			},
			want: DORASummary{From: day("2026-03-02"), To: day("2026-03-02"), Days: 1, Deployments: 2, Failed: 2,
				DeploysPerDay: drF(2), ChangeFailureRate: drF(1), Restored: 1, TimeToRestoreMedianHours: drF(2.5)},
			bands: DORABands{DeploymentFrequency: BandElite, ChangeFailureRate: BandLow, TimeToRestore: BandHigh},
		},
	}
	for _, tt := range tests {
		got, err := DORA(tt.records, tt.from, tt.to)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		drCheckSummary(t, tt.name, got, tt.want)
		if b := got.Bands(); b != tt.bands {
			t.Errorf("%s: bands = %+v, want %+v", tt.name, b, tt.bands)
		}
	}
}

func drCheckSummary(t *testing.T, name string, got, want DORASummary) {
	t.Helper()
	if !got.From.Equal(want.From) || !got.To.Equal(want.To) || got.Days != want.Days ||
		got.Deployments != want.Deployments || got.Outside != want.Outside || got.Failed != want.Failed ||
		got.LeadTimeChanges != want.LeadTimeChanges || got.Restored != want.Restored {
		t.Errorf("%s: window %s..%s (%d days), %d deployments, %d outside, %d failed, %d changes, %d restored;\n"+
			"want %s..%s (%d days), %d, %d, %d, %d, %d", name,
			got.From.Format(DateLayout), got.To.Format(DateLayout), got.Days, got.Deployments, got.Outside, got.Failed,
			got.LeadTimeChanges, got.Restored, want.From.Format(DateLayout), want.To.Format(DateLayout), want.Days,
			want.Deployments, want.Outside, want.Failed, want.LeadTimeChanges, want.Restored)
	}
	for _, f := range []struct {
		name      string
		got, want *float64
	}{
		{"deploys per day", got.DeploysPerDay, want.DeploysPerDay},
		{"lead time median", got.LeadTimeMedianHours, want.LeadTimeMedianHours},
		{"lead time p85", got.LeadTimeP85Hours, want.LeadTimeP85Hours},
		{"change failure rate", got.ChangeFailureRate, want.ChangeFailureRate},
		{"time to restore median", got.TimeToRestoreMedianHours, want.TimeToRestoreMedianHours},
	} {
		if !drNearPtr(f.got, f.want) {
			t.Errorf("%s: %s = %s, want %s", name, f.name, drFmt(f.got), drFmt(f.want))
		}
	}
}

func TestDORADayIsTheRecordsOwnDay(t *testing.T) {
	// 23:30 at -05:00 on 2 March is 04:30 UTC on 3 March: it counts on 2 March.
	// 00:30 at +01:00 on 3 March is 23:30 UTC on 2 March: it counts on 3 March.
	late := Deployment{ChangeID: "late", DeployedAt: drAt("2026-03-02T23:30:00-05:00")}
	early := Deployment{ChangeID: "early", DeployedAt: drAt("2026-03-03T00:30:00+01:00")}
	s, err := DORA([]Deployment{late, early}, kzDay("2026-03-02"), kzDay("2026-03-02"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Deployments != 1 || s.Outside != 1 {
		t.Errorf("2 March holds %d deployments (%d outside), want 1 (the late one) and 1", s.Deployments, s.Outside)
	}
	s, _ = DORA([]Deployment{late, early}, time.Time{}, time.Time{})
	if s.From.Format(DateLayout) != "2026-03-02" || s.To.Format(DateLayout) != "2026-03-03" || s.Days != 2 {
		t.Errorf("window from the records = %s..%s (%d days), want 2026-03-02..2026-03-03 (2)",
			s.From.Format(DateLayout), s.To.Format(DateLayout), s.Days)
	}
}

func TestDORAWindowErrors(t *testing.T) {
	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     string
	}{
		{"from after to", kzDay("2026-03-05"), kzDay("2026-03-01"),
			`DORA window: from: "2026-03-05" is after the window's last day 2026-03-01`},
		{"from after every deployment", kzDay("2026-03-07"), time.Time{},
			`DORA window: from: "2026-03-07" is after the last deployment day 2026-03-06: no deployment is in the window`},
		{"to before every deployment", time.Time{}, kzDay("2026-03-01"),
			`DORA window: to: "2026-03-01" is before the first deployment day 2026-03-02: no deployment is in the window`},
	} {
		_, err := DORA(drWeek(), tt.from, tt.to)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v, want %q wrapping ErrInvalid", tt.name, err, tt.want)
		}
	}
}

func TestDORABandThresholds(t *testing.T) {
	// The 2023 report's levels read as thresholds (see DeploymentFrequencyBand
	// and its neighbours); each boundary value and its neighbours.
	for _, tt := range []struct {
		key  string
		band func(float64) DORABand
		v    float64
		want DORABand
	}{
		{"frequency", DeploymentFrequencyBand, 2, BandElite},
		{"frequency", DeploymentFrequencyBand, 1, BandHigh}, // once a day opens high's range
		{"frequency", DeploymentFrequencyBand, 1.0 / 7, BandHigh},
		{"frequency", DeploymentFrequencyBand, 4.0 / 28, BandHigh}, // 4 in 4 weeks is weekly
		{"frequency", DeploymentFrequencyBand, 0.14, BandMedium},   // just under weekly
		{"frequency", DeploymentFrequencyBand, 1.0 / 30, BandMedium},
		{"frequency", DeploymentFrequencyBand, 0.03, BandLow},
		{"frequency", DeploymentFrequencyBand, 0, BandLow},
		{"lead time", LeadTimeBand, 0, BandElite},
		{"lead time", LeadTimeBand, 23.99, BandElite},
		{"lead time", LeadTimeBand, 24, BandHigh},
		{"lead time", LeadTimeBand, 168, BandHigh},
		{"lead time", LeadTimeBand, 168.01, BandMedium},
		{"lead time", LeadTimeBand, 720, BandMedium},
		{"lead time", LeadTimeBand, 720.01, BandLow},
		{"failure rate", ChangeFailureRateBand, 0, BandElite},
		{"failure rate", ChangeFailureRateBand, 0.05, BandElite},
		{"failure rate", ChangeFailureRateBand, 1.0 / 19, BandHigh},
		{"failure rate", ChangeFailureRateBand, 1.0 / 10, BandHigh},
		{"failure rate", ChangeFailureRateBand, 3.0 / 20, BandMedium},
		{"failure rate", ChangeFailureRateBand, 0.16, BandLow},
		{"failure rate", ChangeFailureRateBand, 1, BandLow},
		{"restore", TimeToRestoreBand, 0.5, BandElite},
		{"restore", TimeToRestoreBand, 1, BandHigh},
		{"restore", TimeToRestoreBand, 23.9, BandHigh},
		{"restore", TimeToRestoreBand, 24, BandMedium},
		{"restore", TimeToRestoreBand, 168, BandMedium},
		{"restore", TimeToRestoreBand, 169, BandLow},
	} {
		if got := tt.band(tt.v); got != tt.want {
			t.Errorf("%s band of %v = %s, want %s", tt.key, tt.v, got, tt.want)
		}
	}
}

func TestDORASummaryDerived(t *testing.T) {
	s, _ := DORA(drWeek(), time.Time{}, time.Time{})
	if w := s.DeploysPerWeek(); w == nil || math.Abs(*w-5.6) > 1e-9 { // 0.8 x 7
		t.Errorf("DeploysPerWeek = %s, want 5.6", drFmt(w))
	}
	if (DORASummary{}).DeploysPerWeek() != nil || !(DORASummary{}).IsZero() || s.IsZero() {
		t.Error("an empty summary has a weekly frequency or a full one is zero")
	}
	c := s.Clone()
	*c.LeadTimeMedianHours = 99
	if *s.LeadTimeMedianHours == 99 {
		t.Error("Clone shares the lead time with the original")
	}
	if err := s.Validate(); err != nil {
		t.Errorf("a computed summary does not validate: %v", err)
	}
}

func TestDORASummaryValidate(t *testing.T) {
	ok := func() DORASummary { s, _ := DORA(drWeek(), time.Time{}, time.Time{}); return s }
	for _, tt := range []struct {
		name string
		edit func(s *DORASummary)
		want string
	}{
		{"negative deployments", func(s *DORASummary) { s.Deployments = -1 }, `DORA figures: deployments: "-1" cannot be negative`},
		{"failed above deployments", func(s *DORASummary) { s.Failed = 5 }, `DORA figures: failed: "5" is more than the 4 deployments`},
		{"samples above deployments", func(s *DORASummary) { s.LeadTimeChanges = 5 }, `DORA figures: lead time changes: "5" is more than the 4 deployments`},
		{"restored above failed", func(s *DORASummary) { s.Restored = 3 }, `DORA figures: restored: "3" is more than the 2 failed deployments`},
		{"half a window", func(s *DORASummary) { s.To = time.Time{} }, `DORA figures: window: needs both its first and its last day`},
		{"reversed window", func(s *DORASummary) { s.From = kzDay("2026-03-09") }, `DORA figures: window: "2026-03-09" starts after its last day 2026-03-06`},
		{"days off", func(s *DORASummary) { s.Days = 4 }, `DORA figures: days: "4" do not match the window 2026-03-02..2026-03-06 (5 days)`},
		{"days without window", func(s *DORASummary) { s.From, s.To = time.Time{}, time.Time{} }, `DORA figures: days: "5" are given without a window`},
		{"NaN lead time", func(s *DORASummary) { s.LeadTimeMedianHours = drF(math.NaN()) }, `DORA figures: lead time median: "NaN" must be a finite number of 0 or more`},
		{"rate above 1", func(s *DORASummary) { s.ChangeFailureRate = drF(1.5) }, `DORA figures: change failure rate: "1.5" must be at most 1 (100%)`},
	} {
		s := ok()
		tt.edit(&s)
		err := s.Validate()
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v, want %q wrapping ErrInvalid", tt.name, err, tt.want)
		}
	}
}

func TestCivilDayIsDayNumber(t *testing.T) {
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("", -12*3600), time.FixedZone("", 14*3600),
		time.FixedZone("", 5*3600+45*60), time.FixedZone("", -3*3600-30*60)}
	if ny, err := time.LoadLocation("America/New_York"); err == nil {
		zones = append(zones, ny)
	}
	for _, z := range zones {
		for _, at := range []string{"1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1900-03-01T12:00:00Z",
			"2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z", "2026-11-01T05:30:00Z", "2099-12-31T23:59:59Z"} {
			tm := drAt(at).In(z)
			if got, want := civilDay(tm), dayNumber(tm); got != want {
				t.Errorf("civilDay(%v) = %d, dayNumber %d", tm, got, want)
			}
		}
	}
}
