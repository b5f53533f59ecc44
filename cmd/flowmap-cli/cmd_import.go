package main

import (
	"errors"
	"flag"
	"fmt"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

func cmdImport(args []string, e env) error {
	fs := newFlags("import", "[--name NAME] [flags] FILE", e)
	name := fs.String("name", "", "the name of the new map (default: from the file or its content)")
	db := dbFlag(fs)
	var sf stageFlags
	sf.register(fs)
	var ef eventFlags
	ef.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import needs exactly one FILE (flags go before it)")
	}
	path := fs.Arg(0)
	m, fromLog, err := readImport(path, &sf, &ef, fs)
	if err != nil {
		return err
	}
	if *name != "" {
		m.Name = *name
	}
	return withStore(*db, e, func(s *store.DB) error {
		if fromLog {
			// A log names a map by its file; the next export of the same tracker
			// extends that map's history rather than making a new map.
			old, err := s.GetByName(m.Name)
			switch {
			case err == nil:
				updated, err := mergeMeasured(old, m, path, &sf, &ef, fs)
				if err != nil {
					return err
				}
				if err := s.Save(updated); err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, updated.Name)
				return nil
			case !errors.Is(err, vsm.ErrNotFound):
				return err // the map is there but cannot be read: say why
			}
		}
		created, err := s.Create(m)
		if errors.Is(err, store.ErrNameTaken) {
			return fmt.Errorf("a map named %q already exists: choose another with --name", m.Name)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, created.Name)
		return nil
	})
}

// readImport reads a map file, an event log or a stage sheet. fromLog says
// the map was measured from an event log. Event logs are tried first: an
// interval log's "stage" column would otherwise pass for a stage sheet.
func readImport(path string, sf *stageFlags, ef *eventFlags, fs flagVisitor) (*vsm.Map, bool, error) {
	if isMapFile(path) {
		m, err := readStageData(path, sf, fs)
		return m, false, err
	}
	m, err := readEventMap(path, ef, sf)
	if err == nil {
		return m, true, nil
	}
	if !notAnEventLog(err) {
		return nil, false, err
	}
	m, err = readStageData(path, sf, fs)
	return m, false, err
}

// mergeMeasured is old with the log at path merged in by the app's rule
// (vsm.Map.MergeMeasured): the measured wait, process time and %C&A of the
// stages, a measurement of the map so updated; people, teams, waste, notes
// and stages the log lacks stay. Like the app, it measures the log on the
// map's working day unless --hours-per-day says otherwise.
func mergeMeasured(old, measured *vsm.Map, path string, sf *stageFlags, ef *eventFlags, fs flagVisitor) (*vsm.Map, error) {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "hours-per-day" })
	if hours := old.Calendar.OrDefault().HoursPerDay; !given && hours != sf.hoursPerDay {
		onMapDay := *sf
		onMapDay.hoursPerDay = hours
		var err error
		if measured, err = readEventMap(path, ef, &onMapDay); err != nil {
			return nil, err
		}
	}
	m := old.Clone()
	if err := m.MergeMeasured(measured); err != nil {
		return nil, err
	}
	return m, nil
}
