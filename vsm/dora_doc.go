package vsm

import "time"

// DORADocument is the machine-readable DORA summary printed by `flowmap-cli
// dora --json` (shared/cli.md): every number at full precision, durations in
// elapsed hours, ratios as fractions, null where a figure cannot be computed.
// Fields may be added; none is ever renamed.
type DORADocument struct {
	From               *string                 `json:"from"` // first day of the window, 2006-01-02; null for no window
	To                 *string                 `json:"to"`   // last day, included
	WindowDays         int                     `json:"window_days"`
	Deployments        int                     `json:"deployments"`
	OutsideWindow      int                     `json:"outside_window"` // records left out: their day is outside the window
	Failed             int                     `json:"failed"`
	DeploysPerDay      *float64                `json:"deploys_per_day"`
	DeploysPerWeek     *float64                `json:"deploys_per_week"`
	LeadTimeHours      DORALeadTimeDocument    `json:"lead_time_hours"`
	ChangeFailureRate  *float64                `json:"change_failure_rate"`
	TimeToRestoreHours DORARestoreDocument     `json:"time_to_restore_hours"`
	Bands              DORABandsDocument       `json:"bands"`
	HiddenQueueHours   *float64                `json:"hidden_queue_hours"` // elapsed hours; null without a map or a lead time
	Reconciliation     *ReconciliationDocument `json:"reconciliation"`     // null without a map
}

// DORALeadTimeDocument is the lead time for changes of DORADocument.
type DORALeadTimeDocument struct {
	Median  *float64 `json:"median"`
	P85     *float64 `json:"p85"`
	Changes int      `json:"changes"` // deployments with a first commit time: the sample
}

// DORARestoreDocument is the time to restore of DORADocument.
type DORARestoreDocument struct {
	Median   *float64 `json:"median"`
	Restored int      `json:"restored"` // failed deployments with a restore time: the sample
}

// DORABandsDocument is each key's performance level ("elite", "high",
// "medium", "low"), null where the figure is.
type DORABandsDocument struct {
	DeploymentFrequency *string `json:"deployment_frequency"`
	LeadTime            *string `json:"lead_time"`
	ChangeFailureRate   *string `json:"change_failure_rate"`
	TimeToRestore       *string `json:"time_to_restore"`
}

// ReconciliationDocument is Reconcile's result in DORADocument. Working hours
// are on the map's calendar, elapsed hours on the wall clock (ElapsedHours).
type ReconciliationDocument struct {
	StartStage              string   `json:"start_stage"`
	DeployStage             string   `json:"deploy_stage"`
	MapWorkingHours         float64  `json:"map_working_hours"`
	MapElapsedHours         float64  `json:"map_elapsed_hours"`
	MeasuredElapsedHours    *float64 `json:"measured_elapsed_hours"`
	MeasuredWorkingHours    *float64 `json:"measured_working_hours"`
	HiddenQueueElapsedHours *float64 `json:"hidden_queue_elapsed_hours"`
	HiddenQueueWorkingHours *float64 `json:"hidden_queue_working_hours"`
	LeadTime                string   `json:"lead_time"` // the sentence
	ReleaseStages           []string `json:"release_stages"`
	RolledCompleteAccurate  float64  `json:"rolled_complete_accurate"`
	MapFailureRate          float64  `json:"map_failure_rate"`
	ChangeFailureRate       *float64 `json:"change_failure_rate"`
	Failure                 string   `json:"failure"` // the sentence
}

// NewDORADocument is s (and its reconciliation with a map, nil without one)
// as a document.
func NewDORADocument(s DORASummary, r *Reconciliation) DORADocument {
	day := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		v := t.Format(DateLayout)
		return &v
	}
	band := func(b DORABand) *string {
		if b == "" {
			return nil
		}
		v := string(b)
		return &v
	}
	b := s.Bands()
	d := DORADocument{
		From: day(s.From), To: day(s.To),
		WindowDays: s.Days, Deployments: s.Deployments, OutsideWindow: s.Outside, Failed: s.Failed,
		DeploysPerDay: clonePtr(s.DeploysPerDay), DeploysPerWeek: s.DeploysPerWeek(),
		LeadTimeHours: DORALeadTimeDocument{Median: clonePtr(s.LeadTimeMedianHours), P85: clonePtr(s.LeadTimeP85Hours),
			Changes: s.LeadTimeChanges},
		ChangeFailureRate:  clonePtr(s.ChangeFailureRate),
		TimeToRestoreHours: DORARestoreDocument{Median: clonePtr(s.TimeToRestoreMedianHours), Restored: s.Restored},
		Bands: DORABandsDocument{DeploymentFrequency: band(b.DeploymentFrequency), LeadTime: band(b.LeadTime),
			ChangeFailureRate: band(b.ChangeFailureRate), TimeToRestore: band(b.TimeToRestore)},
	}
	if r != nil {
		d.HiddenQueueHours = clonePtr(r.HiddenQueueElapsedHours)
		d.Reconciliation = &ReconciliationDocument{
			StartStage: r.StartStage, DeployStage: r.DeployStage,
			MapWorkingHours: r.MapWorkingHours, MapElapsedHours: r.MapElapsedHours,
			MeasuredElapsedHours: clonePtr(r.MeasuredElapsedHours), MeasuredWorkingHours: clonePtr(r.MeasuredWorkingHours),
			HiddenQueueElapsedHours: clonePtr(r.HiddenQueueElapsedHours), HiddenQueueWorkingHours: clonePtr(r.HiddenQueueWorkingHours),
			LeadTime: r.LeadTimeSentence, ReleaseStages: append([]string{}, r.ReleaseStages...),
			RolledCompleteAccurate: r.RolledCompleteAccurate, MapFailureRate: r.MapFailureRate,
			ChangeFailureRate: clonePtr(r.ChangeFailureRate), Failure: r.FailureSentence,
		}
	}
	return d
}

