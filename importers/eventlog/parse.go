package eventlog

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"unicode"

	"flowmap/vsm"
)

// Header fields an event log column can be.
type hField uint8

const (
	hItem hField = iota
	hStage
	hStatus // "status" or "state": the stage of an interval log, to_status of a transition log
	hEntered
	hExited
	hKind
	hTo
	hAt
	hFrom
	hFieldCount
)

type headerSynonym struct {
	f    hField
	rank int // 0 says exactly this; higher is a more generic word, used only when nothing better names the field
}

// headerWords are the column names of event logs, as headerKey writes
// them (lower case letters and digits only).
var headerWords = func() map[string]headerSynonym {
	m := map[string]headerSynonym{}
	add := func(f hField, rank int, words ...string) {
		for _, w := range words {
			m[w] = headerSynonym{f, rank}
		}
	}
	add(hItem, 0, "item", "itemid", "itemkey", "workitem", "workitemid", "issue", "issuekey", "issueid",
		"ticket", "ticketid", "ticketkey", "caseid", "cardid", "storyid", "taskid")
	add(hItem, 1, "case", "card", "story", "key")
	add(hItem, 2, "id")
	add(hStage, 0, "stage", "stagename")
	add(hStage, 1, "step", "activity", "phase", "column", "boardcolumn")
	add(hStatus, 1, "status")
	add(hStatus, 2, "state")
	add(hEntered, 0, "entered", "enteredat", "enteredon", "entereddate", "enteredtime", "enter", "enterdate",
		"start", "started", "startedat", "startedon", "starttime", "startdate", "begin", "begintime")
	add(hExited, 0, "exited", "exitedat", "exitedon", "exiteddate", "exitedtime", "exit", "exitdate",
		"end", "ended", "endedat", "endedon", "endtime", "enddate", "finished", "finishedat", "left", "leftat")
	add(hKind, 0, "kind", "visitkind", "timekind")
	add(hKind, 1, "type")
	add(hTo, 0, "tostatus", "newstatus", "tostate", "tostring", "statusto")
	add(hTo, 1, "to")
	add(hAt, 0, "changedat", "changed", "changedon", "changetime", "changedate", "transitiondate",
		"transitionedat", "transitiontime", "eventtime")
	add(hAt, 1, "created", "createdat", "timestamp", "datetime", "at", "when")
	add(hAt, 2, "time", "date")
	add(hFrom, 0, "fromstatus", "oldstatus", "fromstate", "fromstring", "statusfrom", "previousstatus")
	add(hFrom, 1, "from")
	return m
}()

