package vsm

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The -update flag refreshes golden files. It is defined here only when no
// other test file of the package has defined it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/")
	}
}

func kzUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// kzFullMap is a map with every field of the kaizen, measurement, learning-log
// and future-state parts set, in UTC so that decoded times compare equal.
func kzFullMap(t *testing.T) *Map {
	t.Helper()
	m := kzMap()
	m.Description = "every field set"
	m.Calendar = Calendar{HoursPerDay: 7.5, DaysPerWeek: 4}
	m.DemandPerDay = kzF(2)
	m.Created = time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)
	m.Updated = time.Date(2026, 3, 2, 17, 30, 15, 123456789, time.UTC)
	m.Stages[1].Queue = kzF(6)
	m.Stages[1].Waste = []Waste{WasteManualTesting, WasteHandoffs}
	m.Stages[1].Notes = "manual regression suite"
	m.Stages[2].ProcessHours = 1.0 / 3

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := m.AddLearning(LearningEntry{
		Title: "Release blocked by flaky suite", Date: time.Date(2026, 1, 4, 16, 0, 0, 0, time.UTC),
		Stages: []string{"Test", "Deploy"}, WhatHappened: "The suite failed 3 times in a row on timeouts.",
		Impact:  Impact{HoursLost: 12.5, ItemsAffected: 4, Description: "release slipped a day"},
		Factors: []Factor{FactorTooling, FactorEnvironment}, WentWell: "rollback took 5 minutes",
		Learned: "timeouts hide slow test data setup",
	})
	must(err)
	_, err = m.AddKaizen(Kaizen{
		Title: "Automate regression tests", Stage: "Test", Waste: WasteManualTesting,
		Hypothesis: "if we automate the regression suite, Test's wait falls from 4d to 4h",
		Effect:     Effect{WaitHours: kzF(4), ProcessHours: kzF(2), CompleteAccurate: kzF(0.9), People: kzF(1.5)},
		Team:       "QA", Status: KaizenPlanned, Created: kzDay("2026-01-05"),
		Result: "Test wait fell to 1d", Learning: "test data setup was the real wait",
		LearningID: []string{"l1"},
	})
	must(err)
	_, err = m.AddKaizen(Kaizen{Title: "Team charter", Status: KaizenIdea})
	must(err)
	must(m.SetKaizenStatus("k1", KaizenInProgress, kzDay("2026-01-20")))
	must(m.SetKaizenStatus("k1", KaizenDone, time.Date(2026, 2, 2, 11, 0, 0, 0, time.UTC)))
	_, err = m.AddLearning(LearningEntry{Title: "Empty entry", Date: kzDay("2026-02-10")})
	must(err)

	x := MeasurementOf(m, kzDay("2026-01-05"), "app")
	_, _, err = m.AddMeasurement(x)
	must(err)
	x = MeasurementOf(m, kzDay("2026-02-03"), "stages-feb.xlsx")
	x.Calendar = Calendar{HoursPerDay: 8, DaysPerWeek: 5}
	x.DemandPerDay = nil
	x.Stages[1].WaitHours = 8
	x.Stages[1].Queue = nil
	_, _, err = m.AddMeasurement(x)
	must(err)

	f, err := FutureState(m, []string{"k1"})
	must(err)
	f.Stages = append(f.Stages, Stage{Name: "Feedback", Team: "Product", WaitHours: 8, ProcessHours: 1, CompleteAccurate: 1, People: 1})
	m.Future = f
	must(m.Validate())
	return m
}

