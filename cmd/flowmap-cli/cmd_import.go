package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"flowmap/vsm"
	"flowmap/vsm/store"
)

func init() { register(newImportCmd) }

func newImportCmd(e env) *cobra.Command {
	e.command = "import"
	var (
		name, db string
		sf       stageFlags
		ef       eventFlags
	)
	c := &cobra.Command{
		Use:   "import [--name NAME] [flags] FILE",
		Short: "store a stage sheet, event log or map file as a map",
		Long: `Stores a stage sheet (.xlsx, .csv), an event log (told by its header) or a map
file (.flowmap.json) as a map and prints its name. A log whose map exists already
adds a measurement to it. Names are stored without control characters; the
reader's warnings go to stderr.`,
		Example: `  flowmap-cli import team-a.xlsx --name "Team A"`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("import needs exactly one FILE, got %d", len(args))
			}
			path, fs := args[0], c.Flags()
			m, fromLog, warnings, err := readImport(path, &sf, &ef, fs)
			if err != nil {
				return err
			}
			warnAll(e, warnings)
			if name != "" {
				m.Name = vsm.CleanName(name)
			}
			return withStore(db, e, func(s *store.DB) error {
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
		},
	}
	f := c.Flags()
	f.StringVar(&name, "name", "", "the name of the new map (default: from the file or its content)")
	dbFlag(f, &db)
	sf.register(f)
	ef.register(f)
	return c
}

// readImport reads a map file, an event log or a stage sheet. fromLog says
// the map was measured from an event log. Event logs are tried first: an
// interval log's "stage" column would otherwise pass for a stage sheet.
func readImport(path string, sf *stageFlags, ef *eventFlags, fs flagChecker) (*vsm.Map, bool, []string, error) {
	if isMapFile(path) {
		m, warnings, err := readStageData(path, sf, fs)
		return m, false, warnings, err
	}
	m, err := readEventMap(path, ef, sf)
	if err == nil {
		return m, true, nil, nil
	}
	if !notAnEventLog(err) {
		return nil, false, nil, err
	}
	m, warnings, err := readStageData(path, sf, fs)
	return m, false, warnings, err
}

// mergeMeasured is old with the log at path merged in by the app's rule
// (vsm.Map.MergeMeasured): the measured wait, process time and %C&A of the
// stages, a measurement of the map so updated; people, teams, waste, notes
// and stages the log lacks stay. Like the app, it measures the log on the
// map's working day unless --hours-per-day says otherwise.
func mergeMeasured(old, measured *vsm.Map, path string, sf *stageFlags, ef *eventFlags, fs flagChecker) (*vsm.Map, error) {
	if hours := old.Calendar.OrDefault().HoursPerDay; !fs.Changed("hours-per-day") && hours != sf.hoursPerDay {
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
