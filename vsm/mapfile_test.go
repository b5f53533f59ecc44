package vsm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMapFileRoundTrip(t *testing.T) {
	m := ExampleMap()
	m.Created = time.Date(2026, 11, 1, 9, 30, 0, 123456789, time.UTC)
	m.Updated = time.Date(2026, 11, 22, 17, 5, 0, 0, time.FixedZone("CET", 3600))
	m.Stages[3].ProcessHours = 1.0 / 3 // a float that decimal text must carry exactly
	data, err := EncodeMapFile(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"format": "flowmap/2"`) {
		t.Fatalf("no format field in:\n%s", data)
	}
	back, err := DecodeMapFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Created.Equal(m.Created) || !back.Updated.Equal(m.Updated) {
		t.Errorf("times %v %v, want %v %v", back.Created, back.Updated, m.Created, m.Updated)
	}
	back.Created, back.Updated, m.Created, m.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("round trip changed the map:\n got %+v\nwant %+v", back, m)
	}
	again, _ := EncodeMapFile(back)
	m2, _ := DecodeMapFile(again)
	if again2, _ := EncodeMapFile(m2); string(again2) != string(again) {
		t.Error("encoding is not stable across round trips")
	}
}

func TestMapFileDefaults(t *testing.T) {
	// A hand-written file may leave out CA and people: they default to 1.
	m, err := DecodeMapFile([]byte(`{"format":"flowmap/1","name":"N","calendar":{"hours_per_day":7,"days_per_week":4},
		"stages":[{"name":"Only","wait_hours":2,"process_hours":1}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s := m.Stages[0]
	if s.CompleteAccurate != 1 || s.People != 1 || s.Queue != nil || m.Calendar.HoursPerDay != 7 {
		t.Errorf("defaults: %+v, calendar %+v", s, m.Calendar)
	}
}

func TestMapFileErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"missing format", `{"name":"x"}`, `not a Flowmap map file: it has no "format" field (expected "flowmap/2")`},
		{"wrong format", `{"format":"drawio","name":"x"}`, `not a Flowmap map file: format is "drawio", expected "flowmap/2"`},
		{"unknown version", `{"format":"flowmap/3","name":"x"}`, `not a Flowmap map file: format "flowmap/3" is a version this Flowmap does not know (it reads "flowmap/1" and "flowmap/2"); update Flowmap`},
		{"malformed", "{\n\"format\": \"flowmap/1\",\n\"name\": \"x\" \"y\"}", `not a Flowmap map file: malformed JSON at line 3: invalid character '"' after object key:value pair`},
		{"wrong type", "{\"format\":\"flowmap/1\",\n\"name\":\"x\",\"stages\":[{\"name\":\"a\",\"wait_hours\":\"2d\"}]}", `not a Flowmap map file: line 2: field "stages.wait_hours" should be a float64, not a JSON string`},
		{"invalid value", `{"format":"flowmap/1","name":"x","calendar":{"hours_per_day":8,"days_per_week":5},"stages":[{"name":"a","complete_accurate":1.5}]}`, `stage 1 "a": complete & accurate: "1.5" must be above 0% and at most 100%`},
		{"empty", ``, `not a Flowmap map file: malformed JSON at line 1: unexpected end of JSON input`},
	}
	for _, tt := range tests {
		_, err := DecodeMapFile([]byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error = %v\nwant %s", tt.name, err, tt.want)
		}
		if err != nil && !errors.Is(err, ErrMapFile) && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error wraps neither ErrMapFile nor ErrInvalid", tt.name)
		}
	}
}
