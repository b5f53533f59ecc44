package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"flowmap/importers"
	"flowmap/importers/stagesheet"
	"flowmap/vsm"
)

func cmdMetrics(args []string, e env) error {
	fs := newFlags("metrics", "[flags] FILE | --map NAME", e)
	asJSON := fs.Bool("json", false, "print the metrics document of shared/metrics.md")
	name := fs.String("map", "", "a map in the store instead of a FILE")
	db := dbFlag(fs)
	var sf stageFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	m, err := mapFromArgs(fs.Args(), *name, *db, &sf, fs, e)
	if err != nil {
		return err
	}
	x := vsm.Compute(m)
	if *asJSON {
		return printJSON(e, vsm.NewMetricsDocument(m, x))
	}
	return printMetrics(e.stdout, m, x)
}

// mapFromArgs is the map a command works on: a FILE argument or --map NAME.
func mapFromArgs(args []string, name, db string, sf *stageFlags, fs flagVisitor, e env) (*vsm.Map, error) {
	switch {
	case name != "" && len(args) > 0:
		return nil, usagef("give either FILE or --map NAME, not both")
	case name == "" && len(args) == 0:
		return nil, usagef("give a FILE (.xlsx, .csv or .flowmap.json) or --map NAME")
	case len(args) > 1:
		return nil, usagef("one FILE at a time, got %d (flags go before the FILE)", len(args))
	}
	if name != "" {
		m, err := storedMap(db, name, e)
		if err != nil {
			return nil, err
		}
		return m, applyCalendarFlags(m, sf, fs)
	}
	return readStageData(args[0], sf, fs)
}

// flagVisitor tells which flags were given (a *flag.FlagSet).
type flagVisitor interface {
	Visit(func(*flag.Flag))
}

// readStageData reads a map file or a stage sheet into a map named after the file.
func readStageData(path string, sf *stageFlags, fs flagVisitor) (*vsm.Map, error) {
	if isMapFile(path) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		m, err := importers.ReadMapFile(f, path)
		if err != nil {
			return nil, err
		}
		return m, applyCalendarFlags(m, sf, fs)
	}
	opt := vsm.SheetOptions{Sheet: sf.sheet, Calendar: sf.calendar()}
	if sf.unit != "" {
		u, err := vsm.ParseUnit(sf.unit)
		if err != nil {
			return nil, usagef("--unit: %v", err)
		}
		opt.Unit, opt.UnitSet = u, true
	}
	p, err := stagesheet.ReadFile(path, opt)
	if err != nil {
		return nil, err
	}
	m, err := p.Map(mapNameFromFile(path))
	if err != nil {
		return nil, err
	}
	if sf.demand > 0 {
		d := sf.demand
		m.DemandPerDay = &d
	}
	return m, m.Validate()
}

func isMapFile(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".json")
}

// mapNameFromFile is "mbpm team" for "mbpm-team.xlsx" and "Q3" for "Q3.flowmap.json".
func mapNameFromFile(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{vsm.MapFileExt, ".json", ".xlsx", ".csv", ".tsv", ".txt"} {
		if strings.HasSuffix(strings.ToLower(base), ext) {
			base = base[:len(base)-len(ext)]
			break
		}
	}
	return strings.TrimSpace(strings.NewReplacer("_", " ", "-", " ").Replace(base))
}

// applyCalendarFlags lets explicit calendar and demand flags override what a
// stored map or map file says.
func applyCalendarFlags(m *vsm.Map, sf *stageFlags, fs flagVisitor) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["hours-per-day"] {
		m.Calendar.HoursPerDay = sf.hoursPerDay
	}
	if given["days-per-week"] {
		m.Calendar.DaysPerWeek = sf.daysPerWeek
	}
	if given["demand-per-day"] {
		d := sf.demand
		m.DemandPerDay = &d
	}
	return m.Validate()
}

func printMetrics(w io.Writer, m *vsm.Map, x vsm.Metrics) error {
	cal := m.Calendar
	dur := func(h float64) string { return vsm.FormatDuration(h, cal) }
	pct := func(p *float64) string {
		if p == nil {
			return "—"
		}
		return vsm.FormatPercent(*p)
	}
	num := func(p *float64) string {
		if p == nil {
			return "—"
		}
		return fmt.Sprintf("%.1f", *p)
	}
	demand := "demand unknown"
	if m.DemandPerDay != nil {
		demand = fmt.Sprintf("demand %g/day", *m.DemandPerDay)
	}
	fmt.Fprintf(w, "%s\n%g h/day, %g days/week, %s\n\n", m.Name, cal.HoursPerDay, cal.DaysPerWeek, demand)
	if len(m.Stages) == 0 {
		fmt.Fprintln(w, "No stages yet: add stages to see lead time, flow efficiency and bottlenecks.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "STAGE\tWAIT\tPROCESS\tLEAD\tFLOW EFF.\t%C&A\tPEOPLE\tCAPACITY/DAY\t")
	for _, s := range x.Stages {
		mark := ""
		if x.Constraint != nil && x.Constraint.Index == s.Index {
			mark += " [constraint]"
		}
		if x.BiggestWait != nil && x.BiggestWait.Index == s.Index {
			mark += " [biggest wait]"
		}
		if s.Overloaded {
			mark += " [overloaded]"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%g\t%s\t%s\n", s.Name, dur(s.WaitHours), dur(s.ProcessHours),
			dur(s.LeadHours), pct(s.FlowEfficiency), vsm.FormatPercent(s.CompleteAccurate), s.People,
			num(s.CapacityPerDay), mark)
	}
	t := x.Totals
	fmt.Fprintf(tw, "Total\t%s\t%s\t%s\t%s\t%s\t\t%s\t\n", dur(t.WaitHours), dur(t.ProcessHours), dur(t.LeadHours),
		pct(t.FlowEfficiency), vsm.FormatPercent(t.RolledCompleteAccurate), num(t.CapacityPerDay))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nLead time %s (%.1f h), process %s, wait %s\n", dur(t.LeadHours), t.LeadHours, dur(t.ProcessHours), dur(t.WaitHours))
	fmt.Fprintf(w, "Flow efficiency %s, rolled %%C&A %s, rework-adjusted lead time %s\n",
		pct(t.FlowEfficiency), vsm.FormatPercent(t.RolledCompleteAccurate), dur(t.ReworkAdjustedLeadHours))
	if x.TaktHours != nil {
		fmt.Fprintf(w, "Takt %s, capacity %s items/day\n", dur(*x.TaktHours), num(t.CapacityPerDay))
	}
	if c := x.Constraint; c != nil {
		fmt.Fprintf(w, "Constraint: %s, %s\n", c.Name, c.Reason)
	}
	if b := x.BiggestWait; b != nil {
		fmt.Fprintf(w, "Biggest wait: %s, %s\n", b.Name, b.Reason)
	}
	return nil
}
