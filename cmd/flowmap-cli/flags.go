package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// goStyleFlags rewrites flags written with one dash (-json, -db=x), as the
// standard flag package read them before the move to pflag, to pflag's two
// dashes, so scripts written for earlier versions keep working. Only names
// the command knows are rewritten, an argument that a flag takes as its value
// (--name -draft) is left alone, and nothing after "--" is touched. No flag
// here has a one-letter form besides -h, so -json cannot mean -j -s -o -n.
func goStyleFlags(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil {
		cmd = root
	}
	lookup := func(name string) *pflag.Flag {
		if name == "help" || name == "version" && cmd == root {
			return &pflag.Flag{Name: name, NoOptDefVal: "true"} // added by cobra when it runs
		}
		if f := cmd.Flags().Lookup(name); f != nil {
			return f
		}
		return cmd.InheritedFlags().Lookup(name)
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' {
			if name, _, _ := strings.Cut(a[1:], "="); lookup(name) != nil {
				a = "-" + a
			}
		}
		out = append(out, a)
		if !strings.HasPrefix(a, "--") {
			continue
		}
		name, _, hasValue := strings.Cut(a[2:], "=")
		if f := lookup(name); f != nil && f.NoOptDefVal == "" && !hasValue && i+1 < len(args) {
			i++
			out = append(out, args[i]) // the flag's value, whatever it looks like
		}
	}
	return out
}
