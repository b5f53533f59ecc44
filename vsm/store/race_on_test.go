//go:build race

package store

// raceDetector: the race detector slows bbolt and JSON about tenfold, so the
// randomized tests run fewer rounds under it.
const raceDetector = true
