package vsm

// KaizenDocument is the machine-readable kaizen list of shared/cli.md, printed
// by `flowmap-cli kaizen list --json`. Fields may be added; none is ever renamed.
type KaizenDocument struct {
	Map    string               `json:"map"`
	Kaizen []KaizenItemDocument `json:"kaizen"`
}

// KaizenItemDocument is one kaizen item of KaizenDocument. Dates are
// 2006-01-02; created and done are null when unknown or not done.
type KaizenItemDocument struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Stage           string         `json:"stage"`
	Waste           string         `json:"waste"`
	Team            string         `json:"team"`
	Hypothesis      string         `json:"hypothesis"`
	Status          string         `json:"status"`
	Created         *string        `json:"created"`
	Done            *string        `json:"done"`
	Expected        *DeltaDocument `json:"expected"`                 // null when it cannot be computed (see expected_error)
	ExpectedError   string         `json:"expected_error,omitempty"` // why expected is null
	Realized        *DeltaDocument `json:"realized"`                 // null until measured before and after it was done
	LearningEntries []string       `json:"learning_entries"`

	// A follow-up action's owner and due day (2006-01-02); absent when not set.
	Owner string  `json:"owner,omitempty"`
	Due   *string `json:"due,omitempty"`
}

// DeltaDocument is a change of the map totals (after - before): hours and
// fractions at the full precision of the metrics document, null where a ratio
// is undefined before or after.
type DeltaDocument struct {
	LeadHours               float64  `json:"lead_hours"`
	ProcessHours            float64  `json:"process_hours"`
	WaitHours               float64  `json:"wait_hours"`
	FlowEfficiency          *float64 `json:"flow_efficiency"`
	RolledCompleteAccurate  float64  `json:"rolled_complete_accurate"`
	ReworkAdjustedLeadHours float64  `json:"rework_adjusted_lead_hours"`
	CapacityPerDay          *float64 `json:"capacity_per_day"`
}

// NewDeltaDocument is d for a document: full precision, and 0 for -0.
func NewDeltaDocument(d TotalsDelta) DeltaDocument {
	return DeltaDocument{
		LeadHours: noNegZero(d.LeadHours), ProcessHours: noNegZero(d.ProcessHours), WaitHours: noNegZero(d.WaitHours),
		FlowEfficiency: noNegZeroPtr(d.FlowEfficiency), RolledCompleteAccurate: noNegZero(d.RolledCompleteAccurate),
		ReworkAdjustedLeadHours: noNegZero(d.ReworkAdjustedLeadHours), CapacityPerDay: noNegZeroPtr(d.CapacityPerDay),
	}
}

// NewKaizenDocument lists m's kaizen items in the map's order with their
// expected effect (ExpectedEffect on ExpectationBase: the current map, or for
// a done item the measurement before it) and realized effect (RealizedEffect).
func NewKaizenDocument(m *Map) KaizenDocument {
	d := KaizenDocument{Map: m.Name, Kaizen: make([]KaizenItemDocument, 0, len(m.Kaizen))}
	current := Compute(m).Totals
	for _, k := range m.Kaizen {
		item := KaizenItemDocument{
			ID: k.ID, Title: k.Title, Stage: k.Stage, Waste: string(k.Waste), Team: k.Team,
			Hypothesis: k.Hypothesis, Status: string(k.Status), LearningEntries: []string{},
		}
		item.LearningEntries = append(item.LearningEntries, k.LearningID...)
		item.Owner = k.Owner
		if !k.Due.IsZero() {
			s := k.Due.Format(DateLayout)
			item.Due = &s
		}
		if !k.Created.IsZero() {
			s := k.Created.Format(DateLayout)
			item.Created = &s
		}
		if done, ok := k.DoneDate(); ok {
			s := done.Format(DateLayout)
			item.Done = &s
		}
		base, before := m, current
		if b, x := ExpectationBase(m, k); x != nil {
			base, before = b, Compute(b).Totals // ExpectedFromBase, the current totals reused
		}
		if e, err := expectedEffect(base, before, k); err != nil {
			item.ExpectedError = err.Error()
		} else {
			doc := NewDeltaDocument(e)
			item.Expected = &doc
		}
		if r, ok := RealizedEffect(m, k); ok {
			doc := NewDeltaDocument(*r)
			item.Realized = &doc
		}
		d.Kaizen = append(d.Kaizen, item)
	}
	return d
}

// noNegZero is v, with -0 written as 0: "no change" reads the same whichever
// way the subtraction rounded.
func noNegZero(v float64) float64 {
	if v == 0 {
		return 0
	}
	return v
}

func noNegZeroPtr(v *float64) *float64 {
	if v == nil {
		return nil
	}
	return ptr(noNegZero(*v))
}
