package vsm

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CountermeasureTrigger is what makes a countermeasure rule apply to a stage.
type CountermeasureTrigger string

// The triggers of the countermeasure rules.
const (
	TriggerConstraint  CountermeasureTrigger = "constraint"   // the stage of lowest capacity (Metrics.Constraint)
	TriggerBiggestWait CountermeasureTrigger = "biggest-wait" // the stage of largest wait (Metrics.BiggestWait)
	TriggerWaste       CountermeasureTrigger = "waste"        // every stage tagged with the rule's waste
)

// ChangeKind is how a countermeasure changes a stage value.
type ChangeKind string

// The kinds of change, each worked on the stage's value v:
const (
	ChangeScale    ChangeKind = "scale"     // v x Amount
	ChangeAtMost   ChangeKind = "at-most"   // min(v, Amount in Unit); the change applies only when v is larger
	ChangeAdd      ChangeKind = "add"       // v + Amount
	ChangeCloseGap ChangeKind = "close-gap" // v + Amount x (1 - v), for %C&A: Amount of what goes back stops going back
)

// StageChange is one change a countermeasure makes to its stage.
type StageChange struct {
	Field  StageField // WaitField, ProcessField, CompleteAccurateField or PeopleField: what a kaizen's Effect sets
	Kind   ChangeKind
	Amount float64
	Unit   Unit // the unit of an at-most duration (working time on the map's calendar); Hours when zero
}

// CountermeasureRule is one proven countermeasure: what to do, why it works,
// the stages it applies to and the change it makes to them.
type CountermeasureRule struct {
	Key     string // stable identifier, e.g. "testing-automate-regression"
	Trigger CountermeasureTrigger
	// Waste is, with TriggerWaste, the tag that makes the rule apply; for
	// every rule, the waste a kaizen made from it attacks ("" for none).
	Waste   Waste
	Title   string // what to do; {stage} stands for the stage's name
	Why     string // why it works, with where the evidence comes from
	Changes []StageChange
}

