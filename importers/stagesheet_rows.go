package importers

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"flowmap/vsm"
)

// sheetMaxProblems is how many problems a preview lists; the rest are counted.
const sheetMaxProblems = 100

// sheetConverter turns the rows below the header into stages. It holds
// everything it needs (no open workbook), so a preview can convert again on
// another calendar.
type sheetConverter struct {
	file, sheet string
	layout      string
	headerRow   int
	rows        [][]string
	formats     map[tableCellKey]sheetCellFormat
	unitSet     bool

	nameCol, processCol, waitCol, leadCol, caCol *sheetColumn
	peopleCol, queueCol, teamCol, wasteCol       *sheetColumn
	notesCols                                    []*sheetColumn
	used                                         []*sheetColumn
}

func newSheetConverter(file string, g *sheetGrid, cols []sheetColumn, opt SheetOptions) *sheetConverter {
	c := &sheetConverter{
		file: file, sheet: g.sheet, layout: sheetLayout(cols), headerRow: g.headerRow,
		rows: g.rows, formats: g.formats, unitSet: opt.UnitSet,
	}
	for i := range cols {
		col := &cols[i]
		switch col.Field {
		case FieldName:
			c.nameCol = col
		case FieldProcess:
			c.processCol = col
		case FieldWait:
			c.waitCol = col
		case FieldLead:
			c.leadCol = col
		case FieldCompleteAccurate:
			c.caCol = col
		case FieldPeople:
			c.peopleCol = col
		case FieldQueue:
			c.queueCol = col
		case FieldTeam:
			c.teamCol = col
		case FieldWaste:
			c.wasteCol = col
		case FieldNotes:
			c.notesCols = append(c.notesCols, col)
		default:
			continue
		}
		c.used = append(c.used, col)
	}
	return c
}