func TestMapFileKaizenRoundTrip(t *testing.T) {
	m := kzFullMap(t)
	data, err := EncodeMapFile(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeMapFile(data)
	if err != nil {
		t.Fatalf("DecodeMapFile: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("round trip changed the map:\n got %#v\nwant %#v", back, m)
	}
	again, err := EncodeMapFile(back)
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("encoding is not stable across a round trip: %v", err)
	}

	golden := filepath.Join("testdata", "kaizen.flowmap.json")
	if kzUpdate() {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./vsm -run TestMapFileKaizenRoundTrip -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("EncodeMapFile differs from %s (field names are a contract; run with -update only for an intended change):\n%s", golden, data)
	}
	// The golden file reads back into the same map, so files written before
	// any later change of the code still load.
	if fromGolden, err := DecodeMapFile(want); err != nil || !reflect.DeepEqual(fromGolden, m) {
		t.Errorf("golden file decodes to a different map: %v", err)
	}
}

func TestMapFileKaizenKeys(t *testing.T) {
	// The snake_case names other tools read; these are never renamed.
	data, err := EncodeMapFile(kzFullMap(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		var out []string
		for k := range v.(map[string]any) {
			out = append(out, k)
		}
		return out
	}
	has := func(where string, obj any, want ...string) {
		t.Helper()
		got := keys(obj)
		for _, w := range want {
			if !strings.Contains(" "+strings.Join(got, " ")+" ", " "+w+" ") {
				t.Errorf("%s has no %q (keys %q)", where, w, got)
			}
		}
	}
	has("file", doc, "kaizen", "measurements", "learning_log", "future_state")
	k := doc["kaizen"].([]any)[0]
	has("kaizen", k, "id", "title", "stage", "waste", "hypothesis", "effect", "team", "status", "created",
		"status_changes", "result", "learning", "learning_entries")
	has("kaizen effect", k.(map[string]any)["effect"], "wait_hours", "process_hours", "complete_accurate", "people")
	has("status change", k.(map[string]any)["status_changes"].([]any)[0], "status", "date")
	has("measurement", doc["measurements"].([]any)[0], "id", "date", "source", "calendar", "demand_per_day", "stages")
	e := doc["learning_log"].([]any)[0]
	has("learning entry", e, "id", "date", "title", "stages", "what_happened", "impact", "contributing_factors",
		"went_well", "learned", "follow_ups")
	has("impact", e.(map[string]any)["impact"], "hours_lost", "items_affected", "description")
	has("future state", doc["future_state"], "name", "description", "calendar", "demand_per_day", "stages")
	if got := k.(map[string]any)["created"]; got != "2026-01-05T00:00:00Z" {
		t.Errorf("created = %v, want RFC 3339 2026-01-05T00:00:00Z", got)
	}
}

func TestMapFileWithoutImprovements(t *testing.T) {
	// A map without kaizen writes none of the new keys, so the foundation's
	// files and this one's look alike, and reads back with nil lists.
	m := kzMap()
	data, err := EncodeMapFile(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"kaizen", "measurements", "learning_log", "future_state"} {
		if strings.Contains(string(data), `"`+key+`"`) {
			t.Errorf("file of a map without improvements has %q", key)
		}
	}
	back, err := DecodeMapFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Kaizen != nil || back.Measurements != nil || back.Learning != nil || back.Future != nil {
		t.Errorf("decoded lists are not nil: %+v", back)
	}
}

func TestMapFileKaizenOffsetsAndForgivingInput(t *testing.T) {
	// A hand-written file: bare dates, statuses and wastes as people write
	// them, no IDs, a measurement without its own calendar, an offset time.
	data := `{"format": "flowmap/1", "name": "Hand made", "calendar": {"hours_per_day": 6, "days_per_week": 5},
	  "stages": [{"name": "Test", "wait_hours": 32, "process_hours": 8}],
	  "kaizen": [{"title": "Automate", "stage": "Test", "waste": "Manual testing", "status": "In progress",
	              "created": "2026-01-05", "status_changes": [{"status": "In Progress", "date": "2026-01-06T23:30:00+01:00"}],
	              "effect": {"wait_hours": 4}},
	             {"id": "k1", "title": "Other", "status": "idea"}],
	  "measurements": [{"date": "2026-01-05", "demand_per_day": null, "stages": [{"name": "Test", "wait_hours": 30, "process_hours": 8}]}],
	  "learning_log": [{"date": "2026-01-04", "title": "Flaky", "contributing_factors": ["Tooling"], "impact": {"hours_lost": 0, "items_affected": 0}}]}`
	m, err := DecodeMapFile([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	k := m.Kaizen[0]
	if k.ID != "k2" || m.Kaizen[1].ID != "k1" || k.Status != KaizenInProgress || k.Waste != WasteManualTesting ||
		!k.Created.Equal(kzDay("2026-01-05")) || *k.Effect.WaitHours != 4 || k.Effect.ProcessHours != nil {
		t.Errorf("kaizen = %+v", k)
	}
	change := k.Changes[0].Date
	if _, off := change.Zone(); off != 3600 || change.Format(DateLayout) != "2026-01-06" || change.UTC().Format(DateLayout) != "2026-01-06" {
		t.Errorf("offset date = %v, want 2026-01-06 23:30 +01:00", change)
	}
	x := m.Measurements[0]
	if x.ID != "m1" || x.Calendar != m.Calendar || x.Stages[0].CompleteAccurate != 1 || x.Stages[0].People != 1 {
		t.Errorf("measurement = %+v", x)
	}
	if e := m.Learning[0]; e.ID != "l1" || !reflect.DeepEqual(e.Factors, []Factor{FactorTooling}) {
		t.Errorf("learning entry = %+v", e)
	}

	// Offsets survive a round trip as the same instant in the same offset.
	out, err := EncodeMapFile(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeMapFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Kaizen[0].Changes[0].Date
	if _, off := got.Zone(); !got.Equal(change) || off != 3600 {
		t.Errorf("offset date after a round trip = %v, want %v", got, change)
	}
}

func TestMapFileKaizenErrors(t *testing.T) {
	const head = `{"format": "flowmap/1", "name": "N", "calendar": {"hours_per_day": 8, "days_per_week": 5},
	  "stages": [{"name": "Test", "wait_hours": 32, "process_hours": 8}], `
	tests := []struct {
		name, body, want string
	}{
		{"kaizen status", `"kaizen": [{"title": "Automate", "status": "doing"}]}`,
			`kaizen 1 "Automate": status: "doing" is not a status (one of idea, planned, in-progress, done, dropped)`},
		{"kaizen waste", `"kaizen": [{"title": "Automate", "status": "idea", "waste": "meetings"}]}`,
			`kaizen 1 "Automate": waste: "meetings" is not a waste type`},
		{"kaizen created", `"kaizen": [{"title": "Automate", "status": "idea", "created": "2026-13-01"}]}`,
			`kaizen 1 "Automate": created: "2026-13-01" is not a date`},
		{"status change date", `"kaizen": [{"title": "A", "status": "idea", "status_changes": [{"status": "idea", "date": "yesterday"}]}]}`,
			`kaizen 1 "A": status change 1 date: "yesterday" is not a date`},
		{"status change status", `"kaizen": [{"title": "A", "status": "idea", "status_changes": [{"status": "started", "date": "2026-01-01"}]}]}`,
			`kaizen 1 "A": status change 1: "started" is not a status`},
		{"kaizen effect", `"kaizen": [{"id": "k1", "title": "A", "status": "idea"}, {"id": "k2", "title": "B", "stage": "Test", "status": "idea", "effect": {"complete_accurate": 2}}]}`,
			`kaizen 2 "B": effect complete & accurate: "2" must be above 0% and at most 100%`},
		{"kaizen title", `"kaizen": [{"status": "idea"}]}`, `kaizen 1: title: is required`},
		{"duplicate kaizen id", `"kaizen": [{"id": "k1", "title": "A", "status": "idea"}, {"id": "k1", "title": "B", "status": "idea"}]}`,
			`kaizen 2 "B": id: "k1" is used by an earlier kaizen`},
		{"kaizen link", `"kaizen": [{"id": "k1", "title": "A", "status": "idea", "learning_entries": ["l7"]}]}`,
			`kaizen 1 "A": learning entries: "l7" is not an entry of the learning log`},
		{"measurement date", `"measurements": [{"date": "05.01.2026", "stages": []}]}`,
			`measurement 1: date: "05.01.2026" is not a date`},
		{"measurement without date", `"measurements": [{"stages": []}]}`, `measurement 1: date: is required`},
		{"measurement stage", `"measurements": [{"date": "2026-01-05", "stages": [{"name": "Test", "wait_hours": -1, "process_hours": 8}]}]}`,
			`measurement 1 "2026-01-05": stage 1 "Test": wait: "-1" cannot be negative`},
		{"measurement calendar", `"measurements": [{"date": "2026-01-05", "calendar": {"hours_per_day": 30, "days_per_week": 5}, "stages": []}]}`,
			`measurement 1 "2026-01-05": hours per day: "30" must be more than 0 and at most 24`},
		{"measurements on one day", `"measurements": [{"date": "2026-01-05", "stages": []}, {"date": "2026-01-05T15:00:00Z", "stages": []}]}`,
			`measurement 2 "2026-01-05": date: is the same day as the measurement before it`},
		{"learning factor", `"learning_log": [{"date": "2026-01-05", "title": "Outage", "contributing_factors": ["Bob"], "impact": {"hours_lost": 0, "items_affected": 0}}]}`,
			`learning-log entry 1 "Outage": contributing factor: "Bob" is not a system category`},
		{"learning date", `"learning_log": [{"date": "", "title": "Outage", "impact": {"hours_lost": 0, "items_affected": 0}}]}`,
			`learning-log entry 1 "Outage": date: is required`},
		{"learning impact", `"learning_log": [{"date": "2026-01-05", "title": "Outage", "impact": {"hours_lost": -3, "items_affected": 0}}]}`,
			`learning-log entry 1 "Outage": impact hours lost: "-3" cannot be negative`},
		{"learning follow-up", `"learning_log": [{"date": "2026-01-05", "title": "Outage", "follow_ups": ["k4"], "impact": {"hours_lost": 0, "items_affected": 0}}]}`,
			`learning-log entry 1 "Outage": follow-ups: "k4" is not a kaizen item of this map`},
		{"future stage", `"future_state": {"name": "Future", "stages": [{"name": "Test", "wait_hours": 1, "process_hours": 1, "people": 0}]}}`,
			`future state "Future": stage 1 "Test": people: "0" must be more than 0`},
		{"future name", `"future_state": {"name": "", "stages": []}}`, `future state: name: is required`},
	}
	for _, tt := range tests {
		_, err := DecodeMapFile([]byte(head + tt.body))
		if err == nil || err.Error() != tt.want && !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error\n  %v\nwant\n  %s", tt.name, err, tt.want)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v does not wrap ErrInvalid", tt.name, err)
		}
	}

	// A JSON type error is the map file's, with its line.
	_, err := DecodeMapFile([]byte(head + "\n" + `"kaizen": {"title": "A"}}`))
	if !errors.Is(err, ErrMapFile) || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("kaizen as an object: %v", err)
	}
}

func TestCloneCopiesFuture(t *testing.T) {
	m := kzFullMap(t)
	c := m.Clone()
	if !reflect.DeepEqual(c, m) {
		t.Fatal("clone differs")
	}
	c.Future.Stages[0].WaitHours = 99
	c.Kaizen[0].Effect.WaitHours = kzF(99)
	c.Measurements[0].Stages[0].Waste = append(c.Measurements[0].Stages[0].Waste, WasteRework)
	if m.Future.Stages[0].WaitHours == 99 || *m.Kaizen[0].Effect.WaitHours == 99 || len(m.Measurements[0].Stages[0].Waste) != 0 {
		t.Errorf("clone shares memory with the original")
	}
}

func TestMapFileKaizenCoversEveryField(t *testing.T) {
	// The map file must carry every field of these types, or a round trip
	// silently drops data. When a type gains a field, carry it in
	// mapfile_ext.go (and kzFullMap), then update the count here.
	for _, tt := range []struct {
		v      any
		fields int
	}{
		{Kaizen{}, 15}, {Effect{}, 4}, {StatusChange{}, 2}, {Measurement{}, 7},
		{LearningEntry{}, 11}, {Impact{}, 3}, {Stage{}, 19}, {MeasuredTimes{}, 3}, {Estimate{}, 3}, {Rework{}, 2},
		{TimelineEvent{}, 2}, {DORASummary{}, 13},
	} {
		typ := reflect.TypeOf(tt.v)
		if typ.NumField() != tt.fields {
			t.Errorf("%s has %d fields, the map file codec knows %d", typ.Name(), typ.NumField(), tt.fields)
		}
	}
}

func TestMeasurementCodecRoundTrip(t *testing.T) {
	m := ExampleMap()
	x := MeasurementOf(m, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), "events: march.csv")
	x.ID = "m7"
	data, err := EncodeMeasurement(x)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeMeasurement(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, x) {
		t.Errorf("round trip changed the measurement:\n got %+v\nwant %+v", back, x)
	}
	if _, err := DecodeMeasurement([]byte(`{"id":"m1","date":"yesterday","stages":[]}`)); err == nil {
		t.Error("a measurement dated \"yesterday\" decoded")
	}
}
