package vsm

import (
	"fmt"
	"testing"
)

// kzBenchMap is a large map: 50 stages, 200 kaizen items, 100 measurements
// and 300 learning-log entries.
func kzBenchMap(b *testing.B) *Map {
	b.Helper()
	m := NewMap("bench")
	for i := range 50 {
		m.Stages = append(m.Stages, Stage{Name: fmt.Sprintf("S%d", i), WaitHours: float64(i%7) * 8, ProcessHours: float64(i%5 + 1),
			CompleteAccurate: 0.9, People: 2, Waste: []Waste{WasteWaiting}})
	}
	start := kzDay("2025-01-01")
	for i := range 200 {
		if _, err := m.AddKaizen(Kaizen{Title: fmt.Sprintf("K%d", i), Stage: fmt.Sprintf("S%d", i%50),
			Effect: Effect{WaitHours: kzF(float64(i % 4)), People: kzF(3)}, Created: start}); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 100 {
		if _, _, err := m.AddMeasurement(MeasurementOf(m, start.AddDate(0, 0, 7*i), "bench")); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 300 {
		if _, err := m.AddLearning(LearningEntry{Title: fmt.Sprintf("L%d", i), Date: start.AddDate(0, 0, i),
			Stages: []string{fmt.Sprintf("S%d", i%50)}, Factors: []Factor{Factors[i%len(Factors)]}}); err != nil {
			b.Fatal(err)
		}
	}
	return m
}

func BenchmarkBacklog(b *testing.B) {
	m := kzBenchMap(b)
	b.ResetTimer()
	for b.Loop() {
		Backlog(m)
	}
}

func BenchmarkHistory(b *testing.B) {
	m := kzBenchMap(b)
	b.ResetTimer()
	for b.Loop() {
		History(m)
	}
}

func BenchmarkRecurrences(b *testing.B) {
	m := kzBenchMap(b)
	e := m.Learning[len(m.Learning)-1]
	b.ResetTimer()
	for b.Loop() {
		Recurrences(m, e)
	}
}

func BenchmarkBlameHints(b *testing.B) {
	text := "During the release the pipeline stalled because Alice forgot to rotate the token; " +
		"the on-call engineer should have seen the alert, but the alert went to an old channel. " +
		"Nobody was careless: the runbook pointed at the default channel."
	people := []string{"Alice", "Bob", "Dev", "QA", "Ops"}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		BlameHints(text, people)
	}
}

func BenchmarkMapFileRoundTripWithHistory(b *testing.B) {
	m := kzBenchMap(b)
	b.ResetTimer()
	for b.Loop() {
		data, err := EncodeMapFile(m)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := DecodeMapFile(data); err != nil {
			b.Fatal(err)
		}
	}
}