// headerKey normalizes a header cell: without parenthesized or bracketed
// notes ("Entered (UTC)"), lower case, letters and digits only.
func headerKey(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Slots of the values a row provides, whatever the shape.
const (
	slotItem  = iota
	slotStage // stage (intervals) or to_status (transitions)
	slotTime  // entered or changed_at
	slotExit  // exited (intervals)
	slotKind  // kind (intervals)
	slotFrom  // from_status (transitions)
	slotCount
)

// logLayout is a recognized header: the shape and the column of each slot.
type logLayout struct {
	shape string
	col   [slotCount]int // -1 when the log has no such column
	names []string       // header cells as written
	need  int            // columns to split: 1 + the largest required column
	max   int            // 1 + the largest column of any slot
}

// colName names a slot's column for messages.
func (l *logLayout) colName(slot int) string {
	if slot < 0 || l.col[slot] < 0 || l.col[slot] >= len(l.names) {
		return ""
	}
	return strings.TrimSpace(l.names[l.col[slot]])
}

// detectLayout recognizes an event log header. It returns nil and the
// number of recognized names when cells is not one.
func detectLayout(cells []string) (*logLayout, int) {
	var best [hFieldCount]int
	var rank [hFieldCount]int
	for i := range best {
		best[i] = -1
	}
	found := 0
	for c, cell := range cells {
		syn, ok := headerWords[headerKey(cell)]
		if !ok {
			continue
		}
		found++
		if best[syn.f] < 0 || syn.rank < rank[syn.f] {
			best[syn.f], rank[syn.f] = c, syn.rank
		}
	}
	or := func(a, b int) int {
		if a >= 0 {
			return a
		}
		return b
	}
	l := &logLayout{names: cells}
	for i := range l.col {
		l.col[i] = -1
	}
	stage := or(best[hStage], best[hStatus])
	to := or(best[hTo], best[hStatus])
	switch {
	case best[hItem] >= 0 && stage >= 0 && best[hEntered] >= 0 && best[hExited] >= 0:
		l.shape = vsm.ShapeIntervals
		l.col[slotItem], l.col[slotStage] = best[hItem], stage
		l.col[slotTime], l.col[slotExit] = best[hEntered], best[hExited]
		l.col[slotKind] = best[hKind]
	case best[hItem] >= 0 && to >= 0 && best[hAt] >= 0:
		l.shape = vsm.ShapeTransitions
		l.col[slotItem], l.col[slotStage], l.col[slotTime] = best[hItem], to, best[hAt]
		l.col[slotFrom] = best[hFrom]
	default:
		return nil, found
	}
	for _, slot := range []int{slotItem, slotStage, slotTime} {
		l.need = max(l.need, l.col[slot]+1)
	}
	for _, c := range l.col {
		l.max = max(l.max, c+1)
	}
	return l, found
}

// headerProblem explains why cells (the best candidate row) is no event log
// header: the columns found and those each shape needs.
func headerProblem(cells []string) string {
	var found []string
	have := map[hField]bool{}
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		found = append(found, strconv.Quote(strings.TrimSpace(c)))
		if syn, ok := headerWords[headerKey(c)]; ok {
			have[syn.f] = true
		}
	}
	miss := func(need ...hField) []string {
		names := map[hField]string{hItem: "item", hStage: "stage", hEntered: "entered",
			hExited: "exited", hTo: "to_status", hAt: "changed_at"}
		var out []string
		for _, f := range need {
			ok := have[f] || (f == hStage || f == hTo) && have[hStatus]
			if !ok {
				out = append(out, names[f])
			}
		}
		return out
	}
	mi := miss(hItem, hStage, hEntered, hExited)
	mt := miss(hItem, hTo, hAt)
	var which string
	switch {
	case len(mi) == 4 && len(mt) == 3:
		which = fmt.Sprintf("missing: %s for an interval log, %s for a transition log",
			strings.Join(mi, ", "), strings.Join(mt, ", "))
	case len(mt) < len(mi):
		which = fmt.Sprintf("missing for a transition log: %s", strings.Join(mt, ", "))
	default:
		which = fmt.Sprintf("missing for an interval log: %s", strings.Join(mi, ", "))
	}
	got := "no column names"
	if len(found) > 0 {
		got = "columns " + strings.Join(found, ", ")
	}
	return fmt.Sprintf("no event log header: found %s; expected an interval log (item, stage, entered, exited[, kind]; "+
		"also workItemId, enteredAt, exitedAt) or a transition log (item, to_status, changed_at[, from_status]; "+
		"also issue_key, to, created); %s", got, which)
}

// logRecord is one parsed row, compact: times as Unix milliseconds (Abs) and
// as working-calendar clocks (W, see vsm.WorkCalendar.Clock).
type logRecord struct {
	entAbs, exiAbs int64 // entered (or changed_at) and exited
	entW, exiW     int64
	item, stage    int32 // interned ids; stage is the status of a transition log
	from           int32 // transitions: from_status id, -1 without
	row            int32 // row number, relative to its block until collected
	kind           uint8
	open           bool // no exit
}

const (
	kindWork uint8 = iota
	kindWait
)

