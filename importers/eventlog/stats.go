package eventlog

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"flowmap/vsm"
)

// finish computes the statistics.
func (a *aggregator) finish(opt vsm.EventLogOptions) *vsm.EventLogStats {
	st := &vsm.EventLogStats{
		File: a.file, Sheet: a.sheet, Shape: a.lay.shape, Rows: a.rows, Items: len(a.itemNames),
		Calendar: a.cal.String(), HoursPerDay: a.cal.Hours(), Sorted: !a.unsorted,
	}
	if a.times {
		st.From = time.UnixMilli(a.minAbs).In(offsetZone(a.minOff))
		st.To = time.UnixMilli(a.maxAbs).In(offsetZone(a.maxOff))
		span := a.cal.Clock(a.maxAbs, int(a.maxOff)) - a.cal.Clock(a.minAbs, int(a.minOff))
		st.WorkingDays = a.cal.Days(float64(max(span, 0)) / 3.6e6)
	}
	S := len(a.stageNames)
	// Where each item is at the end.
	for g := range a.items {
		it := &a.items[g]
		switch {
		case a.lay.shape == vsm.ShapeIntervals:
			it.wip = it.open
		case it.last >= 0:
			it.wip = max(a.roles[it.last].stage, -1)
		}
	}
	order := a.flowOrder()
	pos := make([]int, S)
	for i, s := range order {
		pos[s] = i
	}
	later := make([]uint64, S)
	for s := 0; s < S; s++ {
		for t := 0; t < S; t++ {
			if pos[t] > pos[s] {
				later[s] |= 1 << t
			}
		}
	}
	back := make([]int, S)
	for k, mask := range a.back {
		s := int(k & 63)
		if mask&later[s] != 0 {
			back[s]++
		}
	}
	// Gather each stage's samples, then work the distributions out on every
	// core: sorting them is the one heavy step after the rows.
	type job struct {
		samples []int64
		dist    *vsm.Dist
		hours   *[]float64
	}
	var jobs []job
	for _, s := range order {
		ss := vsm.StageStats{Name: a.stageName(s), Reentries: back[s]}
		n := 0
		for _, c := range a.cells[s] {
			if c.first != 0 {
				n++
			}
		}
		waits, works := make([]int64, 0, n), make([]int64, 0, n)
		for g, c := range a.cells[s] {
			if c.first == 0 {
				continue
			}
			ss.Items++
			if a.items[g].wip == int32(s) {
				ss.WIP++
				continue
			}
			waits = append(waits, c.wait)
			works = append(works, c.work)
		}
		if ss.Items == 0 {
			continue // a stage no item entered
		}
		ss.Completed = len(waits)
		if ss.Items > 0 {
			ss.CompleteAccurate = 1 - float64(ss.Reentries)/float64(ss.Items)
		}
		if st.WorkingDays > 0 {
			ss.ThroughputPerDay = float64(ss.Completed) / st.WorkingDays
		}
		st.Stages = append(st.Stages, ss)
		jobs = append(jobs, job{samples: waits}, job{samples: works})
	}
	for i := range st.Stages {
		ss := &st.Stages[i]
		jobs[2*i].dist, jobs[2*i+1].dist = &ss.Wait, &ss.Work
		if opt.KeepSamples {
			jobs[2*i].hours, jobs[2*i+1].hours = &ss.WaitHours, &ss.WorkHours
		}
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			d, hours := dist(j.samples)
			*j.dist = d
			if j.hours != nil {
				*j.hours = hours
			}
		}()
	}
	wg.Wait()
	if a.lay.shape == vsm.ShapeTransitions {
		st.Statuses = slices.Clone(a.statusNames)
		st.Mapping = &vsm.StatusMapping{Statuses: make(map[string]vsm.StatusRole, len(a.statusNames))}
		for i, name := range a.statusNames {
			r := a.roles[i]
			role := vsm.StatusRole{Kind: [...]vsm.StatusKind{vsm.StatusWork, vsm.StatusWait, vsm.StatusDone, vsm.StatusIgnore}[r.kind]}
			switch {
			case r.stage >= 0:
				role.Stage = a.stageName(int(r.stage))
			case r.stageName != "":
				role.Stage = a.namer.name(r.stageName)
			}
			st.Mapping.Statuses[name] = role
		}
	}
	return st
}

// stageName is the display name of stage s: for transition logs the best
// name the mapping offers for its key, else the first spelling seen.
func (a *aggregator) stageName(s int) string {
	if a.lay.shape == vsm.ShapeTransitions {
		if p, ok := a.namer[a.stageKey[s]]; ok {
			return p.role.Stage
		}
	}
	return a.stageNames[s]
}

// flowOrder orders stages by Copeland's rule on first visits: for each pair,
// the stage most items enter first wins; a stage scores its wins minus its
// losses, ties broken by the sum of margins, then by first appearance.
func (a *aggregator) flowOrder() []int {
	S := len(a.stageNames)
	prec := make([]int, S*S) // prec[s*S+t]: items entering s before t
	type fv struct{ first, s int32 }
	seen := make([]fv, 0, S)
	for g := range a.items {
		seen = seen[:0]
		for s, cs := range a.cells {
			if g < len(cs) && cs[g].first > 0 {
				seen = append(seen, fv{cs[g].first, int32(s)})
			}
		}
		if len(seen) < 2 {
			continue
		}
		slices.SortFunc(seen, func(x, y fv) int { return int(x.first - y.first) })
		for i := range seen {
			for j := i + 1; j < len(seen); j++ {
				prec[int(seen[i].s)*S+int(seen[j].s)]++
			}
		}
	}
	score, margin := make([]int, S), make([]int, S)
	for s := 0; s < S; s++ {
		for t := 0; t < S; t++ {
			d := prec[s*S+t] - prec[t*S+s]
			margin[s] += d
			switch {
			case d > 0:
				score[s]++
			case d < 0:
				score[s]--
			}
		}
	}
	order := make([]int, S)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		if score[x] != score[y] {
			return score[y] - score[x]
		}
		return margin[y] - margin[x]
	})
	return order
}

func offsetZone(off int32) *time.Location {
	if off == 0 {
		return time.UTC
	}
	sign := '+'
	o := off
	if o < 0 {
		sign, o = '-', -o
	}
	return time.FixedZone(fmt.Sprintf("%c%02d:%02d", sign, o/3600, o/60%60), int(off))
}

// dist is the median, 85th percentile and mean of working milliseconds, in
// hours, and the hours sorted: the samples of a distribution view, from which
// vsm.Quantile takes the median and the 85th percentile.
func dist(x []int64) (vsm.Dist, []float64) {
	hours := make([]float64, len(x))
	var sum float64
	for i, v := range x {
		hours[i] = float64(v) / 3.6e6
		sum += float64(v)
	}
	if len(x) == 0 {
		return vsm.Dist{}, hours
	}
	slices.Sort(hours)
	med, _ := vsm.Quantile(hours, 0.5)
	p85, _ := vsm.Quantile(hours, 0.85)
	return vsm.Dist{Median: med, P85: p85, Mean: sum / float64(len(x)) / 3.6e6}, hours
}
