package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"flowmap/internal/atomicfile"
	"flowmap/vsm"
	"flowmap/vsm/store"
)

func init() { register(newListCmd) }

func newListCmd(e env) *cobra.Command {
	e.command = "list"
	var (
		asJSON bool
		db     string
	)
	c := &cobra.Command{
		Use:   "list [--json]",
		Short: "list the maps in the store",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("list takes no arguments, got %q", args[0])
			}
			return withStore(db, e, func(s *store.DB) error {
				infos, err := s.List()
				if err != nil {
					return err
				}
				if asJSON {
					return printJSON(e, listDocument(infos))
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tSTAGES\tUPDATED")
				for _, in := range infos {
					fmt.Fprintf(tw, "%s\t%d\t%s\n", cell(in.Name, nameWidth), in.Stages, in.Updated.Local().Format("2006-01-02 15:04"))
				}
				return tw.Flush()
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the list as JSON")
	dbFlag(c.Flags(), &db)
	return c
}

// listDocument is the `list --json` document of shared/cli.md.
func listDocument(infos []store.MapInfo) any {
	type entry struct {
		Name    string `json:"name"`
		Stages  int    `json:"stages"`
		Updated string `json:"updated"`
	}
	doc := struct {
		Maps []entry `json:"maps"`
	}{Maps: []entry{}}
	for _, in := range infos {
		doc.Maps = append(doc.Maps, entry{in.Name, in.Stages, in.Updated.UTC().Format(time.RFC3339)})
	}
	return doc
}

func printJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func init() { register(newExportCmd) }

func newExportCmd(e env) *cobra.Command {
	e.command = "export"
	var name, out, db string
	c := &cobra.Command{
		Use:   "export --map NAME --out FILE.flowmap.json",
		Short: "write a stored map as a .flowmap.json file",
		Long: `Writes a stored map as a portable .flowmap.json file, whole or not at all. The
file may not be the store, one of its backups, a folder or a special file.`,
		RunE: func(_ *cobra.Command, args []string) error {
			if name == "" || out == "" {
				return usagef("export needs --map NAME and --out FILE")
			}
			if len(args) > 0 {
				return usagef("export takes no arguments, got %q", args[0])
			}
			if err := checkOutput("--out", out, db, e); err != nil {
				return err
			}
			return withStore(db, e, func(s *store.DB) error {
				m, err := getMap(s, name)
				if err != nil {
					return err
				}
				data, err := vsm.EncodeMapFile(m)
				if err != nil {
					return err
				}
				if err := atomicfile.WriteBytes(out, data); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, out)
				return nil
			})
		},
	}
	mapFlags(c, &name, &db, "the map to export (required)", e)
	c.Flags().StringVar(&out, "out", "", "the file to write (required)")
	return c
}

func init() { register(newRestoreBackupCmd) }

func newRestoreBackupCmd(e env) *cobra.Command {
	e.command = "restore-backup"
	var db string
	c := &cobra.Command{
		Use:   "restore-backup [BACKUP | N]",
		Short: "list the store's backups, or put one back",
		Long: `Without an argument, lists the automatic backups of the store, newest first. With
N (from that list) or a backup file, puts it back; the replaced store is kept
beside it under a new name.`,
		RunE: func(_ *cobra.Command, args []string) error { return restoreBackup(args, db, e) },
	}
	dbFlag(c.Flags(), &db)
	return c
}

func restoreBackup(args []string, db string, e env) error {
	p, err := storePath(db, e)
	if err != nil {
		return err
	}
	backups, err := store.Backups(p)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		if len(backups) == 0 {
			fmt.Fprintf(e.stdout, "no backups of %s yet (one is written when a session that changed something ends)\n", p)
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "N\tTAKEN\tSIZE\tFILE")
		for i, b := range backups {
			fmt.Fprintf(tw, "%d\t%s\t%d KB\t%s\n", i+1, b.Time.Local().Format("2006-01-02 15:04:05"), (b.Size+1023)/1024, b.Path)
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\nRestore one with: flowmap-cli restore-backup N")
		return nil
	}
	if len(args) > 1 {
		return usagef("restore-backup takes one backup, got %d arguments", len(args))
	}
	choice := args[0]
	backup := choice
	if n, err := strconv.Atoi(choice); err == nil {
		if n < 1 || n > len(backups) {
			return fmt.Errorf("there is no backup %d (there are %d; run restore-backup without arguments to list them)", n, len(backups))
		}
		backup = backups[n-1].Path
	} else if _, err := os.Stat(choice); err != nil {
		return fmt.Errorf("%s: %w", choice, err)
	}
	if err := store.RestoreBackup(p, backup); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", p, filepath.Base(backup))
	return nil
}
