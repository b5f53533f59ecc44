package stagesheet

import (
	"strings"
	"testing"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// The column names of shared/formats.md part 1, copied from its table.
var specNames = map[vsm.ColumnField][]string{
	vsm.NameColumn:             {"stage", "step", "process", "process step", "activity", "task", "name"},
	vsm.ProcessColumn:          {"process time", "pt", "work", "work time", "touch time", "value added", "value added time", "va time", "value-add", "active time", "processing time", "effort", "cycle time", "c/t"},
	vsm.WaitColumn:             {"wait", "wait time", "waiting", "queue time", "delay", "idle time", "non value added", "nva"},
	vsm.LeadColumn:             {"lead time", "lt", "elapsed", "elapsed time", "total time", "duration", "throughput time"},
	vsm.CompleteAccurateColumn: {"%c&a", "c&a", "%ca", "complete and accurate", "percent complete and accurate", "first pass yield", "fpy", "right first time", "rft", "quality", "accuracy"},
	vsm.PeopleColumn:           {"people", "staff", "fte", "headcount", "operators", "team size"},
	vsm.QueueColumn:            {"queue", "inventory", "wip", "items waiting", "backlog"},
	vsm.TeamColumn:             {"team", "owner", "function", "role", "department", "swimlane"},
	vsm.WasteColumn:            {"waste", "waste type", "waste tags"},
	vsm.NotesColumn:            {"notes", "comments", "issues", "barriers", "problems"},
}

func TestStageSheetEverySynonym(t *testing.T) {
	// Matching ignores case, spaces and punctuation.
	variants := func(s string) []string {
		return []string{
			s,
			strings.ToUpper(s),
			titled(s),
			"  " + strings.ReplaceAll(s, " ", "_") + " ",
			strings.ReplaceAll(s, " ", "-"),
			strings.ReplaceAll(s, " ", ""),
		}
	}
	for field, names := range specNames {
		for _, n := range names {
			for _, v := range variants(n) {
				m, ok := matchHeader(v)
				if !ok || m.Field != field {
					t.Errorf("header %q = %q (matched %v), want %q", v, m.Field, ok, field)
				}
			}
			// Every synonym also works as the column of a CSV header.
			if field == vsm.NameColumn {
				continue
			}
			csv := "Stage," + strings.ReplaceAll(n, ",", " ") + "\nA,1\n"
			p, err := testRead(t, "syn.csv", []byte(csv), vsm.SheetOptions{})
			if err != nil && field != vsm.WasteColumn && field != vsm.TeamColumn && field != vsm.NotesColumn {
				t.Errorf("csv with %q: %v", n, err)
				continue
			}
			if len(p.Columns) != 2 || p.Columns[1].Field != field {
				t.Errorf("csv with %q: columns %+v", n, p.Columns)
			}
		}
	}
}

// titled upper-cases the first letter of each word, as sheets do.
func titled(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

func TestStageSheetHeaderMeanings(t *testing.T) {
	tests := []struct {
		header string
		field  vsm.ColumnField
		unit   string // "" when the header names no unit
	}{
		{"Process (PT)", vsm.ProcessColumn, ""},      // a bracketed abbreviation clarifies
		{"Wait (queue)", vsm.WaitColumn, ""},         // a bracketed word does not override
		{"Inventory (days)", vsm.WaitColumn, "days"}, // inventory in days of demand is wait
		{"Days in queue", vsm.WaitColumn, "days"},    // likewise
		{"Queue", vsm.QueueColumn, ""},
		{"P/T", vsm.ProcessColumn, ""},
		{"L/T (days)", vsm.LeadColumn, "days"},
		{"W/T", vsm.WaitColumn, ""},
		{"VA time (min)", vsm.ProcessColumn, "minutes"},
		{"Total lead time (wks)", vsm.LeadColumn, "weeks"},
		{"Avg. process time [hrs]", vsm.ProcessColumn, "hours"},
		{"% Complete & Accurate", vsm.CompleteAccurateColumn, ""},
		{"Percent C&A", vsm.CompleteAccurateColumn, ""},
		{"No. of people", vsm.PeopleColumn, ""},
		{"# Staff", vsm.PeopleColumn, ""},
		{"Staff (FTE)", vsm.PeopleColumn, ""},
		{"C/T (sec)", vsm.ProcessColumn, "seconds"},
		{"Cycle time in seconds", vsm.ProcessColumn, "seconds"},
		{"Process Step", vsm.NameColumn, ""},
		{"Activity name", vsm.NameColumn, ""},
		{"Swim lane", vsm.TeamColumn, ""},
		{"Waste type(s)", vsm.WasteColumn, ""},
		{"Lead time in working days", vsm.LeadColumn, "days"},
		{"Elapsed (business days)", vsm.LeadColumn, "days"},
		{"Touch time per item (h)", vsm.ProcessColumn, "hours"},
	}
	for _, tt := range tests {
		m, ok := matchHeader(tt.header)
		unit := ""
		if m.UnitFromHeader {
			unit = m.Unit.Unit.String()
			if m.Unit.Seconds {
				unit = "seconds"
			}
		}
		if !ok || m.Field != tt.field || unit != tt.unit {
			t.Errorf("header %q = %q unit %q (ok %v), want %q unit %q", tt.header, m.Field, unit, ok, tt.field, tt.unit)
		}
	}
	for _, h := range []string{"", "Uptime", "C/O", "Shifts", "Date", "Hours", "%", "()", "Order to deploy: current state"} {
		if m, ok := matchHeader(h); ok {
			t.Errorf("header %q matched %q", h, m.Field)
		}
	}
}

func TestStageSheetSynonymsAreUnambiguous(t *testing.T) {
	seen := map[string]vsm.ColumnField{}
	for _, s := range synonyms {
		for _, n := range s.names {
			k := table.NormalizeHeader(n)
			if f, ok := seen[k]; ok && f != s.field {
				t.Errorf("column name %q (%q) is listed for %q and %q", n, k, f, s.field)
			}
			seen[k] = s.field
		}
	}
}

func TestParseField(t *testing.T) {
	for in, want := range map[string]vsm.ColumnField{
		"complete_accurate": vsm.CompleteAccurateColumn, "%C&A": vsm.CompleteAccurateColumn, "PT": vsm.ProcessColumn,
		"Lead time": vsm.LeadColumn, "ignore": vsm.IgnoredColumn, "(ignored)": vsm.IgnoredColumn, "stage name": vsm.NameColumn, "WIP": vsm.QueueColumn,
	} {
		if got, err := ParseField(in); err != nil || got != want {
			t.Errorf("ParseField(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseField("speed"); err == nil || !strings.Contains(err.Error(), `"speed" is not a stage field`) {
		t.Errorf("ParseField(speed): %v", err)
	}
	for _, f := range vsm.ColumnFields {
		if f.Label() == "" || !f.Known() {
			t.Errorf("field %q", f)
		}
	}
	if (vsm.SheetColumn{Unit: vsm.Days}).UnitName() != "days" || (vsm.SheetColumn{Seconds: true}).UnitName() != "seconds" {
		t.Error("UnitName")
	}
}
