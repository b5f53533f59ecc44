package vsm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// An event log is a tracker's record of work items moving through stages
// (shared/formats.md part 2). Its reader (importers/eventlog) measures it
// into EventLogStats; the import screen and `flowmap-cli events` show those
// statistics as they are, and EventLogStats.Map turns them into a map.

// EventLogOptions tune an event-log read.
type EventLogOptions struct {
	// Calendar measures every duration: Monday to Friday, HoursPerDay from
	// 09:00 on each timestamp's own wall clock, or elapsed time when
	// TwentyFourSeven.
	Calendar WorkCalendar
	// Mapping says what each status of a transition log means. Nil, or a
	// status it does not name, gets the reader's proposed role. Unused for
	// interval logs.
	Mapping *StatusMapping
	// Sheet names the worksheet of an .xlsx log; "" takes the first sheet
	// with an event log header.
	Sheet string
	// Progress, when set, is called with how far the read has come: bytes of
	// a CSV file, rows of an .xlsx sheet, out of total (0 when the total is
	// unknown). It is called at most about 20 times a second, from a
	// goroutine of the reader, and once more at the end with done == total.
	Progress func(done, total int64)
	// Cancel, when closed, stops the read with an error wrapping ErrCanceled.
	Cancel <-chan struct{}
	// KeepSamples keeps each stage's per-item wait and work hours in
	// StageStats.WaitHours and WorkHours, for a distribution view.
	KeepSamples bool
}

// Dist summarizes per-item hours: the median and 85th percentile (Quantile,
// linear interpolation between ranks) and the mean. All zero without samples.
type Dist struct {
	Median, P85, Mean float64
}

// StageStats are the measured figures of one stage of an event log.
//
// Per item and stage, work is the sum of the item's visits' time inside the
// stage (kind=wait visits and wait statuses count as wait instead) and wait
// is the sum of the gaps before its visits: the time between the item's
// previous exit and its next entry is wait of the stage entered.
type StageStats struct {
	Name string
	// Items is how many items visited the stage at least once.
	Items int
	// Completed is how many of them are no longer inside it at the log's
	// end (Items - WIP): the items Wait and Work are computed over. An item
	// still inside has no finished time to count.
	Completed int
	Wait      Dist // hours per item
	Work      Dist // hours per item
	// WIP is how many items are inside the stage at the log's end: their
	// last visit has no exit (interval logs) or their last status is a work
	// or wait status of the stage (transition logs).
	WIP int
	// Reentries is how many items came back to the stage after visiting a
	// stage that is later in flow order (each item counted once): the stage's
	// output was not complete and accurate.
	Reentries int
	// CompleteAccurate is 1 - Reentries / Items.
	CompleteAccurate float64
	// ThroughputPerDay is Completed per working day of the log's span
	// (EventLogStats.WorkingDays); 0 when the span is empty.
	ThroughputPerDay float64
	// WaitHours and WorkHours are the per-item samples, sorted, one per
	// completed item; only with EventLogOptions.KeepSamples.
	WaitHours, WorkHours []float64
}

// Shapes of an event log.
const (
	ShapeIntervals   = "intervals"   // one row per item per stage visit
	ShapeTransitions = "transitions" // one row per status change
)

// EventLogStats is what an event-log read measured.
type EventLogStats struct {
	File  string // base name of the log
	Sheet string // worksheet of an .xlsx log
	Shape string // ShapeIntervals or ShapeTransitions
	Rows  int    // data rows read (blank rows not counted)
	Items int    // distinct items
	// From and To are the earliest and latest timestamps of the log, each
	// with its own UTC offset. To is the log's end: WIP is counted there and
	// a map built from the log is dated there.
	From, To    time.Time
	Calendar    string  // CalendarWorkdays or CalendarTwentyFourSeven
	HoursPerDay float64 // the window of the working calendar
	// WorkingDays is the span From-To in working days (24-hour days on 24x7).
	WorkingDays float64
	// Stages are in flow order: the order most items pass them.
	Stages []StageStats
	// Statuses of a transition log in order of first appearance, and the
	// mapping applied to them (given entries and proposals for the rest).
	Statuses []string
	Mapping  *StatusMapping
	// Sorted is false when some item's rows were not in time order, so the
	// log was held in memory and sorted before it was measured.
	Sorted bool
}

// The statistics EventLogStats.Map can build a map from.
const (
	StatMedian = "median"
	StatP85    = "p85"
	StatMean   = "mean"
)

// minMeasuredCA is the smallest %C&A a map built from a log gets: a map needs
// C&A above 0, and a stage whose every item came back (common in a small
// log) would otherwise make it invalid.
const minMeasuredCA = 0.01

