package eventlog

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"flowmap/vsm"
)

// mappingIndex is m keyed by vsm.StatusKey, for lookups per distinct status.
func mappingIndex(m *vsm.StatusMapping) map[string]vsm.StatusRole {
	idx := make(map[string]vsm.StatusRole)
	if m == nil {
		return idx
	}
	for name, r := range m.Statuses {
		idx[vsm.StatusKey(name)] = r
	}
	return idx
}

// FormatMapping writes m in the --mapping file format ParseMapping reads,
// one status per line, ordered by stage and kind, names aligned.
func FormatMapping(m *vsm.StatusMapping) []byte {
	type line struct {
		status, role, stage string
		kind                vsm.StatusKind
	}
	var lines []line
	width := 0
	for status, r := range m.Statuses {
		role := string(r.Kind)
		if r.Stage != "" {
			role += " " + r.Stage
		}
		name := status
		if strings.ContainsAny(status, "=#\"") || strings.TrimSpace(status) != status {
			name = `"` + strings.ReplaceAll(status, `"`, `""`) + `"`
		}
		width = max(width, utf8.RuneCountInString(name))
		lines = append(lines, line{name, role, strings.ToLower(r.Stage), r.Kind})
	}
	// Ignored statuses first, then waits for the next stage, then each
	// stage's wait and work, done last.
	group := func(l line) int {
		switch {
		case l.kind == vsm.StatusIgnore:
			return 0
		case l.kind == vsm.StatusDone:
			return 3
		case l.stage == "":
			return 1
		}
		return 2
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		}
		if a.stage != b.stage {
			return a.stage < b.stage
		}
		if a.kind != b.kind {
			return a.kind == vsm.StatusWait
		}
		return strings.ToLower(a.status) < strings.ToLower(b.status)
	})
	var b strings.Builder
	b.WriteString("# Flowmap status mapping: STATUS = work STAGE | wait [STAGE] | done | ignore\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "%s%s = %s\n", l.status, strings.Repeat(" ", width-utf8.RuneCountInString(l.status)), l.role)
	}
	return []byte(b.String())
}

// MappingError is a bad line of a mapping file. It wraps vsm.ErrInvalid.
type MappingError struct {
	Line   int
	Text   string
	Reason string
}

