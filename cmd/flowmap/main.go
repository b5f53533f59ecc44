// Command flowmap is the desktop app: it opens the map store and shows the
// editor window. Usage: flowmap [--db PATH] [FILE]
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"flowmap/assets"
	"flowmap/internal/desktop"
	"flowmap/ui"
	"flowmap/vsm/store"
)

// Version is set when building a release: -ldflags "-X main.Version=1.2.0".
var Version = "dev"

// The store is what the window edits; keep the two in step.
var _ ui.MapStore = (*store.DB)(nil)

func main() {
	flags := flag.NewFlagSet("flowmap", flag.ExitOnError)
	dbFlag := flags.String("db", "", "the map store file (default $FLOWMAP_DB, else flowmap/flowmap.db in your config folder)")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "Usage: flowmap [--db PATH] [FILE]\n\nOpens the Flowmap window; FILE is a map file or sheet to import and open.")
		flags.PrintDefaults()
	}
	_ = flags.Parse(os.Args[1:])
	if flags.NArg() > 1 {
		flags.Usage()
		os.Exit(2)
	}
	path, err := storePath(*dbFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "flowmap:", err)
		os.Exit(1)
	}

	desktop.Prepare("io.flowmap.app")
	a := app.NewWithID("io.flowmap.app")
	a.SetIcon(assets.Icon)
	w := a.NewWindow("Flowmap")
	w.SetMaster()
	var db *store.DB
	var editor *ui.App
	start := func() error {
		d, err := store.Open(path)
		if err != nil {
			return err
		}
		db = d
		editor = openEditor(a, w, d, flags.Arg(0))
		return nil
	}
	if err := start(); err != nil {
		showProblem(a, w, path, err, start)
	}
	desktop.OnTerminate(func() {
		if editor != nil {
			editor.Quit() // keeps what is typed; closing the store writes the backup
			return
		}
		a.Quit()
	})

	w.ShowAndRun()
	if db != nil {
		if err := db.Close(); err != nil {
			log.Printf("flowmap: closing the store: %v", err)
			os.Exit(1)
		}
	}
}

// openEditor fills w with the map editor on st and every screen beside it.
// file, named on the command line ("" for none), goes through the import
// like a file from the menu or one dropped on the window.
func openEditor(fa fyne.App, w fyne.Window, st *store.DB, file string) *ui.App {
	editor := ui.New(fa, w, ui.Options{Store: st, Version: Version})
	im := wireScreens(editor, st)
	if file != "" {
		im.Open(file) // last: it may open a map at once
	}
	return editor
}

// storePath is --db, else $FLOWMAP_DB, else the default store.
func storePath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("FLOWMAP_DB"); env != "" {
		return env, nil
	}
	return store.DefaultPath()
}

// showProblem explains a store that would not open, offering its backups.
func showProblem(a fyne.App, w fyne.Window, path string, err error, reopen func() error) {
	list, lerr := store.Backups(path)
	if lerr != nil {
		log.Printf("flowmap: %v", lerr)
	}
	var backups []ui.BackupChoice
	for _, b := range list {
		backups = append(backups, ui.BackupChoice{Path: b.Path, Time: b.Time, Size: b.Size})
	}
	ui.ShowStoreProblem(w, ui.StoreProblem{
		Path:    path,
		Err:     err,
		Locked:  errors.Is(err, store.ErrLocked),
		Damaged: errors.Is(err, store.ErrDamaged),
		Backups: backups,
		Restore: func(b ui.BackupChoice) error { return store.RestoreBackup(path, b.Path) },
		Reopen:  reopen,
		Quit:    a.Quit,
	})
}
