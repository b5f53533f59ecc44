package vsm_test

import (
	"fmt"

	"flowmap/vsm"
)

func ExampleCompute() {
	m := vsm.NewMap("Release train")
	code := vsm.NewStage("Code")
	code.ProcessHours = 6
	test := vsm.NewStage("Test")
	test.WaitHours, test.ProcessHours, test.CompleteAccurate = 16, 2, 0.8
	m.Stages = []vsm.Stage{code, test}

	x := vsm.Compute(m)
	fmt.Println("lead:", vsm.FormatDuration(x.Totals.LeadHours, m.Calendar))
	fmt.Println("flow efficiency:", vsm.FormatPercent(*x.Totals.FlowEfficiency))
	fmt.Println("constraint:", x.Constraint.Name, "-", x.Constraint.Reason)
	fmt.Println("biggest wait:", x.BiggestWait.Name)
	// Output:
	// lead: 3d
	// flow efficiency: 33%
	// constraint: Code - lowest capacity: 1.3 items/day (6h work, 1 person, 100% C&A)
	// biggest wait: Test
}

func ExampleParseDuration() {
	cal := vsm.DefaultCalendar()
	for _, s := range []string{"2d", "4h 30m", "01:30", "1w"} {
		h, _ := vsm.ParseDuration(s, vsm.Hours, cal)
		fmt.Printf("%s = %g h\n", s, h)
	}
	// Output:
	// 2d = 16 h
	// 4h 30m = 4.5 h
	// 01:30 = 1.5 h
	// 1w = 40 h
}

func ExampleFormatDuration() {
	fmt.Println(vsm.FormatDuration(28, vsm.DefaultCalendar()))
	// Output: 3d 4h
}
