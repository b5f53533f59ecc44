package eventlog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"flowmap/vsm"
)

// maxStages bounds the stages of a log: re-entries keep one bit per stage,
// and a value stream map with more stages is a sign of a wrong column.
const maxStages = 64

// errUnsorted stops a streaming read at the first row of an item that is
// earlier than the item's previous row; the log is then read sorted.
var errUnsorted = errors.New("rows out of time order")

// Roles of a status, resolved once per distinct status.
const (
	roleWork uint8 = iota
	roleWait
	roleDone
	roleIgnore
)

type resolvedRole struct {
	kind      uint8
	stage     int32  // global stage; -1 for none, -2 until an item enters the status
	stageName string // the stage named by the mapping
}

// stageItem is one item's record in one stage: its wait and work in working
// milliseconds, and the sequence numbers of its first and latest visit (0:
// never visited).
type stageItem struct {
	wait, work  int64
	first, last int32
}

// itemState is the compact state of one item while its rows stream by.
type itemState struct {
	lastAbs     int64 // entered (or changed_at) of the item's latest row
	lastExi     int64 // its exit, for duplicate checks
	prevExitAbs int64 // the latest exit so far: gaps are measured from it
	prevExitW   int64
	segW        int64 // start of the open visit (intervals) or current status (transitions)
	pendWait    int64 // transitions: stage-less wait for the next stage entered
	lastRow     int32
	seq         int32 // visits so far
	cur         int32 // stage of the current visit, -1 between stages
	open        int32 // intervals: stage of a visit without exit, -1
	last        int32 // stage (intervals) or status (transitions) of the latest row
	wip         int32 // at the end: the stage the item is inside, -1
	openKind    uint8
	hasPrev     bool
	seen        bool
}

// aggregator folds records, in each item's time order, into per-item, per-stage
// sums. Memory is items x stages: rows are not kept, except in collect mode.
type aggregator struct {
	file, sheet string
	lay         *logLayout
	cal         vsm.WorkCalendar
	streaming   bool // an out-of-order row stops the read with errUnsorted
	collecting  bool // keep records to sort and replay them at the end

	itemIDs   map[string]int32
	itemNames []string
	items     []itemState

	stageKeys  map[string]int32
	stageKey   []string // key of each stage
	stageNames []string
	cells      [][]stageItem    // [stage][item]
	back       map[int64]uint64 // item<<6 | stage -> stages visited between two visits of the stage

	statusIDs   map[string]int32
	statusNames []string
	roles       []resolvedRole
	explicit    map[string]vsm.StatusRole // the given mapping, by vsm.StatusKey
	namer       stageNamer

	itemRemap  [][]int32 // per parser: local item id -> global
	stageRemap [][]int32 // per parser: local stage or status id -> global

	rows           int
	base           int32 // row number just before the next block
	minAbs, maxAbs int64
	minOff, maxOff int32
	times          bool

	recs     recPages // collect mode
	collLast []int64
	unsorted bool
}

func newAggregator(file, sheet string, lay *logLayout, opt vsm.EventLogOptions, parsers int, base int32) *aggregator {
	a := &aggregator{
		file: file, sheet: sheet, lay: lay, cal: opt.Calendar,
		itemIDs: make(map[string]int32, 1024), stageKeys: map[string]int32{},
		back: map[int64]uint64{}, statusIDs: map[string]int32{},
		explicit: mappingIndex(opt.Mapping), namer: stageNamer{},
		itemRemap: make([][]int32, parsers), stageRemap: make([][]int32, parsers), base: base,
	}
	if opt.Mapping != nil {
		// Stage names written in the mapping win over proposed ones.
		for _, r := range opt.Mapping.Statuses {
			a.namer.offer(roleProposal{role: r, prio: 3})
		}
	}
	return a
}

func (a *aggregator) errorf(row int32, slot int, value, format string, args ...any) *Error {
	return &Error{File: a.file, Sheet: a.sheet, Row: int(row), Column: a.lay.colName(slot),
		Value: value, Reason: fmt.Sprintf(format, args...)}
}

