package vsm

import (
	"fmt"
	"strings"
	"time"
)

// ItemError says which kaizen item, measurement or learning-log entry holds
// which bad value, and why. It wraps ErrInvalid (through Err when the cause is a
// stage's FieldError, which wraps ErrInvalid itself).
type ItemError struct {
	Kind   string // "kaizen", "measurement", "learning-log entry", "future state"
	Index  int    // 0-based position in its list, -1 when it is not (yet) in one
	Name   string // title, or date for a measurement; "" when unknown
	Field  string // "title", "effect complete & accurate", "date", ...; "" when Err says it
	Value  string // the value as given
	Reason string
	Err    error // the underlying error, e.g. a measurement stage's *FieldError
}

func (e *ItemError) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind)
	if e.Index >= 0 {
		fmt.Fprintf(&b, " %d", e.Index+1)
	}
	if e.Name != "" {
		fmt.Fprintf(&b, " %q", e.Name)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", e.Value)
	}
	switch {
	case e.Reason != "" && e.Err != nil:
		fmt.Fprintf(&b, "%s: %v", e.Reason, e.Err)
	case e.Reason != "":
		b.WriteString(e.Reason)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap is the underlying error when there is one (it wraps ErrInvalid for
// validation problems), else ErrInvalid.
func (e *ItemError) Unwrap() error {
	if e.Err != nil {
		return e.Err
	}
	return ErrInvalid
}

// Validate checks a kaizen item on its own: a title, a known status, a known
// waste type (or none), a stage when it has an effect, effect targets that are
// valid stage values (wait and process >= 0 hours, 0 < %C&A <= 1, people > 0),
// and status changes with known statuses and dates, oldest first. Links to the
// learning log are checked by Map.Validate. The stage need not be on the map:
// a done kaizen may have removed it (ExpectedEffect reports it instead).
func (k Kaizen) Validate() error { return k.validate(-1) }

func (k Kaizen) validate(index int) error {
	bad := func(field, value, reason string) error {
		return &ItemError{Kind: "kaizen", Index: index, Name: k.Title, Field: field, Value: value, Reason: reason}
	}
	if strings.TrimSpace(k.Title) == "" {
		return bad("title", "", "is required")
	}
	if !k.Status.Known() {
		return bad("status", string(k.Status), "is not a status (one of "+statusList()+")")
	}
	if k.Waste != "" {
		if w, err := ParseWaste(string(k.Waste)); err != nil || w != k.Waste {
			return bad("waste", string(k.Waste), "is not a waste type")
		}
	}
	e := k.Effect
	if !e.IsZero() && strings.TrimSpace(k.Stage) == "" {
		return bad("stage", "", "is required for an expected effect (the effect sets values of that stage)")
	}
	if v := e.WaitHours; v != nil {
		if r := checkHours(*v); r != "" {
			return bad("effect wait", fmtValue(*v), r)
		}
	}
	if v := e.ProcessHours; v != nil {
		if r := checkHours(*v); r != "" {
			return bad("effect process", fmtValue(*v), r)
		}
	}
	if v := e.CompleteAccurate; v != nil {
		if r := checkCompleteAccurate(*v); r != "" {
			return bad("effect complete & accurate", fmtValue(*v), r)
		}
	}
	if v := e.People; v != nil {
		if r := checkPositiveCount(*v); r != "" {
			return bad("effect people", fmtValue(*v), r)
		}
	}
	var last time.Time
	for i, c := range k.Changes {
		field := fmt.Sprintf("status change %d", i+1)
		if !c.Status.Known() {
			return bad(field, string(c.Status), "is not a status (one of "+statusList()+")")
		}
		if c.Date.IsZero() {
			return bad(field, "", "has no date")
		}
		if c.Date.Before(last) {
			return bad(field, c.Date.Format(time.RFC3339), "is earlier than the change before it (changes are kept oldest first)")
		}
		last = c.Date
	}
	return nil
}

// Known reports whether s is one of KaizenStatuses.
func (s KaizenStatus) Known() bool {
	for _, x := range KaizenStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Open reports whether an item with status s is still to be done: idea,
// planned or in progress.
func (s KaizenStatus) Open() bool {
	return s == KaizenIdea || s == KaizenPlanned || s == KaizenInProgress
}

func statusList() string {
	names := make([]string, len(KaizenStatuses))
	for i, s := range KaizenStatuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// Validate checks a measurement on its own: a date, and a calendar, demand and
// stages that would be valid on a map (Map.Validate's rules).
func (x Measurement) Validate() error { return x.validate(-1) }

func (x Measurement) validate(index int) error {
	name := ""
	if !x.Date.IsZero() {
		name = x.Date.Format(DateLayout)
	}
	if x.Date.IsZero() {
		return &ItemError{Kind: "measurement", Index: index, Field: "date", Reason: "is required"}
	}
	if err := x.Map().Validate(); err != nil {
		return &ItemError{Kind: "measurement", Index: index, Name: name, Err: err}
	}
	if x.DORA != nil {
		if err := x.DORA.Validate(); err != nil {
			return &ItemError{Kind: "measurement", Index: index, Name: name, Err: err}
		}
	}
	return nil
}

// Validate checks a learning-log entry on its own: a title and a date, stage
// names that are not blank, known contributing factors, and an impact of 0 or
// more hours and items. Links to kaizen items are checked by Map.Validate.
func (e LearningEntry) Validate() error { return e.validate(-1) }

func (e LearningEntry) validate(index int) error {
	bad := func(field, value, reason string) error {
		return &ItemError{Kind: "learning-log entry", Index: index, Name: e.Title, Field: field, Value: value, Reason: reason}
	}
	if strings.TrimSpace(e.Title) == "" {
		return bad("title", "", "is required")
	}
	if e.Date.IsZero() {
		return bad("date", "", "is required")
	}
	for i, s := range e.Stages {
		if strings.TrimSpace(s) == "" {
			return bad(fmt.Sprintf("stage %d", i+1), "", "is blank")
		}
	}
	for _, f := range e.Factors {
		if !f.Known() {
			return bad("contributing factor", string(f), "is not a system category (one of "+factorList()+")")
		}
	}
	if r := checkHours(e.Impact.HoursLost); r != "" {
		return bad("impact hours lost", fmtValue(e.Impact.HoursLost), r)
	}
	if e.Impact.ItemsAffected < 0 {
		return bad("impact items affected", fmt.Sprint(e.Impact.ItemsAffected), "cannot be negative")
	}
	return e.validateTimeline(bad)
}

// Known reports whether f is one of Factors.
func (f Factor) Known() bool {
	for _, x := range Factors {
		if x == f {
			return true
		}
	}
	return false
}

func factorList() string { return joinNames(Factors) }

// validateImprovements checks the kaizen items, measurements, learning log and
// future state of m (called by Map.Validate after the stages): every item on its
// own, IDs present and unique within their list, measurements in strictly
// increasing day order (a day has one measurement), links between kaizen and
// learning-log entries pointing at items that exist, and a future state that is
// a valid map of stages only.
func (m *Map) validateImprovements() error {
	kaizenIDs := make(map[string]bool, len(m.Kaizen))
	for i, k := range m.Kaizen {
		if err := k.validate(i); err != nil {
			return err
		}
		if err := checkID("kaizen", i, k.Title, k.ID, kaizenIDs); err != nil {
			return err
		}
	}
	entryIDs := make(map[string]bool, len(m.Learning))
	for i, e := range m.Learning {
		if err := e.validate(i); err != nil {
			return err
		}
		if err := checkID("learning-log entry", i, e.Title, e.ID, entryIDs); err != nil {
			return err
		}
	}
	for i, k := range m.Kaizen {
		for _, id := range k.LearningID {
			if !entryIDs[id] {
				return &ItemError{Kind: "kaizen", Index: i, Name: k.Title, Field: "learning entries", Value: id, Reason: "is not an entry of the learning log"}
			}
		}
	}
	for i, e := range m.Learning {
		for _, id := range e.FollowUps {
			if !kaizenIDs[id] {
				return &ItemError{Kind: "learning-log entry", Index: i, Name: e.Title, Field: "follow-ups", Value: id, Reason: "is not a kaizen item of this map"}
			}
		}
	}
	measurementIDs := make(map[string]bool, len(m.Measurements))
	for i, x := range m.Measurements {
		if err := x.validate(i); err != nil {
			return err
		}
		name := x.Date.Format(DateLayout)
		if err := checkID("measurement", i, name, x.ID, measurementIDs); err != nil {
			return err
		}
		if i > 0 {
			prev := m.Measurements[i-1].Date
			if d := dayNumber(x.Date) - dayNumber(prev); d <= 0 {
				reason := "is the same day as the measurement before it (a day has one measurement)"
				if d < 0 {
					reason = "is earlier than the measurement before it (measurements are kept in date order)"
				}
				return &ItemError{Kind: "measurement", Index: i, Name: name, Field: "date", Reason: reason}
			}
		}
	}
	if f := m.Future; f != nil {
		if len(f.Kaizen) > 0 || len(f.Measurements) > 0 || len(f.Learning) > 0 || f.Future != nil {
			return &ItemError{Kind: "future state", Index: -1, Name: f.Name, Reason: "holds stages only: its kaizen, measurements, learning log and future state belong to the current map"}
		}
		if err := f.Validate(); err != nil {
			return &ItemError{Kind: "future state", Index: -1, Name: f.Name, Err: err}
		}
	}
	return nil
}

func checkID(kind string, index int, name, id string, seen map[string]bool) error {
	if strings.TrimSpace(id) == "" {
		return &ItemError{Kind: kind, Index: index, Name: name, Field: "id", Reason: "is required"}
	}
	if seen[id] {
		return &ItemError{Kind: kind, Index: index, Name: name, Field: "id", Value: id, Reason: "is used by an earlier " + kind}
	}
	seen[id] = true
	return nil
}
