package importers

import (
	"fmt"
	"strings"

	"flowmap/importers/table"
)

// Field is what a stage-sheet column feeds.
type Field string

// The fields of a stage (shared/metrics.md, "A stage"), and FieldIgnore for a
// column that feeds nothing.
const (
	FieldName             Field = "name"
	FieldProcess          Field = "process"
	FieldWait             Field = "wait"
	FieldLead             Field = "lead"
	FieldCompleteAccurate Field = "complete_accurate"
	FieldPeople           Field = "people"
	FieldQueue            Field = "queue"
	FieldTeam             Field = "team"
	FieldWaste            Field = "waste"
	FieldNotes            Field = "notes"
	FieldIgnore           Field = "ignore"
)

// Fields lists every field in the order a column-meaning picker offers them.
var Fields = []Field{
	FieldName, FieldProcess, FieldWait, FieldLead, FieldCompleteAccurate,
	FieldPeople, FieldQueue, FieldTeam, FieldWaste, FieldNotes, FieldIgnore,
}

// Label is the field's name for people: "process time", "%C&A".
func (f Field) Label() string {
	switch f {
	case FieldName:
		return "stage name"
	case FieldProcess:
		return "process time"
	case FieldWait:
		return "wait time"
	case FieldLead:
		return "lead time"
	case FieldCompleteAccurate:
		return "%C&A"
	case FieldPeople:
		return "people"
	case FieldQueue:
		return "queue"
	case FieldTeam:
		return "team"
	case FieldWaste:
		return "waste tags"
	case FieldNotes:
		return "notes"
	case FieldIgnore:
		return "(ignored)"
	}
	return string(f)
}

// ParseField reads a field name as the CLI or a mapping file writes it: the
// constant's value ("complete_accurate"), its label ("%C&A"), or any column
// name a stage sheet may use for it ("PT", "Lead time").
func ParseField(s string) (Field, error) {
	k := table.NormalizeHeader(s)
	for _, f := range Fields {
		if k == table.NormalizeHeader(string(f)) || k == table.NormalizeHeader(f.Label()) {
			return f, nil
		}
	}
	if m, ok := sheetMatchHeader(s); ok {
		return m.Field, nil
	}
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%q is not a stage field (one of %s)", s, strings.Join(names, ", "))
}

func (f Field) known() bool {
	for _, x := range Fields {
		if x == f {
			return true
		}
	}
	return false
}

// duration reports whether the field holds a duration.
func (f Field) duration() bool {
	return f == FieldProcess || f == FieldWait || f == FieldLead
}

// sheetSynonyms are the column names of shared/formats.md part 1 (and a few
// more seen in real sheets), normalized by table.NormalizeHeader, per field in
// order of preference: when two columns claim a field, the one whose name
// comes first wins ("Activity" over "Step", "Process time" over "Cycle time").
var sheetSynonyms = []struct {
	field Field
	names []string
}{
	{FieldName, []string{
		"name", "stage name", "stage", "activity", "activity name", "process step", "step name",
		"task", "task name", "process name", "process", "step",
	}},
	{FieldProcess, []string{
		"process time", "pt", "p/t", "processing time", "work time", "touch time", "hands-on time",
		"value added time", "value added", "value-add time", "value-add", "va time", "active time",
		"work", "effort", "cycle time", "c/t",
	}},
	{FieldWait, []string{
		"wait", "wait time", "waiting", "waiting time", "wt", "w/t", "queue time", "delay", "idle time",
		"non value added", "non value added time", "nva", "nva time",
	}},
	{FieldLead, []string{
		"lead time", "lt", "l/t", "total lead time", "elapsed", "elapsed time", "total time", "duration",
		"throughput time",
	}},
	{FieldCompleteAccurate, []string{
		"%c&a", "c&a", "%ca", "complete and accurate", "complete & accurate", "percent complete and accurate",
		"percent complete & accurate", "pct c&a", "percent c&a", "pca",
		"first pass yield", "fpy", "right first time", "rft", "quality", "accuracy",
	}},
	{FieldPeople, []string{
		"people", "staff", "fte", "ftes", "headcount", "operators", "operator", "team size", "persons",
	}},
	{FieldQueue, []string{
		"queue", "queue size", "queue length", "inventory", "wip", "work in progress", "items waiting", "backlog",
	}},
	{FieldTeam, []string{
		"team", "owner", "function", "role", "department", "dept", "swimlane", "swim lane",
	}},
	{FieldWaste, []string{"waste", "waste type", "waste types", "waste tags", "wastes"}},
	{FieldNotes, []string{
		"notes", "note", "comments", "comment", "issues", "barriers", "problems", "remarks",
	}},
}

// sheetSynonym is a known column name: its field and its rank among the
// field's names (0 is the most telling).
type sheetSynonym struct {
	field Field
	rank  int
}

var sheetSynonymIndex = func() map[string]sheetSynonym {
	m := map[string]sheetSynonym{}
	for _, s := range sheetSynonyms {
		for i, n := range s.names {
			k := table.NormalizeHeader(n)
			if _, dup := m[k]; !dup { // "%C&A" and "C&A" are both "ca": the first spelling ranks
				m[k] = sheetSynonym{field: s.field, rank: i}
			}
		}
	}
	return m
}()

// sheetHeaderMatch is what a header cell says about its column.
type sheetHeaderMatch struct {
	Field Field
	Key   string // the normalized column name that matched ("pt", "activity")
	Rank  int    // rank of Key among the field's names
	Unit  table.Unit
	// UnitFromHeader: the header names the unit of its bare numbers.
	UnitFromHeader bool
}

// sheetMatchHeader reads a header cell as a stage field. A bracketed
// abbreviation clarifies the words before it ("Process (PT)" is process time,
// although "Process" alone is the stage name); otherwise the words outside
// brackets decide ("Wait (queue)" is wait). A queue column whose header names
// a time unit ("Inventory (days)", "Days in queue") holds wait time: Lean maps
// give inventory in days of demand.
func sheetMatchHeader(header string) (sheetHeaderMatch, bool) {
	cands := table.HeaderCandidates(header)
	pick := func(c table.HeaderCandidate) (sheetHeaderMatch, bool) {
		syn, ok := sheetSynonymIndex[c.Key]
		if !ok {
			return sheetHeaderMatch{}, false
		}
		m := sheetHeaderMatch{Field: syn.field, Key: c.Key, Rank: syn.rank, Unit: c.Unit, UnitFromHeader: c.HasUnit}
		if m.Field == FieldQueue && m.UnitFromHeader {
			m.Field = FieldWait
		}
		if !m.Field.duration() {
			m.Unit, m.UnitFromHeader = table.Unit{}, false
		}
		return m, true
	}
	for _, c := range cands {
		if c.FromGroup && len(c.Key) <= 3 {
			if m, ok := pick(c); ok {
				return m, true
			}
		}
	}
	for _, c := range cands {
		if m, ok := pick(c); ok {
			return m, true
		}
	}
	return sheetHeaderMatch{}, false
}
