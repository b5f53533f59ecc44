package vsm

// The flow model in the map file (format flowmap/2). A stage may carry these
// keys beside its others, each left out when unset, so a straight-line map
// writes what flowmap/1 wrote but for the format:
//
//	"id": "s3",                                        stable stage ID that rework edges name
//	"rework": [{"to": "s2", "probability": 0.2}],      rework found here goes back to stage s2
//	"branch": "b1", "lane": 2,                          parallel branch and lane
//	"batch_size": 10, "wip_limit": 4, "automated": true,
//	"process_estimate": {"min": 2, "likely": 4, "max": 12},   hours
//	"wait_estimate": {"min": 0, "likely": 8, "max": 40},      hours
//	"measured": {"items": 250, "wait_hours": [...], "process_hours": [...]}
//
// and the map may carry "daily_throughput": [3, 0, 5, ...] (items done per
// working day). Stages of measurements and of the future state carry the same
// keys. Field names are a contract with files people keep in git: add, never
// rename.

type fileStageFlow struct {
	ID              string        `json:"id,omitempty"`
	Rework          []fileRework  `json:"rework,omitempty"`
	Branch          string        `json:"branch,omitempty"`
	Lane            int           `json:"lane,omitempty"`
	BatchSize       int           `json:"batch_size,omitempty"`
	WIPLimit        int           `json:"wip_limit,omitempty"`
	Automated       bool          `json:"automated,omitempty"`
	ProcessEstimate *fileEstimate `json:"process_estimate,omitempty"`
	WaitEstimate    *fileEstimate `json:"wait_estimate,omitempty"`
	Measured        *fileMeasured `json:"measured,omitempty"`
}

type fileRework struct {
	To          string  `json:"to"`
	Probability float64 `json:"probability"`
}

type fileEstimate struct {
	Min    float64 `json:"min"`
	Likely float64 `json:"likely"`
	Max    float64 `json:"max"`
}

type fileMeasured struct {
	Items        int       `json:"items"`
	WaitHours    []float64 `json:"wait_hours"`
	ProcessHours []float64 `json:"process_hours"`
}

// mapFileFlow is the map-level part of the flow model in the file.
type mapFileFlow struct {
	Throughput []float64 `json:"daily_throughput,omitempty"`
}

func fileFlowOf(s Stage) fileStageFlow {
	f := fileStageFlow{ID: s.ID, Branch: s.Branch, Lane: s.Lane, BatchSize: s.BatchSize,
		WIPLimit: s.WIPLimit, Automated: s.Automated,
		ProcessEstimate: fileEstimateOf(s.ProcessEstimate), WaitEstimate: fileEstimateOf(s.WaitEstimate)}
	for _, e := range s.Rework {
		f.Rework = append(f.Rework, fileRework(e))
	}
	if x := s.Measured; x != nil {
		f.Measured = &fileMeasured{Items: x.Items, WaitHours: nonNil(x.Wait.Quantiles), ProcessHours: nonNil(x.Process.Quantiles)}
	}
	return f
}

func (f fileStageFlow) applyTo(s *Stage) {
	s.ID, s.Branch, s.Lane, s.BatchSize, s.WIPLimit, s.Automated = f.ID, f.Branch, f.Lane, f.BatchSize, f.WIPLimit, f.Automated
	s.ProcessEstimate, s.WaitEstimate = estimateOf(f.ProcessEstimate), estimateOf(f.WaitEstimate)
	for _, e := range f.Rework {
		s.Rework = append(s.Rework, Rework(e))
	}
	if x := f.Measured; x != nil {
		s.Measured = &MeasuredTimes{Items: x.Items, Wait: Empirical{Quantiles: nilIfEmpty(x.WaitHours)},
			Process: Empirical{Quantiles: nilIfEmpty(x.ProcessHours)}}
	}
}

func fileEstimateOf(e *Estimate) *fileEstimate {
	if e == nil {
		return nil
	}
	return &fileEstimate{Min: e.Min, Likely: e.Likely, Max: e.Max}
}

func estimateOf(e *fileEstimate) *Estimate {
	if e == nil {
		return nil
	}
	return &Estimate{Min: e.Min, Likely: e.Likely, Max: e.Max}
}

// nonNil writes an empty list as [] rather than null.
func nonNil(v []float64) []float64 {
	if v == nil {
		return []float64{}
	}
	return v
}
