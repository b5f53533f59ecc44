package ui

import (
	"time"

	"flowmap/vsm"
)

// MapStore is what the desktop app needs from persistence. vsm/store's *DB
// satisfies it; cmd/flowmap checks that at compile time.
type MapStore interface {
	List() ([]vsm.MapInfo, error)
	Get(id string) (*vsm.Map, error)
	Create(m *vsm.Map) (*vsm.Map, error)         // assigns ID; fails when the name is taken
	Save(m *vsm.Map) error                       // by m.ID; validates
	Rename(id, name string) error                // fails when the name is taken
	Duplicate(id, name string) (*vsm.Map, error) // name "" means "<name> (copy)"
	Delete(id string) error
	Current() (string, error) // the map open when the app last closed; "" if none
	SetCurrent(id string) error
}

// Importer reads the file a person names (a spreadsheet, an event log, a
// .flowmap.json file) into a new map. The import feature supplies it.
type Importer func(path string) (*vsm.Map, error)

// Options are what cmd/flowmap passes to New.
type Options struct {
	Store    MapStore
	Importer Importer // nil: opening a file says import is not available
	OpenFile string   // a file named on the command line, imported as a new map at start
	Version  string   // shown in the About dialog; "" reads "dev"
}

// BackupChoice is one automatic backup of the store a person may restore.
type BackupChoice struct {
	Path string
	Time time.Time
	Size int64
}