// rowErr is a problem found while parsing a row, before the row's absolute
// number is known.
type rowErr struct {
	row    int32 // relative to the block
	slot   int   // -1 when not about one column
	value  string
	reason string
}

// rowParser turns rows into records. Each goroutine parsing blocks has its
// own, with its own interning of item and stage names, which the aggregator
// maps onto global ids. A row's values are held as offsets (vs, ve) into the
// bytes being parsed, so the hot loop writes no pointers.
type rowParser struct {
	lay      *logLayout
	clock    vsm.WorkClock
	delim    byte
	xlsx     bool // time cells may be Excel date serials
	date1904 bool

	items    map[string]int32
	newItems []string // names of the ids handed out since the last takeNew
	stages   [][]byte // stage (or status) names by id, for a linear scan while few
	stageMap map[string]int32
	newStage []string

	// The last item interned, as a copy: rows of one item usually follow
	// each other.
	lastItem   []byte
	lastItemID int32

	dates dateCache

	vs, ve [slotCount]int // the current row's values: base[vs[i]:ve[i]]
	fs, fe []int          // the fast path's field bounds, one per column up to lay.max
	fb     fieldBuf       // the quoted path's fields

	minAbs, maxAbs int64
	minOff, maxOff int32
	hasTime        bool
}

func newEvParser(lay *logLayout, cal vsm.WorkCalendar, delim byte) *rowParser {
	return &rowParser{lay: lay, clock: cal.NewClock(), delim: delim, items: make(map[string]int32, 1024),
		fs: make([]int, lay.max), fe: make([]int, lay.max), lastItemID: -1}
}

// takeNew hands over the names interned since the last call.
func (p *rowParser) takeNew() (items, stages []string) {
	items, stages = p.newItems, p.newStage
	p.newItems, p.newStage = nil, nil
	return items, stages
}

func (p *rowParser) internItem(b []byte) int32 {
	if p.lastItemID >= 0 && string(b) == string(p.lastItem) {
		return p.lastItemID
	}
	id, ok := p.items[string(b)]
	if !ok {
		s := string(b)
		id = int32(len(p.items))
		p.items[s] = id
		p.newItems = append(p.newItems, s)
	}
	p.lastItem = append(p.lastItem[:0], b...)
	p.lastItemID = id
	return id
}

func (p *rowParser) internStage(b []byte) int32 {
	if p.stageMap == nil {
		for i, s := range p.stages {
			if string(s) == string(b) {
				return int32(i)
			}
		}
	} else if id, ok := p.stageMap[string(b)]; ok {
		return id
	}
	s := string(b)
	id := int32(len(p.stages))
	p.stages = append(p.stages, []byte(s))
	p.newStage = append(p.newStage, s)
	if p.stageMap == nil && len(p.stages) > 16 {
		p.stageMap = make(map[string]int32, 64)
		for i, st := range p.stages {
			p.stageMap[string(st)] = int32(i)
		}
	} else if p.stageMap != nil {
		p.stageMap[s] = id
	}
	return id
}

// trim drops spaces, tabs and carriage returns around a value.
func trim(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 {
		c := b[len(b)-1]
		if c != ' ' && c != '\t' && c != '\r' {
			break
		}
		b = b[:len(b)-1]
	}
	return b
}

func (p *rowParser) track(abs int64, off int32) {
	if !p.hasTime || abs < p.minAbs {
		p.minAbs, p.minOff = abs, off
	}
	if !p.hasTime || abs > p.maxAbs {
		p.maxAbs, p.maxOff = abs, off
	}
	p.hasTime = true
}

// parseTime reads a time value.
func (p *rowParser) parseTime(b []byte) (int64, int32, string) {
	if p.xlsx && looksNumeric(b) {
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return 0, 0, "is not an Excel date"
		}
		ms, reason := excelSerial(v, p.date1904)
		return ms, 0, reason
	}
	ms, off, reason := parseTimestampCached(b, &p.dates)
	if reason != "" && looksNumeric(b) {
		reason = "is a number, not a timestamp: " + timeForms
	}
	return ms, off, reason
}