// CountermeasureRules is the one table of countermeasures, in the order that
// breaks ties in Countermeasures: the constraint's, the biggest wait's, then
// each waste type's in the order of WasteTypes. The changes are planning
// assumptions, deliberately modest, for a team to sharpen when it turns one
// into a kaizen; the effect on the map is then measured with Compute.
var CountermeasureRules = []CountermeasureRule{
	{Key: "constraint-add-capacity", Trigger: TriggerConstraint,
		Title:   "Add a person or a parallel slot at {stage}",
		Why:     "The constraint sets the pace of the whole stream (Goldratt, The Goal): capacity added there is added to the stream; anywhere else it only grows queues.",
		Changes: []StageChange{{Field: PeopleField, Kind: ChangeAdd, Amount: 1}}},
	{Key: "constraint-first-pass", Trigger: TriggerConstraint, Waste: WasteRework,
		Title:   "Get {stage}'s work right the first time: pair on it and check it before it leaves",
		Why:     "Rework spends the constraint's scarce hours twice; halving what is sent back raises its capacity (people x hours x %C&A / process time).",
		Changes: []StageChange{{Field: CompleteAccurateField, Kind: ChangeCloseGap, Amount: 0.5}}},
	{Key: "constraint-offload", Trigger: TriggerConstraint,
		Title:   "Take work off {stage} that others can do: set-up, paperwork, chasing information",
		Why:     "Goldratt's second focusing step, exploit the constraint: it spends its time only on what only it can do.",
		Changes: []StageChange{{Field: ProcessField, Kind: ChangeScale, Amount: 0.8}}},
	{Key: "wait-limit-wip", Trigger: TriggerBiggestWait, Waste: WasteWaiting,
		Title:   "Limit the work waiting in front of {stage} and pull the next item only when it has room",
		Why:     "Little's law: the time an item waits is the queue divided by the throughput, so halving the queue halves the wait.",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.5}}},
	{Key: "wait-daily-cadence", Trigger: TriggerBiggestWait, Waste: WasteWaiting,
		Title:   "Take items into {stage} every day instead of in batches on a schedule",
		Why:     "A weekly or monthly batch makes the average item wait half the interval; a daily pull caps the wait at a working day (Reinertsen, The Principles of Product Development Flow).",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeAtMost, Amount: 1, Unit: Days}}},

	{Key: "approvals-peer-review", Trigger: TriggerWaste, Waste: WasteApprovals,
		Title:   "Replace the approval at {stage} with peer review and automated policy checks",
		Why:     "DORA's research (Accelerate, 2018) found external change approval boards slow delivery without making it more stable; review by a peer with automated checks is both faster and safer.",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeAtMost, Amount: 2}}},
	{Key: "approvals-standard-changes", Trigger: TriggerWaste, Waste: WasteApprovals,
		Title:   "Pre-approve {stage}'s routine changes with a checklist, and keep the meeting for the risky ones",
		Why:     "Most changes are routine; a standard change needs no meeting, so only the few unusual ones wait for it.",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.5}}},
	{Key: "testing-automate-regression", Trigger: TriggerWaste, Waste: WasteManualTesting,
		Title:   "Automate the regression suite of {stage}",
		Why:     "Continuous testing (a DORA capability): machines repeat the checks in minutes on every change, and people explore what machines cannot.",
		Changes: []StageChange{{Field: ProcessField, Kind: ChangeScale, Amount: 1.0 / 6}}},
	{Key: "testing-shift-left", Trigger: TriggerWaste, Waste: WasteManualTesting,
		Title:   "Write {stage}'s test cases with the developers before the code, and test while it is built",
		Why:     "Testing alongside development finds defects while they are cheap and removes the wait for a test phase (Crispin & Gregory, Agile Testing).",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.5}, {Field: CompleteAccurateField, Kind: ChangeCloseGap, Amount: 0.25}}},
	{Key: "deploy-automate", Trigger: TriggerWaste, Waste: WasteManualDeploy,
		Title:   "Automate the deployment at {stage}: one command from the pipeline, the same steps every time",
		Why:     "Deployment automation (a DORA capability): scripted deployments take minutes and fail less often than a runbook followed by hand.",
		Changes: []StageChange{{Field: ProcessField, Kind: ChangeAtMost, Amount: 15, Unit: Minutes}, {Field: CompleteAccurateField, Kind: ChangeCloseGap, Amount: 0.5}}},
	{Key: "waiting-limit-wip", Trigger: TriggerWaste, Waste: WasteWaiting,
		Title:   "Set a work-in-progress limit in front of {stage} and make the queue visible",
		Why:     "Little's law: with less work in progress each item waits less; a visible queue makes the wait a shared problem (Anderson, Kanban).",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.5}}},
	{Key: "environments-on-demand", Trigger: TriggerWaste, Waste: WasteEnvironments,
		Title:   "Provision {stage}'s environments on demand, as code",
		Why:     "With infrastructure as code an environment is minutes of automation instead of days in a ticket queue (DORA: flexible infrastructure).",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.25}}},
	{Key: "handoffs-one-team", Trigger: TriggerWaste, Waste: WasteHandoffs,
		Title:   "Bring the people who hand work to {stage} and the people at it into one team with one board",
		Why:     "Every hand-off between teams adds a queue and loses context; one team with one board removes both (Reinertsen; Skelton & Pais, Team Topologies).",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.5}}},
	{Key: "handoffs-pair", Trigger: TriggerWaste, Waste: WasteHandoffs,
		Title:   "Hand work to {stage} by working it through together, not by ticket",
		Why:     "What a ticket leaves out comes back as questions and rework; a conversation carries it across.",
		Changes: []StageChange{{Field: CompleteAccurateField, Kind: ChangeCloseGap, Amount: 0.5}}},
	{Key: "rework-definition-of-done", Trigger: TriggerWaste, Waste: WasteRework,
		Title:   "Agree with the next stage what done means for {stage}'s output, and check it before handing over",
		Why:     "%C&A rises when the stage that receives the work says what it needs (Martin & Osterling, Value Stream Mapping).",
		Changes: []StageChange{{Field: CompleteAccurateField, Kind: ChangeCloseGap, Amount: 0.5}}},
	{Key: "defects-build-quality-in", Trigger: TriggerWaste, Waste: WasteDefects,
		Title:   "Build quality in at {stage}: tests first, and automated checks on every commit",
		Why:     "Quality comes from the process that makes the work, not from inspecting it afterwards (Deming); fast checks catch a defect minutes after it is made.",
		Changes: []StageChange{{Field: CompleteAccurateField, Kind: ChangeCloseGap, Amount: 0.5}}},
	{Key: "switching-one-at-a-time", Trigger: TriggerWaste, Waste: WasteTaskSwitching,
		Title:   "Work one item at a time at {stage}: finish it before picking up the next",
		Why:     "Each extra piece of work in hand costs about a fifth of a person's time in switching (Weinberg, Quality Software Management, 1992).",
		Changes: []StageChange{{Field: ProcessField, Kind: ChangeScale, Amount: 0.8}}},
	{Key: "partially-done-smaller-batches", Trigger: TriggerWaste, Waste: WastePartiallyDone,
		Title:   "Finish before starting: take smaller batches through {stage}",
		Why:     "Work started and not finished waits, goes stale and hides problems (Poppendieck, Lean Software Development).",
		Changes: []StageChange{{Field: WaitField, Kind: ChangeScale, Amount: 0.5}}},
}

