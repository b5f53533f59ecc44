package vsm

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// StageField names one field of a stage: what a person types into a cell of
// the stage table or a kaizen's effect, what a column of a stage sheet feeds,
// what an import takes into a map (StageFields).
type StageField uint8

// The fields of a stage (shared/metrics.md, "A stage"). LeadField is a lead
// time given instead of a wait: the wait is LT - PT.
const (
	NameField StageField = iota + 1
	TeamField
	WaitField
	ProcessField
	LeadField
	CompleteAccurateField
	PeopleField
	QueueField
	WasteField
	NotesField
)

// String is the field's name in messages, as FieldError writes it: "wait",
// "complete & accurate".
func (f StageField) String() string {
	switch f {
	case NameField:
		return "name"
	case TeamField:
		return "team"
	case WaitField:
		return "wait"
	case ProcessField:
		return "process"
	case LeadField:
		return "lead time"
	case CompleteAccurateField:
		return "complete & accurate"
	case PeopleField:
		return "people"
	case QueueField:
		return "queue"
	case WasteField:
		return "waste"
	case NotesField:
		return "notes"
	}
	return "field " + strconv.Itoa(int(f))
}

// StageFields is a set of stage fields: the ones an incoming set of stages
// carries (a stage sheet's columns, an event log's measurements).
type StageFields uint16

// MeasuredFields are what an event log measures of a stage: its wait, its
// process time and its %C&A. People, team, queue, waste and notes are not in
// a log.
const MeasuredFields = StageFields(1<<WaitField | 1<<ProcessField | 1<<CompleteAccurateField)

// FieldsOf is the set of fields fs.
func FieldsOf(fs ...StageField) StageFields {
	var s StageFields
	for _, f := range fs {
		s |= 1 << f
	}
	return s
}

// Has reports whether f is in the set.
func (s StageFields) Has(f StageField) bool { return s&(1<<f) != 0 }

// SetField reads text typed or imported for field f and sets it on s: it is
// the one parser of stage values, used by the stage table, the kaizen
// screens and the stage-sheet reader. Surrounding spaces are ignored.
//
//   - wait, process: a duration (ParseDuration, hours by default, on calendar
//     cal); empty is 0.
//   - lead time: a duration LT; the wait becomes LT - PT, and LT below the
//     process time is refused ("lead time must be at least the process time").
//   - complete & accurate: "85%", "85" or "0.85" (ParseCompleteAccurate);
//     empty is 100%.
//   - people: a number (ParseNumber: "0,5" and "2 FTE" too); empty is 1.
//   - queue: a number of items; empty is unknown (nil).
//   - waste: tags separated by commas or semicolons (ParseWasteList).
//   - name, team, notes: the text, trimmed.
//
// The ranges are Stage.Validate's, checked by Validate itself, so a value the
// store would refuse is refused here with the same reason. On an error s is
// unchanged and the error is a *FieldError (wrapping ErrInvalid) that names
// the field, quotes the text (at most 80 characters) and says why, without a
// stage index: the caller knows the row.
func (s *Stage) SetField(f StageField, text string, cal Calendar) error {
	in := strings.TrimSpace(text)
	bad := func(reason string) error {
		return &FieldError{Index: -1, Field: f.String(), Value: shortValue(text), Reason: reason}
	}
	next := *s
	switch f {
	case NameField:
		next.Name = in
	case TeamField:
		next.Team = in
	case NotesField:
		next.Notes = in
	case WaitField, ProcessField, LeadField:
		h := 0.0
		if in != "" {
			var err error
			if h, err = ParseDuration(in, Hours, cal); err != nil {
				var de *DurationError
				if errors.As(err, &de) {
					return bad("is not a duration: " + de.Reason)
				}
				return bad("is not a duration")
			}
		}
		switch f {
		case WaitField:
			next.WaitHours = h
		case ProcessField:
			next.ProcessHours = h
		default:
			if h < next.ProcessHours {
				return bad(fmt.Sprintf("is less than the process time (%s): lead time must be at least the process time",
					FormatDuration(next.ProcessHours, cal)))
			}
			next.WaitHours = h - next.ProcessHours
		}
	case CompleteAccurateField:
		next.CompleteAccurate = 1
		if in != "" {
			v, err := parseShare(in)
			if err != nil {
				return bad("is not a percentage (write 85%, 85 or 0.85)")
			}
			next.CompleteAccurate = v
		}
	case PeopleField:
		next.People = 1
		if in != "" {
			v, err := ParseNumber(in)
			if err != nil {
				return bad(numberReason("people", in))
			}
			next.People = v
		}
	case QueueField:
		next.Queue = nil
		if in != "" {
			v, err := ParseNumber(in)
			if err != nil {
				return bad(numberReason("items", in))
			}
			next.Queue = &v
		}
	case WasteField:
		ws, err := ParseWasteList(in)
		if err != nil {
			return err // names the tag that is not a waste type
		}
		next.Waste = ws
	default:
		return bad("is not a field of a stage")
	}
	if err := next.checkField(f); err != nil {
		err.Value = shortValue(text)
		return err
	}
	*s = next
	return nil
}

