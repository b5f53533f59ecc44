package store

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"flowmap/vsm"
)

// MapInfo is one line of the store's list of maps (the domain's vsm.MapInfo,
// so the UI can declare its store interface without importing this package).
type MapInfo = vsm.MapInfo

// info is the value of info/<id>: what List shows without decoding the map.
type info struct {
	Name    string    `json:"name"`
	Stages  int       `json:"stages"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

func decodeInfo(v []byte) (info, error) {
	var in info
	err := json.Unmarshal(v, &in)
	return in, err
}

// now is the time stamp of a change: UTC, whole seconds, which is what the
// map file and `list --json` show.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// newID is 16 hex characters from crypto/rand, unused in tx.
func newID(tx *bbolt.Tx) (string, error) {
	for {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("making a map ID: %w", err)
		}
		id := hex.EncodeToString(b[:])
		if tx.Bucket(bucketMaps).Get([]byte(id)) == nil {
			return id, nil
		}
	}
}

// putMap writes maps/<id> and info/<id> together.
func putMap(tx *bbolt.Tx, id string, m *vsm.Map) error {
	separate, err := putMeasurements(tx, id, m.Measurements)
	if err != nil {
		return fmt.Errorf("storing map %q: %w", m.Name, err)
	}
	doc := m
	if separate {
		c := *m
		c.Measurements = nil
		doc = &c
	}
	data, err := vsm.EncodeMapFile(doc)
	if err != nil {
		return err
	}
	in, err := json.Marshal(info{Name: m.Name, Stages: len(m.Stages), Created: m.Created, Updated: m.Updated})
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketMaps).Put([]byte(id), data); err != nil {
		return fmt.Errorf("storing map %q: %w", m.Name, err)
	}
	if err := tx.Bucket(bucketInfo).Put([]byte(id), in); err != nil {
		return fmt.Errorf("storing map %q: %w", m.Name, err)
	}
	return nil
}

// getMap decodes maps/<id>; the bytes are only valid inside tx.
func (db *DB) getMap(tx *bbolt.Tx, id string) (*vsm.Map, error) {
	v := tx.Bucket(bucketMaps).Get([]byte(id))
	if v == nil {
		return nil, db.notFoundID(id)
	}
	m, err := vsm.DecodeMapFile(v)
	switch {
	case errors.Is(err, vsm.ErrInvalid):
		// The map is there: say which and what is wrong with it, so no caller
		// mistakes it for a missing map (it wraps ErrInvalid, not ErrNotFound).
		return nil, fmt.Errorf("%s: map %s is stored but holds a value Flowmap does not accept: %w", db.path, db.mapLabel(tx, id), err)
	case err != nil:
		return nil, damaged(db.path, fmt.Sprintf("map %s cannot be read", id), err)
	}
	ms, err := getMeasurements(tx, id)
	if err != nil {
		return nil, damaged(db.path, fmt.Sprintf("the measurements of map %s cannot be read", id), err)
	}
	if ms != nil {
		m.Measurements = ms
	}
	m.ID = id
	return m, nil
}

// mapLabel names map id for a message: its name from the list entry and its
// ID, or the ID alone when the entry cannot be read.
func (db *DB) mapLabel(tx *bbolt.Tx, id string) string {
	if in, err := decodeInfo(tx.Bucket(bucketInfo).Get([]byte(id))); err == nil && in.Name != "" {
		return fmt.Sprintf("%q (ID %s)", in.Name, id)
	}
	return id
}

// eachInfo calls fn for every info entry, in ID order.
func (db *DB) eachInfo(tx *bbolt.Tx, fn func(id string, in info) error) error {
	return tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
		in, err := decodeInfo(v)
		if err != nil {
			return damaged(db.path, fmt.Sprintf("the list entry of map %s cannot be read", k), err)
		}
		return fn(string(k), in)
	})
}

// checkName returns ErrNameTaken when a map other than self already has name,
// ignoring case and surrounding spaces.
func (db *DB) checkName(tx *bbolt.Tx, name, self string) error {
	return db.eachInfo(tx, func(id string, in info) error {
		if id != self && sameName(in.Name, name) {
			return fmt.Errorf("map name %q: %w", name, ErrNameTaken)
		}
		return nil
	})
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

func (db *DB) notFoundID(id string) error {
	return fmt.Errorf("%s: map ID %q: %w", db.path, id, ErrNotFound)
}

// validate checks m with the domain rules, naming the map in the error.
func validate(m *vsm.Map) error {
	if err := m.Validate(); err != nil {
		if strings.TrimSpace(m.Name) == "" {
			return err
		}
		return fmt.Errorf("map %q: %w", m.Name, err)
	}
	return nil
}

// List is every map's ID, name, stage count and last change, sorted by name
// ignoring case (then by exact name and ID, so the order is stable).
func (db *DB) List() ([]MapInfo, error) {
	var list []MapInfo
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return db.eachInfo(tx, func(id string, in info) error {
			list = append(list, MapInfo{ID: id, Name: in.Name, Stages: in.Stages, Updated: in.Updated})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := strings.ToLower(list[i].Name), strings.ToLower(list[j].Name)
		if a != b {
			return a < b
		}
		if list[i].Name != list[j].Name {
			return list[i].Name < list[j].Name
		}
		return list[i].ID < list[j].ID
	})
	return list, nil
}

// Get is the map with this ID, with m.ID set.
func (db *DB) Get(id string) (*vsm.Map, error) {
	var m *vsm.Map
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		m, err = db.getMap(tx, id)
		return err
	})
	return m, err
}

// GetByName is the map with exactly this name (surrounding spaces ignored),
// or else the one whose name matches ignoring case.
func (db *DB) GetByName(name string) (*vsm.Map, error) {
	var m *vsm.Map
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		want := strings.TrimSpace(name)
		var exact, folded string
		err := db.eachInfo(tx, func(id string, in info) error {
			got := strings.TrimSpace(in.Name)
			switch {
			case got == want && exact == "":
				exact = id
			case strings.EqualFold(got, want) && folded == "":
				folded = id
			}
			return nil
		})
		if err != nil {
			return err
		}
		id := exact
		if id == "" {
			id = folded
		}
		if id == "" {
			return fmt.Errorf("%s: map %q: %w", db.path, name, ErrNotFound)
		}
		m, err = db.getMap(tx, id)
		return err
	})
	return m, err
}

// Create stores a copy of m as a new map and returns that copy with its new
// ID. Updated is now; Created is now unless m already has one (a map imported
// from a file keeps its history). The name is trimmed of surrounding spaces
// and must be unique (ErrNameTaken); the map must pass m.Validate. m itself is
// not changed.
func (db *DB) Create(m *vsm.Map) (*vsm.Map, error) {
	c := m.Clone()
	c.Name = strings.TrimSpace(c.Name)
	t := now()
	if c.Created.IsZero() {
		c.Created = t
	}
	c.Updated = t
	if err := validate(c); err != nil {
		return nil, err
	}
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		if err := db.checkName(tx, c.Name, ""); err != nil {
			return err
		}
		id, err := newID(tx)
		if err != nil {
			return err
		}
		c.ID = id
		return putMap(tx, id, c)
	})
	if err != nil {
		return nil, err
	}
	db.changed.Store(true)
	return c, nil
}

// Save stores m over the map with ID m.ID (ErrNotFound when there is none).
// The map must pass m.Validate and its name, trimmed, must not be another
// map's (ErrNameTaken). On success m.Updated is now, m.Name is trimmed, and a
// zero m.Created is filled from the stored map.
func (db *DB) Save(m *vsm.Map) error {
	c := m.Clone()
	c.Name = strings.TrimSpace(c.Name)
	c.Updated = now()
	if err := validate(c); err != nil {
		return err
	}
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		iv := tx.Bucket(bucketInfo).Get([]byte(c.ID))
		if c.ID == "" || iv == nil {
			return db.notFoundID(c.ID)
		}
		if c.Created.IsZero() {
			in, err := decodeInfo(iv)
			if err != nil {
				return damaged(db.path, fmt.Sprintf("the list entry of map %s cannot be read", c.ID), err)
			}
			c.Created = in.Created
		}
		if err := db.checkName(tx, c.Name, c.ID); err != nil {
			return err
		}
		return putMap(tx, c.ID, c)
	})
	if err != nil {
		return err
	}
	m.Name, m.Created, m.Updated = c.Name, c.Created, c.Updated
	db.changed.Store(true)
	return nil
}

// Rename gives the map with this ID a new name (trimmed; unique, else
// ErrNameTaken) and marks it updated.
func (db *DB) Rename(id, name string) error {
	name = strings.TrimSpace(name)
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		m, err := db.getMap(tx, id)
		if err != nil {
			return err
		}
		m.Name = name
		if err := validate(m); err != nil {
			return err
		}
		if err := db.checkName(tx, name, id); err != nil {
			return err
		}
		m.Updated = now()
		return putMap(tx, id, m)
	})
	if err != nil {
		return err
	}
	db.changed.Store(true)
	return nil
}

// Duplicate copies the map with this ID under a new ID and returns the copy.
// With name "" the copy is named "<name> (copy)", or "(copy 2)", "(copy 3)",
// ... whichever is free first; a given name must be free (ErrNameTaken).
func (db *DB) Duplicate(id, name string) (*vsm.Map, error) {
	name = strings.TrimSpace(name)
	var c *vsm.Map
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		src, err := db.getMap(tx, id)
		if err != nil {
			return err
		}
		if name == "" {
			if name, err = db.copyName(tx, src.Name); err != nil {
				return err
			}
		} else if err := db.checkName(tx, name, ""); err != nil {
			return err
		}
		c = src.Clone()
		c.Name = name
		if err := validate(c); err != nil {
			return err
		}
		t := now()
		c.Created, c.Updated = t, t
		if c.ID, err = newID(tx); err != nil {
			return err
		}
		return putMap(tx, c.ID, c)
	})
	if err != nil {
		return nil, err
	}
	db.changed.Store(true)
	return c, nil
}

// copyName is the first free name of "<name> (copy)", "<name> (copy 2)", ...
func (db *DB) copyName(tx *bbolt.Tx, name string) (string, error) {
	var names []string
	if err := db.eachInfo(tx, func(_ string, in info) error {
		names = append(names, in.Name)
		return nil
	}); err != nil {
		return "", err
	}
	taken := func(n string) bool {
		for _, x := range names {
			if sameName(x, n) {
				return true
			}
		}
		return false
	}
	// At most len(names)+1 candidates can be tried before one is free.
	for i := 1; ; i++ {
		n := name + " (copy)"
		if i > 1 {
			n = fmt.Sprintf("%s (copy %d)", name, i)
		}
		if !taken(n) {
			return n, nil
		}
	}
}

// Delete removes the map with this ID (ErrNotFound when there is none); when
// it was the current map, there is no current map afterwards.
func (db *DB) Delete(id string) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		k := []byte(id)
		if tx.Bucket(bucketMaps).Get(k) == nil {
			return db.notFoundID(id)
		}
		if err := tx.Bucket(bucketMaps).Delete(k); err != nil {
			return err
		}
		if err := tx.Bucket(bucketInfo).Delete(k); err != nil {
			return err
		}
		if err := deleteMeasurements(tx, id); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if string(meta.Get(keyCurrent)) == id {
			return meta.Delete(keyCurrent)
		}
		return nil
	})
	if err != nil {
		return err
	}
	db.changed.Store(true)
	return nil
}

// Current is the ID of the map last opened in the app, or "" when there is
// none or it was deleted.
func (db *DB) Current() (string, error) {
	var id string
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyCurrent)
		if v != nil && tx.Bucket(bucketMaps).Get(v) != nil {
			id = string(v)
		}
		return nil
	})
	return id, err
}

// SetCurrent records the map opened in the app ("" for none); the map must
// exist (ErrNotFound). Only maps count as changes for backups, so switching
// maps alone does not write one.
func (db *DB) SetCurrent(id string) error {
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if id == "" {
			return meta.Delete(keyCurrent)
		}
		if tx.Bucket(bucketMaps).Get([]byte(id)) == nil {
			return db.notFoundID(id)
		}
		if string(meta.Get(keyCurrent)) == id {
			return nil
		}
		return meta.Put(keyCurrent, []byte(id))
	})
}
