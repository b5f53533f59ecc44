package importui

import (
	"errors"
	"fmt"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// askNewName asks for the new map's name and creates it; a taken name keeps
// the dialog open and says so.
func (p *preview) askNewName() {
	if !p.importable() {
		return
	}
	hint := fmt.Sprintf("%s on a %s-hour, %s-day week.", plural(len(p.sh.Stages), "stage"), uikit.Number(p.cal.HoursPerDay), uikit.Number(p.cal.DaysPerWeek))
	uikit.AskName(p.im.host.Window(), uikit.NameRequest{
		Title: "Import as a new map", Confirm: "Import", Initial: nameFromFile(p.path),
		Label: "Name of the new map", Hint: hint, Width: 420,
	}, func(name string) error {
		created, err := p.createMap(name)
		if err != nil {
			return err
		}
		p.close()
		p.im.host.OpenMap(created.ID)
		return nil
	})
}

// createMap builds the map and stores it.
func (p *preview) createMap(name string) (*vsm.Map, error) {
	m, err := p.sh.Map(name)
	if err != nil {
		return nil, err
	}
	m.Name = name
	created, err := p.im.deps.Store.Create(m)
	if errors.Is(err, ErrNameTaken) {
		return nil, fmt.Errorf("a map named “%s” already exists: choose another name, or open that map and use Update", name)
	}
	if err != nil {
		return nil, fmt.Errorf("import as %q: %w", name, err)
	}
	return created, nil
}
