package vsm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Monte Carlo forecast of an item's lead time.
//
// Each trial walks one item through the map as the flow model says
// (flow.go): at every stage it draws a wait and a process time (from the
// stage's measured distribution, else its three-point estimates, else the
// default spread around its single values: forecast_sample.go); a pass that is
// not complete and accurate (chance 1 - CA) is redone, drawing new times; an
// accepted pass takes a rework edge with its probability, and the stages from
// the edge's target on are walked again with new draws. A parallel branch
// runs every lane and takes as long as its slowest lane (the item waits at
// the join for all of them); a lane that finds rework for a stage before the
// branch ends its pass there, and the item goes back to the earliest finding
// once all lanes are done. The trial's lead time is the sum along the way.
//
// Reproducible: the trials draw from one PCG generator seeded with
// (Seed, 0x666c6f776d6170), one uniform per draw in a fixed order, and all
// arithmetic is platform-independent (forecast_math.go): the same map, trials
// and seed give the same bits on every machine.
//
// Percentiles are over the trials' lead times with linear interpolation
// between ranks (quantile_cont, as the events statistics); the mean is the
// plain mean. Results are full precision: round them for people.

// Trials of a forecast.
const (
	DefaultTrials = 10000   // when ForecastOptions.Trials is 0
	MaxTrials     = 1000000 // more is refused
)

// pcgStream is the second half of the generator's seed: "flowmap".
const pcgStream = 0x666c6f776d6170

// maxDraws bounds the work of one forecast: trials x expected stage arrivals
// per item (about 25 s on a 2-core laptop); past it, loops are so likely that
// the answer would take too long and mean little.
const maxDraws = 5e8

// exactPasses is how many %C&A redos of one arrival are drawn one by one;
// beyond it the rest are summed by the central limit theorem (their count is
// geometric, drawn exactly): a low %C&A always means much rework, never a
// hang.
const exactPasses = 64

// ForecastOptions set a forecast's trials and seed.
type ForecastOptions struct {
	Trials int    // 0 is DefaultTrials; 1 to MaxTrials
	Seed   uint64 // the same seed gives the same forecast
	// Cancel, when closed, stops the forecast with an error wrapping
	// ErrCanceled (checked every 1024 trials), so a screen can drop a
	// forecast that a newer lever value made stale.
	Cancel <-chan struct{}
}

func (o ForecastOptions) trialCount() (int, error) {
	switch {
	case o.Trials == 0:
		return DefaultTrials, nil
	case o.Trials < 0 || o.Trials > MaxTrials:
		return 0, fmt.Errorf("trials: %d must be 1 to %d: %w", o.Trials, MaxTrials, ErrInvalid)
	}
	return o.Trials, nil
}

func (o ForecastOptions) canceled() bool {
	select {
	case <-o.Cancel:
		return true
	default:
		return false
	}
}

// Percentiles of a forecast, in working hours.
type Percentiles struct {
	P50  float64 `json:"p50"`
	P85  float64 `json:"p85"`
	P95  float64 `json:"p95"`
	Mean float64 `json:"mean"`
}

// HistogramBin counts the trials whose lead time is in [FromHours, ToHours)
// (the last bin includes its end).
type HistogramBin struct {
	FromHours float64 `json:"from_hours"`
	ToHours   float64 `json:"to_hours"`
	Count     int     `json:"count"`
}

// StageDraws says where a stage's draws came from.
type StageDraws struct {
	Wait    DrawSource
	Process DrawSource
}

// LeadForecast is the forecast of one item's lead time.
type LeadForecast struct {
	Trials    int
	Seed      uint64
	LeadHours Percentiles
	Histogram []HistogramBin // HistogramBins of the trials
	Stages    []StageDraws   // per stage, in map order
}

// ForecastLead runs the Monte Carlo forecast of m's item lead time. m's
// stages and flow must be valid (errors wrap ErrInvalid, as Validate's); a map
// whose rework loops would need more than about 5e8 stage draws for the
// trials asked is refused with an error that says so.
func ForecastLead(m *Map, opt ForecastOptions) (LeadForecast, error) {
	trials, err := opt.trialCount()
	if err != nil {
		return LeadForecast{}, err
	}
	if err := m.validateStream(); err != nil {
		return LeadForecast{}, err
	}
	sim := newSimulation(m)
	if per := sim.expectedArrivals; float64(trials)*per > maxDraws {
		return LeadForecast{}, fmt.Errorf("forecast of %q: its rework loops send an average item through %.0f stage visits; %d trials of that would take too long (lower the rework probabilities or the trials): %w",
			m.Name, per, trials, ErrInvalid)
	}
	f, err := sim.forecast(trials, opt)
	if err != nil {
		return LeadForecast{}, fmt.Errorf("forecast of %q: %w", m.Name, err)
	}
	return f, nil
}

// validateStream checks what a forecast reads: the stages and their flow.
func (m *Map) validateStream() error {
	for i, s := range m.Stages {
		if err := s.Validate(i); err != nil {
			return err
		}
	}
	return m.validateFlow()
}

// simStage is a stage as the trials use it.
type simStage struct {
	wait, proc sampler
	ca         float64
	cum        []float64 // cumulative probabilities of the rework edges
	to         []int     // their targets
	passMean   float64   // mean and variance of one pass (wait + process)
	passVar    float64
}

