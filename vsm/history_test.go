package vsm

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// kzHistoryMap is kzMap with four measurements and a done kaizen:
//
//	M1 2026-01-05  the stages of kzMap: lead 80, process 24, wait 56, fe 0.3, rca 0.4, rework 126
//	M2 2026-01-19  Code wait 16 -> 8:
//	               lead 16+40+16 = 72, process 24, wait 8+32+8 = 48, fe 24/72 = 1/3,
//	               rca 0.4, rework 16/0.8 + 40/0.5 + 16 = 20+80+16 = 116
//	kaizen k1 "Automate regression" (Test wait -> 4, process -> 2) done 2026-02-02
//	M3 2026-02-02  and Test wait 32 -> 8, process 8 -> 4 (it did less than hoped):
//	               lead 16+12+16 = 44, process 8+4+8 = 20, wait 8+8+8 = 24, fe 20/44,
//	               rca 0.4, rework 20 + 12/0.5 + 16 = 60;
//	               capacity Code 2x8x0.8/8 = 1.6, Test 1x8x0.5/4 = 1, Deploy 1: min 1
//	M4 2026-03-02  and Deploy wait 8 -> 0: lead 36
//
// Realized effect of k1 = M3 - M2 (M2 is the last before 2026-02-02, M3 the
// first on or after it): lead 44-72 = -28, process 20-24 = -4,
// wait 24-48 = -24, fe 20/44 - 1/3, rca 0, rework 60-116 = -56, capacity 1-0.5 = +0.5.
// Expected effect of k1 on the current map (kzMap): lead -34 (see TestExpectedEffect).
func kzHistoryMap(t *testing.T) *Map {
	t.Helper()
	m := kzMap()
	k, err := m.AddKaizen(Kaizen{Title: "Automate regression", Stage: "Test", Waste: WasteManualTesting,
		Effect: Effect{WaitHours: kzF(4), ProcessHours: kzF(2)}, Status: KaizenPlanned, Created: kzDay("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	snap := func(date string, edit func(s []Stage)) {
		t.Helper()
		x := MeasurementOf(m, kzDay(date), "app")
		edit(x.Stages)
		if _, _, err := m.AddMeasurement(x); err != nil {
			t.Fatal(err)
		}
	}
	snap("2026-01-05", func([]Stage) {})
	snap("2026-01-19", func(s []Stage) { s[0].WaitHours = 8 })
	if err := m.SetKaizenStatus(k.ID, KaizenInProgress, kzDay("2026-01-20")); err != nil {
		t.Fatal(err)
	}
	if err := m.SetKaizenStatus(k.ID, KaizenDone, kzDay("2026-02-02")); err != nil {
		t.Fatal(err)
	}
	snap("2026-03-02", func(s []Stage) { s[0].WaitHours = 8; s[1].WaitHours = 8; s[1].ProcessHours = 4; s[2].WaitHours = 0 })
	snap("2026-02-02", func(s []Stage) { s[0].WaitHours = 8; s[1].WaitHours = 8; s[1].ProcessHours = 4 })
	return m
}

func TestHistory(t *testing.T) {
	m := kzHistoryMap(t)
	type row struct {
		id, date    string
		lead, fe    float64
		rca, rework float64
	}
	want := []row{
		{"m1", "2026-01-05", 80, 0.3, 0.4, 126},
		{"m2", "2026-01-19", 72, 24.0 / 72, 0.4, 116},
		{"m4", "2026-02-02", 44, 20.0 / 44, 0.4, 60}, // added last, stored in date order
		// M4: lead 16+12+8 = 36, process 20, rework 16/0.8 + 12/0.5 + 8/1 = 20+24+8 = 52
		{"m3", "2026-03-02", 36, 20.0 / 36, 0.4, 52},
	}
	got := History(m)
	if len(got) != len(want) {
		t.Fatalf("History has %d points, want %d", len(got), len(want))
	}
	for i, w := range want {
		p := got[i]
		if p.MeasurementID != w.id || p.Date.Format(DateLayout) != w.date || p.Source != "app" ||
			!kzNear(p.Totals.LeadHours, w.lead) || !kzNear(*p.Totals.FlowEfficiency, w.fe) ||
			!kzNear(p.Totals.RolledCompleteAccurate, w.rca) || !kzNear(p.Totals.ReworkAdjustedLeadHours, w.rework) {
			t.Errorf("point %d = %s %s lead %v fe %v rca %v rework %v; want %+v", i, p.MeasurementID, p.Date.Format(DateLayout),
				p.Totals.LeadHours, *p.Totals.FlowEfficiency, p.Totals.RolledCompleteAccurate, p.Totals.ReworkAdjustedLeadHours, w)
		}
	}
	if err := m.Validate(); err != nil {
		t.Errorf("history map does not validate: %v", err)
	}
	if got := History(NewMap("empty")); got == nil || len(got) != 0 {
		t.Errorf("History of a map without measurements = %#v, want empty", got)
	}
}

func TestRealizedEffect(t *testing.T) {
	m := kzHistoryMap(t)
	k := m.Kaizen[0]
	got, ok := RealizedEffect(m, k)
	if !ok {
		t.Fatal("RealizedEffect: not realized")
	}
	kzCheckDelta(t, "RealizedEffect", *got, TotalsDelta{LeadHours: -28, ProcessHours: -4, WaitHours: -24,
		FlowEfficiency: kzF(20.0/44 - 1.0/3), ReworkAdjustedLeadHours: -56, CapacityPerDay: kzF(0.5)})
	before, after, _ := RealizedMeasurements(m, k)
	if before.ID != "m2" || after.ID != "m4" {
		t.Errorf("RealizedMeasurements = %s, %s; want m2 (2026-01-19), m4 (2026-02-02)", before.ID, after.ID)
	}
	exp, _ := ExpectedEffect(m, k)
	if exp.LeadHours != -34 {
		t.Errorf("expected lead change %v, want -34", exp.LeadHours)
	}
}

func TestRealizedEffectBoundaries(t *testing.T) {
	// Measurements are compared with the done date by calendar day: one on the
	// done day is "after", one the day before is "before".
	mk := func(done string, days ...string) *Map {
		m := kzMap()
		k := Kaizen{ID: "k1", Title: "x", Status: KaizenDone}
		if done != "" {
			k.Changes = []StatusChange{{KaizenDone, kzDay(done)}}
		} else {
			k.Status = KaizenInProgress
		}
		m.Kaizen = []Kaizen{k}
		for i, d := range days {
			x := MeasurementOf(m, kzDay(d), "")
			x.ID = fmt.Sprintf("m%d", i+1)
			x.Stages[0].WaitHours = float64(i) // lead 80 + i - 16
			m.Measurements = append(m.Measurements, x)
		}
		return m
	}
	tests := []struct {
		name      string
		m         *Map
		ok        bool
		leadDelta float64
	}{
		{"not done", mk("", "2026-01-01", "2026-03-01"), false, 0},
		{"nothing before", mk("2026-02-01", "2026-02-01", "2026-03-01"), false, 0},
		{"nothing after", mk("2026-02-01", "2026-01-01", "2026-01-31"), false, 0},
		// Day before (wait 0) and done day (wait 1): 1 - 0.
		{"day before and done day", mk("2026-02-01", "2026-01-31", "2026-02-01"), true, 1},
		// Last before is 2026-01-20 (wait 1), first after 2026-02-05 (wait 2), not 2026-03-01 (wait 3).
		{"nearest pair", mk("2026-02-01", "2026-01-01", "2026-01-20", "2026-02-05", "2026-03-01"), true, 1},
		// Stored out of order: sorted by day, the pair is 2026-01-20 (wait 2) and 2026-02-05 (wait 0).
		{"unsorted", mk("2026-02-01", "2026-02-05", "2026-01-01", "2026-01-20"), true, -2},
	}
	for _, tt := range tests {
		got, ok := RealizedEffect(tt.m, tt.m.Kaizen[0])
		if ok != tt.ok || (ok != (got != nil)) || (ok && !kzNear(got.LeadHours, tt.leadDelta)) {
			t.Errorf("%s: RealizedEffect = %v, %v; want ok %v, lead change %v", tt.name, got, ok, tt.ok, tt.leadDelta)
		}
	}

	// A done time late in the day and a measurement early on the same day:
	// the same day, so the measurement is after.
	m := mk("2026-01-01", "2026-01-31")
	m.Kaizen[0].Changes[0].Date = time.Date(2026, 2, 1, 23, 0, 0, 0, time.FixedZone("CET", 3600))
	x := MeasurementOf(m, time.Date(2026, 2, 1, 0, 30, 0, 0, time.FixedZone("CET", 3600)), "")
	x.ID = "late"
	m.Measurements = append(m.Measurements, x)
	if _, after, ok := RealizedMeasurements(m, m.Kaizen[0]); !ok || after.ID != "late" {
		t.Errorf("same-day measurement at 00:30 is not after a 23:00 done time")
	}
}

func TestAddMeasurement(t *testing.T) {
	m := kzMap()
	add := func(date string, wait float64, id string) (Measurement, bool) {
		t.Helper()
		x := MeasurementOf(m, kzDay(date), "sheet.xlsx")
		x.ID = id
		x.Stages[0].WaitHours = wait
		got, replaced, err := m.AddMeasurement(x)
		if err != nil {
			t.Fatal(err)
		}
		return got, replaced
	}
	add("2026-02-01", 1, "")
	add("2026-01-01", 2, "")
	if got, replaced := add("2026-01-15", 3, "mine"); got.ID != "mine" || replaced {
		t.Errorf("AddMeasurement kept id %q, replaced %v", got.ID, replaced)
	}
	// Same day at another time: replaces, keeps the old ID.
	x := MeasurementOf(m, kzDay("2026-02-01").Add(15*time.Hour), "app")
	got, replaced, err := m.AddMeasurement(x)
	if err != nil || !replaced || got.ID != "m1" {
		t.Errorf("same-day AddMeasurement = %s, %v, %v; want m1 replaced", got.ID, replaced, err)
	}
	var ids []string
	for _, x := range m.Measurements {
		ids = append(ids, x.ID+"@"+x.Date.Format(DateLayout)+"/"+x.Source)
	}
	want := []string{"m2@2026-01-01/sheet.xlsx", "mine@2026-01-15/sheet.xlsx", "m1@2026-02-01/app"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("measurements %q, want %q", ids, want)
	}
	if m.Measurements[2].Stages[0].WaitHours != 16 {
		t.Errorf("replacing measurement kept the old stage values")
	}
	if _, _, err := m.AddMeasurement(Measurement{ID: "mine", Date: kzDay("2026-03-01"), Calendar: DefaultCalendar()}); !errors.Is(err, ErrInvalid) {
		t.Errorf("duplicate ID: %v", err)
	}

	bad := MeasurementOf(m, kzDay("2026-03-01"), "")
	bad.Stages[1].WaitHours = -1
	_, _, err = m.AddMeasurement(bad)
	var fe *FieldError
	if !errors.Is(err, ErrInvalid) || !errors.As(err, &fe) || fe.Stage != "Test" ||
		!strings.Contains(err.Error(), `measurement "2026-03-01": stage 2 "Test": wait: "-1" cannot be negative`) {
		t.Errorf("bad stage: %v", err)
	}
	if _, _, err := m.AddMeasurement(Measurement{Calendar: DefaultCalendar()}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "date: is required") {
		t.Errorf("no date: %v", err)
	}
	if len(m.Measurements) != 3 {
		t.Errorf("failed adds changed the list: %d", len(m.Measurements))
	}
	if err := m.RemoveMeasurement("mine"); err != nil || len(m.Measurements) != 2 {
		t.Errorf("RemoveMeasurement: %v, %d left", err, len(m.Measurements))
	}
	if err := m.RemoveMeasurement("mine"); !errors.Is(err, ErrInvalid) {
		t.Errorf("RemoveMeasurement of a missing one: %v", err)
	}
}

func TestMeasurementOfIsADeepCopy(t *testing.T) {
	m := kzMap()
	m.DemandPerDay = kzF(2)
	m.Stages[0].Queue = kzF(4)
	m.Stages[0].Waste = []Waste{WasteHandoffs}
	x := MeasurementOf(m, kzDay("2026-01-05"), "app")
	*m.DemandPerDay = 3
	*m.Stages[0].Queue = 9
	m.Stages[0].Waste[0] = WasteRework
	m.Stages[0].WaitHours = 99
	if *x.DemandPerDay != 2 || *x.Stages[0].Queue != 4 || x.Stages[0].Waste[0] != WasteHandoffs || x.Stages[0].WaitHours != 16 {
		t.Errorf("MeasurementOf shares memory with the map: %+v", x)
	}
	// Totals use the measurement's own demand: Little's law needs it.
	x.Stages[0].WaitHours = 0 // Code's wait now comes from its queue: 4 items / 2 a day x 8 h = 16 h
	if got := MeasurementTotals(x).LeadHours; !kzNear(got, 80) {
		t.Errorf("MeasurementTotals lead = %v, want 80 (Little's law with the measurement's demand)", got)
	}
}

func TestValidateMeasurementOrder(t *testing.T) {
	m := kzMap()
	a := MeasurementOf(m, kzDay("2026-01-05"), "")
	a.ID = "m1"
	b := MeasurementOf(m, kzDay("2026-01-05").Add(3*time.Hour), "")
	b.ID = "m2"
	m.Measurements = []Measurement{a, b}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), `measurement 2 "2026-01-05": date: is the same day`) {
		t.Errorf("two on one day: %v", err)
	}
	b.Date = kzDay("2026-01-04")
	m.Measurements = []Measurement{a, b}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "earlier than the measurement before it") {
		t.Errorf("out of order: %v", err)
	}
	b.Date = kzDay("2026-01-06")
	b.ID = "m1"
	m.Measurements = []Measurement{a, b}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), `id: "m1" is used by an earlier measurement`) {
		t.Errorf("duplicate id: %v", err)
	}
}

