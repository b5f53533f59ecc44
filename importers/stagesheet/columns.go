package stagesheet

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"flowmap/importers/table"
	"flowmap/vsm"
)

// scoreRow rates a row as the header: how many distinct fields its cells
// name (vsm.SheetOptions.Columns applied). A row is a usable header when it names
// the stage name and at least one other field. Rows where no cell matches a
// known name score 0, so overrides alone cannot turn a title into a header.
func scoreRow(cells []string, opt vsm.SheetOptions) (score int, usable bool) {
	fields := map[vsm.ColumnField]bool{}
	matched := 0
	for i, c := range cells {
		if i >= table.MaxColumns {
			break
		}
		f := vsm.IgnoredColumn
		if strings.TrimSpace(c) != "" {
			if m, ok := matchHeader(c); ok {
				f = m.Field
				matched++
			}
		}
		if o, ok := opt.Columns[i]; ok {
			f = o
		}
		if f != vsm.IgnoredColumn {
			fields[f] = true
		}
	}
	if matched == 0 {
		return 0, false
	}
	for i, f := range opt.Columns {
		if i >= len(cells) && f != vsm.IgnoredColumn {
			fields[f] = true
		}
	}
	return len(fields), fields[vsm.NameColumn] && len(fields) >= 2
}

// bestHeaderRow returns the 1-based row among rows that is the best usable
// header (the most fields; the earliest on a tie), or 0. score rates how well
// rows look like a stage sheet, for choosing a sheet or a delimiter: a usable
// header always beats an unusable one.
func bestHeaderRow(rows [][]string, opt vsm.SheetOptions) (row, score int) {
	bestRaw := 0
	for i, cells := range rows {
		if i >= table.HeaderScan {
			break
		}
		s, usable := scoreRow(cells, opt)
		if usable && 100+s > score {
			row, score = i+1, 100+s
		}
		bestRaw = max(bestRaw, s)
	}
	if row == 0 {
		score = bestRaw
	}
	return row, score
}

// column is a column as mapped, with what its header matched.
type column struct {
	vsm.SheetColumn
	key  string // normalized known name the header matched ("" if none)
	rank int    // rank of key among its field's names
	// The unit the header names, kept for a name column that turns out to
	// hold process times ("Process (min)" beside "Stage").
	headerUnit    table.Unit
	headerHasUnit bool
}

// mapColumns decides what each column of g feeds: the header's meaning,
// then the overrides, then one column per field (notes may have several).
func mapColumns(g *grid, opt vsm.SheetOptions) []column {
	header := g.rows[g.headerRow-1]
	width := len(header)
	for i := range opt.Columns {
		width = max(width, i+1)
	}
	width = min(width, table.MaxColumns)
	var cols []column
	for i := range width {
		h := ""
		if i < len(header) {
			h = strings.TrimSpace(header[i])
		}
		c := column{SheetColumn: vsm.SheetColumn{Index: i, Letter: table.ColumnLetter(i), Header: h, Field: vsm.IgnoredColumn}}
		var unit table.Unit
		if h != "" {
			if m, ok := matchHeader(h); ok {
				c.Field, c.key, c.rank = m.Field, m.Key, m.Rank
				unit, c.UnitFromHeader = m.Unit, m.UnitFromHeader
				if cands := table.HeaderCandidates(h); len(cands) > 0 && cands[0].HasUnit {
					c.headerUnit, c.headerHasUnit = cands[0].Unit, true
				}
			} else {
				c.Note = "not a column name Flowmap knows"
			}
		}
		if f, ok := opt.Columns[i]; ok {
			c.Field, c.Chosen, c.Note = f, true, ""
			if f.IsDuration() && !c.UnitFromHeader {
				if cands := table.HeaderCandidates(h); len(cands) > 0 && cands[0].HasUnit {
					unit, c.UnitFromHeader = cands[0].Unit, true
				}
			}
		}
		switch {
		case !c.Field.IsDuration():
			c.UnitFromHeader = false
		case c.UnitFromHeader:
			c.Unit, c.Seconds = unit.Unit, unit.Seconds
		default:
			c.Unit = opt.Unit
		}
		if h == "" && !c.Chosen {
			if !g.columnHasData(i) {
				continue
			}
			c.Note = "no header"
		}
		cols = append(cols, c)
	}
	resolveDuplicates(g, cols, opt.Unit)
	return cols
}

