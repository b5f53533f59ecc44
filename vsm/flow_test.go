package vsm

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// flowMap is Code -> Build -> [Test | Security] -> Deploy with Test -> Code
// at 20%: the map of issue 13's window check.
//
//	i  stage     id  wait PT  CA   branch lane
//	0  Code      s1   16   8  0.9
//	1  Build     s2    1   1  1
//	2  Test      s3    8   4  1    b1     1     rework -> s1 20%
//	3  Security  s4   24   2  1    b1     2
//	4  Deploy    s5    4   1  1
func flowMap() *Map {
	m := NewMap("flow")
	st := func(id, name string, wait, pt, ca float64) Stage {
		s := NewStage(name)
		s.ID, s.WaitHours, s.ProcessHours, s.CompleteAccurate = id, wait, pt, ca
		return s
	}
	m.Stages = []Stage{
		st("s1", "Code", 16, 8, 0.9),
		st("s2", "Build", 1, 1, 1),
		st("s3", "Test", 8, 4, 1),
		st("s4", "Security", 24, 2, 1),
		st("s5", "Deploy", 4, 1, 1),
	}
	m.Stages[2].Branch, m.Stages[2].Lane = "b1", 1
	m.Stages[3].Branch, m.Stages[3].Lane = "b1", 2
	m.Stages[2].Rework = []Rework{{To: "s1", Probability: 0.2}}
	return m
}

func TestValidateFlow(t *testing.T) {
	tests := []struct {
		name string
		edit func(m *Map)
		want string
	}{
		{"valid", func(*Map) {}, ""},
		{"self loop", func(m *Map) { m.Stages[4].Rework = []Rework{{To: "s5", Probability: 0.1}} }, ""},
		{"from after the branch into a lane", func(m *Map) { m.Stages[4].Rework = []Rework{{To: "s4", Probability: 0.1}} }, ""},
		{"duplicate id", func(m *Map) { m.Stages[4].ID = "s2" }, `stage 5 "Deploy": id: "s2" is the ID of stage 2 "Build" too`},
		{"id with space", func(m *Map) { m.Stages[0].ID = "s 1" }, `stage 1 "Code": id: "s 1" cannot contain spaces`},
		{"unknown target", func(m *Map) { m.Stages[2].Rework[0].To = "s9" }, `stage 3 "Test": rework 1: "s9" is not the ID of a stage of this map`},
		{"forward", func(m *Map) { m.Stages[1].Rework = []Rework{{To: "s5", Probability: 0.1}} },
			`stage 2 "Build": rework 1: "s5" points forward to stage 5 "Deploy": rework goes back to this stage or an earlier one`},
		{"across lanes", func(m *Map) { m.Stages[3].Rework = []Rework{{To: "s3", Probability: 0.1}} },
			`stage 4 "Security": rework 1: "s3" goes to stage 3 "Test", which runs beside this stage in another lane of the branch: rework goes back along the item's own path`},
		{"probability 0", func(m *Map) { m.Stages[2].Rework[0].Probability = 0 }, `stage 3 "Test": rework 1 probability: "0" must be above 0% and below 100%`},
		{"probability 1", func(m *Map) { m.Stages[2].Rework[0].Probability = 1 }, `stage 3 "Test": rework 1 probability: "1" must be above 0% and below 100%`},
		{"sum 100%", func(m *Map) {
			m.Stages[2].Rework = append(m.Stages[2].Rework, Rework{To: "s2", Probability: 0.8})
		}, `stage 3 "Test": rework: "100%" adds up to 100% or more: some items must go on to the next stage`},
		{"twice to one stage", func(m *Map) {
			m.Stages[2].Rework = append(m.Stages[2].Rework, Rework{To: "s1", Probability: 0.1})
		}, `stage 3 "Test": rework 2: "s1" goes back to stage 1 "Code" a second time (give one edge the sum)`},
		{"no target", func(m *Map) { m.Stages[2].Rework[0].To = "" }, `stage 3 "Test": rework 1: names no stage to go back to`},
		{"lane without branch", func(m *Map) { m.Stages[0].Lane = 2 }, `stage 1 "Code": lane: "2" is set on a stage that is in no parallel branch`},
		{"branch without lane", func(m *Map) { m.Stages[3].Lane = 0 }, `stage 4 "Security": lane: "0" must be 1 to 50 in branch "b1"`},
		{"split branch", func(m *Map) { m.Stages[4].Branch, m.Stages[4].Lane = "b1", 1 }, ""},
		{"split branch", func(m *Map) { m.Stages[0].Branch, m.Stages[0].Lane = "b1", 1; m.Stages[2].Rework = nil },
			`stage 3 "Test": branch: "b1" is split: stage 2 "Build" stands between its stages (a branch's stages stand together)`},
		{"batch", func(m *Map) { m.Stages[0].BatchSize = -1 }, `stage 1 "Code": batch size: "-1" cannot be negative`},
		{"wip", func(m *Map) { m.Stages[0].WIPLimit = -3 }, `stage 1 "Code": WIP limit: "-3" cannot be negative (0 is no limit)`},
		{"estimate order", func(m *Map) { m.Stages[0].ProcessEstimate = &Estimate{Min: 4, Likely: 2, Max: 8} },
			`stage 1 "Code": process estimate: "4 / 2 / 8" must be min <= likely <= max`},
		{"estimate negative", func(m *Map) { m.Stages[0].WaitEstimate = &Estimate{Min: -1, Likely: 2, Max: 8} },
			`stage 1 "Code": wait estimate: "-1" cannot be negative`},
		{"measured descending", func(m *Map) {
			m.Stages[0].Measured = &MeasuredTimes{Items: 2, Wait: Empirical{Quantiles: []float64{3, 1}}}
		}, `stage 1 "Code": measured wait: points must be in ascending order (point 2 is below point 1)`},
		{"throughput", func(m *Map) { m.Throughput = []float64{1, -2} }, `daily throughput: "-2" cannot be negative`},
	}
	for _, tt := range tests {
		m := flowMap()
		tt.edit(m)
		checkValidation(t, tt.name, m.Validate(), tt.want)
	}
}

