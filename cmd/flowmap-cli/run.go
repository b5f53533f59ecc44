package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"flowmap/vsm"
)

// The command line is spf13/cobra with pflag: the library most Go command
// lines use (kubectl, gh, hugo), maintained, with flags before or after
// arguments, help for every command, --version, and completion scripts for
// bash, zsh, fish and PowerShell built in (alecthomas/kong needs another
// package for completions and has no PowerShell). A command is one file: a
// constructor registered from that file's init (see register).

// Exit codes of shared/cli.md.
const (
	exitOK    = 0
	exitInput = 1 // bad input: a file, a value, a map that is not there
	exitUsage = 2 // bad usage: an unknown command or flag
)

// env is what a run may touch, so tests run commands in-process. command is
// the name errors and warnings are prefixed with; each command's constructor
// sets it on its own copy.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	command        string
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// runError marks an error a command returned from its work (exit 1), as
// opposed to cobra's own errors about the command line (exit 2).
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// commandMakers are the sub-commands, each added by its file's init.
var commandMakers []func(e env) *cobra.Command

// register adds a sub-command: a new command is one file with
//
//	func init() { register(newForecastCmd) }
//	func newForecastCmd(e env) *cobra.Command { e.command = "forecast"; ... }
func register(mk func(e env) *cobra.Command) { commandMakers = append(commandMakers, mk) }

// newRoot is the flowmap-cli command with every registered sub-command.
func newRoot(e env) *cobra.Command {
	root := &cobra.Command{
		Use:   "flowmap-cli",
		Short: "Flowmap without a window: value stream metrics, imports, exports and reports",
		Long: `flowmap-cli computes, imports and exports value stream maps the same way as the
desktop app, for scripts and pipelines. Results go to stdout, errors to stderr as
one line; exit 0 on success, 1 on bad input, 2 on bad usage. The store is the
desktop app's own file unless --db PATH or FLOWMAP_DB says otherwise.`,
		Version:       Version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("flowmap-cli {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError(err) })
	for _, mk := range commandMakers {
		c := mk(e)
		markRunErrors(c)
		root.AddCommand(c)
	}
	// Cobra adds these when it runs; added now, run can find them first.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" { // without a shell it is a usage error, as kaizen without list
			c.RunE = func(*cobra.Command, []string) error {
				return usagef("use: completion bash|zsh|fish|powershell")
			}
		}
	}
	return root
}

// markRunErrors wraps the RunE of c and its sub-commands so that their
// errors are told from cobra's: a usage error stays one, anything else is
// bad input.
func markRunErrors(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := run(cmd, args)
			var ue *usageError
			if err == nil || errors.As(err, &ue) {
				return err
			}
			return &runError{err}
		}
	}
	for _, sub := range c.Commands() {
		markRunErrors(sub)
	}
}

// flagError words pflag's errors; an unknown flag reads as it did before
// the command line moved to pflag ("flag provided but not defined: -nope"),
// so scripts that look for it keep working.
func flagError(err error) error {
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		name := ne.GetSpecifiedName()
		if s := ne.GetSpecifiedShortnames(); s != "" {
			name = s
		}
		return usagef("flag provided but not defined: -%s", name)
	}
	return usagef("%v", err)
}

func run(args []string, e env) int {
	out := newEscaper(e.stdout)
	defer out.Flush()
	e.stdout = out
	root := newRoot(e)
	if len(args) == 0 {
		root.SetArgs([]string{"--help"})
		root.Execute()
		return exitUsage
	}
	completing := args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd
	if !completing {
		args = goStyleFlags(root, args)
	}
	if cmd, _, err := root.Find(args); err != nil && cmd == root && !completing {
		name := firstWord(args)
		hint := ""
		if s := root.SuggestionsFor(name); len(s) > 0 {
			hint = "did you mean " + strings.Join(s, " or ") + "? "
		}
		printError(e, name, fmt.Errorf("unknown command (%srun flowmap-cli --help)", hint))
		return exitUsage
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	name := strings.TrimPrefix(cmd.CommandPath(), root.Name()+" ")
	if cmd == root {
		name = "usage" // a flag of flowmap-cli itself, such as --versoin
	}
	printError(e, name, err)
	var re *runError
	if errors.As(err, &re) {
		return exitInput
	}
	return exitUsage
}

// firstWord is the first argument that is not a flag: the command name.
func firstWord(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

// printError writes the one stderr line of the contract:
// `flowmap-cli: <what> : <why>`.
func printError(e env, what string, err error) {
	fmt.Fprintf(e.stderr, "flowmap-cli: %s : %s\n", escapeControls(what), oneLine(err.Error()))
}

// warn writes a warning as one stderr line: the command went on.
func warn(e env, msg string) {
	fmt.Fprintf(e.stderr, "flowmap-cli: %s : warning: %s\n", e.command, oneLine(msg))
}

// oneLine keeps an error to the single stderr line the contract promises,
// with any control character a file brought into it escaped.
func oneLine(s string) string {
	return escapeControls(strings.Join(strings.Fields(s), " "))
}

// stageFlags are the flags shared by the commands that read stage data.
type stageFlags struct {
	sheet       string
	unit        string
	hoursPerDay float64
	daysPerWeek float64
	demand      float64
}

func (s *stageFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&s.sheet, "sheet", "", "the sheet to read (default: the one that matches best)")
	fs.StringVar(&s.unit, "unit", "", "unit of bare numbers when the header names none: m, h or d (default h)")
	fs.Float64Var(&s.hoursPerDay, "hours-per-day", vsm.DefaultHoursPerDay, "working hours in a day")
	fs.Float64Var(&s.daysPerWeek, "days-per-week", vsm.DefaultDaysPerWeek, "working days in a week")
	fs.Float64Var(&s.demand, "demand-per-day", 0, "items the customer pulls per working day (0: unknown)")
}

func (s *stageFlags) calendar() vsm.Calendar {
	return vsm.Calendar{HoursPerDay: s.hoursPerDay, DaysPerWeek: s.daysPerWeek}
}
