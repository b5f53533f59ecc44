package vsm

import "math"

// Quantile is the p-quantile (0 <= p <= 1) of values sorted in ascending
// order, with linear interpolation between ranks: quantile_cont in SQL
// engines, the rule the event-log statistics use for their median and 85th
// percentile. For n sorted values x and h = (n-1)p,
//
//	q = x[floor h] + (h - floor h) x (x[floor h + 1] - x[floor h])
//
// Worked example, x = 1, 2, 4, 10: the median has h = 3 x 0.5 = 1.5, so
// q = 2 + 0.5 x (4 - 2) = 3; the 85th percentile has h = 3 x 0.85 = 2.55, so
// q = 4 + 0.55 x (10 - 4) = 7.3. One value is every quantile of itself.
//
// ok is false for no values (there is no quantile, and no NaN is made up). A p
// outside [0, 1] is taken as the nearer end. The values are not checked for
// order: unsorted input gives a meaningless number, never a panic.
func Quantile(sorted []float64, p float64) (q float64, ok bool) {
	n := len(sorted)
	if n == 0 {
		return 0, false
	}
	switch {
	case !(p > 0): // also NaN
		p = 0
	case p > 1:
		p = 1
	}
	h := float64(n-1) * p
	i := int(math.Floor(h))
	f := h - float64(i)
	q = sorted[i]
	if f > 0 && i+1 < n {
		q += f * (sorted[i+1] - sorted[i])
	}
	return q, true
}