// fullFlowMap is flowMap with every flow field set somewhere.
func fullFlowMap(t *testing.T) *Map {
	t.Helper()
	m := flowMap()
	m.Stages[0].BatchSize, m.Stages[0].WIPLimit = 5, 3
	m.Stages[1].Automated = true
	m.Stages[0].ProcessEstimate = &Estimate{Min: 4, Likely: 8, Max: 20}
	m.Stages[0].WaitEstimate = &Estimate{Min: 0, Likely: 8, Max: 40}
	wait, err := NewEmpirical([]float64{0, 1.5, 8, 16})
	if err != nil {
		t.Fatal(err)
	}
	work, _ := NewEmpirical([]float64{2, 3, 1.0 / 3})
	m.Stages[2].Measured = &MeasuredTimes{Items: 4, Wait: wait, Process: work}
	m.Throughput = []float64{3, 0, 5.5}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCloneCopiesFlow(t *testing.T) {
	m := fullFlowMap(t)
	c := m.Clone()
	if !reflect.DeepEqual(c, m) {
		t.Fatal("clone differs")
	}
	c.Stages[2].Rework[0].Probability = 0.5
	c.Stages[0].ProcessEstimate.Max = 99
	c.Stages[0].WaitEstimate.Max = 99
	c.Stages[2].Measured.Wait.Quantiles[0] = 99
	c.Stages[2].Measured.Process.Quantiles[0] = 99
	c.Throughput[0] = 99
	o := m.Stages
	if o[2].Rework[0].Probability != 0.2 || o[0].ProcessEstimate.Max != 20 || o[0].WaitEstimate.Max != 40 ||
		o[2].Measured.Wait.Quantiles[0] != 0 || o[2].Measured.Process.Quantiles[0] != 1.0/3 || m.Throughput[0] != 3 {
		t.Error("the clone shares flow fields with the original")
	}
	// Measurements and the future state carry the stages' flow too.
	x := MeasurementOf(m, kzDay("2026-05-04"), "app")
	if !reflect.DeepEqual(x.Stages, m.Stages) {
		t.Error("a measurement lost flow fields")
	}
	f, err := FutureState(m, nil)
	if err != nil || !reflect.DeepEqual(f.Stages, m.Stages) {
		t.Errorf("the future state lost flow fields: %v", err)
	}
}

func TestMapFileFlowRoundTrip(t *testing.T) {
	m := fullFlowMap(t)
	x := MeasurementOf(m, kzDay("2026-05-04"), "app")
	if _, _, err := m.AddMeasurement(x); err != nil {
		t.Fatal(err)
	}
	f, _ := FutureState(m, nil)
	m.Future = f
	data, err := EncodeMapFile(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"format": "flowmap/2"`, `"id": "s3"`, `"rework": [`, `"to": "s1"`, `"probability": 0.2`,
		`"branch": "b1"`, `"lane": 2`, `"batch_size": 5`, `"wip_limit": 3`, `"automated": true`,
		`"process_estimate": {`, `"wait_estimate": {`, `"likely": 8`, `"measured": {`, `"items": 4`,
		`"wait_hours": [`, `"process_hours": [`, `"daily_throughput": [`} {
		if !bytes.Contains(data, []byte(key)) {
			t.Errorf("the file has no %s", key)
		}
	}
	back, err := DecodeMapFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("round trip changed the map:\n got %+v\nwant %+v", back.Stages, m.Stages)
	}
	// A straight line writes no flow keys.
	plain, _ := EncodeMapFile(ExampleMap())
	for _, key := range []string{`"id"`, `"rework"`, `"branch"`, `"lane"`, `"batch_size"`, `"measured"`, `"daily_throughput"`} {
		if bytes.Contains(plain, []byte(key)) {
			t.Errorf("a straight-line map writes %s", key)
		}
	}
}

// A flowmap/1 file, as the foundation wrote it, reads into the same map.
func TestMapFileReadsVersion1(t *testing.T) {
	v1, err := os.ReadFile(filepath.Join("testdata", "kaizen.v1.flowmap.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(v1), `"format": "flowmap/1"`) {
		t.Fatal("the version 1 file is not version 1")
	}
	m, err := DecodeMapFile(v1)
	if err != nil {
		t.Fatal(err)
	}
	if want := kzFullMap(t); !reflect.DeepEqual(m, want) {
		t.Errorf("the version 1 file reads into another map")
	}
	again, _ := EncodeMapFile(m)
	if want := strings.Replace(string(v1), `"format": "flowmap/1"`, `"format": "flowmap/2"`, 1); string(again) != want {
		t.Errorf("a version 1 map writes as more than version 2 of the same content:\n%s", again)
	}
}