type simulation struct {
	g                *flowGraph
	st               []simStage
	draws            []StageDraws
	pcg              *rand.PCG
	expectedArrivals float64 // per item, from the exact solution
}

func newSimulation(m *Map) *simulation {
	x := Compute(m)
	g := newFlowGraph(m)
	s := &simulation{g: g, st: make([]simStage, len(m.Stages)), draws: make([]StageDraws, len(m.Stages)), pcg: rand.NewPCG(0, pcgStream)}
	for i, st := range m.Stages {
		sm := x.Stages[i]
		w, p, ws, ps := stageSamplers(st, sm.WaitHours, sm.ProcessHours)
		ss := simStage{wait: w, proc: p, ca: st.CompleteAccurate, passMean: w.mean + p.mean, passVar: w.vari + p.vari}
		c := 0.0
		for _, e := range g.edges[i] {
			c += e.p
			ss.cum = append(ss.cum, c)
			ss.to = append(ss.to, e.to)
		}
		s.st[i] = ss
		s.draws[i] = StageDraws{Wait: ws, Process: ps}
	}
	if g.flat {
		s.expectedArrivals = float64(len(m.Stages))
	} else {
		for _, a := range solveFlow(g, make([]float64, len(m.Stages))).arrivals {
			s.expectedArrivals += a
		}
	}
	return s
}

func (s *simulation) reseed(seed uint64) { s.pcg.Seed(seed, pcgStream) }

// forecast runs the trials on the seeded generator and sums them up.
func (s *simulation) forecast(trials int, opt ForecastOptions) (LeadForecast, error) {
	s.reseed(opt.Seed)
	leads := make([]float64, 0, trials)
	sum := 0.0
	for t := 0; t < trials; t++ {
		if t%1024 == 0 && opt.canceled() {
			return LeadForecast{}, ErrCanceled
		}
		v := s.trial()
		leads = append(leads, v)
		sum += v
	}
	mean := sum / float64(trials)
	slices.Sort(leads)
	return LeadForecast{
		Trials: trials, Seed: opt.Seed,
		LeadHours: Percentiles{P50: quantileSorted(leads, 0.5), P85: quantileSorted(leads, 0.85),
			P95: quantileSorted(leads, 0.95), Mean: mean},
		Histogram: HistogramBins(leads),
		Stages:    s.draws,
	}, nil
}

// uniform is in (0, 1): the top 53 bits of the generator, centred in their
// interval, so 0 and 1 never come out.
func (s *simulation) uniform() float64 {
	return (float64(s.pcg.Uint64()>>11) + 0.5) * 0x1p-53
}

// pass is the time stage i takes until a pass is complete and accurate.
func (s *simulation) pass(i int) float64 {
	st := &s.st[i]
	t := st.wait.draw(s) + st.proc.draw(s)
	if st.ca >= 1 {
		return t
	}
	for k := 1; ; k++ {
		if s.uniform() < st.ca {
			return t
		}
		if k == exactPasses {
			// Still not accepted: the passes left are geometric (at least
			// one), P(K = k) = (1-CA)^(k-1) CA, K = 1 + floor(ln u / ln(1-CA)),
			// and their sum is normal by the central limit theorem.
			rest := 1 + math.Floor(detLog(s.uniform())/detLog(1-st.ca))
			sum := float64(rest*st.passMean) + float64(math.Sqrt(float64(rest*st.passVar))*normQuantile(s.uniform()))
			return t + math.Max(0, sum)
		}
		t += st.wait.draw(s) + st.proc.draw(s)
	}
}

// next is the target of the rework edge stage i takes, or -1 to go on.
func (s *simulation) next(i int) int {
	st := &s.st[i]
	if len(st.cum) == 0 {
		return -1
	}
	u := s.uniform()
	for k, c := range st.cum {
		if u < c {
			return st.to[k]
		}
	}
	return -1
}

// trial is one item's lead time.
func (s *simulation) trial() float64 {
	g := s.g
	t := 0.0
	entry := -1 // stage where a branch is entered in one lane; -1 for all lanes
	for seg := 0; seg < len(g.segs); {
		sg := &g.segs[seg]
		target := -1
		switch {
		case !sg.IsBranch():
			t += s.pass(sg.Stage)
			target = s.next(sg.Stage)
		case entry < 0:
			slowest := 0.0
			for _, lane := range sg.Lanes {
				lt, found := s.lane(lane, 0)
				slowest = math.Max(slowest, lt)
				if found >= 0 && (target < 0 || found < target) {
					target = found
				}
			}
			t += slowest
		default:
			p := g.pos[entry]
			lt, found := s.lane(sg.Lanes[p.lane], p.at)
			t += lt
			target = found
		}
		if target < 0 {
			seg++
			entry = -1
			continue
		}
		p := g.pos[target]
		seg, entry = p.seg, -1
		if p.lane >= 0 {
			entry = target
		}
	}
	return t
}

// lane runs one pass of a lane from position start: its time, and the stage
// a finding sends the item back to (-1 when the lane is done).
func (s *simulation) lane(lane []int, start int) (float64, int) {
	g := s.g
	t := 0.0
	for x := start; ; {
		i := lane[x]
		t += s.pass(i)
		target := s.next(i)
		if target < 0 {
			x++
			if x == len(lane) {
				return t, -1
			}
			continue
		}
		p, q := g.pos[target], g.pos[i]
		if p.seg != q.seg || p.lane != q.lane {
			return t, target
		}
		x = p.at
	}
}
