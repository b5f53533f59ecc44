package vsm

import (
	"encoding/json"
	"fmt"
	"time"
)

// extension holds the parts of the map file that come with kaizen over time:
// the kaizen items, the dated measurements, the learning log and the future
// state. It is embedded in mapFile, so its keys sit beside "stages". Empty
// lists are left out, so a map without them writes the foundation's format,
// and a file without them reads as empty (nil) lists. Dates are RFC 3339
// (reading also accepts a bare 2026-01-05, as midnight UTC). Field names are
// a contract with files people keep in git: add, never rename.
type extension struct {
	Kaizen       []fileKaizen      `json:"kaizen,omitempty"`
	Measurements []fileMeasurement `json:"measurements,omitempty"`
	Learning     []fileLearning    `json:"learning_log,omitempty"`
	Future       *fileFuture       `json:"future_state,omitempty"`
}

type fileKaizen struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Stage       string       `json:"stage,omitempty"`
	Waste       string       `json:"waste,omitempty"`
	Hypothesis  string       `json:"hypothesis,omitempty"`
	Effect      *fileEffect  `json:"effect,omitempty"`
	Team        string       `json:"team,omitempty"`
	Status      string       `json:"status"`
	Created     string       `json:"created,omitempty"`
	Changes     []fileChange `json:"status_changes,omitempty"`
	Result      string       `json:"result,omitempty"`
	Learning    string       `json:"learning,omitempty"`
	LearningIDs []string     `json:"learning_entries,omitempty"`

	// A follow-up action's owner and due day; absent in older files.
	Owner string `json:"owner,omitempty"`
	Due   string `json:"due,omitempty"`
}

// fileEffect holds the target values of a kaizen's stage; absent fields stay
// as they are.
type fileEffect struct {
	WaitHours        *float64 `json:"wait_hours,omitempty"`
	ProcessHours     *float64 `json:"process_hours,omitempty"`
	CompleteAccurate *float64 `json:"complete_accurate,omitempty"`
	People           *float64 `json:"people,omitempty"`
}

type fileChange struct {
	Status string `json:"status"`
	Date   string `json:"date"`
}

type fileMeasurement struct {
	ID           string      `json:"id"`
	Date         string      `json:"date"`
	Source       string      `json:"source,omitempty"`
	Calendar     *fileCal    `json:"calendar,omitempty"` // the map's when absent
	DemandPerDay *float64    `json:"demand_per_day"`
	Stages       []fileStage `json:"stages"`
	DORA         *fileDORA   `json:"dora,omitempty"` // absent when DORA was not measured
}

type fileLearning struct {
	ID           string     `json:"id"`
	Date         string     `json:"date"`
	Title        string     `json:"title"`
	Stages       []string   `json:"stages,omitempty"`
	WhatHappened string     `json:"what_happened,omitempty"`
	Impact       fileImpact `json:"impact"`
	Factors      []string   `json:"contributing_factors,omitempty"`
	WentWell     string     `json:"went_well,omitempty"`
	Learned      string     `json:"learned,omitempty"`
	FollowUps    []string   `json:"follow_ups,omitempty"`

	// What happened when; absent in older files.
	Timeline []fileEvent `json:"timeline,omitempty"`
}

type fileEvent struct {
	At   string `json:"at"`
	What string `json:"what"`
}

type fileImpact struct {
	HoursLost     float64 `json:"hours_lost"`
	ItemsAffected int     `json:"items_affected"`
	Description   string  `json:"description,omitempty"`
}

// fileFuture is the future-state map: a value stream without history.
type fileFuture struct {
	Name         string      `json:"name"`
	Description  string      `json:"description,omitempty"`
	Calendar     *fileCal    `json:"calendar,omitempty"` // the map's when absent
	DemandPerDay *float64    `json:"demand_per_day"`
	Stages       []fileStage `json:"stages"`
}