// sheetResult is one conversion's outcome.
type sheetResult struct {
	stages    []vsm.Stage
	stageRows []int
	skipped   []SkippedRow
	problems  []Problem
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
func (c *sheetConverter) convert(cal vsm.Calendar) sheetResult {
	var res sheetResult
	if c.nameCol == nil {
		return res
	}
	var blanks []int
	afterBlank := false
	bare := map[*sheetColumn]bool{} // duration columns with bare numbers in the default unit
	ladderZero := 0
	names := map[string]int{}
	for r := c.headerRow + 1; r <= len(c.rows); r++ {
		cells := c.rows[r-1]
		if len(c.formats) > 0 && c.totalLabel(cells) == "" && c.formulaProblems(&res, r, cells) {
			continue
		}
		if !tableRowHasValue(cells) {
			blanks = append(blanks, r)
			continue
		}
		for _, b := range blanks {
			res.skipped = append(res.skipped, SkippedRow{Row: b, Reason: "blank row"})
		}
		if len(blanks) > 0 && len(res.stages) > 0 {
			afterBlank = true
		}
		blanks = blanks[:0]

		name := strings.TrimSpace(c.cell(cells, c.nameCol))
		if label := c.totalLabel(cells); label != "" {
			res.skipped = append(res.skipped, SkippedRow{Row: r, Reason: fmt.Sprintf("a %q row", label)})
			continue
		}
		values := c.hasValues(cells)
		switch {
		case name == "" && !values:
			res.skipped = append(res.skipped, SkippedRow{Row: r, Reason: "no stage name, and nothing in the columns Flowmap reads"})
			continue
		case name == "":
			c.problem(&res, Problem{Row: r, Column: c.nameCol.name(), Message: "the stage name is missing (the row has other values)"})
			continue
		case !values && afterBlank:
			res.skipped = append(res.skipped, SkippedRow{Row: r, Reason: fmt.Sprintf("text below the table, not a stage: %q", sheetShorten(name))})
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
			res.warnings = append(res.warnings, fmt.Sprintf("column %s names no unit: its bare numbers are read as %s", sheetColumnName(col.ColumnUse), col.UnitName()))
		}
	}
	if ladderZero > 0 {
		res.warnings = append(res.warnings, fmt.Sprintf("%d stage(s) have %s 0, which a lead-time ladder uses for \"unknown\": their lead time is their process time", ladderZero, sheetColumnName(c.leadCol.ColumnUse)))
	}
	for _, st := range res.stages {
		if n := names[strings.ToLower(st.Name)]; n > 1 {
			res.warnings = append(res.warnings, fmt.Sprintf("%d stages are named %q: updating a map matches stages by name", n, st.Name))
			names[strings.ToLower(st.Name)] = 0
		}
	}
	return res
}

// stage converts one row; it reports every bad value of the row.
func (c *sheetConverter) stage(res *sheetResult, r int, cells []string, name string, cal vsm.Calendar, bare map[*sheetColumn]bool, ladderZero *int) (vsm.Stage, bool) {
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
			c.problem(res, Problem{Row: r, Column: c.leadCol.name(), Value: strings.TrimSpace(c.cell(cells, c.leadCol)),
				Message: fmt.Sprintf("is less than the process time (%s): lead time must be at least the process time",
					vsm.FormatDuration(pt, cal))})
		} else {
			st.WaitHours = wt + max(lt-pt, 0)
		}
	}
	if col := c.caCol; col != nil {
		if v := strings.TrimSpace(c.cell(cells, col)); !sheetUnknown(v) {
			ca, err := c.completeAccurate(v)
			if err != nil {
				c.problem(res, Problem{Row: r, Column: col.name(), Value: v, Message: err.Error(), Err: vsm.ErrInvalid})
			} else {
				st.CompleteAccurate = ca
			}
		}
	}
	for _, f := range []struct {
		col   *sheetColumn
		field vsm.StageField
	}{{c.peopleCol, vsm.PeopleField}, {c.queueCol, vsm.QueueField}} {
		if f.col == nil {
			continue
		}
		if v := strings.TrimSpace(c.cell(cells, f.col)); !sheetUnknown(v) {
			if err := st.SetField(f.field, v, cal); err != nil {
				c.problem(res, Problem{Row: r, Column: f.col.name(), Value: v, Message: sheetReason(err), Err: err})
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
				c.problem(res, Problem{Row: r, Column: col.name(), Value: tag, Message: "is not a waste type (one of " + sheetWasteList() + ")", Err: vsm.ErrInvalid})
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
func (c *sheetConverter) duration(res *sheetResult, r int, cells []string, col *sheetColumn, cal vsm.Calendar, bare map[*sheetColumn]bool) (hours float64, given bool) {
	if col == nil {
		return 0, false
	}
	raw := strings.TrimSpace(c.cell(cells, col))
	if sheetUnknown(raw) {
		return 0, false
	}
	bad := func(value, msg string, err error) (float64, bool) {
		c.problem(res, Problem{Row: r, Column: col.name(), Value: value, Message: msg, Err: err})
		return 0, false
	}
	if f, ok := c.formats[tableCellKey{Row: r, Col: col.Index}]; ok && !f.hasFormula {
		v, err := strconv.ParseFloat(raw, 64)
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			return bad(raw, "is not a duration", vsm.ErrInvalid)
		case f.format == tableFormatDate:
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
	if v, ok := sheetSeconds(s); ok {
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
func (res *sheetResult) waste(tag string) (vsm.Waste, error) {
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
func (c *sheetConverter) completeAccurate(v string) (float64, error) {
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
func (c *sheetConverter) formulaProblems(res *sheetResult, r int, cells []string) bool {
	if len(c.formats) == 0 {
		return false
	}
	found := false
	for _, col := range c.used {
		if f, ok := c.formats[tableCellKey{Row: r, Col: col.Index}]; ok && f.hasFormula && strings.TrimSpace(c.cell(cells, col)) == "" {
			p := Problem{Row: r, Column: col.name(), Value: "=" + f.formula,
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

// problem records p, keeping the first sheetMaxProblems.
func (c *sheetConverter) problem(res *sheetResult, p Problem) {
	if len(res.problems) >= sheetMaxProblems {
		res.more++
		return
	}
	p.File, p.Sheet = c.file, c.sheet
	for _, col := range c.used {
		if col.name() == p.Column {
			p.col = col.Index
			break
		}
	}
	res.problems = append(res.problems, p)
}

// cell is the text of col in a row ("" past the row's end).
func (c *sheetConverter) cell(cells []string, col *sheetColumn) string {
	if col == nil || col.Index >= len(cells) {
		return ""
	}
	return cells[col.Index]
}

// hasValues reports whether a used column other than the name has a value.
func (c *sheetConverter) hasValues(cells []string) bool {
	for _, col := range c.used {
		if col != c.nameCol && strings.TrimSpace(c.cell(cells, col)) != "" {
			return true
		}
	}
	return false
}

// totalLabel returns the text that makes a row a total row: a stage name
// starting with total, totals, sum, subtotal or grand total, or another cell
// saying exactly that ("Total" in the step column of M&O sheets).
func (c *sheetConverter) totalLabel(cells []string) string {
	if v := strings.TrimSpace(c.cell(cells, c.nameCol)); sheetTotalName(v) {
		return v
	}
	for i, v := range cells {
		if i == c.nameCol.Index || len(v) > 20 {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" || !strings.ContainsRune("tTsSgG", rune(v[0])) {
			continue // cheap: most cells are numbers or names
		}
		if sheetTotalWord(tableNormalizeHeader(v)) && len(strings.Fields(v)) <= 2 {
			return v
		}
	}
	return ""
}

// sheetTotalName reports whether a stage name labels a total row: its first
// word is total, totals, sum, subtotal(s), or "grand" before one of them.
func sheetTotalName(name string) bool {
	first, rest := sheetFirstWord(name)
	if first == "grand" {
		first, _ = sheetFirstWord(rest)
	}
	return sheetTotalWord(first)
}

// sheetFirstWord returns the first run of ASCII letters of s, lower case
// (at most 12 of them), and the text after it.
func sheetFirstWord(s string) (word, rest string) {
	i := 0
	for i < len(s) && !sheetASCIILetter(s[i]) {
		if s[i] >= 0x80 || (s[i] >= '0' && s[i] <= '9') {
			return "", "" // a name starting with a digit or a non-ASCII letter
		}
		i++
	}
	j := i
	for j < len(s) && sheetASCIILetter(s[j]) {
		j++
	}
	if j-i > 12 || (j < len(s) && (s[j] >= 0x80 || (s[j] >= '0' && s[j] <= '9'))) {
		return "", "" // a longer word ("Summarize", "Totalizer", "Sum2")
	}
	return strings.ToLower(s[i:j]), s[j:]
}

func sheetASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func sheetTotalWord(w string) bool {
	switch w {
	case "total", "totals", "sum", "subtotal", "subtotals", "grandtotal", "sumtotal":
		return true
	}
	return false
}

// name names the column in problems: its header, or its letter.
func (col *sheetColumn) name() string {
	if col.Header != "" {
		return col.Header
	}
	return col.Letter
}

// sheetUnknown reports whether a cell says "no value": empty, or a dash,
// "n/a", "?" and the like.
func sheetUnknown(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "-", "--", "–", "—", "n/a", "na", "?", "tbd", "unknown":
		return true
	}
	return false
}

// sheetSeconds reads "30s", "45 sec", "90 seconds" (vsm.ParseDuration has no
// seconds); it returns the number of seconds.
func sheetSeconds(s string) (float64, bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == 0 {
		return 0, false
	}
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s[i:]), ".")) {
	case "s", "sec", "secs", "second", "seconds":
	default:
		return 0, false
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// sheetReason is why a value was refused, without the field and the value
// (a problem names the column and quotes the cell).
func sheetReason(err error) string {
	var fe *vsm.FieldError
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return err.Error()
}

func sheetWasteList() string {
	names := make([]string, len(vsm.WasteTypes))
	for i, w := range vsm.WasteTypes {
		names[i] = string(w)
	}
	return strings.Join(names, ", ")
}

// sheetShorten cuts long text for a message.
func sheetShorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
