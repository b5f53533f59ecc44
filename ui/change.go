package ui

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"flowmap/vsm"
)

// Every change to the open map goes through App.change: applied to a copy,
// validated, saved, and only then shown, with the map as it was on the undo
// stack. Undo and redo put whole-map snapshots back.

// history is one map's undo and redo stacks of whole-map snapshots.
type history struct {
	undo, redo []snapshot
}

type snapshot struct {
	m     *vsm.Map
	label string // what the change did, for the status line
	sel   int
}

// maxUndo bounds memory: a 200-stage map is about 60 kB per snapshot.
const maxUndo = 500

func (a *App) history() *history {
	h := a.hist[a.cur.ID]
	if h == nil {
		h = &history{}
		a.hist[a.cur.ID] = h
	}
	return h
}

// errNoMap is returned by edits while no map is open.
var errNoMap = errors.New("no map is open: create one with New map")

// change applies mutate to a copy of the open map, validates it, saves it and
// only then makes it the open map, with the old state on the undo stack. When
// anything fails, nothing changes and the error says why.
func (a *App) change(label string, force bool, mutate func(m *vsm.Map) error) error {
	if a.cur == nil {
		return errNoMap
	}
	next := a.cur.Clone()
	if err := mutate(next); err != nil {
		return err
	}
	if reflect.DeepEqual(next, a.cur) {
		return nil // nothing changed: no save, no undo step
	}
	if err := next.Validate(); err != nil {
		return err
	}
	if err := a.persist(a.cur, next); err != nil {
		return err
	}
	h := a.history()
	h.undo = append(h.undo, snapshot{m: a.cur, label: label, sel: a.sel})
	if len(h.undo) > maxUndo {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-maxUndo)
	}
	h.redo = nil
	a.cur = next
	a.refresh(force)
	a.setStatus("Saved: "+label+".", false)
	return nil
}

// persist writes next over old in the store: a new name first (the store
// refuses a name another map has), then the whole map.
func (a *App) persist(old, next *vsm.Map) error {
	renamed := strings.TrimSpace(next.Name) != strings.TrimSpace(old.Name)
	if renamed {
		if err := a.st.Rename(next.ID, next.Name); err != nil {
			return fmt.Errorf("rename to %q: %w", next.Name, err)
		}
	}
	saved := next.Clone()
	if err := a.st.Save(saved); err != nil {
		if renamed {
			_ = a.st.Rename(old.ID, old.Name) // put the name back; the save error is the one to report
		}
		return fmt.Errorf("save %q: %w", next.Name, err)
	}
	next.Updated = saved.Updated // the store stamps each save; the library shows it
	return nil
}

// ReplaceMap makes m the content of the open map (an import into it, a future
// state made current), as one undoable change. The open map keeps its ID.
func (a *App) ReplaceMap(m *vsm.Map) error {
	if a.cur == nil {
		return errNoMap
	}
	err := a.change(replaceLabel(a.cur, m), true, func(next *vsm.Map) error {
		id, created := next.ID, next.Created
		*next = *m.Clone()
		next.ID, next.Created = id, created
		return nil
	})
	if err != nil {
		a.ShowError(err)
	}
	return err
}

// replaceLabel says what ReplaceMap changes from old to m, for the status
// line and undo ("Undone: record a measurement").
func replaceLabel(old, m *vsm.Map) string {
	var parts []string
	count := func(before, after int, same bool, added, removed, changed string) {
		switch {
		case after > before:
			parts = append(parts, added)
		case after < before:
			parts = append(parts, removed)
		case !same:
			parts = append(parts, changed)
		}
	}
	count(len(old.Measurements), len(m.Measurements), reflect.DeepEqual(old.Measurements, m.Measurements),
		"record a measurement", "delete a measurement", "change a measurement")
	count(len(old.Kaizen), len(m.Kaizen), reflect.DeepEqual(old.Kaizen, m.Kaizen),
		"add a kaizen", "delete a kaizen", "change a kaizen")
	count(len(old.Learning), len(m.Learning), reflect.DeepEqual(old.Learning, m.Learning),
		"add a learning-log entry", "delete a learning-log entry", "change a learning-log entry")
	switch {
	case old.Future == nil && m.Future != nil:
		parts = append(parts, "make the future state")
	case old.Future != nil && m.Future == nil:
		parts = append(parts, "drop the future state")
	case !reflect.DeepEqual(old.Future, m.Future):
		parts = append(parts, "change the future state")
	}
	if !reflect.DeepEqual(old.Stages, m.Stages) {
		parts = append(parts, "update the stages")
	}
	if len(parts) == 0 {
		return "replace the map"
	}
	return strings.Join(parts, ", ")
}

// Undo restores the map as it was before the last change. A cell with typed,
// uncommitted text is reverted first instead.
func (a *App) Undo() {
	if _, _, e := a.table.focused(); e != nil && (e.dirty() || e.err != nil) {
		e.revert()
		return
	}
	if a.cur == nil {
		return
	}
	h := a.history()
	if len(h.undo) == 0 {
		a.setStatus("Nothing to undo.", false)
		return
	}
	s := h.undo[len(h.undo)-1]
	if err := a.persist(a.cur, s.m); err != nil {
		a.ShowError(err)
		return
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, snapshot{m: a.cur, label: s.label, sel: a.sel})
	a.cur = s.m
	a.sel = s.sel
	a.refresh(true)
	a.setStatus("Undone: "+s.label+".", false)
}

// Redo applies again the change Undo took back.
func (a *App) Redo() {
	if a.cur == nil {
		return
	}
	a.table.flush()
	h := a.history()
	if len(h.redo) == 0 {
		a.setStatus("Nothing to redo.", false)
		return
	}
	s := h.redo[len(h.redo)-1]
	if err := a.persist(a.cur, s.m); err != nil {
		a.ShowError(err)
		return
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, snapshot{m: a.cur, label: s.label, sel: a.sel})
	a.cur = s.m
	a.refresh(true)
	a.setStatus("Redone: "+s.label+".", false)
}

// CanUndo and CanRedo report whether there is something to undo or redo.
func (a *App) CanUndo() bool { return a.cur != nil && len(a.history().undo) > 0 }

// CanRedo reports whether Redo would do something.
func (a *App) CanRedo() bool { return a.cur != nil && len(a.history().redo) > 0 }