func encodeExtension(m *Map) extension {
	var x extension
	for _, k := range m.Kaizen {
		fk := fileKaizen{
			ID: k.ID, Title: k.Title, Stage: k.Stage, Waste: string(k.Waste), Hypothesis: k.Hypothesis,
			Team: k.Team, Status: string(k.Status), Created: formatFileDate(k.Created),
			Result: k.Result, Learning: k.Learning, LearningIDs: cloneSlice(k.LearningID),
			Owner: k.Owner, Due: formatFileDate(k.Due),
		}
		if e := k.Effect; !e.IsZero() {
			fk.Effect = &fileEffect{WaitHours: clonePtr(e.WaitHours), ProcessHours: clonePtr(e.ProcessHours),
				CompleteAccurate: clonePtr(e.CompleteAccurate), People: clonePtr(e.People)}
		}
		for _, c := range k.Changes {
			fk.Changes = append(fk.Changes, fileChange{Status: string(c.Status), Date: formatFileDate(c.Date)})
		}
		x.Kaizen = append(x.Kaizen, fk)
	}
	for _, ms := range m.Measurements {
		x.Measurements = append(x.Measurements, fileMeasurementOf(ms))
	}
	for _, e := range m.Learning {
		fe := fileLearning{
			ID: e.ID, Date: formatFileDate(e.Date), Title: e.Title, Stages: cloneSlice(e.Stages),
			WhatHappened: e.WhatHappened,
			Impact:       fileImpact{HoursLost: e.Impact.HoursLost, ItemsAffected: e.Impact.ItemsAffected, Description: e.Impact.Description},
			WentWell:     e.WentWell, Learned: e.Learned, FollowUps: cloneSlice(e.FollowUps),
		}
		for _, f := range e.Factors {
			fe.Factors = append(fe.Factors, string(f))
		}
		for _, ev := range e.Timeline {
			fe.Timeline = append(fe.Timeline, fileEvent{At: formatFileDate(ev.At), What: ev.What})
		}
		x.Learning = append(x.Learning, fe)
	}
	if f := m.Future; f != nil {
		x.Future = &fileFuture{
			Name: f.Name, Description: f.Description,
			Calendar:     &fileCal{HoursPerDay: f.Calendar.HoursPerDay, DaysPerWeek: f.Calendar.DaysPerWeek},
			DemandPerDay: clonePtr(f.DemandPerDay), Stages: fileStagesOf(f.Stages),
		}
	}
	return x
}