// numberReason says why in is not a number of noun ("people", "items").
func numberReason(noun, in string) string {
	if how := AmbiguousComma(in); how != "" {
		return "is not a number of " + noun + ": " + ambiguousReason(how)
	}
	return "is not a number of " + noun
}

// checkField checks field f of s with Stage.Validate: a stage that is all
// defaults but for f is valid exactly when f is. The reason gets the unit and
// a hint a person can act on ("must be more than 0 people (0.5 for half a
// person's time)").
func (s Stage) checkField(f StageField) *FieldError {
	probe := NewStage("stage")
	unit, hint := "", ""
	switch f {
	case NameField:
		probe.Name, hint = s.Name, " (a stage needs a name)"
	case WaitField, LeadField:
		probe.WaitHours = s.WaitHours
	case ProcessField:
		probe.ProcessHours = s.ProcessHours
	case CompleteAccurateField:
		probe.CompleteAccurate, hint = s.CompleteAccurate, " (write 85%, 85 or 0.85)"
	case PeopleField:
		probe.People, unit, hint = s.People, " people", " (0.5 for half a person's time)"
	case QueueField:
		probe.Queue, unit = s.Queue, " items"
	case WasteField:
		probe.Waste = s.Waste
	default:
		return nil // free text
	}
	err := probe.Validate(-1)
	if err == nil {
		return nil
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		return &FieldError{Index: -1, Field: f.String(), Reason: err.Error()}
	}
	out := *fe
	out.Stage, out.Index, out.Field = "", -1, f.String()
	out.Reason += unit + hint
	return &out
}

// ParseCompleteAccurate reads %C&A as "85%", "85" or "0.85": a value above 1 is
// a percentage; a decimal comma is read (DecimalComma). The result is a
// fraction in (0, 1], the range of Stage.Validate.
func ParseCompleteAccurate(s string) (float64, error) {
	v, err := parseShare(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a percentage (write 85%%, 85 or 0.85): %w", shortValue(s), ErrInvalid)
	}
	probe := NewStage("stage")
	probe.CompleteAccurate = v
	if fe := probe.checkField(CompleteAccurateField); fe != nil {
		return 0, fmt.Errorf("%q %s: %w", shortValue(s), fe.Reason, ErrInvalid)
	}
	return v, nil
}

// parseShare reads "85%", "85" or "0.85" as a fraction, without a range.
func parseShare(s string) (float64, error) {
	in := strings.TrimSpace(s)
	pct := strings.HasSuffix(in, "%")
	in = DecimalComma(strings.TrimSpace(strings.TrimSuffix(in, "%")))
	v, err := strconv.ParseFloat(in, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, ErrInvalid
	}
	if pct || v > 1 {
		v /= 100
	}
	return v, nil
}

// ParseWasteList reads waste tags written as a list, "approvals, manual
// testing" or "handoffs; rework", in the order given and without repeats. An
// empty text is no tags. A tag that is not a waste type is a *FieldError
// that quotes it.
func ParseWasteList(s string) ([]Waste, error) {
	var out []Waste
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		w, err := ParseWaste(part)
		if err != nil {
			return nil, &FieldError{Index: -1, Field: WasteField.String(), Value: shortValue(part),
				Reason: "is not a waste type (one of " + wasteNames() + ")"}
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out, nil
}

// wasteNames lists the waste types for a message: "approvals, manual-testing, ...".
func wasteNames() string { return joinNames(WasteTypes) }

// joinNames writes names of a kind (waste types, learning factors) as a list
// for a message.
func joinNames[T ~string](xs []T) string {
	names := make([]string, len(xs))
	for i, x := range xs {
		names[i] = string(x)
	}
	return strings.Join(names, ", ")
}