// resolveDuplicates keeps one column per field (every notes column is
// kept). The column chosen in the options wins, then, for the stage name, a
// column that is not just durations, then one that is not just step numbers
// ("Activity" beside M&O's "Step"), then the more telling name, then the
// leftmost.
//
// "Process" names the stage in eVSM sheets, but beside another name column
// ("Stage, Wait, Process") a Process column of durations, or of numbers under
// a unit ("Process (min)"), is the process time: it feeds that field, in bare
// unit (or its header's), unless a process time column is there already.
func resolveDuplicates(g *grid, cols []column, bare vsm.Unit) {
	byField := map[vsm.ColumnField][]int{}
	for i, c := range cols {
		if c.Field != vsm.IgnoredColumn && c.Field != vsm.NotesColumn {
			byField[c.Field] = append(byField[c.Field], i)
		}
	}
	for f, idx := range byField {
		if len(idx) < 2 {
			continue
		}
		numeric, timed := map[int]bool{}, map[int]bool{}
		if f == vsm.NameColumn {
			for _, i := range idx {
				numeric[i] = g.columnIsNumbers(cols[i].Index)
				timed[i] = !numeric[i] && g.columnIsDurations(cols[i].Index)
			}
		}
		sort.SliceStable(idx, func(a, b int) bool {
			ca, cb := cols[idx[a]], cols[idx[b]]
			if ca.Chosen != cb.Chosen {
				return ca.Chosen
			}
			// Durations are never names; step numbers are names of a kind.
			if timed[idx[a]] != timed[idx[b]] {
				return !timed[idx[a]]
			}
			if numeric[idx[a]] != numeric[idx[b]] {
				return !numeric[idx[a]]
			}
			if ca.rank != cb.rank {
				return ca.rank < cb.rank
			}
			return ca.Index < cb.Index
		})
		win := cols[idx[0]]
		for _, i := range idx[1:] {
			c := &cols[i]
			// Whole numbers under "Process (min)" are minutes, not step numbers.
			times := timed[i] || numeric[i] && c.headerHasUnit
			if times && !timed[idx[0]] && c.key == "process" && !c.Chosen && !hasField(cols, vsm.ProcessColumn) {
				c.Field, c.Unit, c.UnitFromHeader, c.Seconds = vsm.ProcessColumn, bare, false, false
				if c.headerHasUnit {
					c.Unit, c.UnitFromHeader, c.Seconds = c.headerUnit.Unit, true, c.headerUnit.Seconds
				}
				c.Note = fmt.Sprintf("process times: the stage name comes from column %s", columnName(win.SheetColumn))
				continue
			}
			if numeric[i] && !numeric[idx[0]] {
				c.Note = fmt.Sprintf("step numbers; the stage name comes from column %s", columnName(win.SheetColumn))
			} else {
				c.Note = fmt.Sprintf("also a %s column; column %s is used", f.Label(), columnName(win.SheetColumn))
			}
			c.Field, c.Unit, c.UnitFromHeader, c.Seconds = vsm.IgnoredColumn, 0, false, false
		}
	}
}

func hasField(cols []column, f vsm.ColumnField) bool {
	for _, c := range cols {
		if c.Field == f {
			return true
		}
	}
	return false
}

// columnIsDurations reports whether the values below the header in column i
// all read as durations ("4h", "1d 2h", "01:30", bare numbers; a minus sign
// allowed, so "-3h" still lands in a duration column and is reported there):
// times, not names.
func (g *grid) columnIsDurations(i int) bool {
	return g.columnAll(i, func(v string) bool {
		_, err := vsm.ParseDuration(strings.TrimPrefix(v, "-"), vsm.Hours, vsm.DefaultCalendar())
		return err == nil
	})
}

// columnName names a column in messages: its header, or its letter.
func columnName(c vsm.SheetColumn) string {
	if c.Header != "" {
		return strconv.Quote(c.Header)
	}
	return c.Letter
}

// columnHasData reports whether any row below the header has a value in column i.
func (g *grid) columnHasData(i int) bool {
	for _, row := range g.rows[g.headerRow:] {
		if i < len(row) && strings.TrimSpace(row[i]) != "" {
			return true
		}
	}
	return false
}

// columnIsNumbers reports whether the values below the header in column i
// are all whole numbers: step numbers, not names.
func (g *grid) columnIsNumbers(i int) bool {
	return g.columnAll(i, func(v string) bool {
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "."), 64)
		return err == nil && f == float64(int64(f))
	})
}

// columnAll reports whether ok holds for the values below the header in
// column i (the first 50 of them; blanks and total rows passed over), and
// there is at least one.
func (g *grid) columnAll(i int, ok func(v string) bool) bool {
	seen := 0
	for _, row := range g.rows[g.headerRow:] {
		if i >= len(row) {
			continue
		}
		v := strings.TrimSpace(row[i])
		if v == "" || totalName(v) {
			continue
		}
		if !ok(v) {
			return false
		}
		if seen++; seen >= 50 {
			break
		}
	}
	return seen > 0
}

// layoutOf names the known layout the columns make, from the names their
// headers matched (including columns that lost to a better one).
func layoutOf(cols []column) string {
	keys := map[string]bool{}
	fields := map[vsm.ColumnField]bool{}
	for _, c := range cols {
		if c.key != "" {
			keys[c.key] = true
		}
		if c.Field != vsm.IgnoredColumn {
			fields[c.Field] = true
		}
	}
	count := func(ks ...string) int {
		n := 0
		for _, k := range ks {
			if keys[k] {
				n++
			}
		}
		return n
	}
	ladderOnly := true
	for f := range fields {
		switch f {
		case vsm.NameColumn, vsm.LeadColumn, vsm.ProcessColumn, vsm.CompleteAccurateColumn, vsm.NotesColumn:
		default:
			ladderOnly = false
		}
	}
	switch {
	case fields[vsm.ProcessColumn] && fields[vsm.LeadColumn] && fields[vsm.CompleteAccurateColumn] &&
		count("step", "activity", "function", "staff") >= 2:
		return LayoutMetricsBasedProcessMap
	case keys["process"] && keys["ct"], count("process", "ct", "staff", "inventory") >= 3:
		return LayoutEVSM
	case fields[vsm.NameColumn] && fields[vsm.LeadColumn] && fields[vsm.ProcessColumn] && ladderOnly:
		return LayoutLeadTimeLadder
	}
	return LayoutGeneric
}
