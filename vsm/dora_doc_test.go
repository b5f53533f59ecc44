package vsm

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"
)

// drJSONNear compares a document with the JSON it should print, ignoring key
// order and layout, numbers equal within 1e-9 (documents carry full
// precision: 1 - 0.95 is 0.050000000000000044).
func drJSONNear(t *testing.T, what string, doc any, want string) {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var got, exp any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad expected JSON: %v", err)
	}
	if path, ok := drNearJSON(got, exp, "$"); !ok {
		t.Errorf("%s differs at %s:\n%s\nwant\n%s", what, path, data, want)
	}
}

func drNearJSON(got, want any, path string) (string, bool) {
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		return path, ok && math.Abs(g-w) <= 1e-9
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return path, false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				return path + "." + k, false
			}
			if p, ok := drNearJSON(gv, wv, path+"."+k); !ok {
				return p, false
			}
		}
		return path, true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path, false
		}
		for i := range w {
			if p, ok := drNearJSON(g[i], w[i], fmt.Sprintf("%s[%d]", path, i)); !ok {
				return p, false
			}
		}
		return path, true
	}
	return path, got == want
}

func TestNewDORADocument(t *testing.T) {
	// drLeadRecords: four deployments on one day, lead times 100, 138.6 and
	// 200 h (median 138.6; p85 h = 1.7: 138.6 + 0.7 x 61.4 = 181.58), one
	// failed without a restore time. Reconciled with drReconcileMap as in
	// TestReconcile: the hidden queue is 54.6 elapsed hours.
	s, err := DORA(drLeadRecords(100, 138.6, 200), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Reconcile(drReconcileMap(), s, "", "")
	if err != nil {
		t.Fatal(err)
	}
	drJSONNear(t, "NewDORADocument", NewDORADocument(s, &r), `{
	 "from": "2026-03-02", "to": "2026-03-02", "window_days": 1,
	 "deployments": 4, "outside_window": 0, "failed": 1,
	 "deploys_per_day": 4, "deploys_per_week": 28,
	 "lead_time_hours": {"median": 138.6, "p85": 181.58, "changes": 3},
	 "change_failure_rate": 0.25,
	 "time_to_restore_hours": {"median": null, "restored": 0},
	 "bands": {"deployment_frequency": "elite", "lead_time": "high", "change_failure_rate": "low", "time_to_restore": null},
	 "hidden_queue_hours": 54.6,
	 "reconciliation": {
	  "start_stage": "Code", "deploy_stage": "Deploy",
	  "map_working_hours": 20, "map_elapsed_hours": 84,
	  "measured_elapsed_hours": 138.6, "measured_working_hours": 33,
	  "hidden_queue_elapsed_hours": 54.6, "hidden_queue_working_hours": 13,
	  "lead_time": "the map accounts for 2d 4h of the 4d 1h that changes take from commit to production: 1d 5h is waiting nobody drew, between Code and Deploy",
	  "release_stages": ["Deploy"], "rolled_complete_accurate": 0.95, "map_failure_rate": 0.05, "change_failure_rate": 0.25,
	  "failure": "25% of deployments failed; the map's release stages (Deploy) pass 95% of changes complete and accurate, so it expects 5.0% to go back"
	 }
	}`)

	drJSONNear(t, "NewDORADocument of nothing", NewDORADocument(DORASummary{}, nil), `{
	 "from": null, "to": null, "window_days": 0, "deployments": 0, "outside_window": 0, "failed": 0,
	 "deploys_per_day": null, "deploys_per_week": null,
	 "lead_time_hours": {"median": null, "p85": null, "changes": 0},
	 "change_failure_rate": null,
	 "time_to_restore_hours": {"median": null, "restored": 0},
	 "bands": {"deployment_frequency": null, "lead_time": null, "change_failure_rate": null, "time_to_restore": null},
	 "hidden_queue_hours": null, "reconciliation": null
	}`)
}

func TestNewAdviceDocument(t *testing.T) {
	// kzMap with Test tagged manual-testing. The best countermeasure takes
	// Test's wait from 32 h to one 8 h day: lead -24; flow efficiency 24/56 -
	// 24/80 = 0.428571 - 0.3 = 0.128571; rework-adjusted Test 16/0.5 = 32
	// instead of 80: -48; capacity stays 0.5 (Test).
	m := drTagged(map[string][]Waste{"Test": {WasteManualTesting}})
	d := NewAdviceDocument(m, nil)
	if len(d.Countermeasures) != 7 || len(d.Readiness) != len(ReadinessRules) {
		t.Fatalf("%d countermeasures, %d readiness lines", len(d.Countermeasures), len(d.Readiness))
	}
	drJSONNear(t, "first countermeasure", d.Countermeasures[0], `{
	 "rank": 1, "rule": "wait-daily-cadence",
	 "title": "Take items into Test every day instead of in batches on a schedule",
	 "stage": "Test", "stage_index": 1, "waste": "waiting",
	 "reason": "Test waits longest (waits 4d, 57% of all waiting)",
	 "why": "`+CountermeasureRules[4].Why+`",
	 "change": "Test's wait 4d → 1d",
	 "effect": {"wait_hours": 8, "process_hours": null, "complete_accurate": null, "people": null},
	 "expected": {"lead_hours": -24, "process_hours": 0, "wait_hours": -24, "flow_efficiency": 0.12857142857142856,
	  "rolled_complete_accurate": 0, "rework_adjusted_lead_hours": -48, "capacity_per_day": 0},
	 "lead_gain_hours": 24, "constraint_before": "Test", "constraint_after": "Test",
	 "sentence": "Take items into Test every day instead of in batches on a schedule: Test's wait 4d → 1d; lead time −3d; flow efficiency 30% → 43%; constraint stays at Test"
	}`)
	drJSONNear(t, "constraint", d.Constraint, `{"stage": "Test", "index": 1,
	 "reason": "lowest capacity: 0.5 items/day (1d work, 1 person, 50% C&A)"}`)
	drJSONNear(t, "readiness line", d.Readiness[2], `{"key": "fast-tests", "title": "Automated tests answer within 10 minutes",
	 "status": "fail", "evidence": "Test takes 1d an item (more than 10m)", "stages": ["Test"]}`)
	drJSONNear(t, "advice on an empty map", NewAdviceDocument(NewMap("empty"), nil), `{"map": "empty",
	 "constraint": null, "biggest_wait": null, "countermeasures": [], "readiness": [
	  {"key": "small-batches", "title": "Work items are small: no stage works on one for more than 2 days", "status": "unknown", "evidence": "no stage has a process time", "stages": []},
	  {"key": "automated-deploy", "title": "Deployment is automated", "status": "unknown", "evidence": "no stage is named like Deploy or Release, and none is tagged manual-deploy", "stages": []},
	  {"key": "fast-tests", "title": "Automated tests answer within 10 minutes", "status": "unknown", "evidence": "no stage is named like Test or tagged manual-testing", "stages": []},
	  {"key": "complete-accurate", "title": "At least 60% of items pass every stage without rework (rolled %C&A)", "status": "unknown", "evidence": "the map has no stages", "stages": []},
	  {"key": "no-approval-board", "title": "No approval board stands between a change and production", "status": "unknown", "evidence": "the map has no stages", "stages": []},
	  {"key": "environments-on-demand", "title": "Environments are there when work needs them", "status": "unknown", "evidence": "the map has no stages", "stages": []},
	  {"key": "short-queues", "title": "No item waits more than a working week in front of one stage", "status": "unknown", "evidence": "the map has no stages", "stages": []},
	  {"key": "weekly-deploys", "title": "Deployments happen at least once a week", "status": "unknown", "evidence": "no deployment records", "stages": []},
	  {"key": "lead-time-week", "title": "Changes reach production within a week of their first commit", "status": "unknown", "evidence": "no first-commit times in deployment records, and no stages named like Code and Deploy on the map", "stages": []},
	  {"key": "change-failure-rate", "title": "At most 15% of deployments fail", "status": "unknown", "evidence": "no deployment records", "stages": []},
	  {"key": "restore-in-a-day", "title": "Service is restored within a day of a failed deployment", "status": "unknown", "evidence": "no deployment records", "stages": []}
	 ]}`)
}

func TestHistoryDocumentCarriesDORA(t *testing.T) {
	m := kzMap()
	s, _ := DORA(drWeek(), time.Time{}, time.Time{})
	if _, _, err := m.RecordDORA(s, "dora: deploys.csv"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.AddMeasurement(MeasurementOf(m, kzDay("2026-03-09"), "app")); err != nil {
		t.Fatal(err)
	}
	d := NewHistoryDocument(m)
	if len(d.Measurements) != 2 || d.Measurements[0].DORA == nil || d.Measurements[1].DORA != nil {
		t.Fatalf("history measurements = %+v", d.Measurements)
	}
	drJSONNear(t, "history dora", d.Measurements[0].DORA.LeadTimeHours, `{"median": 20, "p85": 27, "changes": 3}`)
	data, _ := json.Marshal(d.Measurements[1])
	if containsKey(data, "dora") {
		t.Errorf("a measurement without DORA figures writes a dora key: %s", data)
	}
}

// containsKey reports whether JSON object data has key.
func containsKey(data []byte, key string) bool {
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}
