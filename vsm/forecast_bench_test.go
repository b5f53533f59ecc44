package vsm

import (
	"fmt"
	"testing"
	"time"
)

// reportCPU adds cpu-ns/op: the process's CPU time per operation since start,
// which a machine shared with other work inflates less than ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	if used := cpuTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// benchFlowMap is n stages with waits and work of several sizes, a branch of
// two lanes of two stages at stages 10-13, and the loops given as
// {from, to, probability}.
func benchFlowMap(n int, loops [][3]float64, branches int) *Map {
	m := NewMap("bench")
	for i := range n {
		s := NewStage(fmt.Sprintf("S%d", i))
		s.ID = fmt.Sprintf("s%d", i+1)
		s.WaitHours, s.ProcessHours = float64(i%17), float64(1+i%5)
		s.CompleteAccurate, s.People = 0.9+0.01*float64(i%10), float64(1+i%3)
		s.Automated = i%4 == 0
		m.Stages = append(m.Stages, s)
	}
	for b := range branches {
		first := 10 + 40*b
		for k, lane := range []int{1, 1, 2, 2} {
			m.Stages[first+k].Branch, m.Stages[first+k].Lane = fmt.Sprintf("b%d", b+1), lane
		}
	}
	for _, l := range loops {
		from, to := int(l[0]), int(l[1])
		m.Stages[from].Rework = append(m.Stages[from].Rework, Rework{To: m.Stages[to].ID, Probability: l[2]})
	}
	if err := m.Validate(); err != nil {
		panic(err)
	}
	return m
}

// The brief's map: 40 stages, two loops and a branch.
func bench40() *Map { return benchFlowMap(40, [][3]float64{{25, 5, 0.2}, {35, 30, 0.3}}, 1) }

func benchmarkForecast(b *testing.B, trials int) {
	m := bench40()
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		if _, err := ForecastLead(m, ForecastOptions{Trials: trials, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkForecast10kTrials40Stages(b *testing.B)  { benchmarkForecast(b, 10000) }
func BenchmarkForecast100kTrials40Stages(b *testing.B) { benchmarkForecast(b, 100000) }

func BenchmarkForecastItems(b *testing.B) {
	m := NewMap("throughput")
	for i := range 250 {
		m.Throughput = append(m.Throughput, float64(i%7))
	}
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		if _, err := ForecastItems(m, 200, start, ForecastOptions{Trials: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// Compute on 1,000 stages with 10 loops and 20 branches, beside
// BenchmarkCompute1000's straight line.
func BenchmarkComputeFlow1000(b *testing.B) {
	var loops [][3]float64
	for k := range 10 {
		loops = append(loops, [3]float64{float64(95 + 100*k), float64(5 + 100*k), 0.1})
	}
	m := benchFlowMap(1000, loops, 20)
	m.DemandPerDay = f(3)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		Compute(m)
	}
}
