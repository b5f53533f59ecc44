package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"flowmap/importers/eventlog"
	"flowmap/vsm"
)

// eventFlags are the flags of the commands that read event logs.
type eventFlags struct {
	calendar string
	mapping  string
	stat     string
}

func (ef *eventFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&ef.calendar, "calendar", "workdays", "measure on the working calendar (workdays) or on elapsed time (24x7)")
	fs.StringVar(&ef.mapping, "mapping", "", "a status mapping file for transition logs (see README)")
	fs.StringVar(&ef.stat, "stat", vsm.StatMedian, "the statistic a map takes from the log: median, p85 or mean")
}

// options turns the flags into reader options on a day of hoursPerDay hours.
func (ef *eventFlags) options(hoursPerDay float64, sheet string) (vsm.EventLogOptions, error) {
	opt := vsm.EventLogOptions{Sheet: sheet, Calendar: vsm.WorkCalendar{HoursPerDay: hoursPerDay}}
	switch strings.ToLower(ef.calendar) {
	case "workdays", "":
	case "24x7":
		opt.Calendar.TwentyFourSeven = true
	default:
		return opt, usagef("--calendar %q: use workdays or 24x7", ef.calendar)
	}
	switch strings.ToLower(ef.stat) {
	case vsm.StatMedian, vsm.StatP85, vsm.StatMean:
	default:
		return opt, usagef("--stat %q: use median, p85 or mean", ef.stat)
	}
	if ef.mapping != "" {
		f, err := os.Open(ef.mapping)
		if err != nil {
			return opt, fmt.Errorf("--mapping: the status mapping file: %w", err)
		}
		defer f.Close()
		m, err := eventlog.ParseMapping(f)
		if err != nil {
			return opt, fmt.Errorf("%s: %w", ef.mapping, err)
		}
		opt.Mapping = m
	}
	return opt, nil
}

func init() { register(newEventsCmd) }

func newEventsCmd(e env) *cobra.Command {
	e.command = "events"
	var (
		asJSON bool
		hours  float64
		sheet  string
		ef     eventFlags
	)
	c := &cobra.Command{
		Use:   "events [--calendar workdays|24x7] [--mapping FILE] [--stat median|p85|mean] [--json] FILE",
		Short: "measured per-stage statistics from an event log",
		Long: `Reads an event log (intervals: item, stage, entered, exited; or transitions: item,
to_status, changed_at) and prints measured per-stage statistics: wait and work
(median, 85th percentile, mean), WIP, re-entries, %C&A and throughput. --json
prints the events document of shared/cli.md at full precision.`,
		Example: `  flowmap-cli events log.csv --mapping jira.txt --json`,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("events needs exactly one FILE, got %d", len(args))
			}
			opt, err := ef.options(hours, sheet)
			if err != nil {
				return err
			}
			stats, err := eventlog.ReadFile(args[0], opt)
			if err != nil {
				return err
			}
			cleanEventNames(stats)
			if asJSON {
				data, err := stats.JSON()
				if err != nil {
					return err
				}
				_, err = e.stdout.Write(data)
				return err
			}
			return printEvents(e, stats, ef.stat)
		},
	}
	f := c.Flags()
	f.BoolVar(&asJSON, "json", false, "print the events document of cli.md")
	f.Float64Var(&hours, "hours-per-day", vsm.DefaultHoursPerDay, "working hours in a day, from 09:00")
	f.StringVar(&sheet, "sheet", "", "the worksheet of an .xlsx log")
	ef.register(f)
	return c
}

// cleanEventNames strips control characters from the names a log brought
// in (vsm.CleanName), as an import would store them.
func cleanEventNames(s *vsm.EventLogStats) {
	for i := range s.Stages {
		s.Stages[i].Name = vsm.CleanName(s.Stages[i].Name)
	}
	for i := range s.Statuses {
		s.Statuses[i] = vsm.CleanName(s.Statuses[i])
	}
}

func printEvents(e env, s *vsm.EventLogStats, stat string) error {
	fmt.Fprintf(e.stdout, "%s: %s log, %d rows, %d items, %s to %s, %s calendar\n\n", cell(s.File, lineWidth), s.Shape, s.Rows, s.Items,
		s.From.Format("2006-01-02 15:04"), s.To.Format("2006-01-02 15:04"), s.Calendar)
	pick := func(d vsm.Dist) float64 {
		switch stat {
		case vsm.StatP85:
			return d.P85
		case vsm.StatMean:
			return d.Mean
		}
		return d.Median
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "STAGE\tITEMS\tWAIT (%s h)\tWORK (%s h)\tWIP\tRE-ENTRIES\t%%C&A\tTHROUGHPUT/DAY\n", stat, stat)
	for _, st := range s.Stages {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%d\t%d\t%s\t%.1f\n", cell(st.Name, nameWidth), st.Items, pick(st.Wait), pick(st.Work),
			st.WIP, st.Reentries, vsm.FormatPercent(st.CompleteAccurate), st.ThroughputPerDay)
	}
	return tw.Flush()
}

// readEventMap reads an event log into a map named after the file, with a
// measurement dated at the log's end.
func readEventMap(path string, ef *eventFlags, sf *stageFlags) (*vsm.Map, error) {
	opt, err := ef.options(sf.hoursPerDay, sf.sheet)
	if err != nil {
		return nil, err
	}
	stats, err := eventlog.ReadFile(path, opt)
	if err != nil {
		return nil, err
	}
	cleanEventNames(stats)
	m, err := stats.Map(mapNameFromFile(path), ef.stat, sf.hoursPerDay)
	if err != nil {
		return nil, err
	}
	if sf.demand > 0 {
		d := sf.demand
		m.DemandPerDay = &d
	}
	if _, _, err := m.AddMeasurement(vsm.MeasurementOf(m, stats.To, "events: "+filepath.Base(path))); err != nil {
		return nil, err
	}
	m.CleanNames()
	return m, m.Validate()
}

// notAnEventLog reports whether err only says the file has no event-log
// header, so it may still be a stage sheet.
func notAnEventLog(err error) bool { return errors.Is(err, eventlog.ErrNotALog) }