func (e *MappingError) Error() string {
	if e.Line == 0 {
		return e.Reason
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

func (e *MappingError) Unwrap() error { return vsm.ErrInvalid }

// ParseMapping reads a status mapping file (`flowmap-cli events
// --mapping FILE`): plain UTF-8 text, one status per line,
//
//	# Flowmap status mapping
//	Backlog          = ignore
//	In Progress      = work Dev
//	Ready for Review = wait Review
//	In Review        = work Review
//	Blocked          = wait          # wait of the next stage the item enters
//	Done             = done
//
// STATUS = KIND [STAGE]: the status as the log writes it (case and repeated
// spaces do not matter; put it in double quotes if it contains =, # or
// surrounding spaces, doubling a quote inside), then work STAGE, wait
// [STAGE], done or ignore (see vsm.StatusRole). Everything after a # that starts
// a line or follows a space is a comment; blank lines are skipped. Statuses
// of the log the file does not name get ProposeMapping's role. A line that
// does not parse, an unknown kind, work without a stage, a stage after done or
// ignore, and a status given twice are errors naming the line.
func ParseMapping(r io.Reader) (*vsm.StatusMapping, error) {
	m := &vsm.StatusMapping{Statuses: make(map[string]vsm.StatusRole)}
	seen := make(map[string]int)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		if n == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		bad := func(format string, args ...any) error {
			return &MappingError{Line: n, Text: text, Reason: fmt.Sprintf(format, args...)}
		}
		status, rest, err := splitMappingLine(text)
		if err != "" {
			return nil, bad("%s", err)
		}
		if status == "" && rest == "" {
			continue
		}
		if status == "" {
			return nil, bad("no status before =: write STATUS = work STAGE, wait [STAGE], done or ignore")
		}
		kindWord, stage, _ := strings.Cut(strings.TrimSpace(rest), " ")
		role := vsm.StatusRole{Kind: vsm.StatusKind(strings.ToLower(kindWord)), Stage: strings.Join(strings.Fields(stage), " ")}
		switch err := role.Check(); {
		case errors.Is(err, vsm.ErrWorkWithoutStage):
			return nil, bad("%q = work needs a stage: write %s = work STAGE", status, status)
		case errors.Is(err, vsm.ErrStageNotTaken):
			return nil, bad("%q = %s takes no stage (found %q)", status, role.Kind, role.Stage)
		case errors.Is(err, vsm.ErrNoStatusKind):
			return nil, bad("no role after %q =: write work STAGE, wait [STAGE], done or ignore", status)
		case err != nil:
			return nil, bad("%q is not a kind: use work, wait, done or ignore", kindWord)
		}
		k := vsm.StatusKey(status)
		if first, dup := seen[k]; dup {
			return nil, bad("status %q is already mapped on line %d", status, first)
		}
		seen[k] = n
		m.Statuses[status] = role
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the mapping: %w", err)
	}
	if len(m.Statuses) == 0 {
		return nil, &MappingError{Reason: "the mapping names no status: write lines like `Ready for QA = wait QA`"}
	}
	return m, nil
}

// splitMappingLine splits `STATUS = ROLE  # comment` into status and role,
// both trimmed; a blank or comment line gives two empty strings.
func splitMappingLine(text string) (status, rest, problem string) {
	s := strings.TrimSpace(text)
	if s == "" || s[0] == '#' {
		return "", "", ""
	}
	if s[0] == '"' {
		var b strings.Builder
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '"' {
				if i+1 < len(s) && s[i+1] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			b.WriteByte(s[i])
		}
		if i >= len(s) {
			return "", "", "the quoted status has no closing quote"
		}
		status = b.String()
		s = strings.TrimSpace(s[i+1:])
		if !strings.HasPrefix(s, "=") {
			return "", "", "expected = after the quoted status"
		}
		rest = s[1:]
	} else {
		var ok bool
		status, rest, ok = strings.Cut(s, "=")
		if !ok {
			return "", "", "expected STATUS = work STAGE, wait [STAGE], done or ignore"
		}
		status = strings.Join(strings.Fields(status), " ")
	}
	rest = stripComment(rest)
	return status, strings.TrimSpace(rest), ""
}

// stripComment cuts a # comment that follows a space.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// stageNameKey is how stage names are matched: case-folded letters and digits,
// every other run of characters one space, and a trailing "ing" dropped from
// words of seven letters or more ("Ready for Test" and "Testing" are one
// stage; "planning" is "plan"; "Coding" stays).
func stageNameKey(s string) string {
	var words []string
	var w []rune
	flush := func() {
		if len(w) == 0 {
			return
		}
		if n := len(w); n >= 7 && string(w[n-3:]) == "ing" {
			w = w[:n-3]
			if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", w[n-1]) {
				w = w[:n-1] // planning -> plan, shipping -> ship
			}
		}
		words = append(words, string(w))
		w = w[:0]
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w = append(w, unicode.ToLower(r))
		} else {
			flush()
		}
	}
	flush()
	return strings.Join(words, " ")
}

// Status names ProposeMapping recognizes, as vsm.StatusKey writes them.
var (
	doneStatuses = nameSet("done", "closed", "close", "resolved", "released", "deployed", "complete",
		"completed", "finished", "shipped", "delivered", "live", "in production", "accepted", "fixed")
	// Not yet started, or never to be: the value stream starts at the
	// commitment point, so backlog time is demand, not flow.
	ignoreStatuses = nameSet("backlog", "product backlog", "to do", "todo", "open", "new", "created",
		"selected for development", "proposed", "idea", "ideas", "icebox", "triage", "funnel", "intake",
		"draft", "ready", "cancelled", "canceled", "rejected", "won't do", "wont do", "won't fix",
		"wont fix", "duplicate", "invalid", "abandoned", "obsolete", "declined", "removed",
		"cannot reproduce", "not a bug", "archived")
	holdStatuses = nameSet("blocked", "on hold", "hold", "impeded", "paused", "parked", "waiting",
		"pending", "suspended", "stalled", "awaiting", "reopened")
	// Prefixes and suffixes that make a status the queue of stage X.
	queuePrefixes = []string{"ready for ", "ready to ", "waiting for ", "waiting on ", "awaiting ",
		"pending ", "queued for ", "to "}
	queueSuffixes = []string{" queue", " queued"}
	// Last words that make "X Done" the hand-off after X: wait of whatever
	// comes next.
	doneSuffixes = []string{" done", " complete", " completed", " finished"}
)

func nameSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// roleProposal is one status's proposed role. prio ranks how well its stage
// name names the stage: a work status's name ("In QA" gives "QA") beats a
// queue's.
type roleProposal struct {
	role vsm.StatusRole
	prio int
}

// propose proposes the role of one status from its name alone, so that a
// streaming read can resolve statuses as they appear.
func propose(status string) roleProposal {
	name := strings.Join(strings.Fields(status), " ")
	k := strings.ToLower(name)
	switch {
	case doneStatuses[k]:
		return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusDone}}
	case ignoreStatuses[k] || k == "":
		return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusIgnore}}
	case holdStatuses[k]:
		return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWait}}
	}
	for _, p := range queuePrefixes {
		if strings.HasPrefix(k, p) && len(k) > len(p) {
			return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWait, Stage: name[len(p):]}, prio: 1}
		}
	}
	for _, p := range queueSuffixes {
		if strings.HasSuffix(k, p) && len(k) > len(p) {
			return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWait, Stage: name[:len(name)-len(p)]}, prio: 1}
		}
	}
	for _, p := range doneSuffixes {
		if strings.HasSuffix(k, p) && len(k) > len(p) {
			return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWait}}
		}
	}
	switch {
	case k == "in progress":
		return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWork, Stage: name}, prio: 2}
	case strings.HasSuffix(k, " in progress"):
		return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWork, Stage: name[:len(name)-len(" in progress")]}, prio: 2}
	case strings.HasPrefix(k, "in ") && len(k) > 3:
		return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWork, Stage: name[3:]}, prio: 2}
	}
	return roleProposal{role: vsm.StatusRole{Kind: vsm.StatusWork, Stage: name}, prio: 2}
}

// ProposeMapping proposes a role for each status from its name:
//
//   - done-like (Done, Closed, Resolved, Released, Deployed, Completed, ...):
//     done.
//   - backlog-like (Backlog, To Do, Open, New, Selected for Development,
//     Ready) and abandoned (Cancelled, Rejected, Won't Do, Duplicate):
//     ignore. The value stream starts at the commitment point: time in the
//     backlog is demand, not flow. Map it as `wait STAGE` to count it.
//   - queues (Ready for X, Ready to X, Waiting for X, Awaiting X, Pending X,
//     To X, X Queue): wait of stage X.
//   - holds and hand-offs (Blocked, On Hold, Waiting, Reopened, X Done):
//     wait of the next stage the item enters.
//   - In X, X In Progress: work of stage X; In Progress and anything else:
//     work of a stage named like the status.
//
// Stage names that differ only in case, punctuation or a trailing "ing"
// (Ready for Test, Testing) are one stage, named after its work status.
func ProposeMapping(statuses []string) *vsm.StatusMapping {
	m := &vsm.StatusMapping{Statuses: make(map[string]vsm.StatusRole, len(statuses))}
	props := make([]roleProposal, len(statuses))
	names := stageNamer{}
	for i, s := range statuses {
		props[i] = propose(s)
		names.offer(props[i])
	}
	for i, s := range statuses {
		r := props[i].role
		if r.Stage != "" {
			r.Stage = names.name(r.Stage)
		}
		m.Statuses[s] = r
	}
	return m
}

// stageNamer picks one display name per stage key: the highest priority
// offer, the first among equals.
type stageNamer map[string]roleProposal

func (n stageNamer) offer(p roleProposal) {
	if p.role.Stage == "" {
		return
	}
	k := stageNameKey(p.role.Stage)
	if cur, ok := n[k]; !ok || p.prio > cur.prio {
		n[k] = p
	}
}

func (n stageNamer) name(stage string) string {
	if p, ok := n[stageNameKey(stage)]; ok {
		return p.role.Stage
	}
	return stage
}
