package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

func init() { register(newSnapshotCmd) }

// newSnapshotCmd records a dated measurement of a stored map: of its stage
// values as they are, or of the values in FILE.
func newSnapshotCmd(e env) *cobra.Command {
	e.command = "snapshot"
	var (
		name, date, db string
		sf             stageFlags
	)
	c := &cobra.Command{
		Use:   "snapshot --map NAME [--date YYYY-MM-DD] [FILE]",
		Short: "record a dated measurement of a map",
		Long: `Records a dated measurement of a stored map: of its stage values as they are, or
of the values in FILE (a stage sheet or map file), which leaves the map itself as it
is. A measurement on a day that has one replaces it.`,
		RunE: func(c *cobra.Command, args []string) error {
			return snapshot(args, name, date, db, &sf, c.Flags(), e)
		},
	}
	f := c.Flags()
	mapFlags(c, &name, &db, "the map to measure (required)", e)
	f.StringVar(&date, "date", "", "the day of the measurement (default: today)")
	sf.register(f)
	return c
}

func snapshot(args []string, name, date, db string, sf *stageFlags, fs flagChecker, e env) error {
	if name == "" {
		return usagef("snapshot needs --map NAME")
	}
	if len(args) > 1 {
		return usagef("snapshot takes at most one FILE, got %d", len(args))
	}
	day := time.Now()
	if date != "" {
		d, err := time.ParseInLocation(vsm.DateLayout, date, time.Local)
		if err != nil {
			return usagef("--date %q is not a day like 2026-01-05", date)
		}
		day = d
	}
	var fromFile *vsm.Map
	source := "cli"
	if len(args) == 1 {
		m, warnings, err := readStageData(args[0], sf, fs)
		if err != nil {
			return err
		}
		warnAll(e, warnings)
		fromFile, source = m, vsm.CleanName(args[0])
	}
	return withStore(db, e, func(s *store.DB) error {
		m, err := getMap(s, name)
		if err != nil {
			return err
		}
		measured := m
		if fromFile != nil {
			// The file gives this map's stage values; the map keeps its calendar
			// unless flags said otherwise.
			measured = m.Clone()
			measured.Stages = fromFile.Stages
			if err := applyCalendarFlags(measured, sf, fs); err != nil {
				return err
			}
		}
		x, replaced, err := m.AddMeasurement(vsm.MeasurementOf(measured, day, source))
		if err != nil {
			return err
		}
		if err := s.Save(m); err != nil {
			return err
		}
		t := vsm.MeasurementTotals(x)
		verb := "recorded"
		if replaced {
			verb = "replaced"
		}
		fmt.Fprintf(e.stdout, "%s the measurement of %q on %s: lead time %s, flow efficiency %s, rolled %%C&A %s\n",
			verb, cell(m.Name, lineWidth), x.Date.Format(vsm.DateLayout), vsm.FormatDuration(t.LeadHours, x.Calendar),
			percentOrDash(t.FlowEfficiency), vsm.FormatPercent(t.RolledCompleteAccurate))
		return nil
	})
}

func percentOrDash(p *float64) string {
	if p == nil {
		return "—"
	}
	return vsm.FormatPercent(*p)
}

func init() { register(newHistoryCmd) }

func newHistoryCmd(e env) *cobra.Command {
	e.command = "history"
	var (
		name, db string
		asJSON   bool
	)
	c := &cobra.Command{
		Use:   "history --map NAME [--json]",
		Short: "measurements over time",
		Long: `Lists a stored map's measurements in date order with their lead time, flow
efficiency and rolled %C&A, and the days kaizen items were done. --json prints
the history document of shared/cli.md at full precision.`,
		RunE: func(_ *cobra.Command, args []string) error {
			if name == "" || len(args) > 0 {
				return usagef("history needs --map NAME and no arguments")
			}
			return history(name, db, asJSON, e)
		},
	}
	f := c.Flags()
	mapFlags(c, &name, &db, "the map (required)", e)
	f.BoolVar(&asJSON, "json", false, "print the history document of cli.md")
	return c
}

func history(name, db string, asJSON bool, e env) error {
	m, err := storedMap(db, name, e)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(e, vsm.NewHistoryDocument(m))
	}
	points := vsm.History(m)
	if len(points) == 0 {
		fmt.Fprintf(e.stdout, "%s has no measurements yet: record one with flowmap-cli snapshot --map %q\n", cell(m.Name, lineWidth), m.Name)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tLEAD TIME\tLEAD (h)\tFLOW EFF.\tROLLED %C&A\tSOURCE")
	for _, p := range points {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\t%s\t%s\n", p.Date.Format(vsm.DateLayout), vsm.FormatDuration(p.Totals.LeadHours, m.Calendar),
			p.Totals.LeadHours, percentOrDash(p.Totals.FlowEfficiency), vsm.FormatPercent(p.Totals.RolledCompleteAccurate), cell(p.Source, nameWidth))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range vsm.Completions(m) {
		fmt.Fprintf(e.stdout, "kaizen done %s: %s\n", c.Date.Format(vsm.DateLayout), cell(c.Title, lineWidth))
	}
	return nil
}

func init() { register(newKaizenCmd) }

func newKaizenCmd(e env) *cobra.Command {
	e.command = "kaizen"
	c := &cobra.Command{
		Use:   "kaizen list --map NAME [--json]",
		Short: "improvements with their expected and realized effect",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return usagef("use: kaizen list --map NAME [--json]")
		},
	}
	c.AddCommand(newKaizenListCmd(e))
	return c
}

func newKaizenListCmd(e env) *cobra.Command {
	e.command = "kaizen list"
	var (
		name, db string
		asJSON   bool
	)
	c := &cobra.Command{
		Use:   "list --map NAME [--json]",
		Short: "improvements with status, expected and realized effect",
		Long: `Lists a stored map's kaizen items with their status and their expected and realized
effect on lead time. --json prints the kaizen document of shared/cli.md at full
precision.`,
		RunE: func(_ *cobra.Command, args []string) error {
			if name == "" || len(args) > 0 {
				return usagef("kaizen list needs --map NAME and no arguments")
			}
			return kaizenList(name, db, asJSON, e)
		},
	}
	mapFlags(c, &name, &db, "the map (required)", e)
	c.Flags().BoolVar(&asJSON, "json", false, "print the kaizen document of cli.md")
	return c
}

func kaizenList(name, db string, asJSON bool, e env) error {
	m, err := storedMap(db, name, e)
	if err != nil {
		return err
	}
	doc := vsm.NewKaizenDocument(m)
	if asJSON {
		return printJSON(e, doc)
	}
	if len(doc.Kaizen) == 0 {
		fmt.Fprintf(e.stdout, "%s has no kaizen items yet: plan them in the app's Kaizen tab\n", cell(m.Name, lineWidth))
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tTITLE\tSTAGE\tEXPECTED LEAD\tREALIZED LEAD")
	for _, k := range doc.Kaizen {
		realized := "not measured yet"
		if k.Realized != nil {
			realized = fmt.Sprintf("%+.1f h", k.Realized.LeadHours)
		}
		expected := "—"
		if k.Expected != nil {
			expected = fmt.Sprintf("%+.1f h", k.Expected.LeadHours)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.Status, cell(k.Title, nameWidth), cell(k.Stage, nameWidth), expected, realized)
	}
	return tw.Flush()
}

// storedMap reads one map from the store.
func storedMap(db, name string, e env) (*vsm.Map, error) {
	var m *vsm.Map
	err := withStore(db, e, func(s *store.DB) error {
		var err error
		m, err = getMap(s, name)
		return err
	})
	return m, err
}
