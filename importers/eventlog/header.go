package eventlog

import (
	"fmt"
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
