package stagesheet

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// maxProblems is how many problems a preview lists; the rest are counted.
const maxProblems = 100

// converter turns the rows below the header into stages. It holds
// everything it needs (no open workbook), so a preview can convert again on
// another calendar.
type converter struct {
	file, sheet string
	layout      string
	headerRow   int
	rows        [][]string
	formats     map[table.CellKey]cellFormat
	unitSet     bool

	nameCol, processCol, waitCol, leadCol, caCol *column
	peopleCol, queueCol, teamCol, wasteCol       *column
	notesCols                                    []*column
	used                                         []*column
}

func newConverter(file string, g *grid, cols []column, opt vsm.SheetOptions) *converter {
	c := &converter{
		file: file, sheet: g.sheet, layout: layoutOf(cols), headerRow: g.headerRow,
		rows: g.rows, formats: g.formats, unitSet: opt.UnitSet,
	}
	for i := range cols {
		col := &cols[i]
		switch col.Field {
		case vsm.NameColumn:
			c.nameCol = col
		case vsm.ProcessColumn:
			c.processCol = col
		case vsm.WaitColumn:
			c.waitCol = col
		case vsm.LeadColumn:
			c.leadCol = col
		case vsm.CompleteAccurateColumn:
			c.caCol = col
		case vsm.PeopleColumn:
			c.peopleCol = col
		case vsm.QueueColumn:
			c.queueCol = col
		case vsm.TeamColumn:
			c.teamCol = col
		case vsm.WasteColumn:
			c.wasteCol = col
		case vsm.NotesColumn:
			c.notesCols = append(c.notesCols, col)
		default:
			continue
		}
		c.used = append(c.used, col)
	}
	return c
}

// result is one conversion's outcome.
type result struct {
	stages    []vsm.Stage
	stageRows []int
	skipped   []vsm.SkippedRow
	problems  []rowProblem
	more      int
	warnings  []string

	wastes map[string]vsm.Waste // waste tags read so far, by spelling
}

// convert reads every row below the header on calendar cal.
//
// Blank rows are skipped and reported (trailing ones are the end of the
// sheet, not reported). Rows named total, sum or subtotal are skipped. A row
// with values but no stage name is a problem. After a blank row, a row with
// nothing but text in the name column is a note below the table, skipped.
// A cancel through w stops it with w's error.
func (c *converter) convert(cal vsm.Calendar, w *watch) (result, error) {
	var res result
	if c.nameCol == nil {
		return res, nil
	}
	var blanks []int
	afterBlank := false
	bare := map[*column]bool{} // duration columns with bare numbers in the default unit
	ladderZero := 0
	names := map[string]int{}
	for r := c.headerRow + 1; r <= len(c.rows); r++ {
		if r%4096 == 0 {
			if err := w.check(); err != nil {
				return res, err
			}
		}
		cells := c.rows[r-1]
		if len(c.formats) > 0 && c.totalLabel(cells) == "" && c.formulaProblems(&res, r, cells) {
			continue
		}
		if !table.RowHasValue(cells) {
			blanks = append(blanks, r)
			continue
		}
		for _, b := range blanks {
			res.skipped = append(res.skipped, vsm.SkippedRow{Row: b, Reason: "blank row"})
		}
		if len(blanks) > 0 && len(res.stages) > 0 {
			afterBlank = true
		}
		blanks = blanks[:0]

		name := strings.TrimSpace(c.cell(cells, c.nameCol))
		if label := c.totalLabel(cells); label != "" {
			res.skipped = append(res.skipped, vsm.SkippedRow{Row: r, Reason: fmt.Sprintf("a %q row", label)})
			continue
		}
		values := c.hasValues(cells)
		switch {
		case name == "" && !values:
			res.skipped = append(res.skipped, vsm.SkippedRow{Row: r, Reason: "no stage name, and nothing in the columns Flowmap reads"})
			continue
		case name == "":
			c.problem(&res, vsm.SheetProblem{Row: r, Column: c.nameCol.name(), Message: "the stage name is missing (the row has other values)"})
			continue
		case !values && afterBlank:
			res.skipped = append(res.skipped, vsm.SkippedRow{Row: r, Reason: fmt.Sprintf("text below the table, not a stage: %q", shorten(name))})
			continue
		}
		st, ok := c.stage(&res, r, cells, name, cal, bare, &ladderZero)
		if !ok {
			continue
		}
		res.stages = append(res.stages, st)
		res.stageRows = append(res.stageRows, r)
		names[strings.ToLower(name)]++
	}
	for _, col := range c.used {
		if bare[col] && !c.unitSet {
			res.warnings = append(res.warnings, fmt.Sprintf("column %s names no unit: its bare numbers are read as %s", columnName(col.SheetColumn), col.UnitName()))
		}
	}
	if ladderZero > 0 {
		res.warnings = append(res.warnings, fmt.Sprintf("%d stage(s) have %s 0, which a lead-time ladder uses for \"unknown\": their lead time is their process time", ladderZero, columnName(c.leadCol.SheetColumn)))
	}
	for _, st := range res.stages {
		if n := names[strings.ToLower(st.Name)]; n > 1 {
			res.warnings = append(res.warnings, fmt.Sprintf("%d stages are named %q: updating a map matches stages by name", n, st.Name))
			names[strings.ToLower(st.Name)] = 0
		}
	}
	return res, nil
}