// AdviceDocument is the machine-readable advice printed by `flowmap-cli
// advise --json`: the ranked countermeasures and the readiness checklist of
// a map. Numbers at full precision; fields may be added, none renamed.
type AdviceDocument struct {
	Map             string                   `json:"map"`
	Constraint      *StageRef                `json:"constraint"`
	BiggestWait     *WaitRef                 `json:"biggest_wait"`
	Countermeasures []CountermeasureDocument `json:"countermeasures"` // best first
	Readiness       []ReadinessDocument      `json:"readiness"`       // in checklist order
}

// CountermeasureDocument is one countermeasure of AdviceDocument.
type CountermeasureDocument struct {
	Rank             int           `json:"rank"` // 1 for the largest expected lead-time gain
	Rule             string        `json:"rule"` // the rule's key
	Title            string        `json:"title"`
	Stage            string        `json:"stage"`
	StageIndex       int           `json:"stage_index"`
	Waste            string        `json:"waste"` // what a kaizen made from it attacks; "" for none
	Reason           string        `json:"reason"`
	Why              string        `json:"why"`
	Change           string        `json:"change"`
	Effect           EffectDoc     `json:"effect"`   // the stage's target values
	Expected         DeltaDocument `json:"expected"` // change of the map totals, full precision
	LeadGainHours    float64       `json:"lead_gain_hours"`
	ConstraintBefore *string       `json:"constraint_before"`
	ConstraintAfter  *string       `json:"constraint_after"`
	Sentence         string        `json:"sentence"`
}

// EffectDoc is a kaizen effect's target values, null where a field stays.
type EffectDoc struct {
	WaitHours        *float64 `json:"wait_hours"`
	ProcessHours     *float64 `json:"process_hours"`
	CompleteAccurate *float64 `json:"complete_accurate"`
	People           *float64 `json:"people"`
}

// ReadinessDocument is one line of the readiness checklist.
type ReadinessDocument struct {
	Key      string   `json:"key"`
	Title    string   `json:"title"`
	Status   string   `json:"status"` // "pass", "fail" or "unknown"
	Evidence string   `json:"evidence"`
	Stages   []string `json:"stages"` // the stages it points at
}

// NewAdviceDocument is Countermeasures(m) and Readiness(m, dora) as a
// document (dora nil without deployment records). Lists are [] rather than
// null.
func NewAdviceDocument(m *Map, dora *DORASummary) AdviceDocument {
	x := Compute(m)
	d := AdviceDocument{Map: m.Name, Countermeasures: []CountermeasureDocument{}, Readiness: []ReadinessDocument{}}
	if c := x.Constraint; c != nil {
		d.Constraint = &StageRef{Stage: c.Name, Index: c.Index, Reason: c.Reason}
	}
	if b := x.BiggestWait; b != nil {
		d.BiggestWait = &WaitRef{Stage: b.Name, Index: b.Index, WaitHours: x.Stages[b.Index].WaitHours, Reason: b.Reason}
	}
	name := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for i, c := range Countermeasures(m) {
		e := c.Expected
		d.Countermeasures = append(d.Countermeasures, CountermeasureDocument{
			Rank: i + 1, Rule: c.Rule.Key, Title: c.Title, Stage: c.Stage, StageIndex: c.StageIndex,
			Waste: string(c.Rule.Waste), Reason: c.Reason, Why: c.Rule.Why, Change: c.Change,
			Effect: EffectDoc{WaitHours: clonePtr(c.Effect.WaitHours), ProcessHours: clonePtr(c.Effect.ProcessHours),
				CompleteAccurate: clonePtr(c.Effect.CompleteAccurate), People: clonePtr(c.Effect.People)},
			Expected: DeltaDocument{LeadHours: e.LeadHours, ProcessHours: e.ProcessHours, WaitHours: e.WaitHours,
				FlowEfficiency: clonePtr(e.FlowEfficiency), RolledCompleteAccurate: e.RolledCompleteAccurate,
				ReworkAdjustedLeadHours: e.ReworkAdjustedLeadHours, CapacityPerDay: clonePtr(e.CapacityPerDay)},
			LeadGainHours: c.LeadGain(), ConstraintBefore: name(c.ConstraintBefore), ConstraintAfter: name(c.ConstraintAfter),
			Sentence: c.Sentence,
		})
	}
	for _, r := range Readiness(m, dora) {
		line := ReadinessDocument{Key: r.Key, Title: r.Title, Status: string(r.Status), Evidence: r.Evidence, Stages: []string{}}
		for _, i := range r.Stages {
			line.Stages = append(line.Stages, m.Stages[i].Name)
		}
		d.Readiness = append(d.Readiness, line)
	}
	return d
}