func TestCompletions(t *testing.T) {
	m := kzMap()
	m.Kaizen = []Kaizen{
		{ID: "k1", Title: "Late", Status: KaizenDone, Changes: []StatusChange{{KaizenDone, kzDay("2026-03-01")}}},
		{ID: "k2", Title: "Open", Status: KaizenPlanned},
		{ID: "k3", Title: "Early", Stage: "Test", Status: KaizenDone, Changes: []StatusChange{{KaizenDone, kzDay("2026-01-01")}}},
	}
	got := Completions(m)
	want := []Completion{{"k3", "Early", "Test", kzDay("2026-01-01")}, {"k1", "Late", "", kzDay("2026-03-01")}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Completions = %+v, want %+v", got, want)
	}
}

func TestDaysBetween(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		a, b time.Time
		want int
	}{
		{kzDay("2026-01-01"), kzDay("2026-01-01").Add(23 * time.Hour), 0},
		{kzDay("2026-01-01"), kzDay("2026-03-01"), 59}, // 31 + 28
		{kzDay("2024-01-01"), kzDay("2024-03-01"), 60}, // leap year: 31 + 29
		{kzDay("2026-03-01"), kzDay("2026-01-01"), -59},
		// 23:30 in UTC on 1 Jan is 00:30 on 2 Jan in CET: each is read in its own zone.
		{time.Date(2026, 1, 1, 23, 30, 0, 0, time.UTC), time.Date(2026, 1, 2, 0, 30, 0, 0, cet), 1},
	}
	for _, tt := range tests {
		if got := DaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("DaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestExpectationBase(t *testing.T) {
	m := kzHistoryMap(t) // k1 done 2026-02-02; measured 01-05, 01-19, 02-02, 03-02
	k1 := m.Kaizen[0]
	base, x := ExpectationBase(m, k1)
	// The last measurement of a day before the done day: 2026-01-19 (M2),
	// not 2026-02-02, which is the done day itself.
	if x == nil || x.ID != "m2" || base.Stages[0].WaitHours != 8 {
		t.Errorf("done kaizen: base %v, measurement %+v; want m2 (Code waits 8)", base.Stages, x)
	}
	open := k1.Clone()
	open.Status, open.Changes = KaizenInProgress, nil
	if base, x := ExpectationBase(m, open); base != m || x != nil {
		t.Errorf("open kaizen: %v, %+v; want the current map", base.Name, x)
	}
	late := m.Clone()
	late.Measurements = late.Measurements[2:] // only 02-02 and 03-02: none before the done day
	if base, x := ExpectationBase(late, late.Kaizen[0]); base != late || x != nil {
		t.Errorf("done kaizen measured only afterwards: %v, %+v; want the current map", base.Name, x)
	}
}
