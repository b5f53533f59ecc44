package vsm

import (
	"math"
	"testing"
)

// The quantiles the event-log statistics and the distribution view take of
// per-item hours, computed by hand with h = (n-1)p and
// q = x[floor h] + (h - floor h) x (x[floor h + 1] - x[floor h]).
func TestQuantileOfItemHours(t *testing.T) {
	for _, tt := range []struct {
		x    []float64
		p    float64
		want float64
	}{
		{[]float64{2, 4, 9}, 0, 2},
		{[]float64{2, 4, 9}, 0.25, 3},   // h = 0.5: 2 + 0.5 x (4 - 2)
		{[]float64{2, 4, 9}, 0.5, 4},    // h = 1: x[1]
		{[]float64{2, 4, 9}, 0.95, 8.5}, // h = 1.9: 4 + 0.9 x (9 - 4)
		{[]float64{2, 4, 9}, 1, 9},
		{[]float64{6, 8, 15}, 0.85, 12.9},     // h = 1.7: 8 + 0.7 x (15 - 8); Dev's work in the interval sample
		{[]float64{1, 3, 3, 8}, 0.85, 5.75},   // h = 2.55: 3 + 0.55 x (8 - 3)
		{[]float64{0, 0, 0, 0, 40}, 0.85, 16}, // h = 3.4: 0 + 0.4 x (40 - 0); many zero waits
		{[]float64{0, 0, 0, 0, 40}, 0.5, 0},   // h = 2: x[2]
	} {
		got, ok := Quantile(tt.x, tt.p)
		if !ok || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Quantile(%v, %v) = %v, %v; want %v", tt.x, tt.p, got, ok, tt.want)
		}
	}
}