// decodeExtension fills m's kaizen, measurements, learning log and future state
// from x. Statuses, wastes and factors are read forgivingly (ParseKaizenStatus,
// ParseWaste, ParseFactor); items without an ID get the next free one. Errors
// name the item and field; Map.Validate checks the rest afterwards.
func decodeExtension(x *extension, m *Map) error {
	for i, fk := range x.Kaizen {
		k := Kaizen{
			ID: fk.ID, Title: fk.Title, Stage: fk.Stage, Hypothesis: fk.Hypothesis, Team: fk.Team,
			Result: fk.Result, Learning: fk.Learning, LearningID: nilIfEmpty(fk.LearningIDs),
			Owner: fk.Owner,
		}
		bad := func(field, value, reason string) error {
			return &ItemError{Kind: "kaizen", Index: i, Name: fk.Title, Field: field, Value: value, Reason: reason}
		}
		var err error
		if k.Status, err = ParseKaizenStatus(fk.Status); err != nil {
			return bad("status", fk.Status, "is not a status (one of "+statusList()+")")
		}
		if fk.Waste != "" {
			if k.Waste, err = ParseWaste(fk.Waste); err != nil {
				return bad("waste", fk.Waste, "is not a waste type")
			}
		}
		if e := fk.Effect; e != nil {
			k.Effect = Effect{WaitHours: e.WaitHours, ProcessHours: e.ProcessHours,
				CompleteAccurate: e.CompleteAccurate, People: e.People}
		}
		var ok bool
		if k.Created, ok = parseFileDate(fk.Created); !ok {
			return bad("created", fk.Created, notADate)
		}
		if k.Due, ok = parseFileDate(fk.Due); !ok {
			return bad("due", fk.Due, notADate)
		}
		for j, fc := range fk.Changes {
			c := StatusChange{}
			if c.Status, err = ParseKaizenStatus(fc.Status); err != nil {
				return bad(statusChangeField(j), fc.Status, "is not a status (one of "+statusList()+")")
			}
			if c.Date, ok = parseFileDate(fc.Date); !ok {
				return bad(statusChangeField(j)+" date", fc.Date, notADate)
			}
			k.Changes = append(k.Changes, c)
		}
		m.Kaizen = append(m.Kaizen, k)
	}
	for i := range m.Kaizen {
		if m.Kaizen[i].ID == "" {
			m.Kaizen[i].ID = NextID(KaizenIDPrefix, m.kaizenIDs())
		}
	}

	for i, fm := range x.Measurements {
		ms, err := measurementOfFile(fm, m.Calendar, i)
		if err != nil {
			return err
		}
		m.Measurements = append(m.Measurements, ms)
	}
	for i := range m.Measurements {
		if m.Measurements[i].ID == "" {
			ids := make([]string, len(m.Measurements))
			for j, ms := range m.Measurements {
				ids[j] = ms.ID
			}
			m.Measurements[i].ID = NextID(MeasurementIDPrefix, ids)
		}
	}

	for i, fe := range x.Learning {
		e := LearningEntry{
			ID: fe.ID, Title: fe.Title, Stages: nilIfEmpty(fe.Stages), WhatHappened: fe.WhatHappened,
			Impact:   Impact{HoursLost: fe.Impact.HoursLost, ItemsAffected: fe.Impact.ItemsAffected, Description: fe.Impact.Description},
			WentWell: fe.WentWell, Learned: fe.Learned, FollowUps: nilIfEmpty(fe.FollowUps),
		}
		var ok bool
		if e.Date, ok = parseFileDate(fe.Date); !ok {
			return &ItemError{Kind: "learning-log entry", Index: i, Name: fe.Title, Field: "date", Value: fe.Date, Reason: notADate}
		}
		for _, s := range fe.Factors {
			f, err := ParseFactor(s)
			if err != nil {
				return &ItemError{Kind: "learning-log entry", Index: i, Name: fe.Title, Field: "contributing factor", Value: s,
					Reason: "is not a system category (one of " + factorList() + ")"}
			}
			e.Factors = append(e.Factors, f)
		}
		for j, fev := range fe.Timeline {
			at, ok := parseFileDate(fev.At)
			if !ok {
				return &ItemError{Kind: "learning-log entry", Index: i, Name: fe.Title, Field: timelineField(j), Value: fev.At, Reason: notADate}
			}
			e.Timeline = append(e.Timeline, TimelineEvent{At: at, What: fev.What})
		}
		m.Learning = append(m.Learning, e)
	}
	for i := range m.Learning {
		if m.Learning[i].ID == "" {
			ids := make([]string, len(m.Learning))
			for j, e := range m.Learning {
				ids[j] = e.ID
			}
			m.Learning[i].ID = NextID(LearningIDPrefix, ids)
		}
	}

	if ff := x.Future; ff != nil {
		f := &Map{Name: ff.Name, Description: ff.Description, Calendar: m.Calendar,
			DemandPerDay: ff.DemandPerDay, Stages: stagesOfFile(ff.Stages)}
		if ff.Calendar != nil {
			f.Calendar = Calendar{HoursPerDay: ff.Calendar.HoursPerDay, DaysPerWeek: ff.Calendar.DaysPerWeek}
		}
		m.Future = f
	}
	return nil
}

func statusChangeField(j int) string { return fmt.Sprintf("status change %d", j+1) }

// fileStagesOf is the file form of stages, the same as EncodeMapFile writes
// the map's own stages (never null, so a reader sees the list).
func fileStagesOf(stages []Stage) []fileStage {
	out := make([]fileStage, len(stages))
	for i, s := range stages {
		ca, people := s.CompleteAccurate, s.People
		fs := fileStage{
			Name: s.Name, Team: s.Team, WaitHours: s.WaitHours, ProcessHours: s.ProcessHours,
			CompleteAccurate: &ca, People: &people, Queue: clonePtr(s.Queue), Notes: s.Notes,
			fileStageFlow: fileFlowOf(s),
		}
		for _, w := range s.Waste {
			fs.Waste = append(fs.Waste, string(w))
		}
		out[i] = fs
	}
	return out
}

