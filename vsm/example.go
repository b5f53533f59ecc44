package vsm

// ExampleMapName is the name of the map a new store starts with.
const ExampleMapName = "Feature delivery (example)"

// ExampleMap is the map a new store is seeded with, so the app opens on
// something real: a typical feature's path from idea to customer feedback, with
// numbers like shared/samples/feature-delivery.csv.
func ExampleMap() *Map {
	h := func(v float64) float64 { return v }
	d := func(v float64) float64 { return v * DefaultHoursPerDay }
	q := func(v float64) *float64 { return &v }
	st := func(name, team string, wait, process, ca, people float64, queue *float64, notes string, waste ...Waste) Stage {
		return Stage{Name: name, Team: team, WaitHours: wait, ProcessHours: process,
			CompleteAccurate: ca, People: people, Queue: queue, Waste: waste, Notes: notes}
	}
	demand := 2.0
	m := NewMap(ExampleMapName)
	m.Description = "How a typical feature travels from idea to customer feedback. Edit any number: the metrics follow."
	m.DemandPerDay = &demand
	m.Stages = []Stage{
		st("Idea", "Product", 0, h(2), 1, 1, nil, "Captured in the product board"),
		st("Plan", "Product", d(3), h(4), 0.9, 2, q(6), "Waits for the monthly planning meeting", WasteApprovals),
		st("Code", "Dev", d(2), h(12), 0.85, 4, q(4), "", WasteTaskSwitching),
		st("Build", "Platform", h(2), 20.0/60, 0.98, 1, nil, ""),
		st("Test", "QA", d(4), h(6), 0.8, 2, q(8), "Manual regression suite", WasteManualTesting, WasteHandoffs),
		st("Release", "Ops", d(5), h(1), 0.95, 1, q(10), "Change advisory board every Thursday", WasteApprovals),
		st("Deploy", "Ops", d(1), h(2), 0.9, 1, nil, "Manual runbook", WasteManualDeploy),
		st("Operate", "SRE", h(1), 0.5, 1, 2, nil, "Watch dashboards after the rollout"),
		st("Feedback", "Product", d(10), h(2), 1, 1, nil, "Quarterly customer survey", WasteWaiting),
	}
	return m
}
