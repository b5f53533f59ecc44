package vsm_test

import (
	"fmt"
	"time"

	"flowmap/vsm"
)

// A team's flow: Code, Build, then Test and a security review side by side,
// then Deploy. A fifth of what Test sees goes back to Code. When does a
// feature ship, and when are the next 20 done?
func ExampleForecastLead() {
	m := vsm.NewMap("Feature delivery")
	for _, s := range []struct {
		name          string
		wait, process float64 // working hours
	}{{"Code", 16, 8}, {"Build", 1, 0.5}, {"Test", 8, 4}, {"Security review", 24, 2}, {"Deploy", 4, 1}} {
		st := vsm.NewStage(s.name)
		st.WaitHours, st.ProcessHours = s.wait, s.process
		m.Stages = append(m.Stages, st)
	}
	m.Stages[1].Automated = true
	_ = m.RunBeside(3, 2)                                  // Security review runs beside Test
	_ = m.SetRework(2, 0, 0.2)                             // Test sends 20% back to Code
	m.Throughput = []float64{2, 0, 3, 1, 0, 4, 2, 1, 2, 3} // items done per working day

	x := vsm.Compute(m)
	fmt.Printf("expected lead with rework: %.1f h\n", x.Totals.ReworkAdjustedLeadHours)

	opt := vsm.ForecastOptions{Trials: 10000, Seed: 1}
	lead, err := vsm.ForecastLead(m, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := lead.LeadHours
	fmt.Printf("lead time: p50 %s, p85 %s, p95 %s\n", vsm.FormatDuration(p.P50, m.Calendar),
		vsm.FormatDuration(p.P85, m.Calendar), vsm.FormatDuration(p.P95, m.Calendar))

	items, err := vsm.ForecastItems(m, 20, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("20 items done by:", items.P50.Format("Mon 2 Jan"), "(50%),", items.P85.Format("Mon 2 Jan"), "(85%)")
	// Output:
	// expected lead with rework: 69.4 h
	// lead time: p50 1w 3d, p85 2w 4d, p95 4w
	// 20 items done by: Mon 16 Mar (50%), Thu 19 Mar (85%)
}
