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

// Options are what cmd/flowmap passes to New.
type Options struct {
	Store   MapStore
	Version string // shown in the About dialog; "" reads "dev"
}

// BackupChoice is one automatic backup of the store a person may restore.
type BackupChoice struct {
	Path string
	Time time.Time
	Size int64
}