// Countermeasure is one rule applied to one stage of a map, with the change it
// makes and what the map's metrics expect from it.
type Countermeasure struct {
	Rule       CountermeasureRule
	StageIndex int
	Stage      string
	Reason     string // why this stage: "Test is the constraint", "Release is tagged approvals"
	Title      string // the rule's title for this stage
	Effect     Effect // the stage's target values
	Change     string // the change for people: "Test's process time 6h → 1h"
	Expected   TotalsDelta
	// ConstraintBefore and ConstraintAfter name the constraint before and
	// after the change ("" when there is none).
	ConstraintBefore, ConstraintAfter string
	Expects                           string // what the map expects: "lead time −6h 40m; constraint moves to Deploy"
	Sentence                          string // Title: Change; Expects, in one line
}

// LeadGain is the hours of lead time the countermeasure is expected to save.
func (c Countermeasure) LeadGain() float64 { return c.Expected.LeadGain() }

// Countermeasures applies the rules of CountermeasureRules to m: the
// constraint's rules to the constraint, the biggest wait's to the stage that
// waits longest, each waste rule to every stage tagged with its waste. Each
// change is applied to a copy of m and measured with Compute (m is not
// modified): the expected effect on the totals (TotalsChange) and where the
// constraint goes. A rule that would change nothing at a stage (halving a wait
// of 0, raising a %C&A of 100%) is left out; when two rules would make the
// same change to the same stage, the first in table order stays and lists both
// reasons.
//
// The result is ranked by expected lead-time gain, the largest first. Ties go
// to the larger fall of the rework-adjusted lead time, then the larger rise of
// capacity, then the order of CountermeasureRules, then flow order.
//
// Worked example (the kaizen tests' map, lead 80 h): Test (wait 32h, process
// 8h, %C&A 50%, 1 person) is the constraint at 0.5 items a day and tagged
// manual-testing. "Automate the regression suite of Test" sets its process
// time 8h → 1h20m: lead time 80 → 73h20m, a gain of 6h40m; Test's capacity
// becomes 8 x 0.5 / (4/3) = 3 a day, so the constraint moves to Deploy (1 a day).
func Countermeasures(m *Map) []Countermeasure {
	cal := m.Calendar.OrDefault()
	base := Compute(m)
	work := streamCopy(m)
	before := ""
	if base.Constraint != nil {
		before = base.Constraint.Name
	}
	// out is in table order, then flow order: the last tie-break.
	var out []Countermeasure
	apply := func(r CountermeasureRule, i int, reason string) {
		eff := r.effect(base.Stages[i], cal)
		if eff.IsZero() {
			return
		}
		for j := range out {
			if out[j].StageIndex == i && sameEffect(out[j].Effect, eff) {
				out[j].Reason += "; " + reason
				return
			}
		}
		saved := work.Stages[i]
		work.Stages[i] = eff.Apply(saved)
		after := Compute(work)
		work.Stages[i] = saved
		c := Countermeasure{Rule: r, StageIndex: i, Stage: m.Stages[i].Name, Reason: reason,
			Title: strings.ReplaceAll(r.Title, "{stage}", m.Stages[i].Name), Effect: eff,
			Change: describeChange(m.Stages[i].Name, base.Stages[i], eff, cal), Expected: TotalsChange(base.Totals, after.Totals),
			ConstraintBefore: before}
		if after.Constraint != nil {
			c.ConstraintAfter = after.Constraint.Name
		}
		c.Expects = c.effectText(base.Totals, after.Totals, cal)
		c.Sentence = c.Title + ": " + c.Change + "; " + c.Expects
		out = append(out, c)
	}
	for _, r := range CountermeasureRules {
		switch r.Trigger {
		case TriggerConstraint:
			if b := base.Constraint; b != nil {
				apply(r, b.Index, b.Name+" is the constraint ("+b.Reason+")")
			}
		case TriggerBiggestWait:
			if b := base.BiggestWait; b != nil {
				apply(r, b.Index, b.Name+" waits longest ("+b.Reason+")")
			}
		case TriggerWaste:
			for i, s := range m.Stages {
				if s.HasWaste(r.Waste) {
					apply(r, i, s.Name+" is tagged "+string(r.Waste))
				}
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	// Sort positions rather than the (large) countermeasures themselves.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		if c := cmp.Compare(b.LeadGain(), a.LeadGain()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Expected.ReworkAdjustedLeadHours, b.Expected.ReworkAdjustedLeadHours); c != 0 {
			return c
		}
		return cmp.Compare(valueOr(b.Expected.CapacityPerDay), valueOr(a.Expected.CapacityPerDay))
	})
	res := make([]Countermeasure, len(out))
	for i, k := range order {
		res[i] = out[k]
	}
	return res
}

