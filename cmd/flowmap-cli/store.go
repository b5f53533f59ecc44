package main

import (
	"errors"
	"flag"
	"fmt"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

// dbFlag registers --db on a command.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "the store file (default: $FLOWMAP_DB, else the desktop app's own store)")
}

// storePath is --db, else FLOWMAP_DB, else the desktop app's default store.
func storePath(db string, e env) (string, error) {
	if db != "" {
		return db, nil
	}
	if p := e.getenv("FLOWMAP_DB"); p != "" {
		return p, nil
	}
	return store.DefaultPath()
}

func openStore(db string, e env) (*store.DB, error) {
	p, err := storePath(db, e)
	if err != nil {
		return nil, err
	}
	return store.Open(p)
}

// withStore opens the store, runs f and closes the store, reporting the first error.
func withStore(db string, e env, f func(s *store.DB) error) (err error) {
	s, err := openStore(db, e)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	return f(s)
}

// getMap finds a stored map by name. When there is none, the error lists the
// names there are; any other error (a stored map that fails validation, a
// damaged file) is passed on as the store says it.
func getMap(s *store.DB, name string) (*vsm.Map, error) {
	m, err := s.GetByName(name)
	if err == nil {
		return m, nil
	}
	if !errors.Is(err, vsm.ErrNotFound) {
		return nil, err
	}
	infos, lerr := s.List()
	if lerr != nil || len(infos) == 0 {
		return nil, fmt.Errorf("no map named %q in %s", name, s.Path())
	}
	names := make([]string, len(infos))
	for i, in := range infos {
		names[i] = fmt.Sprintf("%q", in.Name)
	}
	return nil, fmt.Errorf("no map named %q in %s (there are %s)", name, s.Path(), joinNames(names))
}

func joinNames(names []string) string {
	const most = 8
	if len(names) > most {
		return fmt.Sprintf("%s and %d more", joinNames(names[:most]), len(names)-most)
	}
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}
