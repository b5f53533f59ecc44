package vsm

import (
	"fmt"
	"strings"
)

// CheckStatus is the outcome of one line of the continuous-delivery
// readiness checklist.
type CheckStatus string

// The outcomes of a readiness check.
const (
	CheckPass    CheckStatus = "pass"
	CheckFail    CheckStatus = "fail"
	CheckUnknown CheckStatus = "unknown" // the map and the DORA figures do not say
)

// ReadinessCheck is one line of the checklist: the claim, whether the data
// bear it out, and which data made it so.
type ReadinessCheck struct {
	Key      string
	Title    string // the claim a ready team can make, e.g. "Deployment is automated"
	Status   CheckStatus
	Evidence string // the data that decided it: "Deploy is tagged manual-deploy"
	Stages   []int  // the stages it points at (those that fail it, or the ones it read); nil when none
}

// readinessData is what the checklist reads: the map, its metrics and, when
// there are deployment records, DORA's figures.
type readinessData struct {
	m    *Map
	x    Metrics
	cal  Calendar
	dora *DORASummary
}

// ReadinessRule is one line of the checklist and the rule that decides it.
type ReadinessRule struct {
	Key   string
	Title string
	check func(d readinessData) (CheckStatus, string, []int)
}

// Thresholds of the checklist.
const (
	// ReadyMaxBatchDays: a stage that works on one item for longer than two
	// working days is working on too big a batch.
	ReadyMaxBatchDays = 2
	// ReadyMaxTestMinutes: automated tests answer within ten minutes (the
	// continuous-integration guideline of Humble & Farley, Continuous
	// Delivery).
	ReadyMaxTestMinutes = 10
	// ReadyMinRolledCA: at least 60% of items pass every stage without
	// rework.
	ReadyMinRolledCA = 0.6
	// ReadyMaxFailureRate: DORA's medium level at most (2023 report).
	ReadyMaxFailureRate = mediumFailureRate
)

// Words in stage names that mark an approval stage.
var approvalStageWords = []string{"cab", "approval", "approvals", "approve", "signoff", "advisory"}

// ReadinessRules is the one table of the continuous-delivery readiness
// checklist, in the order the checklist lists its lines.
var ReadinessRules = []ReadinessRule{
	{Key: "small-batches", Title: "Work items are small: no stage works on one for more than 2 days", check: checkSmallBatches},
	{Key: "automated-deploy", Title: "Deployment is automated", check: checkAutomatedDeploy},
	{Key: "fast-tests", Title: "Automated tests answer within 10 minutes", check: checkFastTests},
	{Key: "complete-accurate", Title: "At least 60% of items pass every stage without rework (rolled %C&A)", check: checkRolledCA},
	{Key: "no-approval-board", Title: "No approval board stands between a change and production", check: checkNoApprovalBoard},
	{Key: "environments-on-demand", Title: "Environments are there when work needs them", check: checkEnvironments},
	{Key: "short-queues", Title: "No item waits more than a working week in front of one stage", check: checkShortQueues},
	{Key: "weekly-deploys", Title: "Deployments happen at least once a week", check: checkWeeklyDeploys},
	{Key: "lead-time-week", Title: "Changes reach production within a week of their first commit", check: checkLeadTimeWeek},
	{Key: "change-failure-rate", Title: "At most 15% of deployments fail", check: checkFailureRate},
	{Key: "restore-in-a-day", Title: "Service is restored within a day of a failed deployment", check: checkRestore},
}

// Readiness is the continuous-delivery readiness checklist of m, with DORA
// figures dora when there are deployment records (nil when not): one line
// per rule of ReadinessRules, in its order, each pass, fail or unknown with
// the data that decided it. Lines about the map are unknown for a map
// without stages; lines about deployments are unknown without DORA figures
// (lead time then falls back on the map's commit-to-production span).
func Readiness(m *Map, dora *DORASummary) []ReadinessCheck {
	d := readinessData{m: m, x: Compute(m), cal: m.Calendar.OrDefault(), dora: dora}
	out := make([]ReadinessCheck, len(ReadinessRules))
	for i, r := range ReadinessRules {
		st, ev, stages := r.check(d)
		out[i] = ReadinessCheck{Key: r.Key, Title: r.Title, Status: st, Evidence: ev, Stages: stages}
	}
	return out
}

const noStages = "the map has no stages"

