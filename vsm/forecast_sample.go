package vsm

import "math"

// DrawSource says where the forecast's draws of a stage's wait or process
// time come from.
type DrawSource string

// The sources, in the order the forecast prefers them.
const (
	DrawMeasured DrawSource = "measured"       // Stage.Measured: the measured per-item times
	DrawEstimate DrawSource = "three-point"    // Stage.WaitEstimate / ProcessEstimate: triangular
	DrawDefault  DrawSource = "default spread" // one known value, spread as below
	DrawNone     DrawSource = "none"           // 0 hours: nothing to spread
)

// The default spread, used when a stage has only its single wait or process
// value (the figure Compute uses, so the forecast's mean of a straight line
// without branches is Compute's rework-adjusted lead time):
//
//   - A wait is exponential with that mean. A queue's waiting time is the
//     textbook exponential (M/M/1: most items wait little, a few very long;
//     standard deviation = mean), and waits are where software delivery's
//     long right tail comes from. A fixed +-25% would promise that no item
//     ever waits 30% longer than typical, which every tracker disproves.
//   - Manual work is lognormal with that mean and a log-spread sigma of 0.5:
//     the median is mean x e^-0.125 = 0.88 x mean, and 90% of items take
//     between 0.39 and 2.0 x the mean (e^(-0.125 -+ 1.645 x 0.5)), the
//     "half to double" that estimates of knowledge work routinely miss by.
//     Work never goes below 0 and is skewed right, as measured task times are.
//   - Automated work (Stage.Automated) is lognormal with sigma 0.1: a machine
//     repeats itself, 90% within 0.84 to 1.17 x the mean.
const (
	manualSigma    = 0.5
	automatedSigma = 0.1
)

// sampler draws one duration from a uniform u in (0, 1) by inverting its
// distribution function, so a draw costs one uniform whatever the kind.
type sampler struct {
	kind       samplerKind
	a, b, c    float64   // constant: a; exponential: mean a; lognormal: mu a, sigma b; triangular: min a, likely b, max c
	q          []float64 // empirical points
	mean, vari float64   // mean and variance of a draw
}

type samplerKind uint8

const (
	drawConstant samplerKind = iota
	drawExponential
	drawLognormal
	drawTriangular
	drawEmpirical
)

func constantSampler(v float64) sampler { return sampler{kind: drawConstant, a: v, mean: v} }

func exponentialSampler(mean float64) sampler {
	if mean <= 0 {
		return constantSampler(0)
	}
	return sampler{kind: drawExponential, a: mean, mean: mean, vari: float64(mean * mean)}
}

// lognormalSampler has the given mean: mu = ln(mean) - sigma^2 / 2.
func lognormalSampler(mean, sigma float64) sampler {
	if mean <= 0 {
		return constantSampler(0)
	}
	s2 := float64(sigma * sigma)
	return sampler{kind: drawLognormal, a: detLog(mean) - s2/2, b: sigma,
		mean: mean, vari: float64(float64(mean*mean) * (detExp(s2) - 1))}
}

func triangularSampler(e Estimate) sampler {
	if e.Max <= e.Min {
		return constantSampler(e.Min)
	}
	a, c, b := e.Min, e.Likely, e.Max
	vari := (float64(a*a) + float64(b*b) + float64(c*c) - float64(a*b) - float64(a*c) - float64(b*c)) / 18
	return sampler{kind: drawTriangular, a: a, b: c, c: b, mean: e.Mean(), vari: vari}
}

func empiricalSampler(e Empirical) sampler {
	q := e.Quantiles
	if len(q) == 1 {
		return constantSampler(q[0])
	}
	// Each of the n-1 segments is uniform between its points, weight 1/(n-1):
	// E[X^2] of a segment is (lo^2 + lo hi + hi^2) / 3.
	mean := e.Mean()
	sq := 0.0
	for k := 0; k+1 < len(q); k++ {
		lo, hi := q[k], q[k+1]
		sq += (float64(lo*lo) + float64(lo*hi) + float64(hi*hi)) / 3
	}
	sq /= float64(len(q) - 1)
	return sampler{kind: drawEmpirical, q: q, mean: mean, vari: math.Max(0, sq-float64(mean*mean))}
}

// draw is one draw; a constant takes no uniform.
func (s *sampler) draw(sim *simulation) float64 {
	if s.kind == drawConstant {
		return s.a
	}
	return s.at(sim.uniform())
}

// at inverts the distribution at u in (0, 1).
func (s *sampler) at(u float64) float64 {
	switch s.kind {
	case drawExponential:
		return -float64(s.a * detLog(u))
	case drawLognormal:
		return detExp(s.a + float64(s.b*normQuantile(u)))
	case drawTriangular:
		a, c, b := s.a, s.b, s.c
		if u < (c-a)/(b-a) {
			return a + math.Sqrt(float64(float64(u*(b-a))*(c-a)))
		}
		return b - math.Sqrt(float64(float64((1-u)*(b-a))*(b-c)))
	case drawEmpirical:
		h := float64(u * float64(len(s.q)-1))
		k := int(h)
		if k >= len(s.q)-1 {
			return s.q[len(s.q)-1]
		}
		return s.q[k] + float64((h-float64(k))*(s.q[k+1]-s.q[k]))
	}
	return s.a
}

// stageSamplers picks the distributions of stage s's wait and process time;
// wait and process are Compute's figures (the wait may come from the queue).
func stageSamplers(s Stage, wait, process float64) (w, p sampler, ws, ps DrawSource) {
	pick := func(measured Empirical, est *Estimate, value float64, spread func(float64) sampler) (sampler, DrawSource) {
		switch {
		case s.Measured != nil && !measured.IsZero():
			return empiricalSampler(measured), DrawMeasured
		case est != nil:
			return triangularSampler(*est), DrawEstimate
		case value > 0:
			return spread(value), DrawDefault
		}
		return constantSampler(0), DrawNone
	}
	var mw, mp Empirical
	if s.Measured != nil {
		mw, mp = s.Measured.Wait, s.Measured.Process
	}
	sigma := manualSigma
	if s.Automated {
		sigma = automatedSigma
	}
	w, ws = pick(mw, s.WaitEstimate, wait, exponentialSampler)
	p, ps = pick(mp, s.ProcessEstimate, process, func(v float64) sampler { return lognormalSampler(v, sigma) })
	return w, p, ws, ps
}
