package vsm

import (
	"fmt"
	"math"
	"strings"
	"unicode"
)

// HoursPerCalendarWeek is the elapsed hours of a week, 7 x 24: what a working
// week of the map's calendar spans on the wall clock.
const HoursPerCalendarWeek = 7 * 24

// ElapsedHours converts working hours on calendar c to elapsed (wall-clock)
// hours at the calendar's average rate: a working week (hours_per_day x
// days_per_week hours) spans 168 elapsed hours, so
//
//	elapsed = working x 168 / (hours_per_day x days_per_week)
//
// On the default 8 h x 5 d calendar one working hour is 168 / 40 = 4.2 elapsed
// hours: a 2d 4h stretch of the map (20 working hours) is 84 elapsed hours.
// It is an average: it does not know which weekday the work starts on, so it
// suits spans of several days, such as a map's commit-to-production span,
// better than a single hour.
func ElapsedHours(working float64, c Calendar) float64 {
	return working * HoursPerCalendarWeek / c.HoursPerWeek()
}

// WorkingHours is the inverse of ElapsedHours: elapsed x (hours_per_day x
// days_per_week) / 168. A week of elapsed time, 168 hours, is 40 working hours
// on the default calendar.
func WorkingHours(elapsed float64, c Calendar) float64 {
	return elapsed * c.HoursPerWeek() / HoursPerCalendarWeek
}

// Words in stage names that FindCommitToProduction looks for.
var (
	commitStageWords = []string{"code", "coding", "develop", "development", "dev", "implement",
		"implementation", "implementing", "programming", "commit"}
	deployStageWords = []string{"deploy", "deployment", "deploying", "deploys", "rollout", "golive"}
	testStageWords   = []string{"test", "tests", "testing", "qa", "verify", "verification", "validation"}
)

// nameHas reports whether stage name has one of words as a whole word
// (ignoring case; "go-live" is the word "golive").
func nameHas(name string, words []string) bool {
	name = strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(name))
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		for _, w := range words {
			if f == w {
				return true
			}
		}
	}
	return false
}

// isTestStage reports whether s is a test stage: its name says test, tests,
// testing, QA, verify, verification or validation, or it is tagged
// manual-testing.
func isTestStage(s Stage) bool {
	return nameHas(s.Name, testStageWords) || s.HasWaste(WasteManualTesting)
}

// FindCommitToProduction guesses the stages of m that DORA's lead time for
// changes spans, from commit to production. start is the first stage whose
// name says coding (code, coding, develop, development, dev, implement,
// implementation, programming, commit): the first commit is made there.
// deploy is the last stage whose name says deploy (deploy, deployment,
// deploying, rollout, go-live), else the last stage tagged manual-deploy,
// else the last stage named release; it must come after start, or be it. ok
// is false when either end is not found: then a person chooses them.
func FindCommitToProduction(m *Map) (start, deploy int, ok bool) {
	start, deploy = commitStage(m), deployStage(m)
	if start < 0 || deploy < start {
		return -1, -1, false
	}
	return start, deploy, true
}

// commitStage is the first stage of m whose name says coding, or -1.
func commitStage(m *Map) int {
	for i, s := range m.Stages {
		if nameHas(s.Name, commitStageWords) {
			return i
		}
	}
	return -1
}

// deployStage is the last stage of m whose name says deploy, else the last
// tagged manual-deploy, else the last named release, or -1.
func deployStage(m *Map) int {
	for _, found := range []func(Stage) bool{
		func(s Stage) bool { return nameHas(s.Name, deployStageWords) },
		func(s Stage) bool { return s.HasWaste(WasteManualDeploy) },
		func(s Stage) bool { return nameHas(s.Name, []string{"release"}) },
	} {
		for i := len(m.Stages) - 1; i >= 0; i-- {
			if found(m.Stages[i]) {
				return i
			}
		}
	}
	return -1
}

