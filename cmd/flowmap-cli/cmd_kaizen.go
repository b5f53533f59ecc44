package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

// cmdSnapshot records a dated measurement of a stored map: of its stage values
// as they are, or of the values in FILE.
func cmdSnapshot(args []string, e env) error {
	fs := newFlags("snapshot", "--map NAME [--date YYYY-MM-DD] [FILE]", e)
	name := fs.String("map", "", "the map to measure (required)")
	date := fs.String("date", "", "the day of the measurement (default: today)")
	db := dbFlag(fs)
	var sf stageFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" {
		return usagef("snapshot needs --map NAME")
	}
	if fs.NArg() > 1 {
		return usagef("snapshot takes at most one FILE, got %d (flags go before it)", fs.NArg())
	}
	day := time.Now()
	if *date != "" {
		d, err := time.ParseInLocation(vsm.DateLayout, *date, time.Local)
		if err != nil {
			return usagef("--date %q is not a day like 2026-01-05", *date)
		}
		day = d
	}
	var fromFile *vsm.Map
	source := "cli"
	if fs.NArg() == 1 {
		m, err := readStageData(fs.Arg(0), &sf, fs)
		if err != nil {
			return err
		}
		fromFile, source = m, fs.Arg(0)
	}
	return withStore(*db, e, func(s *store.DB) error {
		m, err := getMap(s, *name)
		if err != nil {
			return err
		}
		measured := m
		if fromFile != nil {
			// The file gives this map's stage values; the map keeps its calendar
			// unless flags said otherwise.
			measured = m.Clone()
			measured.Stages = fromFile.Stages
			if err := applyCalendarFlags(measured, &sf, fs); err != nil {
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
			verb, m.Name, x.Date.Format(vsm.DateLayout), vsm.FormatDuration(t.LeadHours, x.Calendar),
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

func cmdHistory(args []string, e env) error {
	fs := newFlags("history", "--map NAME [--json]", e)
	name := fs.String("map", "", "the map (required)")
	asJSON := fs.Bool("json", false, "print the history document of cli.md")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" || fs.NArg() > 0 {
		return usagef("history needs --map NAME and no arguments")
	}
	m, err := storedMap(*db, *name, e)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, vsm.NewHistoryDocument(m))
	}
	points := vsm.History(m)
	if len(points) == 0 {
		fmt.Fprintf(e.stdout, "%s has no measurements yet: record one with flowmap-cli snapshot --map %q\n", m.Name, m.Name)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tLEAD TIME\tLEAD (h)\tFLOW EFF.\tROLLED %C&A\tSOURCE")
	for _, p := range points {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\t%s\t%s\n", p.Date.Format(vsm.DateLayout), vsm.FormatDuration(p.Totals.LeadHours, m.Calendar),
			p.Totals.LeadHours, percentOrDash(p.Totals.FlowEfficiency), vsm.FormatPercent(p.Totals.RolledCompleteAccurate), p.Source)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range vsm.Completions(m) {
		fmt.Fprintf(e.stdout, "kaizen done %s: %s\n", c.Date.Format(vsm.DateLayout), c.Title)
	}
	return nil
}

func cmdKaizen(args []string, e env) error {
	if len(args) == 0 || args[0] != "list" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(e.stdout, "Usage: flowmap-cli kaizen list --map NAME [--json]")
			return nil
		}
		return usagef("use: kaizen list --map NAME [--json]")
	}
	fs := newFlags("kaizen list", "--map NAME [--json]", e)
	name := fs.String("map", "", "the map (required)")
	asJSON := fs.Bool("json", false, "print the kaizen document of cli.md")
	db := dbFlag(fs)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *name == "" || fs.NArg() > 0 {
		return usagef("kaizen list needs --map NAME and no arguments")
	}
	m, err := storedMap(*db, *name, e)
	if err != nil {
		return err
	}
	doc := vsm.NewKaizenDocument(m)
	if *asJSON {
		return printJSON(e, doc)
	}
	if len(doc.Kaizen) == 0 {
		fmt.Fprintf(e.stdout, "%s has no kaizen items yet: plan them in the app's Kaizen tab\n", m.Name)
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.Status, k.Title, k.Stage, expected, realized)
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
