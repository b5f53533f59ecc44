package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"flowmap/vsm"
)

// The Stages sheet: one row per stage, inputs beside the formulas that
// derive lead time, flow efficiency, capacity and utilization, and a Total row.

func (b *book) writeStages() {
	t := b.table(SheetStages, stagesHeader, stagesWidths)
	if t == nil {
		return
	}
	b.stageRows(t, SheetStages, 2, b.m, b.x, NameHoursPerDay, NameDemand)
	b.autoFilter(SheetStages, len(stagesHeader), b.lastStageRow())
	b.check(t.sw.Flush())
}

var stagesWidths = []float64{5, 22, 14, 10, 11, 12, 8, 8, 10, 11, 12, 11, 13, 26, 40}

// stageRows writes one row per stage of m from row first on, and the Total
// row after them: inputs as numbers, everything derived as formulas over them
// (shared/metrics.md), with hpd and demand the cells (or names) holding the
// hours per day and the demand.
func (b *book) stageRows(t *tableWriter, sheet string, first int, m *vsm.Map, x vsm.Metrics, hpd, demand string) {
	derivedWait := m.DemandPerDay != nil && *m.DemandPerDay > 0
	for i, s := range m.Stages {
		r := first + i
		sm := x.Stages[i]
		R := strconv.Itoa(r)
		wait := b.num(s.WaitHours, "input:hours")
		if derivedWait && s.WaitHours == 0 && s.Queue != nil {
			// Little's law, as vsm.Compute: a stage with a queue and no wait
			// waits queue / demand working days. Typing a wait replaces it.
			wait = b.formula(fmt.Sprintf("IF(N(%[1]s)>0,%[2]s%[3]s/%[1]s*%[4]s,0)", demand, colQueue, R, hpd),
				sm.WaitHours, "input:hours")
			b.check(b.f.AddComment(sheet, excelize.Comment{
				Cell: colWait + R, Author: "Flowmap",
				Text: "Derived from the queue (Little's law): queue / demand × hours per day. Type a wait to replace it.",
			}))
		}
		queue := b.blank("input:num")
		if s.Queue != nil {
			queue = b.num(*s.Queue, "input:num")
		}
		row := cells{
			b.num(float64(i+1), "cell:int"),
			b.text(s.Name, "cell"),
			b.text(s.Team, "cell"),
			wait,
			b.num(s.ProcessHours, "input:hours"),
			b.formula(fmt.Sprintf("%s%s+%s%s", colWait, R, colProcess, R), sm.LeadHours, "cell:hours"),
			b.num(s.CompleteAccurate, "input:pct"),
			b.num(s.People, "input:num"),
			queue,
			b.formula(fmt.Sprintf(`IF(%s%s=0,"",%s%s/%s%s)`, colLead, R, colProcess, R, colLead, R), sm.FlowEfficiency, "cell:pct"),
			b.formula(fmt.Sprintf(`IF(%[1]s%[2]s=0,"",%[3]s%[2]s*%[4]s*%[5]s%[2]s/%[1]s%[2]s)`, colProcess, R, colPeople, hpd, colCA),
				sm.CapacityPerDay, "cell:cap"),
			b.formula(fmt.Sprintf(`IF(OR(%[1]s%[2]s="",N(%[3]s)<=0),"",%[3]s/%[1]s%[2]s)`, colCapacity, R, demand), sm.Utilization, "cell:pct"),
			b.formula(fmt.Sprintf("%s%s/%s%s", colLead, R, colCA, R), reworkLead(sm), "cell:hours"),
			b.text(joinWaste(s.Waste), "wrap"),
			b.text(s.Notes, "wrap"),
		}
		t.row(r, row)
	}
	b.stageTotals(t.sw, first, m, x)
}

func reworkLead(s vsm.StageMetrics) interface{} {
	if s.CompleteAccurate <= 0 {
		return nil
	}
	return s.LeadHours / s.CompleteAccurate
}

// stageTotals writes the "Total" row under the stage rows that start at row
// first: formulas over them (shared/metrics.md, "Map metrics").
func (b *book) stageTotals(sw *excelize.StreamWriter, first int, m *vsm.Map, x vsm.Metrics) {
	tot := x.Totals
	n := len(m.Stages)
	T := strconv.Itoa(first + n)
	var maxUtil *float64
	var people, queue float64
	queues := 0
	for i, s := range x.Stages {
		people += m.Stages[i].People
		if s.Queue != nil {
			queue += *s.Queue
			queues++
		}
		if s.Utilization != nil && (maxUtil == nil || *s.Utilization > *maxUtil) {
			maxUtil = s.Utilization
		}
	}
	row := cells{b.blank("total"), b.text("Total", "total")}
	if n == 0 {
		// No stage rows to sum: write the values of an empty map.
		row = append(row, b.blank("total"), b.num(0, "total:hours"), b.num(0, "total:hours"), b.num(0, "total:hours"),
			b.num(1, "total:pct"), b.num(0, "total:num"), b.blank("total"), b.blank("total:pct"),
			b.blank("total:cap"), b.blank("total:pct"), b.num(0, "total:hours"), b.blank("total"), b.blank("total"))
		b.check(sw.SetRow("A"+T, row))
		return
	}
	rng := func(col string) string { return fmt.Sprintf("%s%d:%s%d", col, first, col, first+n-1) }
	var queueTotal interface{} = ""
	if queues > 0 {
		queueTotal = queue
	}
	row = append(row,
		b.blank("total"),
		b.formula("SUM("+rng(colWait)+")", tot.WaitHours, "total:hours"),
		b.formula("SUM("+rng(colProcess)+")", tot.ProcessHours, "total:hours"),
		b.formula("SUM("+rng(colLead)+")", tot.LeadHours, "total:hours"),
		b.formula("PRODUCT("+rng(colCA)+")", tot.RolledCompleteAccurate, "total:pct"),
		b.formula("SUM("+rng(colPeople)+")", people, "total:num"),
		b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"",SUM(%[1]s))`, rng(colQueue)), queueTotal, "total:num"),
		b.formula(fmt.Sprintf(`IF(%[1]s%[2]s=0,"",%[3]s%[2]s/%[1]s%[2]s)`, colLead, T, colProcess), tot.FlowEfficiency, "total:pct"),
		b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"",MIN(%[1]s))`, rng(colCapacity)), tot.CapacityPerDay, "total:cap"),
		b.formula(fmt.Sprintf(`IF(COUNT(%[1]s)=0,"",MAX(%[1]s))`, rng(colUtil)), maxUtil, "total:pct"),
		b.formula(fmt.Sprintf("SUMPRODUCT(%s/%s)", rng(colLead), rng(colCA)), tot.ReworkAdjustedLeadHours, "total:hours"),
		b.blank("total"), b.blank("total"),
	)
	b.check(sw.SetRow("A"+T, row))
}
