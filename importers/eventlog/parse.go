package eventlog

import (
	"fmt"
	"strconv"

	"flowmap/vsm"
)

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

func newRowParser(lay *logLayout, cal vsm.WorkCalendar, delim byte) *rowParser {
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
