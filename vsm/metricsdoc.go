package vsm

import "math"

// MetricsDocument is the machine-readable metrics of shared/metrics.md, printed
// by `flowmap-cli metrics --json`. Durations are hours, ratios fractions, nulls
// where undefined. Fields may be added; none is ever renamed.
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

// docPlaces is how many decimals the document keeps: enough for minutes and
// for ratios like 0.2727, without float noise such as 0.30000000000000004.
const docPlaces = 4

// NewMetricsDocument builds the document for map m with its computed metrics x.
func NewMetricsDocument(m *Map, x Metrics) MetricsDocument {
	cal := m.Calendar.OrDefault()
	d := MetricsDocument{
		Name: m.Name, HoursPerDay: cal.HoursPerDay, DaysPerWeek: cal.DaysPerWeek,
		DemandPerDay: m.DemandPerDay, Stages: make([]StageDocument, len(x.Stages)),
		TaktHours: roundPtr(x.TaktHours), CriticalPath: x.CriticalPath,
	}
	for i, s := range x.Stages {
		waste := make([]string, len(s.Waste))
		for j, w := range s.Waste {
			waste[j] = string(w)
		}
		d.Stages[i] = StageDocument{
			Name: s.Name, Team: m.Stages[i].Team,
			ProcessHours: round(s.ProcessHours), WaitHours: round(s.WaitHours), LeadHours: round(s.LeadHours),
			CompleteAccurate: round(s.CompleteAccurate), People: s.People, Queue: s.Queue,
			FlowEfficiency: roundPtr(s.FlowEfficiency), CapacityPerDay: roundPtr(s.CapacityPerDay),
			Utilization: roundPtr(s.Utilization), Overloaded: s.Overloaded, Waste: waste,
			Visits: round(s.Visits), OnCriticalPath: s.OnCriticalPath,
		}
	}
	t := x.Totals
	d.Totals = TotalsDocument{
		ProcessHours: round(t.ProcessHours), WaitHours: round(t.WaitHours), LeadHours: round(t.LeadHours),
		FlowEfficiency: roundPtr(t.FlowEfficiency), RolledCompleteAccurate: round(t.RolledCompleteAccurate),
		ReworkAdjustedLeadHours: round(t.ReworkAdjustedLeadHours), CapacityPerDay: roundPtr(t.CapacityPerDay),
	}
	if c := x.Constraint; c != nil {
		d.Constraint = &StageRef{Stage: c.Name, Index: c.Index, Reason: c.Reason}
	}
	if b := x.BiggestWait; b != nil {
		d.BiggestWait = &WaitRef{Stage: b.Name, Index: b.Index, WaitHours: round(x.Stages[b.Index].WaitHours), Reason: b.Reason}
	}
	return d
}

func round(v float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	p := math.Pow(10, docPlaces)
	return math.Round(v*p) / p
}

func roundPtr(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := round(*v)
	return &r
}