func looksNumeric(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if (c < '0' || c > '9') && c != '.' && c != 'E' && c != 'e' && c != '-' && c != '+' {
			return false
		}
	}
	return b[0] >= '0' && b[0] <= '9'
}

// kindOf reads the kind column: work (the default) or wait.
func kindOf(b []byte) (uint8, bool) {
	if len(b) == 0 {
		return kindWork, true
	}
	var low [12]byte
	if len(b) > len(low) {
		return 0, false
	}
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	switch string(low[:len(b)]) {
	case "work", "working", "active", "process", "touch":
		return kindWork, true
	case "wait", "waiting", "queue", "queued", "idle", "blocked":
		return kindWait, true
	}
	return 0, false
}

// val is the trimmed value of slot in base.
func (p *rowParser) val(base []byte, slot int) []byte {
	s, e := p.vs[slot], p.ve[slot]
	if s >= e {
		return nil
	}
	v := base[s:e]
	if c := v[0]; c == ' ' || c == '\t' || c == '\r' {
		return trim(v)
	}
	if c := v[len(v)-1]; c == ' ' || c == '\t' || c == '\r' {
		return trim(v)
	}
	return v
}

// build turns the current row (values in base) into rec. blank reports a row
// without item, stage and time, which is skipped.
func (p *rowParser) build(base []byte, rec *logRecord, row int32) (blank bool, e *rowErr) {
	item, stage, at := p.val(base, slotItem), p.val(base, slotStage), p.val(base, slotTime)
	if len(item) == 0 || len(stage) == 0 || len(at) == 0 {
		if len(item) == 0 && len(stage) == 0 && len(at) == 0 && len(p.val(base, slotExit)) == 0 {
			return true, nil
		}
	}
	bad := func(slot int, value []byte, reason string) (bool, *rowErr) {
		return false, &rowErr{row: row, slot: slot, value: string(value), reason: reason}
	}
	if len(item) == 0 {
		return bad(slotItem, nil, "is empty: every row needs the item it is about")
	}
	if len(stage) == 0 {
		if p.lay.shape == vsm.ShapeTransitions {
			return bad(slotStage, nil, "is empty: every row needs the status the item changed to")
		}
		return bad(slotStage, nil, "is empty: every row needs its stage")
	}
	if len(at) == 0 {
		return bad(slotTime, nil, "is empty: every row needs a time")
	}
	ent, entOff, reason := p.parseTime(at)
	if reason != "" {
		return bad(slotTime, at, reason)
	}
	*rec = logRecord{entAbs: ent, entW: p.clock.At(ent, int(entOff)), row: row, from: -1}
	p.track(ent, entOff)
	if p.lay.shape == vsm.ShapeIntervals {
		if exit := p.val(base, slotExit); len(exit) == 0 {
			rec.open = true
		} else {
			x, xOff, reason := p.parseTime(exit)
			if reason != "" {
				return bad(slotExit, exit, reason)
			}
			if x < ent {
				return bad(-1, nil, fmt.Sprintf("exited %s is before entered %s", exit, at))
			}
			rec.exiAbs, rec.exiW = x, p.clock.At(x, int(xOff))
			p.track(x, xOff)
		}
		if p.lay.col[slotKind] >= 0 {
			k, ok := kindOf(p.val(base, slotKind))
			if !ok {
				return bad(slotKind, p.val(base, slotKind), "is not a kind: use work or wait")
			}
			rec.kind = k
		}
	} else if from := p.val(base, slotFrom); len(from) > 0 {
		rec.from = p.internStage(from)
	}
	rec.item = p.internItem(item)
	rec.stage = p.internStage(stage)
	return false, nil
}

// fieldBuf holds the fields of a record read on the quoted path, unquoted.
type fieldBuf struct {
	buf  []byte
	ends []int
}

