package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"flowmap/internal/atomicfile"
	"flowmap/vsm"
	"flowmap/vsm/store"
)

func cmdList(args []string, e env) error {
	fs := newFlags("list", "[--json]", e)
	asJSON := fs.Bool("json", false, "print the list as JSON")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments, got %q", fs.Arg(0))
	}
	return withStore(*db, e, func(s *store.DB) error {
		infos, err := s.List()
		if err != nil {
			return err
		}
		if *asJSON {
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
			return printJSON(e, doc)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSTAGES\tUPDATED")
		for _, in := range infos {
			fmt.Fprintf(tw, "%s\t%d\t%s\n", in.Name, in.Stages, in.Updated.Local().Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	})
}

func printJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func cmdExport(args []string, e env) error {
	fs := newFlags("export", "--map NAME --out FILE.flowmap.json", e)
	name := fs.String("map", "", "the map to export (required)")
	out := fs.String("out", "", "the file to write (required)")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" || *out == "" {
		return usagef("export needs --map NAME and --out FILE")
	}
	if fs.NArg() > 0 {
		return usagef("export takes no arguments, got %q", fs.Arg(0))
	}
	return withStore(*db, e, func(s *store.DB) error {
		m, err := getMap(s, *name)
		if err != nil {
			return err
		}
		data, err := vsm.EncodeMapFile(m)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteBytes(*out, data); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, *out)
		return nil
	})
}

func cmdRestoreBackup(args []string, e env) error {
	fs := newFlags("restore-backup", "[BACKUP | N]", e)
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	p, err := storePath(*db, e)
	if err != nil {
		return err
	}
	backups, err := store.Backups(p)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
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
	if fs.NArg() > 1 {
		return usagef("restore-backup takes one backup, got %d arguments", fs.NArg())
	}
	choice := fs.Arg(0)
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
