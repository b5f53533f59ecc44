package vsm

import (
	"fmt"
	"math"
	"slices"
)

// MaxQuantiles is how many points an Empirical keeps at most: every sample up
// to 101 of them, else the 101 percentiles 0%, 1%, ..., 100%. That is about
// a kilobyte per stage in the map file, and the forecast's percentiles of
// the whole lead time move by well under 1% against keeping every sample.
const MaxQuantiles = 101

// Empirical is a measured distribution kept small enough to live in a map:
// the values at the evenly spaced probabilities 0, 1/(n-1), ..., 1 of the
// samples (Quantiles, ascending, n >= 2; one value means a constant).
//
// With n samples or fewer the points are the sorted samples themselves (the
// k-th smallest of n samples is the quantile k/(n-1) under linear
// interpolation, quantile_cont), so nothing is lost. Drawing from it (the
// forecast) inverts the piecewise-linear distribution through the points: a
// uniform u in [0, 1) falls at h = u x (n-1), between points floor(h) and
// floor(h)+1, and takes the value interpolated between them. Every draw is
// within the measured range; the mean of the draws is the mean of the
// trapezoids, (q_0/2 + q_1 + ... + q_{n-2} + q_{n-1}/2) / (n-1).
type Empirical struct {
	Quantiles []float64
}

// NewEmpirical keeps the distribution of samples (working hours, or any
// values of 0 or more). It does not change samples. It is an error (wrapping
// ErrInvalid) when there is no sample or one is negative, NaN or infinite.
func NewEmpirical(samples []float64) (Empirical, error) {
	if len(samples) == 0 {
		return Empirical{}, fmt.Errorf("an empirical distribution needs at least one sample: %w", ErrInvalid)
	}
	s := slices.Clone(samples)
	for i, v := range s {
		if r := checkHours(v); r != "" {
			return Empirical{}, fmt.Errorf("sample %d %q %s: %w", i+1, fmtValue(v), r, ErrInvalid)
		}
	}
	slices.Sort(s)
	if len(s) <= MaxQuantiles {
		return Empirical{Quantiles: s}, nil
	}
	q := make([]float64, MaxQuantiles)
	for k := range q {
		q[k] = quantileSorted(s, float64(k)/float64(MaxQuantiles-1))
	}
	return Empirical{Quantiles: q}, nil
}

// IsZero reports whether the distribution holds no points (unknown).
func (e Empirical) IsZero() bool { return len(e.Quantiles) == 0 }

// Quantile is the value at probability p in [0, 1] (linear between points);
// 0 for an empty distribution.
func (e Empirical) Quantile(p float64) float64 {
	return quantileSorted(e.Quantiles, p)
}

// Mean is the mean of the piecewise-linear distribution (see Empirical).
func (e Empirical) Mean() float64 {
	q := e.Quantiles
	switch len(q) {
	case 0:
		return 0
	case 1:
		return q[0]
	}
	sum := (q[0] + q[len(q)-1]) / 2
	for _, v := range q[1 : len(q)-1] {
		sum += v
	}
	return sum / float64(len(q)-1)
}

// check is "" when the points are finite, 0 or more and ascending.
func (e Empirical) check() string {
	for i, v := range e.Quantiles {
		if r := checkHours(v); r != "" {
			return fmt.Sprintf("point %d %q %s", i+1, fmtValue(v), r)
		}
		if i > 0 && v < e.Quantiles[i-1] {
			return fmt.Sprintf("points must be in ascending order (point %d is below point %d)", i+1, i)
		}
	}
	return ""
}

// quantileSorted is the quantile p of ascending values with linear
// interpolation between ranks (quantile_cont, as the events statistics):
// h = p x (n-1), value = s[floor(h)] + (h - floor(h)) x (s[floor(h)+1] - s[floor(h)]).
func quantileSorted(s []float64, p float64) float64 {
	n := len(s)
	switch {
	case n == 0:
		return 0
	case n == 1 || p <= 0:
		return s[0]
	case p >= 1:
		return s[n-1]
	}
	h := float64(p * float64(n-1)) // rounded here, never fused with the subtraction below (forecast_math.go)
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return s[n-1]
	}
	return s[lo] + float64((h-float64(lo))*(s[lo+1]-s[lo]))
}
