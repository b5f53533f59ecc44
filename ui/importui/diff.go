package importui

import (
	"math"
	"slices"
	"strings"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// fieldSet holds the stage fields a sheet has columns for: an update takes
// only those from the sheet and leaves the map's other values as they are.
type fieldSet map[vsm.ColumnField]bool

// fedFields is the set of fields the sheet's columns feed.
func fedFields(cols []vsm.SheetColumn) fieldSet {
	f := fieldSet{}
	for _, c := range cols {
		if c.Field != "" && c.Field != vsm.IgnoredColumn {
			f[c.Field] = true
		}
	}
	return f
}

// apply copies the fed fields of src onto dst. A lead-time column without a
// process-time column makes the reader take the whole lead time as wait; on
// top of a map that has a process time, the wait is the lead time minus that
// process time (shared/metrics.md: LT = WT + PT), and never below 0.
func (f fieldSet) apply(dst *vsm.Stage, src vsm.Stage) {
	if f[vsm.ProcessColumn] {
		dst.ProcessHours = src.ProcessHours
	}
	switch {
	case f[vsm.LeadColumn] && !f[vsm.ProcessColumn]:
		dst.WaitHours = math.Max(src.WaitHours-dst.ProcessHours, 0)
	case f[vsm.WaitColumn] || f[vsm.LeadColumn]:
		dst.WaitHours = src.WaitHours
	}
	if f[vsm.CompleteAccurateColumn] {
		dst.CompleteAccurate = src.CompleteAccurate
	}
	if f[vsm.PeopleColumn] {
		dst.People = src.People
	}
	if f[vsm.QueueColumn] {
		dst.Queue = nil
		if src.Queue != nil {
			q := *src.Queue
			dst.Queue = &q
		}
	}
	if f[vsm.TeamColumn] {
		dst.Team = src.Team
	}
	if f[vsm.WasteColumn] {
		dst.Waste = slices.Clone(src.Waste)
	}
	if f[vsm.NotesColumn] {
		dst.Notes = src.Notes
	}
}

// matchStages pairs each incoming stage with the map's stage of the same name
// (ignoring case and surrounding spaces): at[i] is the map index of
// incoming[i], or -1 for a stage the map lacks. A map stage pairs once; a
// second sheet row with its name counts as a new stage.
func matchStages(cur []vsm.Stage, incoming []vsm.Stage) []int {
	key := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	free := map[string][]int{}
	for i, s := range cur {
		k := key(s.Name)
		free[k] = append(free[k], i)
	}
	at := make([]int, len(incoming))
	for i, s := range incoming {
		at[i] = -1
		if q := free[key(s.Name)]; len(q) > 0 {
			at[i] = q[0]
			free[key(s.Name)] = q[1:]
		}
	}
	return at
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

// diffStages compares the map's stages with the sheet's, field by fed field,
// writing values on calendar cal.
func diffStages(cur *vsm.Map, incoming []vsm.Stage, fed fieldSet, cal vsm.Calendar) stageDiff {
	var d stageDiff
	at := matchStages(cur.Stages, incoming)
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
		fed.apply(&next, s)
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

// mergeStages is cur with the sheet's values: matched stages take the fed
// fields, new stages come in after the sheet stage they follow. Stages only
// in the map stay where they are, or go when removeMissing is set (the
// result then has the sheet's order).
func mergeStages(cur *vsm.Map, incoming []vsm.Stage, fed fieldSet, removeMissing bool) *vsm.Map {
	next := cur.Clone()
	at := matchStages(cur.Stages, incoming)
	if removeMissing {
		stages := make([]vsm.Stage, len(incoming))
		for i, s := range incoming {
			if j := at[i]; j >= 0 {
				st := cur.Stages[j].Clone()
				fed.apply(&st, s)
				stages[i] = st
			} else {
				stages[i] = s.Clone()
			}
		}
		next.Stages = stages
		return next
	}
	// Keep the map's order; place[i] is where incoming[i] ended up.
	stages := make([]vsm.Stage, len(cur.Stages))
	for j, s := range cur.Stages {
		stages[j] = s.Clone()
	}
	pos := make([]int, len(cur.Stages)) // pos[j]: current index of map stage j
	for j := range pos {
		pos[j] = j
	}
	last := -1 // index in stages of the previous sheet stage placed
	for i, s := range incoming {
		if j := at[i]; j >= 0 {
			fed.apply(&stages[pos[j]], s)
			last = pos[j]
			continue
		}
		ins := last + 1
		stages = slices.Insert(stages, ins, s.Clone())
		for k := range pos {
			if pos[k] >= ins {
				pos[k]++
			}
		}
		last = ins
	}
	next.Stages = stages
	return next
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