func checkSmallBatches(d readinessData) (CheckStatus, string, []int) {
	limit := ReadyMaxBatchDays * d.cal.HoursPerDay
	var over []int
	var words []string
	longest := -1
	for i, s := range d.x.Stages {
		if s.ProcessHours > limit {
			over = append(over, i)
			words = append(words, fmt.Sprintf("%s works %s on an item", s.Name, FormatDuration(s.ProcessHours, d.cal)))
		}
		if s.ProcessHours > 0 && (longest < 0 || s.ProcessHours > d.x.Stages[longest].ProcessHours) {
			longest = i
		}
	}
	switch {
	case len(over) > 0:
		return CheckFail, strings.Join(words, ", ") + fmt.Sprintf(" (more than %s)", FormatDuration(limit, d.cal)), over
	case longest < 0:
		return CheckUnknown, "no stage has a process time", nil
	}
	s := d.x.Stages[longest]
	return CheckPass, fmt.Sprintf("the most work one stage does on an item is %s's %s", s.Name, FormatDuration(s.ProcessHours, d.cal)), []int{longest}
}

func checkAutomatedDeploy(d readinessData) (CheckStatus, string, []int) {
	if manual, ev := taggedStages(d.m, WasteManualDeploy); manual != nil {
		return CheckFail, ev, manual
	}
	if i := deployStage(d.m); i >= 0 {
		if d.m.Stages[i].Automated {
			return CheckPass, d.m.Stages[i].Name + " deploys and is marked automated", []int{i}
		}
		return CheckUnknown, d.m.Stages[i].Name + " deploys, and is neither marked automated nor tagged manual-deploy", []int{i}
	}
	return CheckUnknown, "no stage is named like Deploy or Release, and none is tagged manual-deploy", nil
}

func checkFastTests(d readinessData) (CheckStatus, string, []int) {
	limit := ReadyMaxTestMinutes / 60.0
	var tests, slow []int
	var words []string
	timed := false
	for i, s := range d.m.Stages {
		if !isTestStage(s) {
			continue
		}
		tests = append(tests, i)
		pt := d.x.Stages[i].ProcessHours
		switch {
		case pt > limit+1e-9:
			slow = append(slow, i)
			words = append(words, fmt.Sprintf("%s takes %s an item", s.Name, FormatDuration(pt, d.cal)))
			timed = true
		case s.HasWaste(WasteManualTesting):
			slow = append(slow, i)
			words = append(words, s.Name+" is tagged manual-testing")
		}
	}
	switch {
	case len(slow) > 0:
		ev := strings.Join(words, ", ")
		if timed {
			ev += fmt.Sprintf(" (more than %dm)", ReadyMaxTestMinutes)
		}
		return CheckFail, ev, slow
	case len(tests) == 0:
		return CheckUnknown, "no stage is named like Test or tagged manual-testing", nil
	}
	var names []string
	for _, i := range tests {
		names = append(names, fmt.Sprintf("%s takes %s", d.m.Stages[i].Name, FormatDuration(d.x.Stages[i].ProcessHours, d.cal)))
	}
	return CheckPass, strings.Join(names, ", ") + " an item", tests
}

func checkRolledCA(d readinessData) (CheckStatus, string, []int) {
	if len(d.m.Stages) == 0 {
		return CheckUnknown, noStages, nil
	}
	r := d.x.Totals.RolledCompleteAccurate
	ev := fmt.Sprintf("rolled %%C&A is %s (the product of every stage's %%C&A)", FormatPercent(r))
	if r+1e-12 < ReadyMinRolledCA {
		// The stages that send work back are where it is lost.
		var low []int
		for i, s := range d.x.Stages {
			if s.CompleteAccurate < 1 {
				low = append(low, i)
			}
		}
		return CheckFail, ev, low
	}
	return CheckPass, ev, nil
}

func checkNoApprovalBoard(d readinessData) (CheckStatus, string, []int) {
	if len(d.m.Stages) == 0 {
		return CheckUnknown, noStages, nil
	}
	var gates []int
	var words []string
	for i, s := range d.m.Stages {
		switch {
		case s.HasWaste(WasteApprovals):
			gates = append(gates, i)
			words = append(words, s.Name+" is tagged approvals")
		case nameHas(s.Name, approvalStageWords):
			gates = append(gates, i)
			words = append(words, s.Name+" is named like an approval")
		}
	}
	if len(gates) > 0 {
		return CheckFail, strings.Join(words, ", "), gates
	}
	return CheckPass, "no stage is tagged approvals or named like an approval", nil
}

func checkEnvironments(d readinessData) (CheckStatus, string, []int) {
	if len(d.m.Stages) == 0 {
		return CheckUnknown, noStages, nil
	}
	if waits, ev := taggedStages(d.m, WasteEnvironments); waits != nil {
		return CheckFail, ev, waits
	}
	return CheckPass, "no stage is tagged environments", nil
}

