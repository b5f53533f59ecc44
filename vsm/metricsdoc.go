package vsm

// MetricsDocument is the machine-readable metrics of shared/metrics.md, printed
// by `flowmap-cli metrics --json`. Durations are hours, ratios fractions, nulls
// where undefined, every number at full precision (encoding/json writes Go's
// shortest form that reads back to the same float64: a 48-second process time
// is 0.013333333333333334 h, not 0.0133); rounding is for people, in text and
// pictures. Fields may be added; none is ever renamed.
type MetricsDocument struct {
	Name         string          `json:"name"`
	HoursPerDay  float64         `json:"hours_per_day"`
	DaysPerWeek  float64         `json:"days_per_week"`
	DemandPerDay *float64        `json:"demand_per_day"`
	Stages       []StageDocument `json:"stages"`
	Totals       TotalsDocument  `json:"totals"`
	TaktHours    *float64        `json:"takt_hours"`
	Constraint   *StageRef       `json:"constraint"`
	BiggestWait  *WaitRef        `json:"biggest_wait"`
	// CriticalPath is the 0-based indexes of the stages the lead time
	// follows (all of them on a straight line).
	CriticalPath []int `json:"critical_path"`
}

// StageDocument is one stage of MetricsDocument.
type StageDocument struct {
	Name             string   `json:"name"`
	Team             string   `json:"team,omitempty"`
	ProcessHours     float64  `json:"process_hours"`
	WaitHours        float64  `json:"wait_hours"`
	LeadHours        float64  `json:"lead_hours"`
	CompleteAccurate float64  `json:"complete_accurate"`
	People           float64  `json:"people"`
	Queue            *float64 `json:"queue"`
	FlowEfficiency   *float64 `json:"flow_efficiency"`
	CapacityPerDay   *float64 `json:"capacity_per_day"`
	Utilization      *float64 `json:"utilization"`
	Overloaded       bool     `json:"overloaded"`
	Waste            []string `json:"waste"`
	Visits           float64  `json:"visits"`           // expected passes per item (1 / CA on a straight line)
	OnCriticalPath   bool     `json:"on_critical_path"` // counts in the lead time
}

// TotalsDocument is the totals of MetricsDocument.
type TotalsDocument struct {
	ProcessHours            float64  `json:"process_hours"`
	WaitHours               float64  `json:"wait_hours"`
	LeadHours               float64  `json:"lead_hours"`
	FlowEfficiency          *float64 `json:"flow_efficiency"`
	RolledCompleteAccurate  float64  `json:"rolled_complete_accurate"`
	ReworkAdjustedLeadHours float64  `json:"rework_adjusted_lead_hours"`
	CapacityPerDay          *float64 `json:"capacity_per_day"`
}

// StageRef points at a stage by name and 0-based flow position.
type StageRef struct {
	Stage  string `json:"stage"`
	Index  int    `json:"index"`
	Reason string `json:"reason,omitempty"`
}

// WaitRef is the biggest wait: a stage and its wait in hours.
type WaitRef struct {
	Stage     string  `json:"stage"`
	Index     int     `json:"index"`
	WaitHours float64 `json:"wait_hours"`
	Reason    string  `json:"reason,omitempty"`
}

// NewMetricsDocument builds the document for map m with its computed metrics x.
func NewMetricsDocument(m *Map, x Metrics) MetricsDocument {
	cal := m.Calendar.OrDefault()
	d := MetricsDocument{
		Name: m.Name, HoursPerDay: cal.HoursPerDay, DaysPerWeek: cal.DaysPerWeek,
		DemandPerDay: m.DemandPerDay, Stages: make([]StageDocument, len(x.Stages)),
		TaktHours: x.TaktHours, CriticalPath: x.CriticalPath,
	}
	for i, s := range x.Stages {
		waste := make([]string, len(s.Waste))
		for j, w := range s.Waste {
			waste[j] = string(w)
		}
		d.Stages[i] = StageDocument{
			Name: s.Name, Team: m.Stages[i].Team,
			ProcessHours: s.ProcessHours, WaitHours: s.WaitHours, LeadHours: s.LeadHours,
			CompleteAccurate: s.CompleteAccurate, People: s.People, Queue: s.Queue,
			FlowEfficiency: s.FlowEfficiency, CapacityPerDay: s.CapacityPerDay,
			Utilization: s.Utilization, Overloaded: s.Overloaded, Waste: waste,
			Visits: s.Visits, OnCriticalPath: s.OnCriticalPath,
		}
	}
	d.Totals = totalsDocument(x.Totals)
	if c := x.Constraint; c != nil {
		d.Constraint = &StageRef{Stage: c.Name, Index: c.Index, Reason: c.Reason}
	}
	if b := x.BiggestWait; b != nil {
		d.BiggestWait = &WaitRef{Stage: b.Name, Index: b.Index, WaitHours: x.Stages[b.Index].WaitHours, Reason: b.Reason}
	}
	return d
}