// cleanName makes a name from the log valid UTF-8: bytes that are not are read
// as Windows-1252, what Excel writes on Windows.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	if utf8.ValidString(s) {
		return s
	}
	if t, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
		return t
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func (a *aggregator) globalItem(name string) int32 {
	if id, ok := a.itemIDs[name]; ok {
		return id
	}
	id := int32(len(a.itemNames))
	a.itemIDs[name] = id
	a.itemNames = append(a.itemNames, name)
	return id
}

// stageFor is the global stage of a stage name, created on first use.
func (a *aggregator) stageFor(name string) int32 {
	key := stageNameKey(name)
	if id, ok := a.stageKeys[key]; ok {
		return id
	}
	id := int32(len(a.stageNames))
	a.stageKeys[key] = id
	a.stageKey = append(a.stageKey, key)
	a.stageNames = append(a.stageNames, name)
	a.cells = append(a.cells, nil)
	return id
}

// tooManyStages refuses a row that enters stage s when s is past the limit.
func (a *aggregator) tooManyStages(s int32, row int32) error {
	return a.errorf(row, slotStage, "", "is stage %d, %q: a log may have at most %d stages (%s, ...); is this the stage column, or does the status mapping name too many stages?",
		s+1, a.stageNames[s], maxStages, strings.Join(a.stageNames[:5], ", "))
}

// globalStage resolves a parser's new stage (intervals) or status
// (transitions) name to its global id.
func (a *aggregator) globalStage(raw string) int32 {
	name := cleanName(raw)
	if a.lay.shape == vsm.ShapeIntervals {
		return a.stageFor(name)
	}
	if id, ok := a.statusIDs[name]; ok {
		return id
	}
	role, ok := a.explicit[vsm.StatusKey(name)]
	prio := 3
	if !ok {
		p := propose(name)
		role, prio = p.role, p.prio
	}
	r := resolvedRole{stage: -1}
	switch role.Kind {
	case vsm.StatusWork:
		r.kind = roleWork
	case vsm.StatusWait:
		r.kind = roleWait
	case vsm.StatusDone:
		r.kind = roleDone
	default:
		r.kind = roleIgnore
	}
	if role.Stage != "" && (r.kind == roleWork || r.kind == roleWait) {
		// The stage is created when an item first enters the status, so a
		// status seen only as from_status adds no empty stage.
		a.namer.offer(roleProposal{role: role, prio: prio})
		r.stage, r.stageName = -2, role.Stage
	}
	id := int32(len(a.statusNames))
	a.statusIDs[name] = id
	a.statusNames = append(a.statusNames, name)
	a.roles = append(a.roles, r)
	return id
}

// consume folds one parsed block from parser w: it maps the parser's new
// names, then every record; a parse error in the block is reported after the
// rows before it.
func (a *aggregator) consume(w int, newItems, newStages []string, out *blockOut) error {
	for _, s := range newItems {
		a.itemRemap[w] = append(a.itemRemap[w], a.globalItem(s))
	}
	for _, s := range newStages {
		a.stageRemap[w] = append(a.stageRemap[w], a.globalStage(s))
	}
	im, sm := a.itemRemap[w], a.stageRemap[w]
	for i := range out.recs {
		r := &out.recs[i]
		r.item, r.stage = im[r.item], sm[r.stage]
		if r.from >= 0 {
			r.from = sm[r.from]
		}
		r.row += a.base
		if a.collecting {
			a.collect(r)
			continue
		}
		if err := a.add(r); err != nil {
			return err
		}
	}
	a.rows += out.data
	if out.times {
		if !a.times || out.minAbs < a.minAbs {
			a.minAbs, a.minOff = out.minAbs, out.minOff
		}
		if !a.times || out.maxAbs > a.maxAbs {
			a.maxAbs, a.maxOff = out.maxAbs, out.maxOff
		}
		a.times = true
	}
	if e := out.err; e != nil {
		return a.errorf(a.base+e.row, e.slot, e.value, "%s", e.reason)
	}
	a.base += out.nrow
	return nil
}

