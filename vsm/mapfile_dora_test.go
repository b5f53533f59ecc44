package vsm

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// drFullMap is kzFullMap with every field added for DORA and follow-ups: a
// kaizen's owner and due day, a learning-log entry's timeline and a
// measurement's DORA figures, all in UTC so decoded times compare equal.
func drFullMap(t *testing.T) *Map {
	t.Helper()
	m := kzFullMap(t)
	m.Kaizen[0].Owner = "Priya (QA lead)"
	m.Kaizen[0].Due = kzDay("2026-03-10")
	m.Learning[0].Timeline = []TimelineEvent{
		{At: time.Date(2026, 1, 4, 14, 5, 0, 0, time.UTC), What: "the suite failed on a timeout"},
		{At: time.Date(2026, 1, 4, 15, 40, 30, 0, time.UTC), What: "the release was stopped"},
	}
	s, err := DORA(drWeek(), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	m.Measurements[1].DORA = &s
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMapFileFollowUpAndDORAFieldsRoundTrip(t *testing.T) {
	m := drFullMap(t)
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
	if again, err := EncodeMapFile(back); err != nil || !bytes.Equal(again, data) {
		t.Errorf("encoding is not stable across a round trip: %v", err)
	}
	// The first measurement has no DORA figures and keeps none.
	if back.Measurements[0].DORA != nil {
		t.Error("a measurement without DORA figures came back with some")
	}
}

func TestMapFileFollowUpAndDORAKeys(t *testing.T) {
	// The snake_case names other tools read; these are never renamed.
	data, err := EncodeMapFile(drFullMap(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Kaizen       []map[string]any `json:"kaizen"`
		Measurements []map[string]any `json:"measurements"`
		Learning     []map[string]any `json:"learning_log"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if k := doc.Kaizen[0]; k["owner"] != "Priya (QA lead)" || k["due"] != "2026-03-10T00:00:00Z" {
		t.Errorf("kaizen owner, due = %v, %v", k["owner"], k["due"])
	}
	if _, ok := doc.Kaizen[1]["owner"]; ok {
		t.Error("a kaizen without an owner writes one")
	}
	tl, _ := doc.Learning[0]["timeline"].([]any)
	if len(tl) != 2 || tl[0].(map[string]any)["at"] != "2026-01-04T14:05:00Z" || tl[0].(map[string]any)["what"] != "the suite failed on a timeout" {
		t.Errorf("timeline = %v", doc.Learning[0]["timeline"])
	}
	if _, ok := doc.Measurements[0]["dora"]; ok {
		t.Error("a measurement without DORA figures writes a dora key")
	}
	dora, _ := doc.Measurements[1]["dora"].(map[string]any)
	for _, k := range []string{"from", "to", "days", "deployments", "failed", "deploys_per_day", "lead_time_changes",
		"lead_time_median_hours", "lead_time_p85_hours", "change_failure_rate", "restored", "time_to_restore_median_hours"} {
		if _, ok := dora[k]; !ok {
			t.Errorf("measurement dora has no %q (keys %v)", k, dora)
		}
	}
	if dora["from"] != "2026-03-02" || dora["to"] != "2026-03-06" || dora["lead_time_p85_hours"] != 27.0 {
		t.Errorf("dora from, to, p85 = %v, %v, %v; want 2026-03-02, 2026-03-06, 27", dora["from"], dora["to"], dora["lead_time_p85_hours"])
	}
}

func TestMeasurementWithDORACodec(t *testing.T) {
	// The store keeps measurements apart from their map (EncodeMeasurement):
	// the DORA figures travel with them, at full precision.
	s, _ := DORA(drWeek(), kzDay("2026-03-01"), kzDay("2026-03-07")) // 4 / 7 deploys a day
	x := MeasurementOf(kzMap(), kzDay("2026-03-07"), "dora: deploys.csv")
	x.ID, x.DORA = "m3", &s
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
	golden := filepath.Join("testdata", "dora-measurement.json")
	if kzUpdate() {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./vsm -run TestMeasurementWithDORACodec -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("EncodeMeasurement differs from %s (field names are a contract; -update only for an intended change):\n%s", golden, data)
	}
	if !strings.Contains(string(data), `"deploys_per_day":0.5714285714285714`) {
		t.Errorf("deploys per day is not written at full precision: %s", data)
	}
}

func TestMapFileFollowUpAndDORAErrors(t *testing.T) {
	good, err := EncodeMapFile(drFullMap(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"due not a date", `"due": "2026-03-10T00:00:00Z"`, `"due": "soon"`,
			`kaizen 1 "Automate regression tests": due: "soon" is not a date`},
		{"timeline time", `"at": "2026-01-04T15:40:30Z"`, `"at": "later"`,
			`learning-log entry 1 "Release blocked by flaky suite": timeline 2: "later" is not a date`},
		{"timeline text", `"what": "the release was stopped"`, `"what": " "`,
			`learning-log entry 1 "Release blocked by flaky suite": timeline 2: "2026-01-04T15:40:30Z" says nothing of what happened`},
		{"dora day", `"from": "2026-03-02"`, `"from": "March"`,
			`measurement 2 "2026-02-03T00:00:00Z": DORA figures: from: "March" is not a date`},
		{"dora figures", `"failed": 2`, `"failed": 9`,
			`measurement 2 "2026-02-03": DORA figures: failed: "9" is more than the 4 deployments`},
	} {
		data := strings.Replace(string(good), tt.old, tt.new, 1)
		if data == string(good) {
			t.Fatalf("%s: %q is not in the file", tt.name, tt.old)
		}
		_, err := DecodeMapFile([]byte(data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error = %v\nwant it to start with %q and wrap ErrInvalid", tt.name, err, tt.want)
		}
	}
}
