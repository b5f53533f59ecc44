package importers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"flowmap/vsm"
)

// ErrCanceled is returned when EventOptions.Cancel is closed during a read;
// it is vsm.ErrCanceled.
var ErrCanceled = fmt.Errorf("event log import %w", vsm.ErrCanceled)

// EventOptions tune ReadEventLog.
type EventOptions struct {
	// Calendar measures every duration: Monday to Friday, HoursPerDay from
	// 09:00 on each timestamp's own wall clock, or elapsed time when
	// TwentyFourSeven.
	Calendar vsm.WorkCalendar
	// Mapping says what each status of a transition log means. Nil, or a
	// status it does not name, gets ProposeMapping's role. Unused for
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
	// Cancel, when closed, stops the read with ErrCanceled.
	Cancel <-chan struct{}
	// KeepSamples keeps each stage's per-item wait and work hours in
	// StageStats.WaitHours and WorkHours, for a distribution view.
	KeepSamples bool

	// headerOnly stops the read once the header is found (IsEventLogFile).
	headerOnly bool
}

// Dist summarizes per-item hours: the median and 85th percentile with linear
// interpolation between ranks (quantile_cont in SQL engines: for n sorted
// values x and fraction p, h = (n-1)p and q = x[floor h] + (h - floor h) x
// (x[floor h + 1] - x[floor h])), and the mean. All zero without samples.
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
	// (EventStats.WorkingDays); 0 when the span is empty.
	ThroughputPerDay float64
	// WaitHours and WorkHours are the per-item samples, sorted, one per
	// completed item; only with EventOptions.KeepSamples.
	WaitHours, WorkHours []float64
}

// Shapes of an event log.
const (
	ShapeIntervals   = "intervals"
	ShapeTransitions = "transitions"
)

// EventStats is what ReadEventLog measured.
type EventStats struct {
	File  string // base name of the log
	Sheet string // worksheet of an .xlsx log
	Shape string // ShapeIntervals or ShapeTransitions
	Rows  int    // data rows read (blank rows not counted)
	Items int    // distinct items
	// From and To are the earliest and latest timestamps of the log, each
	// with its own UTC offset. To is the log's end: WIP is counted there and
	// a map built from the log is dated there.
	From, To    time.Time
	Calendar    string  // "workdays" or "24x7"
	HoursPerDay float64 // the window of the working calendar
	// WorkingDays is the span From-To in working days (24-hour days on 24x7).
	WorkingDays float64
	// Stages are in flow order: the order most items pass them (see
	// ReadEventLog).
	Stages []StageStats
	// Statuses of a transition log in order of first appearance, and the
	// mapping applied to them (given entries and proposals for the rest).
	Statuses []string
	Mapping  *StatusMapping
	// Sorted is false when some item's rows were not in time order, so the
	// log was held in memory and sorted before it was measured.
	Sorted bool
}

// EventLogError is a problem with an event log, located as precisely as it
// can be: file, sheet, row (as a spreadsheet numbers it, the header row
// included) and column. It wraps vsm.ErrInvalid, and ErrNotAnEventLog when
// no event-log header was found.
type EventLogError struct {
	File, Sheet string
	Row         int    // 0 when the problem is not on one row
	Column      string // header of the column, as written
	Value       string // the offending value, when there is one
	Reason      string
	// NoHeader: no row names the columns of an event log, so the file is
	// likely something else (a stage sheet) rather than a broken log.
	NoHeader bool
}

// ErrNotAnEventLog is wrapped by the EventLogError of a file with no event-log
// header: callers that accept several kinds of file try the next reader.
var ErrNotAnEventLog = errors.New("not an event log")

func (e *EventLogError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, ", sheet %q", e.Sheet)
	}
	if e.Row > 0 {
		fmt.Fprintf(&b, ", row %d", e.Row)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	b.WriteString(": ")
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", e.Value)
	}
	b.WriteString(e.Reason)
	return b.String()
}

func (e *EventLogError) Unwrap() []error {
	if e.NoHeader {
		return []error{vsm.ErrInvalid, ErrNotAnEventLog}
	}
	return []error{vsm.ErrInvalid}
}

// ReadEventLogFile opens path and reads it with ReadEventLog.
func ReadEventLogFile(path string, opt EventOptions) (*EventStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadEventLog(f, path, opt)
}