// stage converts one row; it reports every bad value of the row.
func (c *converter) stage(res *result, r int, cells []string, name string, cal vsm.Calendar, bare map[*column]bool, ladderZero *int) (vsm.Stage, bool) {
	before := len(res.problems) + res.more
	st := vsm.NewStage(name)
	pt, _ := c.duration(res, r, cells, c.processCol, cal, bare)
	wt, _ := c.duration(res, r, cells, c.waitCol, cal, bare)
	lt, ltGiven := c.duration(res, r, cells, c.leadCol, cal, bare)
	if ltGiven && lt == 0 && c.layout == LayoutLeadTimeLadder {
		ltGiven = false
		*ladderZero++
	}
	st.ProcessHours = pt
	st.WaitHours = wt
	if ltGiven {
		// shared/metrics.md: a given LT >= PT; with a wait column too, the
		// wait is the queue before the stage and LT the stage's own elapsed
		// time, so WT = wait + (LT - PT).
		if lt < pt-1e-9 {
			c.problem(res, vsm.SheetProblem{Row: r, Column: c.leadCol.name(), Value: strings.TrimSpace(c.cell(cells, c.leadCol)),
				Message: fmt.Sprintf("is less than the process time (%s): lead time must be at least the process time",
					vsm.FormatDuration(pt, cal))})
		} else {
			st.WaitHours = wt + max(lt-pt, 0)
		}
	}
	if col := c.caCol; col != nil {
		if v := strings.TrimSpace(c.cell(cells, col)); !unknownValue(v) {
			ca, err := c.completeAccurate(v)
			if err != nil {
				c.problem(res, vsm.SheetProblem{Row: r, Column: col.name(), Value: v, Message: err.Error(), Err: vsm.ErrInvalid})
			} else {
				st.CompleteAccurate = ca
			}
		}
	}
	for _, f := range []struct {
		col   *column
		field vsm.StageField
	}{{c.peopleCol, vsm.PeopleField}, {c.queueCol, vsm.QueueField}} {
		if f.col == nil {
			continue
		}
		if v := strings.TrimSpace(c.cell(cells, f.col)); !unknownValue(v) {
			if err := st.SetField(f.field, v, cal); err != nil {
				c.problem(res, vsm.SheetProblem{Row: r, Column: f.col.name(), Value: v, Message: fieldReason(err), Err: err})
			}
		}
	}
	if col := c.teamCol; col != nil {
		st.Team = strings.TrimSpace(c.cell(cells, col))
	}
	if col := c.wasteCol; col != nil {
		for tag := range strings.FieldsFuncSeq(c.cell(cells, col), func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
			tag = strings.TrimSpace(tag)
			if tag == "" {
				continue
			}
			w, err := res.waste(tag)
			if err != nil {
				c.problem(res, vsm.SheetProblem{Row: r, Column: col.name(), Value: tag, Message: "is not a waste type (one of " + wasteList() + ")", Err: vsm.ErrInvalid})
				continue
			}
			if !st.HasWaste(w) {
				st.Waste = append(st.Waste, w)
			}
		}
	}
	var notes []string
	for _, col := range c.notesCols {
		v := strings.TrimSpace(c.cell(cells, col))
		if v == "" {
			continue
		}
		if len(c.notesCols) > 1 && col.Header != "" {
			v = col.Header + ": " + v
		}
		notes = append(notes, v)
	}
	st.Notes = strings.Join(notes, "\n")
	// Report a row's problems left to right, as a person reads the row.
	if first := min(before, len(res.problems)); first < len(res.problems) {
		sort.SliceStable(res.problems[first:], func(i, j int) bool {
			return res.problems[first+i].col < res.problems[first+j].col
		})
	}
	return st, len(res.problems)+res.more == before
}