// Reconciliation sets DORA's measured figures beside the map's own: the lead
// time for changes beside the map's commit-to-production span, and the change
// failure rate beside the rolled %C&A of the map's release stages.
type Reconciliation struct {
	StartIndex, DeployIndex int    // the span's first and last stage, 0-based
	StartStage, DeployStage string // their names

	// MapWorkingHours is the span on the map, in working hours of its
	// calendar: the start stage's process time plus the lead time (wait +
	// process) of every later stage through the deploy stage that is on the
	// critical path, so a parallel branch counts by its longest lane, as the
	// map's lead time does. The start stage's wait is left out: an item waits
	// for someone to pick it up before anyone commits to it. MapElapsedHours
	// is the same span in elapsed hours (ElapsedHours).
	MapWorkingHours float64
	MapElapsedHours float64

	// MeasuredElapsedHours is DORA's median lead time for changes, elapsed
	// hours; MeasuredWorkingHours the same in working hours (WorkingHours).
	// Both nil when the records have no first-commit times.
	MeasuredElapsedHours *float64
	MeasuredWorkingHours *float64

	// HiddenQueue is measured - map: time changes spend in the span that the
	// map does not show, waiting nobody drew, somewhere from the start stage
	// to the deploy stage. Negative when the map is slower than the
	// deployments show. Nil without a measured lead time.
	HiddenQueueElapsedHours *float64
	HiddenQueueWorkingHours *float64

	// LeadTimeSentence says it plainly, in the map's working time
	// (FormatDuration).
	LeadTimeSentence string

	// ReleaseIndexes are the release stages: the stages of the span after
	// its last test stage (see isTestStage; after its whole branch when it
	// runs in parallel with others) through the deploy stage; the
	// deploy stage alone when the span has no test stage after its start.
	// Their rolled %C&A is the chance a tested change reaches production
	// without going back: %C&A is judged by the next stage, so the deploy
	// stage's is judged in production. As in the map's totals, a release
	// stage's rework edges count too: Π CA_i x (1 - the sum of its edges' chances).
	ReleaseIndexes         []int
	ReleaseStages          []string
	RolledCompleteAccurate float64 // Π CA_i over the release stages
	MapFailureRate         float64 // 1 - RolledCompleteAccurate: the share the map expects to go back
	ChangeFailureRate      *float64
	FailureSentence        string
}