// Map builds a value stream map from the log: its stages in flow order, each
// with the wait and work of stat ("median" by default, "p85" or "mean"), its
// %C&A from re-entries (at least 1%), and notes saying what was measured.
// A name of "" names the map after the log's file. The map's calendar has
// hoursPerDay hours (<= 0: the log's) and 5 days a week (7 on 24x7). It is
// dated (Updated) at the log's end, To.
func (s *EventLogStats) Map(name, stat string, hoursPerDay float64) (*Map, error) {
	pick := func(d Dist) float64 { return d.Median }
	switch strings.ToLower(strings.TrimSpace(stat)) {
	case "", StatMedian:
		stat = StatMedian
	case StatP85, "85", "p 85", "85th":
		stat, pick = StatP85, func(d Dist) float64 { return d.P85 }
	case StatMean, "average", "avg":
		stat, pick = StatMean, func(d Dist) float64 { return d.Mean }
	default:
		return nil, fmt.Errorf("statistic %q: use median, p85 or mean: %w", stat, ErrInvalid)
	}
	if strings.TrimSpace(name) == "" {
		name = MapNameFromFile(s.File)
	}
	if hoursPerDay <= 0 {
		hoursPerDay = s.HoursPerDay
	}
	m := NewMap(name)
	m.Calendar.HoursPerDay = hoursPerDay
	if s.Calendar == CalendarTwentyFourSeven {
		m.Calendar.DaysPerWeek = 7
	}
	m.Description = fmt.Sprintf("Measured from %s: %d items, %s to %s, %s of wait and work per item on the %s calendar.",
		s.File, s.Items, s.From.Format(DateLayout), s.To.Format(DateLayout), stat, s.Calendar)
	m.Updated = s.To
	for _, st := range s.Stages {
		stage := NewStage(st.Name)
		stage.WaitHours = pick(st.Wait)
		stage.ProcessHours = pick(st.Work)
		stage.CompleteAccurate = math.Max(st.CompleteAccurate, minMeasuredCA)
		stage.Notes = fmt.Sprintf("Measured: %d items (%d done, %d inside at the end), %d sent back; %.1f items per working day.",
			st.Items, st.Completed, st.WIP, st.Reentries, st.ThroughputPerDay)
		m.Stages = append(m.Stages, stage)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// The events JSON document of shared/cli.md. Fields may be added; none is
// ever renamed.
type eventLogDoc struct {
	File        string             `json:"file,omitempty"`
	Sheet       string             `json:"sheet,omitempty"`
	Shape       string             `json:"shape"`
	Rows        int                `json:"rows"`
	Items       int                `json:"items"`
	From        *string            `json:"from"`
	To          *string            `json:"to"`
	Calendar    string             `json:"calendar"`
	HoursPerDay float64            `json:"hours_per_day"`
	WorkingDays float64            `json:"working_days"`
	Sorted      bool               `json:"sorted"`
	Stages      []stageStatsDoc    `json:"stages"`
	Statuses    []string           `json:"statuses,omitempty"`
	Mapping     []statusMappingDoc `json:"mapping,omitempty"`
}

type stageStatsDoc struct {
	Name             string  `json:"name"`
	Items            int     `json:"items"`
	Completed        int     `json:"completed"`
	Wait             distDoc `json:"wait_hours"`
	Work             distDoc `json:"work_hours"`
	WIP              int     `json:"wip"`
	Reentries        int     `json:"reentries"`
	CompleteAccurate float64 `json:"complete_accurate"`
	ThroughputPerDay float64 `json:"throughput_per_day"`
}

type distDoc struct {
	Median float64 `json:"median"`
	P85    float64 `json:"p85"`
	Mean   float64 `json:"mean"`
}

type statusMappingDoc struct {
	Status string     `json:"status"`
	Kind   StatusKind `json:"kind"`
	Stage  string     `json:"stage,omitempty"`
}

// JSON is the `flowmap-cli events --json` document of shared/cli.md, indented:
// durations in hours, ratios as fractions, every number at full precision
// (Go's shortest round-trip form), times in RFC 3339 with their own offsets
// whatever the year (null only for a log without rows).
func (s *EventLogStats) JSON() ([]byte, error) {
	d := eventLogDoc{
		File: s.File, Sheet: s.Sheet, Shape: s.Shape, Rows: s.Rows, Items: s.Items,
		Calendar: s.Calendar, HoursPerDay: s.HoursPerDay, WorkingDays: s.WorkingDays,
		Sorted: s.Sorted, Stages: make([]stageStatsDoc, len(s.Stages)), Statuses: s.Statuses,
	}
	if s.Rows > 0 { // 0001-01-01 00:00 UTC, time.Time's zero, is a timestamp too
		f, t := s.From.Format(time.RFC3339), s.To.Format(time.RFC3339)
		d.From, d.To = &f, &t
	}
	dist := func(x Dist) distDoc {
		return distDoc{Median: x.Median, P85: x.P85, Mean: x.Mean}
	}
	for i, st := range s.Stages {
		d.Stages[i] = stageStatsDoc{
			Name: st.Name, Items: st.Items, Completed: st.Completed,
			Wait: dist(st.Wait), Work: dist(st.Work), WIP: st.WIP, Reentries: st.Reentries,
			CompleteAccurate: st.CompleteAccurate, ThroughputPerDay: st.ThroughputPerDay,
		}
	}
	if s.Mapping != nil {
		for _, status := range s.Statuses {
			if role, ok := s.Mapping.Role(status); ok {
				d.Mapping = append(d.Mapping, statusMappingDoc{Status: status, Kind: role.Kind, Stage: role.Stage})
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encoding event statistics: %w", err)
	}
	return buf.Bytes(), nil
}