// duration reads a duration cell in working hours; given is false for an
// empty or unknown ("-", "n/a", "?") cell. A workbook cell formatted as a
// time is its serial number x 24 h; one formatted as a date is refused. A
// cell's own unit ("2d") wins over the column's.
func (c *converter) duration(res *result, r int, cells []string, col *column, cal vsm.Calendar, bare map[*column]bool) (hours float64, given bool) {
	if col == nil {
		return 0, false
	}
	raw := strings.TrimSpace(c.cell(cells, col))
	if unknownValue(raw) {
		return 0, false
	}
	bad := func(value, msg string, err error) (float64, bool) {
		c.problem(res, vsm.SheetProblem{Row: r, Column: col.name(), Value: value, Message: msg, Err: err})
		return 0, false
	}
	if f, ok := c.formats[table.CellKey{Row: r, Col: col.Index}]; ok && !f.hasFormula {
		v, err := strconv.ParseFloat(raw, 64)
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			return bad(raw, "is not a duration", vsm.ErrInvalid)
		case f.format == table.FormatDate:
			shown := f.shown
			if shown == "" {
				shown = raw
			}
			return bad(shown, "is a date, not a duration: format the column as a number or as [h]:mm", vsm.ErrInvalid)
		case v < 0:
			return bad(raw, "is not a duration: durations cannot be negative", vsm.ErrInvalid)
		}
		// An Excel time is a serial number of days, stored with 15
		// significant digits: round to the second it displays.
		return math.Round(v*86400) / 3600, true
	}
	s := vsm.DecimalComma(raw)
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 {
		if !col.UnitFromHeader && v != 0 { // 0 is 0 in any unit
			bare[col] = true
		}
		if col.Seconds {
			return v / 3600, true
		}
	}
	if v, ok := parseSeconds(s); ok {
		return v / 3600, true
	}
	h, err := vsm.ParseDuration(s, col.Unit, cal)
	if err != nil {
		msg := "is not a duration"
		var de *vsm.DurationError
		if errors.As(err, &de) {
			msg += ": " + de.Reason
		}
		return bad(raw, msg, err)
	}
	return h, true
}

// waste reads a waste tag, remembering each distinct spelling (a sheet
// repeats the same few tags on every row).
func (res *result) waste(tag string) (vsm.Waste, error) {
	if w, ok := res.wastes[tag]; ok {
		return w, nil
	}
	w, err := vsm.ParseWaste(tag)
	if err == nil {
		if res.wastes == nil {
			res.wastes = map[string]vsm.Waste{}
		}
		res.wastes[tag] = w
	}
	return w, err
}

// completeAccurate reads %C&A: "85%", 85 or 0.85 (a value above 1 is a
// percentage). A lead-time ladder writes 0 for "unknown", which is 100%.
func (c *converter) completeAccurate(v string) (float64, error) {
	s := vsm.DecimalComma(v)
	num := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, errors.New("is not a percentage (write 85%, 85 or 0.85)")
	}
	if f == 0 && c.layout == LayoutLeadTimeLadder {
		return 1, nil
	}
	ca, err := vsm.ParseCompleteAccurate(s)
	if err != nil {
		return 0, errors.New("is outside the range of %C&A: more than 0% and at most 100%")
	}
	return ca, nil
}

// formulaProblems reports each used column of row r whose cell is empty but
// holds a formula: the file was saved without the formula's value, so the
// import cannot know it.
func (c *converter) formulaProblems(res *result, r int, cells []string) bool {
	if len(c.formats) == 0 {
		return false
	}
	found := false
	for _, col := range c.used {
		if f, ok := c.formats[table.CellKey{Row: r, Col: col.Index}]; ok && f.hasFormula && strings.TrimSpace(c.cell(cells, col)) == "" {
			p := vsm.SheetProblem{Row: r, Column: col.name(), Value: "=" + f.formula,
				Message: "is a formula saved without its value: open the file in Excel or LibreOffice, save it, and import again"}
			if f.formula == "" { // a shared formula's follower carries no text
				p.Value, p.Message = "", "holds a formula saved without its value: open the file in Excel or LibreOffice, save it, and import again"
			}
			c.problem(res, p)
			found = true
		}
	}
	return found
}

// rowProblem is a problem and the 0-based column it is in, to list a row's
// problems left to right.
type rowProblem struct {
	vsm.SheetProblem
	col int
}

// problem records p, keeping the first maxProblems.
func (c *converter) problem(res *result, p vsm.SheetProblem) {
	if len(res.problems) >= maxProblems {
		res.more++
		return
	}
	p.File, p.Sheet = c.file, c.sheet
	rp := rowProblem{SheetProblem: p}
	for _, col := range c.used {
		if col.name() == p.Column {
			rp.col = col.Index
			break
		}
	}
	res.problems = append(res.problems, rp)
}

// sheetProblems are the problems as the preview lists them.
func (res *result) sheetProblems() []vsm.SheetProblem {
	out := make([]vsm.SheetProblem, len(res.problems))
	for i, p := range res.problems {
		out[i] = p.SheetProblem
	}
	return out
}

// cell is the text of col in a row ("" past the row's end).
func (c *converter) cell(cells []string, col *column) string {
	if col == nil || col.Index >= len(cells) {
		return ""
	}
	return cells[col.Index]
}

// hasValues reports whether a used column other than the name has a value.
func (c *converter) hasValues(cells []string) bool {
	for _, col := range c.used {
		if col != c.nameCol && strings.TrimSpace(c.cell(cells, col)) != "" {
			return true
		}
	}
	return false
}

// name names the column in problems: its header, or its letter.
func (col *column) name() string {
	if col.Header != "" {
		return col.Header
	}
	return col.Letter
}
