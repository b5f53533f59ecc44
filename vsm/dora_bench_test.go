package vsm

import (
	"fmt"
	"testing"
	"time"
)

// drBenchRecords are n deployments over about a year: one every 5 minutes of
// wall clock on average, 80% with a first commit 1 to 200 hours before, 12%
// failed and most of those restored.
func drBenchRecords(n int) []Deployment {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600))
	out := make([]Deployment, n)
	for i := range out {
		at := start.Add(time.Duration(i) * 317 * time.Second)
		d := Deployment{DeployedAt: at, ChangeID: fmt.Sprintf("c%d", i)}
		if i%5 != 0 {
			d.FirstCommitAt = at.Add(-time.Duration(1+i%200) * time.Hour)
		}
		if i%25 < 3 {
			d.Failed = true
			if i%2 == 0 {
				d.FailedAt = at.Add(10 * time.Minute)
			}
			if i%7 != 0 {
				d.RestoredAt = at.Add(time.Duration(30+i%300) * time.Minute)
			}
		}
		out[i] = d
	}
	return out
}

// BenchmarkDORA100k is the summary's share of `flowmap-cli dora` on 100,000
// deployment rows (the file reader adds its own time).
func BenchmarkDORA100k(b *testing.B) {
	records := drBenchRecords(100_000)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		if _, err := DORA(records, time.Time{}, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateDeployments100k is the validation a reader runs on each row.
func BenchmarkValidateDeployments100k(b *testing.B) {
	records := drBenchRecords(100_000)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		for i, d := range records {
			if err := d.Validate(i + 2); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// drBenchMap40 is a 40-stage map with demand, queues and two or three waste
// tags on every stage: many countermeasures to measure.
func drBenchMap40() *Map {
	m := NewMap("forty")
	m.DemandPerDay = drF(3)
	for i := range 40 {
		s := Stage{Name: fmt.Sprintf("Stage %d", i+1), WaitHours: float64(i%9) * 4, ProcessHours: float64(i%6) + 0.5,
			CompleteAccurate: 0.7 + float64(i%4)*0.1, People: float64(i%3 + 1)}
		if i%5 == 0 {
			s.WaitHours, s.Queue = 0, drF(float64(i%7))
		}
		for j := range 2 + i%2 {
			s.Waste = append(s.Waste, WasteTypes[(i+3*j)%len(WasteTypes)])
		}
		m.Stages = append(m.Stages, s)
	}
	return m
}

func BenchmarkCountermeasures40(b *testing.B) {
	m := drBenchMap40()
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		Countermeasures(m)
	}
}
