package importers

import (
	"strings"
	"testing"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// The column names of shared/formats.md part 1, copied from its table.
var sheetTestSpecNames = map[Field][]string{
	FieldName:             {"stage", "step", "process", "process step", "activity", "task", "name"},
	FieldProcess:          {"process time", "pt", "work", "work time", "touch time", "value added", "value added time", "va time", "value-add", "active time", "processing time", "effort", "cycle time", "c/t"},
	FieldWait:             {"wait", "wait time", "waiting", "queue time", "delay", "idle time", "non value added", "nva"},
	FieldLead:             {"lead time", "lt", "elapsed", "elapsed time", "total time", "duration", "throughput time"},
	FieldCompleteAccurate: {"%c&a", "c&a", "%ca", "complete and accurate", "percent complete and accurate", "first pass yield", "fpy", "right first time", "rft", "quality", "accuracy"},
	FieldPeople:           {"people", "staff", "fte", "headcount", "operators", "team size"},
	FieldQueue:            {"queue", "inventory", "wip", "items waiting", "backlog"},
	FieldTeam:             {"team", "owner", "function", "role", "department", "swimlane"},
	FieldWaste:            {"waste", "waste type", "waste tags"},
	FieldNotes:            {"notes", "comments", "issues", "barriers", "problems"},
}

func TestStageSheetEverySynonym(t *testing.T) {
	// Matching ignores case, spaces and punctuation.
	variants := func(s string) []string {
		return []string{
			s,
			strings.ToUpper(s),
			sheetTestTitle(s),
			"  " + strings.ReplaceAll(s, " ", "_") + " ",
			strings.ReplaceAll(s, " ", "-"),
			strings.ReplaceAll(s, " ", ""),
		}
	}
	for field, names := range sheetTestSpecNames {
		for _, n := range names {
			for _, v := range variants(n) {
				m, ok := sheetMatchHeader(v)
				if !ok || m.Field != field {
					t.Errorf("header %q = %q (matched %v), want %q", v, m.Field, ok, field)
				}
			}
			// Every synonym also works as the column of a CSV header.
			if field == FieldName {
				continue
			}
			csv := "Stage," + strings.ReplaceAll(n, ",", " ") + "\nA,1\n"
			p, err := sheetTestRead(t, "syn.csv", []byte(csv), SheetOptions{})
			if err != nil && field != FieldWaste && field != FieldTeam && field != FieldNotes {
				t.Errorf("csv with %q: %v", n, err)
				continue
			}
			if len(p.Columns) != 2 || p.Columns[1].Field != field {
				t.Errorf("csv with %q: columns %+v", n, p.Columns)
			}
		}
	}
}

// sheetTestTitle upper-cases the first letter of each word, as sheets do.
func sheetTestTitle(s string) string {
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
		field  Field
		unit   string // "" when the header names no unit
	}{
		{"Process (PT)", FieldProcess, ""},      // a bracketed abbreviation clarifies
		{"Wait (queue)", FieldWait, ""},         // a bracketed word does not override
		{"Inventory (days)", FieldWait, "days"}, // inventory in days of demand is wait
		{"Days in queue", FieldWait, "days"},    // likewise
		{"Queue", FieldQueue, ""},
		{"P/T", FieldProcess, ""},
		{"L/T (days)", FieldLead, "days"},
		{"W/T", FieldWait, ""},
		{"VA time (min)", FieldProcess, "minutes"},
		{"Total lead time (wks)", FieldLead, "weeks"},
		{"Avg. process time [hrs]", FieldProcess, "hours"},
		{"% Complete & Accurate", FieldCompleteAccurate, ""},
		{"Percent C&A", FieldCompleteAccurate, ""},
		{"No. of people", FieldPeople, ""},
		{"# Staff", FieldPeople, ""},
		{"Staff (FTE)", FieldPeople, ""},
		{"C/T (sec)", FieldProcess, "seconds"},
		{"Cycle time in seconds", FieldProcess, "seconds"},
		{"Process Step", FieldName, ""},
		{"Activity name", FieldName, ""},
		{"Swim lane", FieldTeam, ""},
		{"Waste type(s)", FieldWaste, ""},
		{"Lead time in working days", FieldLead, "days"},
		{"Elapsed (business days)", FieldLead, "days"},
		{"Touch time per item (h)", FieldProcess, "hours"},
	}
	for _, tt := range tests {
		m, ok := sheetMatchHeader(tt.header)
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
		if m, ok := sheetMatchHeader(h); ok {
			t.Errorf("header %q matched %q", h, m.Field)
		}
	}
}

func TestStageSheetSynonymsAreUnambiguous(t *testing.T) {
	seen := map[string]Field{}
	for _, s := range sheetSynonyms {
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
	for in, want := range map[string]Field{
		"complete_accurate": FieldCompleteAccurate, "%C&A": FieldCompleteAccurate, "PT": FieldProcess,
		"Lead time": FieldLead, "ignore": FieldIgnore, "(ignored)": FieldIgnore, "stage name": FieldName, "WIP": FieldQueue,
	} {
		if got, err := ParseField(in); err != nil || got != want {
			t.Errorf("ParseField(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseField("speed"); err == nil || !strings.Contains(err.Error(), `"speed" is not a stage field`) {
		t.Errorf("ParseField(speed): %v", err)
	}
	for _, f := range Fields {
		if f.Label() == "" || !f.known() {
			t.Errorf("field %q", f)
		}
	}
	if (ColumnUse{Unit: vsm.Days}).UnitName() != "days" || (ColumnUse{Seconds: true}).UnitName() != "seconds" {
		t.Error("UnitName")
	}
}
