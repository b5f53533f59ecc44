package vsm

// HistoryDocument is the machine-readable history of shared/cli.md, printed by
// `flowmap-cli history --json`: every measurement in date order with totals
// computed from its own stage values. Fields may be added; none is ever renamed.
type HistoryDocument struct {
	Map          string                `json:"map"`
	Measurements []MeasurementDocument `json:"measurements"`
	Completions  []CompletionDocument  `json:"completions"` // done kaizen items, for chart markers
}

// MeasurementDocument is one measurement of HistoryDocument.
type MeasurementDocument struct {
	ID     string         `json:"id"`
	Date   string         `json:"date"` // 2006-01-02
	Source string         `json:"source"`
	Totals TotalsDocument `json:"totals"`
	DORA   *DORADocument  `json:"dora,omitempty"` // the DORA figures recorded that day, full precision; absent when none
}

// CompletionDocument is a kaizen item's done date in HistoryDocument.
type CompletionDocument struct {
	Date   string `json:"date"` // 2006-01-02
	Kaizen string `json:"kaizen"`
	Title  string `json:"title"`
	Stage  string `json:"stage"`
}

// NewHistoryDocument builds the history document of m (History and
// Completions), at the full precision of the metrics document. Empty lists
// are [] rather than null.
func NewHistoryDocument(m *Map) HistoryDocument {
	d := HistoryDocument{Map: m.Name, Measurements: []MeasurementDocument{}, Completions: []CompletionDocument{}}
	for _, p := range History(m) {
		x := MeasurementDocument{ID: p.MeasurementID, Date: p.Date.Format(DateLayout), Source: p.Source, Totals: totalsDocument(p.Totals)}
		if p.DORA != nil {
			doc := NewDORADocument(*p.DORA, nil)
			x.DORA = &doc
		}
		d.Measurements = append(d.Measurements, x)
	}
	for _, c := range Completions(m) {
		d.Completions = append(d.Completions, CompletionDocument{
			Date: c.Date.Format(DateLayout), Kaizen: c.KaizenID, Title: c.Title, Stage: c.Stage})
	}
	return d
}

// totalsDocument is t as NewMetricsDocument writes totals: hours and
// fractions at full precision, nulls where undefined.
func totalsDocument(t Totals) TotalsDocument {
	//lint:ignore S1016 the document is a contract of its own: a field added to Totals must not change it unnoticed
	return TotalsDocument{
		ProcessHours: t.ProcessHours, WaitHours: t.WaitHours, LeadHours: t.LeadHours,
		FlowEfficiency: t.FlowEfficiency, RolledCompleteAccurate: t.RolledCompleteAccurate,
		ReworkAdjustedLeadHours: t.ReworkAdjustedLeadHours, CapacityPerDay: t.CapacityPerDay,
	}
}
