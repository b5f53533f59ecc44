package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"flowmap/importers"
	"flowmap/importers/stagesheet"
	"flowmap/vsm"
)

func init() { register(newMetricsCmd) }

func newMetricsCmd(e env) *cobra.Command {
	e.command = "metrics"
	var (
		asJSON   bool
		name, db string
		sf       stageFlags
	)
	c := &cobra.Command{
		Use:   "metrics [flags] (FILE | --map NAME)",
		Short: "print the metrics of a stage sheet, map file or stored map",
		Long: `Prints lead time, process and wait time, flow efficiency, rolled %C&A, capacity,
the constraint and the biggest wait of a stage sheet (.xlsx, .csv), a map file
(.flowmap.json) or a stored map. --json prints the document of shared/metrics.md at
full precision, with the reader's warnings, which also go to stderr.`,
		Example: `  flowmap-cli metrics team.csv --json
  flowmap-cli metrics --map "Feature delivery (example)"`,
		RunE: func(c *cobra.Command, args []string) error {
			m, warnings, err := mapFromArgs(args, name, db, &sf, c.Flags(), e)
			if err != nil {
				return err
			}
			warnAll(e, warnings)
			x := vsm.Compute(m)
			if asJSON {
				return printJSON(e, metricsJSON{vsm.NewMetricsDocument(m, x), nonNil(warnings)})
			}
			return printMetrics(e.stdout, m, x)
		},
	}
	f := c.Flags()
	f.BoolVar(&asJSON, "json", false, "print the metrics document of shared/metrics.md")
	mapFlags(c, &name, &db, "a map in the store instead of a FILE", e)
	sf.register(f)
	return c
}

// metricsJSON is the metrics document with the warnings of the reader that
// read the file ([] for a stored map).
type metricsJSON struct {
	vsm.MetricsDocument
	Warnings []string `json:"warnings"`
}

// mapFromArgs is the map a command works on, a FILE argument or --map NAME,
// with the warnings of the reader that read the file.
func mapFromArgs(args []string, name, db string, sf *stageFlags, fs flagChecker, e env) (*vsm.Map, []string, error) {
	switch {
	case name != "" && len(args) > 0:
		return nil, nil, usagef("give either FILE or --map NAME, not both")
	case name == "" && len(args) == 0:
		return nil, nil, usagef("give a FILE (.xlsx, .csv or .flowmap.json) or --map NAME")
	case len(args) > 1:
		return nil, nil, usagef("one FILE at a time, got %d", len(args))
	}
	if name != "" {
		m, err := storedMap(db, name, e)
		if err != nil {
			return nil, nil, err
		}
		return m, nil, applyCalendarFlags(m, sf, fs)
	}
	return readStageData(args[0], sf, fs)
}

// flagChecker tells which flags were given (a *pflag.FlagSet).
type flagChecker interface {
	Changed(name string) bool
}

// readStageData reads a map file or a stage sheet into a map named after the
// file, its names cleaned of control characters (vsm.CleanNames), with the
// sheet reader's warnings: what it assumed (a unit), and the rows it skipped
// that were not blank.
func readStageData(path string, sf *stageFlags, fs flagChecker) (*vsm.Map, []string, error) {
	if isMapFile(path) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		m, err := importers.ReadMapFile(f, path)
		if err != nil {
			return nil, nil, err
		}
		m.CleanNames()
		return m, nil, applyCalendarFlags(m, sf, fs)
	}
	opt := vsm.SheetOptions{Sheet: sf.sheet, Calendar: sf.calendar()}
	if sf.unit != "" {
		u, err := vsm.ParseUnit(sf.unit)
		if err != nil {
			return nil, nil, usagef("--unit: %v", err)
		}
		opt.Unit, opt.UnitSet = u, true
	}
	p, err := stagesheet.ReadFile(path, opt)
	if err != nil {
		return nil, nil, err
	}
	m, err := p.Map(mapNameFromFile(path))
	if err != nil {
		return nil, nil, err
	}
	m.CleanNames()
	if sf.demand > 0 {
		d := sf.demand
		m.DemandPerDay = &d
	}
	return m, sheetWarnings(p), m.Validate()
}

// sheetWarnings are the warnings of a stage sheet's preview and a line for
// each row it skipped that was not blank ("row 9 skipped: a "Total" row"),
// so no stage goes missing without a word.
func sheetWarnings(p *vsm.SheetPreview) []string {
	w := append([]string(nil), p.Warnings...)
	for _, r := range p.Skipped {
		if r.Reason != "blank row" {
			w = append(w, fmt.Sprintf("row %d skipped: %s", r.Row, r.Reason))
		}
	}
	return w
}

// warnAll writes each warning of a reader to stderr.
func warnAll(e env, warnings []string) {
	for _, w := range warnings {
		warn(e, w)
	}
}

// nonNil is list, or an empty list for nil, so JSON says [] rather than null.
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
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
func applyCalendarFlags(m *vsm.Map, sf *stageFlags, fs flagChecker) error {
	if fs.Changed("hours-per-day") {
		m.Calendar.HoursPerDay = sf.hoursPerDay
	}
	if fs.Changed("days-per-week") {
		m.Calendar.DaysPerWeek = sf.daysPerWeek
	}
	if fs.Changed("demand-per-day") {
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
	fmt.Fprintf(w, "%s\n%g h/day, %g days/week, %s\n\n", cell(m.Name, lineWidth), cal.HoursPerDay, cal.DaysPerWeek, demand)
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%g\t%s\t%s\n", cell(s.Name, nameWidth), dur(s.WaitHours), dur(s.ProcessHours),
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
		fmt.Fprintf(w, "Constraint: %s, %s\n", cell(c.Name, lineWidth), c.Reason)
	}
	if b := x.BiggestWait; b != nil {
		fmt.Fprintf(w, "Biggest wait: %s, %s\n", cell(b.Name, lineWidth), b.Reason)
	}
	return nil
}