func (f *fieldBuf) field(i int) []byte {
	start := 0
	if i > 0 {
		start = f.ends[i-1]
	}
	return f.buf[start:f.ends[i]]
}

// scanRecord reads one CSV record from data[pos:] with RFC 4180 quoting,
// leniently: a field is quoted when its first non-blank byte is a quote; in a
// quoted field "" is a quote and a quote followed by anything but the
// delimiter or the line end is kept as is; a quote inside an unquoted field
// is an ordinary byte. It returns the index after the record's newline and
// whether the record is complete: false when data ends inside a quoted field
// or, unless atEOF, before the newline. With out, it also collects the fields.
// The splitter and the parser both use it, so they agree on where records end.
func scanRecord(data []byte, pos int, delim byte, atEOF bool, out *fieldBuf) (int, bool) {
	if out != nil {
		out.buf, out.ends = out.buf[:0], out.ends[:0]
	}
	i := pos
	for {
		j := i
		for j < len(data) && (data[j] == ' ' || data[j] == '\t') && data[j] != delim {
			j++
		}
		if j < len(data) && data[j] == '"' {
			i = j + 1
			for {
				k := bytes.IndexByte(data[i:], '"')
				if k < 0 {
					return len(data), false
				}
				if out != nil {
					out.buf = append(out.buf, data[i:i+k]...)
				}
				i += k + 1
				if i >= len(data) {
					if !atEOF {
						return len(data), false
					}
					break
				}
				c := data[i]
				if c == '"' {
					if out != nil {
						out.buf = append(out.buf, '"')
					}
					i++
					continue
				}
				if c == delim || c == '\n' || c == '\r' {
					break
				}
				if out != nil {
					out.buf = append(out.buf, '"')
				}
			}
		}
		start := i
		for i < len(data) && data[i] != delim && data[i] != '\n' {
			i++
		}
		if out != nil {
			out.buf = append(out.buf, data[start:i]...)
			out.ends = append(out.ends, len(out.buf))
		}
		if i >= len(data) {
			return len(data), atEOF
		}
		if data[i] == '\n' {
			return i + 1, true
		}
		i++
	}
}

// lastRecordEnd is the end of the last complete record of data, which
// starts at a record boundary and is not the end of the input; 0 when no
// record is complete.
func lastRecordEnd(data []byte, delim byte) int {
	if bytes.IndexByte(data, '"') < 0 {
		return bytes.LastIndexByte(data, '\n') + 1
	}
	last, pos := 0, 0
	for pos < len(data) {
		end, ok := scanRecord(data, pos, delim, false, nil)
		if !ok {
			break
		}
		last, pos = end, end
	}
	return last
}

// blankFields reports whether the nf fields just split are all empty.
func (p *rowParser) blankFields(base []byte, nf int, quoted bool) bool {
	for i := 0; i < nf; i++ {
		var f []byte
		if quoted {
			f = p.fb.field(i)
		} else {
			f = base[p.fs[i]:p.fe[i]]
		}
		if len(trim(f)) > 0 {
			return false
		}
	}
	return true
}

// blockOut is what parsing a block yields.
type blockOut struct {
	recs   []logRecord
	nrow   int32 // records in the block, blank ones included
	data   int   // non-blank rows
	err    *rowErr
	minAbs int64
	maxAbs int64
	minOff int32
	maxOff int32
	times  bool
}

// SWAR constants: eight bytes compared at once.
const (
	highBits = 0x8080808080808080
	lowBits  = 0x0101010101010101
)

