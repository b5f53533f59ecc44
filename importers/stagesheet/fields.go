package stagesheet

import (
	"fmt"
	"strings"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// ParseField reads a field name as the CLI or a mapping file writes it: the
// constant's value ("complete_accurate"), its label ("%C&A"), or any column
// name a stage sheet may use for it ("PT", "Lead time").
func ParseField(s string) (vsm.ColumnField, error) {
	k := table.NormalizeHeader(s)
	for _, f := range vsm.ColumnFields {
		if k == table.NormalizeHeader(string(f)) || k == table.NormalizeHeader(f.Label()) {
			return f, nil
		}
	}
	if m, ok := matchHeader(s); ok {
		return m.Field, nil
	}
	names := make([]string, len(vsm.ColumnFields))
	for i, f := range vsm.ColumnFields {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%q is not a stage field (one of %s)", s, strings.Join(names, ", "))
}

// synonyms are the column names of shared/formats.md part 1 (and a few
// more seen in real sheets), normalized by table.NormalizeHeader, per field in
// order of preference: when two columns claim a field, the one whose name
// comes first wins ("Activity" over "Step", "Process time" over "Cycle time").
var synonyms = []struct {
	field vsm.ColumnField
	names []string
}{
	{vsm.NameColumn, []string{
		"name", "stage name", "stage", "activity", "activity name", "process step", "step name",
		"task", "task name", "process name", "process", "step",
	}},
	{vsm.ProcessColumn, []string{
		"process time", "pt", "p/t", "processing time", "work time", "touch time", "hands-on time",
		"value added time", "value added", "value-add time", "value-add", "va time", "active time",
		"work", "effort", "cycle time", "c/t",
	}},
	{vsm.WaitColumn, []string{
		"wait", "wait time", "waiting", "waiting time", "wt", "w/t", "queue time", "delay", "idle time",
		"non value added", "non value added time", "nva", "nva time",
	}},
	{vsm.LeadColumn, []string{
		"lead time", "lt", "l/t", "total lead time", "elapsed", "elapsed time", "total time", "duration",
		"throughput time",
	}},
	{vsm.CompleteAccurateColumn, []string{
		"%c&a", "c&a", "%ca", "complete and accurate", "complete & accurate", "percent complete and accurate",
		"percent complete & accurate", "pct c&a", "percent c&a", "pca",
		"first pass yield", "fpy", "right first time", "rft", "quality", "accuracy",
	}},
	{vsm.PeopleColumn, []string{
		"people", "staff", "fte", "ftes", "headcount", "operators", "operator", "team size", "persons",
	}},
	{vsm.QueueColumn, []string{
		"queue", "queue size", "queue length", "inventory", "wip", "work in progress", "items waiting", "backlog",
	}},
	{vsm.TeamColumn, []string{
		"team", "owner", "function", "role", "department", "dept", "swimlane", "swim lane",
	}},
	{vsm.WasteColumn, []string{"waste", "waste type", "waste types", "waste tags", "wastes"}},
	{vsm.NotesColumn, []string{
		"notes", "note", "comments", "comment", "issues", "barriers", "problems", "remarks",
	}},
}

// synonym is a known column name: its field and its rank among the
// field's names (0 is the most telling).
type synonym struct {
	field vsm.ColumnField
	rank  int
}

var synonymIndex = func() map[string]synonym {
	m := map[string]synonym{}
	for _, s := range synonyms {
		for i, n := range s.names {
			k := table.NormalizeHeader(n)
			if _, dup := m[k]; !dup { // "%C&A" and "C&A" are both "ca": the first spelling ranks
				m[k] = synonym{field: s.field, rank: i}
			}
		}
	}
	return m
}()

// headerMatch is what a header cell says about its column.
type headerMatch struct {
	Field vsm.ColumnField
	Key   string // the normalized column name that matched ("pt", "activity")
	Rank  int    // rank of Key among the field's names
	Unit  table.Unit
	// UnitFromHeader: the header names the unit of its bare numbers.
	UnitFromHeader bool
}

// matchHeader reads a header cell as a stage field. A bracketed
// abbreviation clarifies the words before it ("Process (PT)" is process time,
// although "Process" alone is the stage name); otherwise the words outside
// brackets decide ("Wait (queue)" is wait). A queue column whose header names
// a time unit ("Inventory (days)", "Days in queue") holds wait time: Lean maps
// give inventory in days of demand.
func matchHeader(header string) (headerMatch, bool) {
	cands := table.HeaderCandidates(header)
	pick := func(c table.HeaderCandidate) (headerMatch, bool) {
		syn, ok := synonymIndex[c.Key]
		if !ok {
			return headerMatch{}, false
		}
		m := headerMatch{Field: syn.field, Key: c.Key, Rank: syn.rank, Unit: c.Unit, UnitFromHeader: c.HasUnit}
		if m.Field == vsm.QueueColumn && m.UnitFromHeader {
			m.Field = vsm.WaitColumn
		}
		if !m.Field.IsDuration() {
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
	return headerMatch{}, false
}