func (a *aggregator) collect(r *logRecord) {
	for int(r.item) >= len(a.collLast) {
		a.collLast = append(a.collLast, minInt64)
	}
	if r.entAbs < a.collLast[r.item] {
		a.unsorted = true
	}
	a.collLast[r.item] = r.entAbs
	a.recs.add(r)
}

const minInt64 = -1 << 63

// recPages holds collected records in pages of a fixed size, so that a
// million records grow without copying and without a doubled peak.
type recPages struct {
	pages [][]logRecord
	n     int
}

const pageBits = 15

func (p *recPages) add(r *logRecord) {
	if p.n>>pageBits == len(p.pages) {
		p.pages = append(p.pages, make([]logRecord, 1<<pageBits))
	}
	p.pages[p.n>>pageBits][p.n&(1<<pageBits-1)] = *r
	p.n++
}

func (p *recPages) at(i int) *logRecord {
	return &p.pages[i>>pageBits][i&(1<<pageBits-1)]
}

// replay folds the collected records in each item's time order (file order
// among equal times).
func (a *aggregator) replay() error {
	a.collecting, a.streaming = false, false
	n := a.recs.n
	if !a.unsorted {
		for i := 0; i < n; i++ {
			if err := a.add(a.recs.at(i)); err != nil {
				return err
			}
		}
		return nil
	}
	// Counting sort by item, then by time within each item.
	start := make([]int32, len(a.itemNames)+1)
	for i := 0; i < n; i++ {
		start[a.recs.at(i).item+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	idx := make([]int32, n)
	next := slices.Clone(start[:len(start)-1])
	for i := 0; i < n; i++ {
		it := a.recs.at(i).item
		idx[next[it]] = int32(i)
		next[it]++
	}
	for g := 0; g+1 < len(start); g++ {
		part := idx[start[g]:start[g+1]]
		slices.SortFunc(part, func(x, y int32) int {
			rx, ry := a.recs.at(int(x)), a.recs.at(int(y))
			if rx.entAbs != ry.entAbs {
				if rx.entAbs < ry.entAbs {
					return -1
				}
				return 1
			}
			return int(rx.row - ry.row)
		})
	}
	for _, i := range idx {
		if err := a.add(a.recs.at(int(i))); err != nil {
			return err
		}
	}
	return nil
}

func (a *aggregator) item(g int32) *itemState {
	if int(g) >= len(a.items) {
		if int(g) >= cap(a.items) {
			// Double: append grows large slices by a quarter, copying often.
			ns := make([]itemState, len(a.items), max(2*cap(a.items), int(g)+1, 256))
			copy(ns, a.items)
			a.items = ns
		}
		for int(g) >= len(a.items) {
			a.items = append(a.items, itemState{cur: -1, open: -1, last: -1, wip: -1})
		}
	}
	return &a.items[g]
}

func (a *aggregator) cell(s, g int32) *stageItem {
	cs := a.cells[s]
	if int(g) >= len(cs) {
		if int(g) < cap(cs) {
			cs = cs[:g+1]
		} else {
			ns := make([]stageItem, int(g)+1, max(2*cap(cs), int(g)+1, 256))
			copy(ns, cs)
			cs = ns
		}
		a.cells[s] = cs
	}
	return &cs[g]
}

// visit starts a visit of item g to stage s. When the item comes back to s,
// the stages it visited since its previous visit are remembered: once the
// flow order is known, any of them later than s makes it a re-entry of s.
func (a *aggregator) visit(s, g, seq int32) {
	c := a.cell(s, g)
	if c.first == 0 {
		c.first = seq
	} else {
		var mask uint64
		for t, ct := range a.cells {
			if int32(t) != s && int(g) < len(ct) && ct[g].last > c.last {
				mask |= 1 << t
			}
		}
		if mask != 0 {
			a.back[int64(g)<<6|int64(s)] |= mask
		}
	}
	c.last = seq
}

func (a *aggregator) credit(s, g int32, kind uint8, d int64) {
	if d <= 0 {
		return
	}
	c := a.cell(s, g)
	if kind == kindWait {
		c.wait += d
	} else {
		c.work += d
	}
}

func (a *aggregator) add(r *logRecord) error {
	if a.lay.shape == vsm.ShapeIntervals {
		return a.addInterval(r)
	}
	return a.addTransition(r)
}

func (a *aggregator) fmtTime(abs int64) string {
	return time.UnixMilli(abs).UTC().Format(time.RFC3339)
}

func (a *aggregator) addInterval(r *logRecord) error {
	s, g := r.stage, r.item
	if s >= maxStages {
		return a.tooManyStages(s, r.row)
	}
	it := a.item(g)
	if it.seen {
		if r.entAbs < it.lastAbs && a.streaming {
			return errUnsorted
		}
		if r.entAbs == it.lastAbs && s == it.last {
			what := "repeats"
			if r.exiAbs != it.lastExi {
				what = "contradicts"
			}
			return a.errorf(r.row, -1, "", "%s row %d: item %q entered %q at %s in both",
				what, it.lastRow, a.itemNames[g], a.stageNames[s], a.fmtTime(r.entAbs))
		}
		if it.open >= 0 {
			// A visit without exit ends where the item's next visit starts.
			a.credit(it.open, g, it.openKind, r.entW-it.segW)
			if !it.hasPrev || r.entAbs > it.prevExitAbs {
				it.prevExitAbs, it.prevExitW, it.hasPrev = r.entAbs, r.entW, true
			}
			it.open = -1
		}
		if it.hasPrev && r.entAbs > it.prevExitAbs {
			// The gap since the item's last exit is wait of the stage entered.
			a.credit(s, g, kindWait, r.entW-it.prevExitW)
		}
	}
	if s != it.cur {
		it.seq++
		a.visit(s, g, it.seq)
		it.cur = s
	}
	if r.open {
		it.open, it.openKind, it.segW = s, r.kind, r.entW
		it.lastExi = minInt64
	} else {
		a.credit(s, g, r.kind, r.exiW-r.entW)
		if !it.hasPrev || r.exiAbs > it.prevExitAbs {
			it.prevExitAbs, it.prevExitW, it.hasPrev = r.exiAbs, r.exiW, true
		}
		it.lastExi = r.exiAbs
	}
	it.last, it.lastAbs, it.lastRow, it.seen = s, r.entAbs, r.row, true
	return nil
}

func (a *aggregator) addTransition(r *logRecord) error {
	it := a.item(r.item)
	g := r.item
	if it.seen {
		if r.entAbs < it.lastAbs && a.streaming {
			return errUnsorted
		}
		if r.entAbs == it.lastAbs && r.stage == it.last {
			return a.errorf(r.row, -1, "", "repeats row %d: item %q changed to %q at %s in both",
				it.lastRow, a.itemNames[g], a.statusNames[r.stage], a.fmtTime(r.entAbs))
		}
		// The item leaves its current status: credit the time spent in it.
		if d := r.entW - it.segW; d > 0 {
			switch prev := a.roles[it.last]; {
			case prev.stage >= 0 && prev.kind == roleWork:
				a.credit(prev.stage, g, kindWork, d)
			case prev.stage >= 0 && prev.kind == roleWait:
				a.credit(prev.stage, g, kindWait, d)
			case prev.kind == roleWait:
				it.pendWait += d
			}
		}
	}
	role := &a.roles[r.stage]
	if role.stage == -2 {
		role.stage = a.stageFor(role.stageName)
	}
	if role.stage >= maxStages {
		return a.tooManyStages(role.stage, r.row)
	}
	switch {
	case role.stage >= 0:
		if role.stage != it.cur {
			it.seq++
			a.visit(role.stage, g, it.seq)
			it.cur = role.stage
		}
		if it.pendWait > 0 {
			a.credit(role.stage, g, kindWait, it.pendWait)
			it.pendWait = 0
		}
	case role.kind == roleDone || role.kind == roleIgnore:
		it.cur, it.pendWait = -1, 0
	}
	it.segW, it.last, it.lastAbs, it.lastRow, it.seen = r.entW, r.stage, r.entAbs, r.row, true
	return nil
}