func valueOr(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// effect is the target values r's changes give stage s (its computed values,
// so a wait Little's law derives from the queue is the one changed); zero
// when no change would move a value.
func (r CountermeasureRule) effect(s StageMetrics, cal Calendar) Effect {
	var e Effect
	for _, ch := range r.Changes {
		var v float64
		var target **float64
		switch ch.Field {
		case WaitField:
			v, target = s.WaitHours, &e.WaitHours
		case ProcessField:
			v, target = s.ProcessHours, &e.ProcessHours
		case CompleteAccurateField:
			v, target = s.CompleteAccurate, &e.CompleteAccurate
		case PeopleField:
			v, target = s.People, &e.People
		default:
			continue
		}
		if *target != nil {
			v = **target
		}
		nv := v
		switch ch.Kind {
		case ChangeScale:
			nv = v * ch.Amount
		case ChangeAtMost:
			nv = math.Min(v, ch.Amount*ch.Unit.hours(cal))
		case ChangeAdd:
			nv = v + ch.Amount
		case ChangeCloseGap:
			nv = v + ch.Amount*(1-v)
		}
		// Less than a second of time or a thousandth of a percent is no change.
		if math.Abs(nv-v) > 1e-6 {
			*target = ptr(nv)
		}
	}
	return e
}

func sameEffect(a, b Effect) bool {
	eq := func(x, y *float64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return eq(a.WaitHours, b.WaitHours) && eq(a.ProcessHours, b.ProcessHours) &&
		eq(a.CompleteAccurate, b.CompleteAccurate) && eq(a.People, b.People)
}

// describeChange writes e's targets beside the stage's values: "Test's
// process time 8h → 1h 20m, %C&A 50% → 75%".
func describeChange(stage string, s StageMetrics, e Effect, cal Calendar) string {
	var parts []string
	dur := func(v float64) string { return FormatDuration(v, cal) }
	if e.WaitHours != nil {
		parts = append(parts, fmt.Sprintf("wait %s → %s", dur(s.WaitHours), dur(*e.WaitHours)))
	}
	if e.ProcessHours != nil {
		parts = append(parts, fmt.Sprintf("process time %s → %s", dur(s.ProcessHours), dur(*e.ProcessHours)))
	}
	if e.CompleteAccurate != nil {
		from, to := FormatPercentPair(s.CompleteAccurate, *e.CompleteAccurate)
		parts = append(parts, fmt.Sprintf("%%C&A %s → %s", from, to))
	}
	if e.People != nil {
		parts = append(parts, fmt.Sprintf("people %s → %s", fmtRound(s.People, 1), fmtRound(*e.People, 1)))
	}
	return stage + "'s " + strings.Join(parts, ", ")
}

// effectText says what the map expects: "lead time −6h 40m; flow efficiency
// 30% → 33%; constraint moves to Deploy".
func (c Countermeasure) effectText(before, after Totals, cal Calendar) string {
	var parts []string
	gain := c.LeadGain()
	switch r := math.Round(gain * 60); {
	case r > 0:
		parts = append(parts, "lead time "+minus+FormatDuration(gain, cal))
	case r < 0:
		parts = append(parts, "lead time +"+FormatDuration(-gain, cal))
	default:
		parts = append(parts, "lead time unchanged")
	}
	if b, a := before.FlowEfficiency, after.FlowEfficiency; b != nil && a != nil {
		if from, to := FormatPercentPair(*b, *a); from != to {
			parts = append(parts, fmt.Sprintf("flow efficiency %s → %s", from, to))
		}
	}
	if d := c.Expected.ReworkAdjustedLeadHours; math.Round(gain*60) == 0 && math.Round(d*60) < 0 {
		parts = append(parts, "rework-adjusted lead time "+minus+FormatDuration(-d, cal))
	}
	switch {
	case c.ConstraintAfter == "":
	case c.ConstraintAfter != c.ConstraintBefore:
		parts = append(parts, "constraint moves to "+c.ConstraintAfter)
	default:
		parts = append(parts, "constraint stays at "+c.ConstraintAfter)
	}
	return strings.Join(parts, "; ")
}

// Kaizen is the countermeasure as a kaizen idea, ready for Map.AddKaizen:
// its title, stage and waste, the change as the expected effect, and a
// hypothesis that says what the map expects, dated created.
func (c Countermeasure) Kaizen(created time.Time) Kaizen {
	return Kaizen{
		Title: c.Title, Stage: c.Stage, Waste: c.Rule.Waste, Status: KaizenIdea, Created: created,
		Hypothesis: "If we " + lowerFirst(c.Title) + ", " + c.Change + " (" + c.Expects + "). " + c.Rule.Why,
		Effect: Effect{WaitHours: clonePtr(c.Effect.WaitHours), ProcessHours: clonePtr(c.Effect.ProcessHours),
			CompleteAccurate: clonePtr(c.Effect.CompleteAccurate), People: clonePtr(c.Effect.People)},
	}
}

// AdoptCountermeasure turns c into a kaizen idea on m (Countermeasure.Kaizen,
// then AddKaizen) and returns it as stored.
func (m *Map) AdoptCountermeasure(c Countermeasure, created time.Time) (Kaizen, error) {
	return m.AddKaizen(c.Kaizen(created))
}

// lowerFirst lower-cases the first letter of s unless the first word is an
// acronym or a name written in capitals ("CAB").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if n < len(s) {
		if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}