func checkShortQueues(d readinessData) (CheckStatus, string, []int) {
	if len(d.m.Stages) == 0 {
		return CheckUnknown, noStages, nil
	}
	week := d.cal.HoursPerWeek()
	var long []int
	var words []string
	for i, s := range d.x.Stages {
		if s.WaitHours > week+1e-9 {
			long = append(long, i)
			words = append(words, fmt.Sprintf("%s waits %s", s.Name, FormatDuration(s.WaitHours, d.cal)))
		}
	}
	if len(long) > 0 {
		return CheckFail, strings.Join(words, ", ") + fmt.Sprintf(" (more than %s)", FormatDuration(week, d.cal)), long
	}
	if b := d.x.BiggestWait; b != nil {
		return CheckPass, fmt.Sprintf("the longest wait is %s's %s", b.Name, FormatDuration(d.x.Stages[b.Index].WaitHours, d.cal)), []int{b.Index}
	}
	return CheckPass, "no stage has a wait", nil
}

func checkWeeklyDeploys(d readinessData) (CheckStatus, string, []int) {
	if d.dora == nil || d.dora.DeploysPerDay == nil {
		return CheckUnknown, "no deployment records", nil
	}
	perWeek := *d.dora.DeploysPerWeek()
	ev := fmt.Sprintf("%s in %s: %s a week", plural(d.dora.Deployments, "deployment"), plural(d.dora.Days, "day"), fmtRound(perWeek, 2))
	if *d.dora.DeploysPerDay >= highDeploysPerDay {
		return CheckPass, ev, nil
	}
	return CheckFail, ev, nil
}

func checkLeadTimeWeek(d readinessData) (CheckStatus, string, []int) {
	if d.dora != nil && d.dora.LeadTimeMedianHours != nil {
		v := *d.dora.LeadTimeMedianHours
		ev := fmt.Sprintf("median lead time for changes %s (elapsed) over %s", FormatElapsed(v), plural(d.dora.LeadTimeChanges, "change"))
		if v <= highLeadHours {
			return CheckPass, ev, nil
		}
		return CheckFail, ev, nil
	}
	si, di, ok := FindCommitToProduction(d.m)
	if !ok {
		return CheckUnknown, "no first-commit times in deployment records, and no stages named like Code and Deploy on the map", nil
	}
	r, err := Reconcile(d.m, DORASummary{}, d.m.Stages[si].Name, d.m.Stages[di].Name)
	if err != nil {
		return CheckUnknown, err.Error(), nil
	}
	span := make([]int, 0, di-si+1)
	for i := si; i <= di; i++ {
		span = append(span, i)
	}
	ev := fmt.Sprintf("the map's %s to %s takes %s (%s elapsed); no first-commit times to measure it", r.StartStage, r.DeployStage,
		FormatDuration(r.MapWorkingHours, d.cal), FormatElapsed(r.MapElapsedHours))
	if r.MapElapsedHours <= highLeadHours {
		return CheckPass, ev, span
	}
	return CheckFail, ev, span
}

func checkFailureRate(d readinessData) (CheckStatus, string, []int) {
	if d.dora == nil || d.dora.ChangeFailureRate == nil {
		return CheckUnknown, "no deployment records", nil
	}
	ev := fmt.Sprintf("%d of %s failed (%s)", d.dora.Failed, plural(d.dora.Deployments, "deployment"), FormatPercent(*d.dora.ChangeFailureRate))
	if *d.dora.ChangeFailureRate <= ReadyMaxFailureRate {
		return CheckPass, ev, nil
	}
	return CheckFail, ev, nil
}

func checkRestore(d readinessData) (CheckStatus, string, []int) {
	switch {
	case d.dora == nil:
		return CheckUnknown, "no deployment records", nil
	case d.dora.TimeToRestoreMedianHours == nil && d.dora.Failed == 0:
		return CheckUnknown, "no failed deployments to learn it from", nil
	case d.dora.TimeToRestoreMedianHours == nil:
		return CheckUnknown, plural(d.dora.Failed, "failed deployment") + ", none with a restore time", nil
	}
	v := *d.dora.TimeToRestoreMedianHours
	ev := fmt.Sprintf("median time to restore %s (elapsed) over %s", FormatElapsed(v), plural(d.dora.Restored, "restored failure"))
	if v < highRestoreHours {
		return CheckPass, ev, nil
	}
	return CheckFail, ev, nil
}

// plural writes a count with its noun: "1 deployment", "2 deployments".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// taggedStages is the stages of m tagged w, and a sentence that names them:
// "Test, Deploy are tagged environments"; nil and "" when none is.
func taggedStages(m *Map, w Waste) ([]int, string) {
	var idx []int
	var names []string
	for i, s := range m.Stages {
		if s.HasWaste(w) {
			idx = append(idx, i)
			names = append(names, s.Name)
		}
	}
	if idx == nil {
		return nil, ""
	}
	verb := " are tagged "
	if len(idx) == 1 {
		verb = " is tagged "
	}
	return idx, strings.Join(names, ", ") + verb + string(w)
}
