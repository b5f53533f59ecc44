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
//
// # Delivery outcomes and learning
//
// Deployment records (Deployment, one per row of a records file; Validate
// names the row and field) give DORA's four keys over a window of days (DORA,
// a DORASummary with a performance level per key, Bands); Map.RecordDORA keeps
// them on the day's measurement, so History trends them. Reconcile sets them
// beside the map: the lead time for changes against the commit-to-production
// span (FindCommitToProduction; working hours converted by ElapsedHours) is a
// hidden queue, the change failure rate against the rolled %C&A of the release
// stages. Countermeasures ranks the proven changes of CountermeasureRules for
// the constraint, the biggest wait and every waste tag, each measured with
// Compute on a copy; Map.AdoptCountermeasure makes one a kaizen idea.
// Readiness is the continuous-delivery checklist of ReadinessRules.
// Is the team learning (learning_stats.go): Kaizen.Owner, Due and Overdue,
// LearningFollowUps (done, open, overdue, dropped), RecurrenceTrend (the log's
// 90-day rule per quarter), FactorPareto, StagePareto, FailureHeat, and
// LearningDraft (a learning-log entry started from a failed deployment).
// DORADocument and AdviceDocument are the CLI's JSON for `dora` and `advise`.
package vsm