// ReadEventLog measures per-stage statistics from an event log in .csv or
// .xlsx (told apart by content, not name; name is used in messages).
//
// Two shapes are read, recognized from the header (names match ignoring case,
// spaces and punctuation; the header may sit below up to 19 title rows):
//
//   - intervals, one row per item per stage visit: item (workItemId, issue_key,
//     id, ...), stage, entered (enteredAt, start), exited (exitedAt, end) and
//     optionally kind: work (the default) or wait. An empty exit means the
//     item is still inside; a later visit of the same item ends it.
//   - transitions, one row per status change: item, to_status (to, status),
//     changed_at (created, timestamp) and optionally from_status, which is
//     listed among the statuses but not needed: the item's previous row says
//     where it came from. The item is in to_status from changed_at until its
//     next change; opt.Mapping says what each status means (see StatusRole).
//
// Timestamps may be RFC 3339 (2026-03-02T09:00:00Z, +01:00 offsets,
// fractions), 2026-03-02 09:00[:05] (no offset: read as written), a date
// alone, or in .xlsx an Excel date cell (1900 or 1904 date system). Each is
// measured on its own wall clock (see vsm.WorkCalendar).
//
// Per item and stage the reader adds up work and wait (see StageStats); a
// stage's figures are over its items. Stages are in flow order: for every
// pair of stages it counts the items that first entered one before the
// other; a stage ranks by how many stages it precedes for most items minus
// how many precede it (Copeland's rule), then by the sum of those margins,
// then by first appearance. A stage's re-entries and %C&A use that order.
//
// A CSV may separate fields with commas, semicolons, tabs or pipes, quote
// them as RFC 4180 does (leniently: a stray quote is kept as text), and be
// UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
// or hold Windows-1252 names.
//
// The reader streams: with each item's rows in time order (grouped by item,
// or the whole log sorted by time) memory grows with items x stages, not with
// rows, and the CSV is parsed on up to 8 cores. When an item's rows are out
// of order the log is read again (or, from a reader that cannot seek, kept
// from the start) as compact rows, about 60 bytes each, and sorted per item.
//
// Bad input stops the read at its first problem with an *EventLogError naming
// the file, row and column: a missing column (naming the columns found and
// those expected), an unparseable time, an exit before its entry, a row
// repeating the item's previous row, an empty log. A log with more than 64
// stages is refused.
func ReadEventLog(r io.Reader, name string, opt EventOptions) (*EventStats, error) {
	file := evFileName(name)
	head := make([]byte, 8)
	n, err := io.ReadFull(r, head)
	switch {
	case err == io.EOF:
		return nil, &EventLogError{File: file, Reason: "the event log is empty"}
	case err != nil && err != io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%s: reading: %w", file, err)
	}
	head = head[:n]
	full := io.MultiReader(bytes.NewReader(head), r)
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return evReadXLSX(full, file, opt)
	case bytes.HasPrefix(head, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}):
		return nil, &EventLogError{File: file, Reason: "is an encrypted workbook or an Excel 97-2003 .xls file: save it as .xlsx (without a password) or .csv"}
	}
	// A seekable source can be read a second time if it turns out unsorted.
	var rewind func() (io.Reader, error)
	if s, ok := r.(io.Seeker); ok {
		if pos, err := s.Seek(0, io.SeekCurrent); err == nil {
			start := pos - int64(n)
			rewind = func() (io.Reader, error) {
				if _, err := s.Seek(start, io.SeekStart); err != nil {
					return nil, fmt.Errorf("%s: reading again: %w", file, err)
				}
				return r, nil
			}
		}
	}
	total := int64(0)
	if st, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			total = fi.Size()
		}
	} else if l, ok := r.(interface{ Len() int }); ok {
		total = int64(l.Len() + n)
	}
	return evReadCSV(full, rewind, total, file, opt, evDefaultConfig())
}

func evFileName(name string) string {
	if name == "" {
		return "input"
	}
	return filepath.Base(name)
}

// Stats that Map can build a map from.
const (
	StatMedian = "median"
	StatP85    = "p85"
	StatMean   = "mean"
)

// evMinMapCA is the smallest %C&A a map built from a log gets: a map needs
// C&A above 0, and a stage whose every item came back (common in a small log)
// would otherwise make it invalid.
const evMinMapCA = 0.01

