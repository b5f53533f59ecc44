package vsm

import "math"

// MaxBins is the most bins HistogramBins makes.
const MaxBins = 40

// HistogramBins counts ascending values in equal bins. The width is the
// Freedman-Diaconis rule, 2 x IQR / n^(1/3) (wide enough that each bin holds
// a steady count, narrow enough to show the shape), rounded up to a round
// number of hours (1, 2, 2.5 or 5 x a power of ten), and widened to the next
// round number while the bins would be more than MaxBins (a long tail); the
// first bin starts at a multiple of the width at or below the smallest value,
// the last one holds the largest. Values all alike make one bin from that
// value to itself; no values make none. The counts add up to len(sorted).
func HistogramBins(sorted []float64) []HistogramBin {
	n := len(sorted)
	if n == 0 {
		return nil
	}
	lo, hi := sorted[0], sorted[n-1]
	if hi <= lo {
		return []HistogramBin{{FromHours: lo, ToHours: hi, Count: n}}
	}
	iqr := quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)
	w := 2 * iqr / detExp(detLog(float64(n))/3)
	if !(w > 0) {
		w = (hi - lo) / MaxBins
	}
	w = roundUpNice(w)
	var from float64
	var bins int
	for {
		from = float64(math.Floor(lo/w) * w)
		bins = int(math.Floor((hi-from)/w)) + 1
		if bins <= MaxBins {
			break
		}
		w = roundUpNice(float64(w * 1.000001))
	}
	out := make([]HistogramBin, bins)
	for k := range out {
		out[k] = HistogramBin{FromHours: from + float64(float64(k)*w), ToHours: from + float64(float64(k+1)*w)}
	}
	for _, v := range sorted {
		k := int((v - from) / w)
		out[min(max(k, 0), bins-1)].Count++
	}
	return out
}

// roundUpNice is the smallest of 1, 2, 2.5 and 5 x 10^k that is >= x > 0.
func roundUpNice(x float64) float64 {
	p := 1.0
	for p > x {
		p /= 10
	}
	for float64(p*10) <= x {
		p *= 10
	}
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if float64(f*p) >= x {
			return f * p
		}
	}
	return 10 * p
}
