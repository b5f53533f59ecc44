// Package vsm is Flowmap's domain: value stream maps, their stages and working
// calendar, and every metric of shared/metrics.md, computed once here so that the
// app, the reports and the command line show the same numbers.
//
// It uses the standard library only and does no I/O: adapters (store, importers,
// report, ui) speak to each other in these types.
//
// # Beyond a straight line
//
// The flow model (flow.go) lets a map bend: rework edges back to earlier stages
// (Stage.Rework, naming stages by Stage.ID), parallel branches (Stage.Branch and
// Stage.Lane; Map.Segments reads them as the map draws them), and per stage a
// batch size, WIP limit, automation flag, three-point estimates and measured
// per-item distributions (MeasuredTimes, Empirical: what an event-log reader
// fills, first visits only). A map without them is the straight line, with
// exactly the figures it always had.
//
//   - Editing: Map.InsertStage, RemoveStage, MoveStage, RunBeside, ToMainLine
//     and SetRework keep edges and branches consistent (flow_edit.go).
//   - Expected values: Compute solves the expected visits of every stage exactly
//     (flow_visits.go) and follows the critical path through branches:
//     StageMetrics.Visits and OnCriticalPath, Metrics.CriticalPath.
//   - Forecasts: ForecastLead (lead-time percentiles and histogram) and
//     ForecastItems (when N items are done, from Map.Throughput), seeded and the
//     same on every platform; LeadForecast.Document is the CLI's JSON.
//   - What-if: Lever, ApplyLevers (the changed map, a future state) and
//     PullLevers (before and after, totals and forecasts).
package vsm
