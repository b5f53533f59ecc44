package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"flowmap/vsm"
)

// Exit codes of shared/cli.md.
const (
	exitOK    = 0
	exitInput = 1 // bad input: a file, a value, a map that is not there
	exitUsage = 2 // bad usage: an unknown command or flag
)

// env is what a run may touch, so tests run commands in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// command is one sub-command: its one-line summary and how to run it.
type command struct {
	summary string
	run     func(args []string, e env) error
}

func commands() map[string]command {
	return map[string]command{
		"metrics":        {"print the metrics of a stage sheet, map file or stored map", cmdMetrics},
		"import":         {"store a stage sheet, event log or map file as a map", cmdImport},
		"list":           {"list the maps in the store", cmdList},
		"export":         {"write a stored map as a .flowmap.json file", cmdExport},
		"restore-backup": {"list the store's backups, or put one back", cmdRestoreBackup},
		"report":         {"write the Excel report and/or a PNG picture", cmdReport},
		"snapshot":       {"record a dated measurement of a map", cmdSnapshot},
		"history":        {"measurements over time", cmdHistory},
		"kaizen":         {"improvements with their expected and realized effect", cmdKaizen},
		"events":         {"measured per-stage statistics from an event log", cmdEvents},
	}
}

func run(args []string, e env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stdout, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	name := args[0]
	c, ok := cmds[name]
	if !ok {
		fmt.Fprintf(e.stderr, "flowmap-cli: %s : unknown command (run flowmap-cli --help)\n", name)
		return exitUsage
	}
	err := c.run(args[1:], e)
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "flowmap-cli: %s : %s\n", name, oneLine(err.Error()))
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "flowmap-cli: %s : %s\n", name, oneLine(err.Error()))
		return exitInput
	}
}

// oneLine keeps an error to the single stderr line the contract promises.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func printUsage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "Usage: flowmap-cli COMMAND [flags] [arguments]")
	fmt.Fprintln(w, "\nCommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-15s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun flowmap-cli COMMAND --help for its flags. The store is the desktop app's own")
	fmt.Fprintln(w, "file unless --db PATH or FLOWMAP_DB says otherwise.")
}

// newFlags is a flag set that reports mistakes as usage errors instead of
// exiting, and prints its help on stdout.
func newFlags(name, args string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: flowmap-cli %s %s\n\nFlags:\n", name, args)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses flags, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return err
		}
		return usagef("%v", err)
	}
	return nil
}

// stageFlags are the flags shared by the commands that read stage data.
type stageFlags struct {
	sheet       string
	unit        string
	hoursPerDay float64
	daysPerWeek float64
	demand      float64
}

func (s *stageFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.sheet, "sheet", "", "the sheet to read (default: the one that matches best)")
	fs.StringVar(&s.unit, "unit", "", "unit of bare numbers when the header names none: m, h or d (default h)")
	fs.Float64Var(&s.hoursPerDay, "hours-per-day", vsm.DefaultHoursPerDay, "working hours in a day")
	fs.Float64Var(&s.daysPerWeek, "days-per-week", vsm.DefaultDaysPerWeek, "working days in a week")
	fs.Float64Var(&s.demand, "demand-per-day", 0, "items the customer pulls per working day (0: unknown)")
}

func (s *stageFlags) calendar() vsm.Calendar {
	return vsm.Calendar{HoursPerDay: s.hoursPerDay, DaysPerWeek: s.daysPerWeek}
}
