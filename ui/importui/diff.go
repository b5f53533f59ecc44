package importui

import (
	"math"
	"slices"
	"strings"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// fieldOfColumn is the vsm stage field each column meaning feeds.
var fieldOfColumn = map[string]vsm.StageField{
	FieldName: vsm.NameField, FieldProcess: vsm.ProcessField, FieldWait: vsm.WaitField,
	FieldLead: vsm.LeadField, FieldCompleteAccurate: vsm.CompleteAccurateField,
	FieldPeople: vsm.PeopleField, FieldQueue: vsm.QueueField, FieldTeam: vsm.TeamField,
	FieldWaste: vsm.WasteField, FieldNotes: vsm.NotesField,
}

// fedFields is the set of stage fields the sheet's columns feed: an update
// takes only those from the sheet (vsm.Map.MergeStages) and leaves the map's
// other values as they are.
func fedFields(cols []Column) vsm.StageFields {
	var fs []vsm.StageField
	for _, c := range cols {
		if f, ok := fieldOfColumn[c.Field]; ok {
			fs = append(fs, f)
		}
	}
	return vsm.FieldsOf(fs...)
}

// fieldChange is one value an update changes.
type fieldChange struct {
	Field, Old, New string
}

// stageChange is a stage an update changes, with its changed values.
type stageChange struct {
	Name    string
	Changes []fieldChange
}

// stageDiff is what updating a map from a sheet would do.
type stageDiff struct {
	Changed   []stageChange
	Added     []vsm.Stage // in the sheet, not in the map
	OnlyInMap []vsm.Stage // in the map, not in the sheet
	Unchanged int         // matched stages whose fed values are already the map's
}

// empty reports whether the update would change nothing.
func (d stageDiff) empty() bool { return len(d.Changed) == 0 && len(d.Added) == 0 }

// diffStages is what vsm.Map.MergeStages would change, field by fed field,
// with values written on calendar cal: the same matching (vsm.MatchStages)
// and the same rule per stage (vsm.MergeStage).
func diffStages(cur *vsm.Map, incoming []vsm.Stage, fed vsm.StageFields, cal vsm.Calendar) stageDiff {
	var d stageDiff
	at := vsm.MatchStages(cur.Stages, incoming)
	used := make([]bool, len(cur.Stages))
	for i, s := range incoming {
		j := at[i]
		if j < 0 {
			d.Added = append(d.Added, s)
			continue
		}
		used[j] = true
		old := cur.Stages[j]
		next := old.Clone()
		vsm.MergeStage(&next, s, fed)
		if ch := stageChanges(old, next, cal); len(ch) > 0 {
			d.Changed = append(d.Changed, stageChange{Name: old.Name, Changes: ch})
		} else {
			d.Unchanged++
		}
	}
	for j, s := range cur.Stages {
		if !used[j] {
			d.OnlyInMap = append(d.OnlyInMap, s)
		}
	}
	return d
}

// stageChanges lists the values that differ between a and b.
func stageChanges(a, b vsm.Stage, cal vsm.Calendar) []fieldChange {
	var out []fieldChange
	add := func(field, old, new string) { out = append(out, fieldChange{field, old, new}) }
	// A thousandth of a minute is float noise from unit conversion, not a change.
	const hourTol = 1.0 / 60000
	if math.Abs(a.WaitHours-b.WaitHours) > hourTol {
		add("wait", fmtDur(a.WaitHours, cal), fmtDur(b.WaitHours, cal))
	}
	if math.Abs(a.ProcessHours-b.ProcessHours) > hourTol {
		add("process", fmtDur(a.ProcessHours, cal), fmtDur(b.ProcessHours, cal))
	}
	if math.Abs(a.CompleteAccurate-b.CompleteAccurate) > 1e-9 {
		add("%C&A", fmtPct(a.CompleteAccurate), fmtPct(b.CompleteAccurate))
	}
	if math.Abs(a.People-b.People) > 1e-9 {
		add("people", uikit.Number(a.People), uikit.Number(b.People))
	}
	if !sameQueue(a.Queue, b.Queue) {
		add("queue", queueText(a.Queue), queueText(b.Queue))
	}
	if a.Team != b.Team {
		add("team", emptyDash(a.Team), emptyDash(b.Team))
	}
	if !slices.Equal(a.Waste, b.Waste) {
		add("waste", emptyDash(wasteText(a.Waste)), emptyDash(wasteText(b.Waste)))
	}
	if a.Notes != b.Notes {
		add("notes", emptyDash(shorten(a.Notes, 40)), emptyDash(shorten(b.Notes, 40)))
	}
	return out
}

func sameQueue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9
}

func queueText(q *float64) string {
	if q == nil {
		return "—"
	}
	return uikit.Number(*q)
}

func wasteText(ws []vsm.Waste) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = string(w)
	}
	return strings.Join(parts, ", ")
}

func emptyDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