// stagesOfFile reads stages as DecodeMapFile reads the map's own: a missing
// %C&A or people count is the default 1. An empty list is nil.
func stagesOfFile(fstages []fileStage) []Stage {
	if len(fstages) == 0 {
		return nil
	}
	out := make([]Stage, len(fstages))
	for i, fs := range fstages {
		s := Stage{
			Name: fs.Name, Team: fs.Team, WaitHours: fs.WaitHours, ProcessHours: fs.ProcessHours,
			CompleteAccurate: 1, People: 1, Queue: fs.Queue, Notes: fs.Notes,
		}
		if fs.CompleteAccurate != nil {
			s.CompleteAccurate = *fs.CompleteAccurate
		}
		if fs.People != nil {
			s.People = *fs.People
		}
		for _, w := range fs.Waste {
			s.Waste = append(s.Waste, Waste(w))
		}
		fs.fileStageFlow.applyTo(&s)
		out[i] = s
	}
	return out
}

// formatFileDate writes t as RFC 3339 with its offset (and fractions of a
// second when it has them); the zero time is "" (left out).
func formatFileDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// notADate is the reason given for a date a file's reader cannot read.
const notADate = "is not a date (write 2026-01-05 or RFC 3339, e.g. 2026-01-05T09:30:00Z)"

// parseFileDate reads an RFC 3339 time or a bare day (midnight UTC); "" is the
// zero time.
func parseFileDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(DateLayout, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func fileMeasurementOf(ms Measurement) fileMeasurement {
	return fileMeasurement{
		ID: ms.ID, Date: formatFileDate(ms.Date), Source: ms.Source,
		Calendar:     &fileCal{HoursPerDay: ms.Calendar.HoursPerDay, DaysPerWeek: ms.Calendar.DaysPerWeek},
		DemandPerDay: clonePtr(ms.DemandPerDay), Stages: fileStagesOf(ms.Stages),
		DORA: fileDORAOf(ms.DORA),
	}
}

// measurementOfFile reads measurement i of a file; one without a calendar of
// its own takes cal, the map's.
func measurementOfFile(fm fileMeasurement, cal Calendar, i int) (Measurement, error) {
	date, ok := parseFileDate(fm.Date)
	if !ok {
		return Measurement{}, &ItemError{Kind: "measurement", Index: i, Field: "date", Value: fm.Date, Reason: notADate}
	}
	ms := Measurement{ID: fm.ID, Date: date, Source: fm.Source, Calendar: cal,
		DemandPerDay: fm.DemandPerDay, Stages: stagesOfFile(fm.Stages)}
	if fm.Calendar != nil {
		ms.Calendar = Calendar{HoursPerDay: fm.Calendar.HoursPerDay, DaysPerWeek: fm.Calendar.DaysPerWeek}
	}
	if fm.DORA != nil {
		d, err := doraOfFile(*fm.DORA)
		if err != nil {
			return Measurement{}, &ItemError{Kind: "measurement", Index: i, Name: fm.Date, Err: err}
		}
		ms.DORA = &d
	}
	return ms, nil
}

// EncodeMeasurement writes one measurement as JSON in the map file's form, for
// a store that keeps measurements apart from their map.
func EncodeMeasurement(x Measurement) ([]byte, error) {
	return json.Marshal(fileMeasurementOf(x))
}

// DecodeMeasurement reads what EncodeMeasurement wrote and validates it.
func DecodeMeasurement(data []byte) (Measurement, error) {
	var fm fileMeasurement
	if err := json.Unmarshal(data, &fm); err != nil {
		return Measurement{}, fmt.Errorf("%w: measurement: %s", ErrMapFile, jsonProblem(data, err))
	}
	x, err := measurementOfFile(fm, DefaultCalendar(), -1)
	if err != nil {
		return Measurement{}, err
	}
	return x, x.Validate()
}