// split finds the fields of the line at data[pos:] without quotes: p.fs and
// p.fe get the bounds of its first len(p.fs) fields. It returns how many
// fields it found (up to len(p.fs)) and the index of the line's newline, or
// len(data); quoted says the line holds a quote (only looked for when
// quotes) and must be read on the quoted path instead. The line end is found
// with bytes.IndexByte (vector instructions); the delimiters eight bytes at a
// time.
func (p *rowParser) split(data []byte, pos int, quotes bool) (nf, end int, quoted bool) {
	end = len(data)
	if nl := bytes.IndexByte(data[pos:], '\n'); nl >= 0 {
		end = pos + nl
	}
	line := data[pos:end]
	if quotes && bytes.IndexByte(line, '"') >= 0 {
		return 0, 0, true
	}
	maxf := len(p.fs)
	delim := p.delim
	delims := lowBits * uint64(delim)
	start, i := 0, 0
	for i+8 <= len(line) {
		v := binary.LittleEndian.Uint64(line[i:]) ^ delims
		// High bits at the zero bytes of v: the delimiters, and possibly a
		// byte just above one (a borrow), so each hit is checked.
		m := (v - lowBits) &^ v & highBits
		for m != 0 {
			k := i + bits.TrailingZeros64(m)>>3
			m &= m - 1
			if line[k] != delim {
				continue
			}
			p.fs[nf], p.fe[nf] = pos+start, pos+k
			nf++
			start = k + 1
			if nf == maxf {
				return nf, end, false
			}
		}
		i += 8
	}
	for ; i < len(line); i++ {
		if line[i] == delim {
			p.fs[nf], p.fe[nf] = pos+start, pos+i
			nf++
			start = i + 1
			if nf == maxf {
				return nf, end, false
			}
		}
	}
	p.fs[nf], p.fe[nf] = pos+start, end
	return nf + 1, end, false
}

// parseBlock parses data, whole records (the last one may lack its newline
// at the end of the input), stopping at the first bad row.
func (p *rowParser) parseBlock(data []byte, out *blockOut) {
	recs := out.recs[:0]
	if cap(recs) == 0 {
		recs = make([]logRecord, 0, len(data)/40+16)
	}
	p.hasTime = false
	quotes := bytes.IndexByte(data, '"') >= 0
	lay := p.lay
	var row int32
	pos := 0
	for pos < len(data) {
		row++
		nf, end, quoted := p.split(data, pos, quotes)
		base := data
		if quoted {
			next, ok := scanRecord(data, pos, p.delim, true, &p.fb)
			if !ok {
				out.err = &rowErr{row: row, slot: -1, reason: "a quoted field is not closed: a quote is missing"}
				break
			}
			pos, base, nf = next, p.fb.buf, len(p.fb.ends)
			for s, c := range lay.col {
				p.vs[s], p.ve[s] = 0, 0
				if c >= 0 && c < nf {
					if c > 0 {
						p.vs[s] = p.fb.ends[c-1]
					}
					p.ve[s] = p.fb.ends[c]
				}
			}
		} else {
			pos = end + 1
			for s, c := range lay.col {
				if c >= 0 && c < nf {
					p.vs[s], p.ve[s] = p.fs[c], p.fe[c]
				} else {
					p.vs[s], p.ve[s] = 0, 0
				}
			}
		}
		if nf < lay.need {
			if p.blankFields(base, nf, quoted) {
				continue
			}
			missing := -1
			for _, s := range []int{slotItem, slotStage, slotTime} {
				if lay.col[s] >= nf {
					missing = s
					break
				}
			}
			out.err = &rowErr{row: row, slot: missing, reason: fmt.Sprintf(
				"is missing: the row has %d columns, the header %d", nf, len(lay.names))}
			break
		}
		recs = append(recs, logRecord{})
		blank, e := p.build(base, &recs[len(recs)-1], row)
		if e != nil {
			recs = recs[:len(recs)-1]
			out.err = e
			break
		}
		if blank {
			recs = recs[:len(recs)-1]
		}
	}
	out.recs, out.nrow, out.data = recs, row, len(recs)
	out.minAbs, out.maxAbs, out.minOff, out.maxOff, out.times = p.minAbs, p.maxAbs, p.minOff, p.maxOff, p.hasTime
}
