package eventlog

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// synthStages are the stages of the synthetic log, in flow order.
var synthStages = []string{"Analysis", "Dev", "Review", "Test", "Release", "Deploy"}

// WriteSyntheticLog writes a made-up interval log (item, stage,
// entered, exited) of rows rows about items items, the same for the same
// seed: for demos, and for benchmarks that time a real import (a million rows
// is about 55 MB). Items start over about half a year from Monday 2026-01-05
// and pass Analysis, Dev, Review, Test, Release and Deploy; some are sent back
// from Review or Test to Dev; a stage visit is split into several work
// sessions when an item has more rows than visits; about one item in 200 is
// still inside its last stage (no exit). One item in seven writes its times
// with a +01:00 or +02:00 offset (Central European time, with its daylight-
// saving change), the rest in UTC. Rows are grouped by item, in time order.
func WriteSyntheticLog(w io.Writer, rows, items int, seed int64) error {
	if rows < 0 || items < 1 {
		return fmt.Errorf("synthetic log: need rows >= 0 and items >= 1, got %d rows, %d items", rows, items)
	}
	items = min(items, max(rows, 1))
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("item,stage,entered,exited\n")
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	cet, cest := time.FixedZone("CET", 3600), time.FixedZone("CEST", 2*3600)
	dstStart := time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC) // clocks go forward in Central Europe
	var line []byte
	var path []int
	var sessions []int
	minutes := func(lo, hi int) time.Duration { return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Minute }
	for i := 0; i < items; i++ {
		budget := rows / items
		if i < rows%items {
			budget++
		}
		if budget == 0 {
			continue
		}
		// The path: every stage once, with occasional rework back to Dev.
		path = path[:0]
		for s := 0; s < len(synthStages); s++ {
			path = append(path, s)
			if (s == 2 && rng.IntN(100) < 8) || (s == 3 && rng.IntN(100) < 6) {
				path = append(path, 1, 2)
				if s == 3 {
					path = append(path, 3)
				}
			}
		}
		if len(path) > budget {
			path = path[:budget]
		}
		// Rows per visit: one each, the rest spread as extra work sessions.
		sessions = sessions[:0]
		for range path {
			sessions = append(sessions, 1)
		}
		for extra := budget - len(path); extra > 0; extra-- {
			sessions[rng.IntN(len(sessions))]++
		}
		local := i%7 == 3
		open := rng.IntN(200) == 0
		t := start.Add(time.Duration(rng.IntN(150*24*60)) * time.Minute)
		id := strconv.Itoa(100000 + i)
		for v, s := range path {
			t = t.Add(minutes(0, 2*24*60)) // wait before the stage
			for k := 0; k < sessions[v]; k++ {
				if k > 0 {
					t = t.Add(minutes(0, 16*60)) // a pause inside the stage
				}
				end := t.Add(minutes(15, 6*60))
				line = append(line[:0], id...)
				line = append(line, ',')
				line = append(line, synthStages[s]...)
				line = append(line, ',')
				line = synthTime(line, t, local, cet, cest, dstStart)
				line = append(line, ',')
				last := v == len(path)-1 && k == sessions[v]-1
				if !(open && last) {
					line = synthTime(line, end, local, cet, cest, dstStart)
				}
				line = append(line, '\n')
				if _, err := bw.Write(line); err != nil {
					return err
				}
				t = end
			}
		}
	}
	return bw.Flush()
}

func synthTime(b []byte, t time.Time, local bool, cet, cest *time.Location, dst time.Time) []byte {
	if !local {
		return t.AppendFormat(b, time.RFC3339)
	}
	if t.Before(dst) {
		return t.In(cet).AppendFormat(b, time.RFC3339)
	}
	return t.In(cest).AppendFormat(b, time.RFC3339)
}