// Map builds a value stream map from the log: its stages in flow order, each
// with the wait and work of stat ("median" by default, "p85" or "mean"), its
// %C&A from re-entries (at least 1%), and notes saying what was measured. The
// map's calendar has hoursPerDay hours (<= 0: the log's calendar) and 5 days
// a week (7 on 24x7). It is dated (Updated) at the log's end, To.
func (s *EventStats) Map(name, stat string, hoursPerDay float64) (*vsm.Map, error) {
	pick := func(d Dist) float64 { return d.Median }
	switch strings.ToLower(strings.TrimSpace(stat)) {
	case "", StatMedian:
		stat = StatMedian
	case StatP85, "85", "p 85", "85th":
		stat, pick = StatP85, func(d Dist) float64 { return d.P85 }
	case StatMean, "average", "avg":
		stat, pick = StatMean, func(d Dist) float64 { return d.Mean }
	default:
		return nil, fmt.Errorf("statistic %q: use median, p85 or mean: %w", stat, vsm.ErrInvalid)
	}
	if strings.TrimSpace(name) == "" {
		name = strings.TrimSuffix(s.File, filepath.Ext(s.File))
	}
	if hoursPerDay <= 0 {
		hoursPerDay = s.HoursPerDay
	}
	m := vsm.NewMap(name)
	m.Calendar.HoursPerDay = hoursPerDay
	if s.Calendar == vsm.CalendarTwentyFourSeven {
		m.Calendar.DaysPerWeek = 7
	}
	m.Description = fmt.Sprintf("Measured from %s: %d items, %s to %s, %s of wait and work per item on the %s calendar.",
		s.File, s.Items, s.From.Format("2006-01-02"), s.To.Format("2006-01-02"), stat, s.Calendar)
	m.Updated = s.To
	for _, st := range s.Stages {
		stage := vsm.NewStage(st.Name)
		stage.WaitHours = pick(st.Wait)
		stage.ProcessHours = pick(st.Work)
		stage.CompleteAccurate = math.Max(st.CompleteAccurate, evMinMapCA)
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
type evDoc struct {
	File        string          `json:"file,omitempty"`
	Sheet       string          `json:"sheet,omitempty"`
	Shape       string          `json:"shape"`
	Rows        int             `json:"rows"`
	Items       int             `json:"items"`
	From        *string         `json:"from"`
	To          *string         `json:"to"`
	Calendar    string          `json:"calendar"`
	HoursPerDay float64         `json:"hours_per_day"`
	WorkingDays float64         `json:"working_days"`
	Sorted      bool            `json:"sorted"`
	Stages      []evStageDoc    `json:"stages"`
	Statuses    []string        `json:"statuses,omitempty"`
	Mapping     []evMappingLine `json:"mapping,omitempty"`
}

type evStageDoc struct {
	Name             string    `json:"name"`
	Items            int       `json:"items"`
	Completed        int       `json:"completed"`
	Wait             evDistDoc `json:"wait_hours"`
	Work             evDistDoc `json:"work_hours"`
	WIP              int       `json:"wip"`
	Reentries        int       `json:"reentries"`
	CompleteAccurate float64   `json:"complete_accurate"`
	ThroughputPerDay float64   `json:"throughput_per_day"`
}

type evDistDoc struct {
	Median float64 `json:"median"`
	P85    float64 `json:"p85"`
	Mean   float64 `json:"mean"`
}

type evMappingLine struct {
	Status string `json:"status"`
	Kind   string `json:"kind"`
	Stage  string `json:"stage,omitempty"`
}

// JSON is the `flowmap-cli events --json` document of shared/cli.md, indented:
// durations in hours, ratios as fractions, every number at full precision
// (Go's shortest round-trip form), times in RFC 3339 with their own offsets
// whatever the year (null only for a log without rows).
func (s *EventStats) JSON() ([]byte, error) {
	d := evDoc{
		File: s.File, Sheet: s.Sheet, Shape: s.Shape, Rows: s.Rows, Items: s.Items,
		Calendar: s.Calendar, HoursPerDay: s.HoursPerDay, WorkingDays: s.WorkingDays,
		Sorted: s.Sorted, Stages: make([]evStageDoc, len(s.Stages)), Statuses: s.Statuses,
	}
	if s.Rows > 0 { // 0001-01-01 00:00 UTC, time.Time's zero, is a timestamp too
		f, t := s.From.Format(time.RFC3339), s.To.Format(time.RFC3339)
		d.From, d.To = &f, &t
	}
	dist := func(x Dist) evDistDoc {
		return evDistDoc{Median: x.Median, P85: x.P85, Mean: x.Mean}
	}
	for i, st := range s.Stages {
		d.Stages[i] = evStageDoc{
			Name: st.Name, Items: st.Items, Completed: st.Completed,
			Wait: dist(st.Wait), Work: dist(st.Work), WIP: st.WIP, Reentries: st.Reentries,
			CompleteAccurate: st.CompleteAccurate, ThroughputPerDay: st.ThroughputPerDay,
		}
	}
	if s.Mapping != nil {
		for _, status := range s.Statuses {
			if role, ok := s.Mapping.Role(status); ok {
				d.Mapping = append(d.Mapping, evMappingLine{Status: status, Kind: role.Kind, Stage: role.Stage})
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
