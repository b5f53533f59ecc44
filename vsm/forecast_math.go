package vsm

import "math"

// Arithmetic that gives the same bits on every platform, so that a forecast
// with a given seed is the same number everywhere. Go's math.Exp and math.Log
// use assembly on some architectures (amd64, arm64, s390x) and pure Go on
// others, which may differ in the last bit; and the compiler may fuse x*y + z
// into one FMA instruction (arm64, ppc64, s390x, riscv64, amd64 v3) unless
// the product is converted explicitly. So the forecast uses only +, -, *, /
// and math.Sqrt (correctly rounded everywhere), math.Frexp and math.Ldexp (bit
// manipulation), every product that is then added wrapped in float64(), and
// these ports of the FreeBSD exp and log that Go's pure-Go math uses
// (s_exp.c, e_log.c; Copyright (C) 1993 by Sun Microsystems, freely
// distributed). The test TestForecastBitsArePortable pins the results.

// detLog is the natural logarithm of x > 0 (not for 0, negative, NaN or Inf).
func detLog(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 // 3fe62e42 fee00000
		ln2Lo = 1.90821492927058770002e-10 // 3dea39ef 35793c76
		l1    = 6.666666666666735130e-01   // 3FE55555 55555593
		l2    = 3.999999999940941908e-01   // 3FD99999 9997FA04
		l3    = 2.857142874366239149e-01   // 3FD24924 94229359
		l4    = 2.222219843214978396e-01   // 3FCC71C5 1D8E78AF
		l5    = 1.818357216161805012e-01   // 3FC74664 96CB03DE
		l6    = 1.531383769920937332e-01   // 3FC39A09 D078C69F
		l7    = 1.479819860511658591e-01   // 3FC2F112 DF3E5244
	)
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7)))))))
	t2 := float64(s4 * (l2 + float64(s4*(l4+float64(s4*l6)))))
	r := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}

// detExp is e^x.
func detExp(x float64) float64 {
	const (
		ln2Hi     = 6.93147180369123816490e-01
		ln2Lo     = 1.90821492927058770002e-10
		log2e     = 1.44269504088896338700e+00
		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		nearZero  = 1.0 / (1 << 28)
		p1        = 1.66666666666666657415e-01
		p2        = -2.77777777770155933842e-03
		p3        = 6.61375632143793436117e-05
		p4        = -1.65339022054652515390e-06
		p5        = 4.13813679705723846039e-08
	)
	switch {
	case -nearZero < x && x < nearZero:
		return 1 + x
	case x > overflow || x != x: // +Inf and NaN too
		return x * math.Inf(1)
	case x < underflow: // -Inf too
		return 0
	}
	var k int
	switch {
	case x < 0:
		k = int(float64(log2e*x) - 0.5)
	case x > 0:
		k = int(float64(log2e*x) + 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi)
	lo := float64(float64(k) * ln2Lo)
	r := hi - lo
	t := float64(r * r)
	c := r - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	y := 1 - ((lo - float64(r*c)/(2-c)) - hi)
	if k > -1022 && k < 1023 {
		// y x 2^k is exact: a power of two built from its bits.
		return y * math.Float64frombits(uint64(k+1023)<<52)
	}
	return math.Ldexp(y, k)
}

// normQuantile is the standard normal quantile of p in (0, 1): Acklam's
// rational approximation (relative error below 1.2e-9), with detLog.
func normQuantile(p float64) float64 {
	const pLow = 0.02425
	if p < pLow || p > 1-pLow {
		tail := p
		sign := 1.0
		if p > 1-pLow {
			tail, sign = 1-p, -1
		}
		q := math.Sqrt(-2 * detLog(tail))
		num := horner(q, -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
		den := horner(q, 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1)
		return sign * num / den
	}
	q := p - 0.5
	r := float64(q * q)
	num := horner(r, -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
	den := horner(r, -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01, 1)
	return float64(num*q) / den
}

// horner is c[0] x^(n-1) + ... + c[n-1], each product rounded on its own.
func horner(x float64, c ...float64) float64 {
	v := c[0]
	for _, k := range c[1:] {
		v = float64(v*x) + k
	}
	return v
}