// Reconcile sets DORA figures s beside map m. start and deploy name the
// span's first and last stage (ignoring case); "" takes
// FindCommitToProduction's guess. Errors (wrapping ErrUnknownStage) name a
// stage not on the map, a deploy stage before the start stage, or ends that
// cannot be guessed.
//
// Worked example, 8 h x 5 d calendar, stages Code (wait 8h, process 6h),
// Review (4h, 1h), Test (2h, 3h), Deploy (2h, 2h), DORA median lead time
// 138.6 elapsed hours:
//
//	map span        6 + (4+1) + (2+3) + (2+2) = 20 working hours = 2d 4h  (84 elapsed)
//	measured        138.6 elapsed x 40 / 168 = 33 working hours = 4d 1h
//	hidden queue    33 - 20 = 13 working hours = 1d 5h  (54.6 elapsed)
//
// "the map accounts for 2d 4h of the 4d 1h that changes take from commit to
// production: 1d 5h is waiting nobody drew, between Code and Deploy". With 25%
// of deployments failed and Deploy (after Test) at 95% C&A: "25% of
// deployments failed; the map's release stages (Deploy) pass 95% of changes
// complete and accurate, so it expects 5.0% to go back".
func Reconcile(m *Map, s DORASummary, start, deploy string) (Reconciliation, error) {
	si, di := commitStage(m), deployStage(m)
	if start != "" {
		if si = m.StageIndex(start); si < 0 {
			return Reconciliation{}, fmt.Errorf("start stage %q of the commit-to-production span: %w", start, ErrUnknownStage)
		}
	}
	if deploy != "" {
		if di = m.StageIndex(deploy); di < 0 {
			return Reconciliation{}, fmt.Errorf("deploy stage %q of the commit-to-production span: %w", deploy, ErrUnknownStage)
		}
	}
	switch {
	case si < 0:
		return Reconciliation{}, fmt.Errorf("cannot tell where commits start on map %q (no stage named like Code or Develop): choose the start stage: %w", m.Name, ErrUnknownStage)
	case di < 0:
		return Reconciliation{}, fmt.Errorf("cannot tell which stage deploys to production on map %q (no stage named like Deploy or Release, none tagged manual-deploy): choose the deploy stage: %w", m.Name, ErrUnknownStage)
	case di < si:
		return Reconciliation{}, fmt.Errorf("deploy stage %q comes before start stage %q: %w", m.Stages[di].Name, m.Stages[si].Name, ErrUnknownStage)
	}
	cal := m.Calendar.OrDefault()
	x := Compute(m)
	r := Reconciliation{StartIndex: si, DeployIndex: di, StartStage: m.Stages[si].Name, DeployStage: m.Stages[di].Name}
	r.MapWorkingHours = x.Stages[si].ProcessHours
	for i := si + 1; i <= di; i++ {
		if x.Stages[i].OnCriticalPath {
			r.MapWorkingHours += x.Stages[i].LeadHours
		}
	}
	r.MapElapsedHours = ElapsedHours(r.MapWorkingHours, cal)
	mapText := FormatDuration(r.MapWorkingHours, cal)
	if v := s.LeadTimeMedianHours; v != nil {
		r.MeasuredElapsedHours = ptr(*v)
		r.MeasuredWorkingHours = ptr(WorkingHours(*v, cal))
		r.HiddenQueueElapsedHours = ptr(*v - r.MapElapsedHours)
		r.HiddenQueueWorkingHours = ptr(*r.MeasuredWorkingHours - r.MapWorkingHours)
		r.LeadTimeSentence = hiddenQueueSentence(r, cal)
	} else {
		r.LeadTimeSentence = fmt.Sprintf("the deployment records have no first-commit times, so the map's %s from commit to production cannot be checked", mapText)
	}

	last := -1
	for i := si + 1; i <= di; i++ {
		if isTestStage(m.Stages[i]) {
			last = i
		}
	}
	// A test stage in a parallel branch ends with its branch: the lanes
	// beside it run with the tests, not after them.
	for last >= 0 && m.Stages[last].Branch != "" && last+1 <= di && m.Stages[last+1].Branch == m.Stages[last].Branch {
		last++
	}
	from := di
	if last >= 0 && last < di {
		from = last + 1
	}
	r.RolledCompleteAccurate = 1
	for i := from; i <= di; i++ {
		r.ReleaseIndexes = append(r.ReleaseIndexes, i)
		r.ReleaseStages = append(r.ReleaseStages, m.Stages[i].Name)
		r.RolledCompleteAccurate *= x.Stages[i].CompleteAccurate
		forward := 1.0 // the chance the stage sends no rework back, as Compute counts it
		for _, e := range m.Stages[i].Rework {
			forward -= e.Probability
		}
		r.RolledCompleteAccurate *= forward
	}
	r.MapFailureRate = 1 - r.RolledCompleteAccurate
	r.ChangeFailureRate = clonePtr(s.ChangeFailureRate)
	stages := strings.Join(r.ReleaseStages, ", ")
	if c := r.ChangeFailureRate; c != nil {
		r.FailureSentence = fmt.Sprintf("%s of deployments failed; the map's release stages (%s) pass %s of changes complete and accurate, so it expects %s to go back",
			FormatPercent(*c), stages, FormatPercent(r.RolledCompleteAccurate), FormatPercent(r.MapFailureRate))
	} else {
		r.FailureSentence = fmt.Sprintf("no deployments to set beside the %s complete and accurate of the map's release stages (%s)",
			FormatPercent(r.RolledCompleteAccurate), stages)
	}
	return r, nil
}

// hiddenQueueSentence says how the map's span compares with the measured
// lead time, in the map's working time. A difference that rounds to 0 minutes
// is no difference.
func hiddenQueueSentence(r Reconciliation, cal Calendar) string {
	mapText := FormatDuration(r.MapWorkingHours, cal)
	measured := FormatDuration(*r.MeasuredWorkingHours, cal)
	diff := *r.HiddenQueueWorkingHours
	span := r.StartStage + " and " + r.DeployStage
	if r.StartIndex == r.DeployIndex {
		span = r.StartStage
	}
	switch {
	case math.Round(diff*60) == 0:
		return fmt.Sprintf("the map accounts for all of the %s that changes take from commit to production", measured)
	case diff > 0:
		return fmt.Sprintf("the map accounts for %s of the %s that changes take from commit to production: %s is waiting nobody drew, between %s",
			mapText, measured, FormatDuration(diff, cal), span)
	}
	return fmt.Sprintf("the map draws %s from commit to production, but changes take %s: the map is %s slower than the deployments show (a wait between %s is drawn longer than it is, or stages overlap)",
		mapText, measured, FormatDuration(-diff, cal), span)
}
