package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"flowmap/vsm"
)

// errNameTaken is the fake store's refusal of a name another map has.
var errNameTaken = errors.New("name is taken")

// fakeStore is an in-memory MapStore that keeps deep copies, so the app
// cannot reach into it, and counts saves for assertions.
type fakeStore struct {
	maps     map[string]*vsm.Map
	order    []string
	current  string
	next     int
	saves    int
	failSave error // when set, Save fails with it
	clock    time.Time
}

func newFakeStore(maps ...*vsm.Map) *fakeStore {
	s := &fakeStore{maps: map[string]*vsm.Map{}, clock: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	for _, m := range maps {
		if _, err := s.Create(m); err != nil {
			panic(err)
		}
	}
	return s
}

func (s *fakeStore) nameTaken(name, except string) bool {
	for id, m := range s.maps {
		if id != except && strings.EqualFold(strings.TrimSpace(m.Name), strings.TrimSpace(name)) {
			return true
		}
	}
	return false
}

func (s *fakeStore) List() ([]vsm.MapInfo, error) {
	var out []vsm.MapInfo
	for _, id := range s.order {
		m := s.maps[id]
		out = append(out, vsm.MapInfo{ID: id, Name: m.Name, Stages: len(m.Stages), Updated: m.Updated})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (s *fakeStore) Get(id string) (*vsm.Map, error) {
	m, ok := s.maps[id]
	if !ok {
		return nil, fmt.Errorf("map %s: not found", id)
	}
	return m.Clone(), nil
}

func (s *fakeStore) Create(m *vsm.Map) (*vsm.Map, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if s.nameTaken(m.Name, "") {
		return nil, fmt.Errorf("a map named %q exists: %w", m.Name, errNameTaken)
	}
	s.next++
	c := m.Clone()
	c.ID = fmt.Sprintf("m%d", s.next)
	c.Created, c.Updated = s.clock, s.clock
	s.maps[c.ID] = c
	s.order = append(s.order, c.ID)
	return c.Clone(), nil
}

func (s *fakeStore) Save(m *vsm.Map) error {
	if s.failSave != nil {
		return s.failSave
	}
	if _, ok := s.maps[m.ID]; !ok {
		return fmt.Errorf("map %s: not found", m.ID)
	}
	if err := m.Validate(); err != nil {
		return err
	}
	s.saves++
	// As the real store: every save is stamped, a minute after the last.
	s.clock = s.clock.Add(time.Minute)
	m.Updated = s.clock
	s.maps[m.ID] = m.Clone()
	return nil
}

func (s *fakeStore) Rename(id, name string) error {
	m, ok := s.maps[id]
	if !ok {
		return fmt.Errorf("map %s: not found", id)
	}
	if s.nameTaken(name, id) {
		return fmt.Errorf("a map named %q exists: %w", name, errNameTaken)
	}
	m.Name = name
	return nil
}

func (s *fakeStore) Duplicate(id, name string) (*vsm.Map, error) {
	m, ok := s.maps[id]
	if !ok {
		return nil, fmt.Errorf("map %s: not found", id)
	}
	c := m.Clone()
	if name == "" {
		name = m.Name + " (copy)"
	}
	c.Name = name
	return s.Create(c)
}

func (s *fakeStore) Delete(id string) error {
	if _, ok := s.maps[id]; !ok {
		return fmt.Errorf("map %s: not found", id)
	}
	delete(s.maps, id)
	for i, x := range s.order {
		if x == id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	if s.current == id {
		s.current = ""
	}
	return nil
}

func (s *fakeStore) Current() (string, error) { return s.current, nil }

func (s *fakeStore) SetCurrent(id string) error {
	if _, ok := s.maps[id]; !ok {
		return fmt.Errorf("map %s: not found", id)
	}
	s.current = id
	return nil
}

// stored is the map as the store holds it.
func (s *fakeStore) stored(id string) *vsm.Map { return s.maps[id].Clone() }
