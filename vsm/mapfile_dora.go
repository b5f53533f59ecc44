package vsm

import (
	"fmt"
	"time"
)

// fileDORA is a measurement's DORA summary in the map file (the "dora" key of
// a measurement). Durations are elapsed hours, the failure rate a fraction,
// nulls where DORASummary has nil; the window's days are written 2006-01-02.
// Field names are a contract with files people keep in git: add, never rename.
type fileDORA struct {
	From                     string   `json:"from,omitempty"`
	To                       string   `json:"to,omitempty"`
	Days                     int      `json:"days"`
	Deployments              int      `json:"deployments"`
	Outside                  int      `json:"outside_window,omitempty"`
	Failed                   int      `json:"failed"`
	DeploysPerDay            *float64 `json:"deploys_per_day"`
	LeadTimeChanges          int      `json:"lead_time_changes"`
	LeadTimeMedianHours      *float64 `json:"lead_time_median_hours"`
	LeadTimeP85Hours         *float64 `json:"lead_time_p85_hours"`
	ChangeFailureRate        *float64 `json:"change_failure_rate"`
	Restored                 int      `json:"restored"`
	TimeToRestoreMedianHours *float64 `json:"time_to_restore_median_hours"`
}

func fileDORAOf(s *DORASummary) *fileDORA {
	if s == nil {
		return nil
	}
	f := &fileDORA{
		Days: s.Days, Deployments: s.Deployments, Outside: s.Outside, Failed: s.Failed,
		DeploysPerDay: clonePtr(s.DeploysPerDay), LeadTimeChanges: s.LeadTimeChanges,
		LeadTimeMedianHours: clonePtr(s.LeadTimeMedianHours), LeadTimeP85Hours: clonePtr(s.LeadTimeP85Hours),
		ChangeFailureRate: clonePtr(s.ChangeFailureRate), Restored: s.Restored,
		TimeToRestoreMedianHours: clonePtr(s.TimeToRestoreMedianHours),
	}
	if !s.From.IsZero() {
		f.From = s.From.Format(DateLayout)
	}
	if !s.To.IsZero() {
		f.To = s.To.Format(DateLayout)
	}
	return f
}

// doraOfFile reads a measurement's DORA summary; its days are read as
// midnight UTC, as DORA makes them. Validate checks the figures afterwards.
func doraOfFile(f fileDORA) (DORASummary, error) {
	s := DORASummary{
		Days: f.Days, Deployments: f.Deployments, Outside: f.Outside, Failed: f.Failed,
		DeploysPerDay: f.DeploysPerDay, LeadTimeChanges: f.LeadTimeChanges,
		LeadTimeMedianHours: f.LeadTimeMedianHours, LeadTimeP85Hours: f.LeadTimeP85Hours,
		ChangeFailureRate: f.ChangeFailureRate, Restored: f.Restored,
		TimeToRestoreMedianHours: f.TimeToRestoreMedianHours,
	}
	var ok bool
	if s.From, ok = parseFileDay(f.From); !ok {
		return DORASummary{}, &ItemError{Kind: "DORA figures", Index: -1, Field: "from", Value: f.From, Reason: notADate}
	}
	if s.To, ok = parseFileDay(f.To); !ok {
		return DORASummary{}, &ItemError{Kind: "DORA figures", Index: -1, Field: "to", Value: f.To, Reason: notADate}
	}
	return s, nil
}

// parseFileDay reads a day as parseFileDate does and keeps only its civil
// day, as midnight UTC; "" is the zero time.
func parseFileDay(s string) (time.Time, bool) {
	t, ok := parseFileDate(s)
	if !ok || t.IsZero() {
		return t, ok
	}
	return dayTime(dayNumber(t)), true
}

func timelineField(j int) string { return fmt.Sprintf("timeline %d", j+1) }
