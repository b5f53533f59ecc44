package kaizenui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/ui/uikit"
	"flowmap/vsm"
)

// The effect fields of the form, in the order of the stage table.
const (
	effWait = iota
	effProcess
	effCA
	effPeople
	effCount
)

var effectCaptions = [effCount]string{"Wait", "Process time", "%C&A", "People"}

// effectFields are the stage fields the effect fields are typed for.
var effectFields = [effCount]vsm.StageField{vsm.WaitField, vsm.ProcessField, vsm.CompleteAccurateField, vsm.PeopleField}

// effectValues are a stage's values of the effect fields.
func effectValues(st vsm.Stage) [effCount]float64 {
	return [effCount]float64{st.WaitHours, st.ProcessHours, st.CompleteAccurate, st.People}
}

// Choices of the selects that mean "nothing".
const (
	wholeStream = "(whole stream)"
	noWaste     = "(none)"
)

// kaizenForm adds or edits one kaizen item. Its values are checked as they are
// typed; nothing reaches the map until Save, which is one undoable change.
type kaizenForm struct {
	s    *Screens
	id   string     // "" for a new item
	item vsm.Kaizen // as stored when the form opened
	cal  vsm.Calendar
	dlg  *dialog.CustomDialog

	title      *widget.Entry
	titleNote  *note
	stage      *widget.Select
	stageNote  *note
	waste      *widget.Select
	team       *widget.SelectEntry
	hypothesis *widget.Entry
	effect     [effCount]*widget.Entry
	effectNote [effCount]*note
	effectNow  [effCount]*widget.Label
	preview    *widget.Label
	status     *widget.Select
	statusNote *widget.Label
	result     *widget.Entry
	learned    *widget.Entry
	links      *checkSet
	realized   *widget.Label
	saveNote   *note

	save, cancel, del *widget.Button
	page              *page
	content           fyne.CanvasObject
}

func newKaizenForm(s *Screens, m *vsm.Map, item vsm.Kaizen) *kaizenForm {
	f := &kaizenForm{s: s, id: item.ID, item: item, cal: m.Calendar}
	f.title = widget.NewEntry()
	f.title.SetPlaceHolder("Automate the regression suite")
	f.title.SetText(item.Title)
	f.titleNote = newNote(widget.DangerImportance)
	f.title.OnChanged = func(string) { f.titleNote.set("") }

	stages := []string{wholeStream}
	for _, st := range m.Stages {
		stages = append(stages, st.Name)
	}
	if item.Stage != "" && m.StageIndex(item.Stage) < 0 {
		stages = append(stages, item.Stage)
	}
	f.stage = widget.NewSelect(stages, nil)
	f.stage.Selected = wholeStream
	if item.Stage != "" {
		f.stage.Selected = item.Stage
		if i := m.StageIndex(item.Stage); i >= 0 {
			f.stage.Selected = m.Stages[i].Name
		}
	}
	f.stageNote = newNote(widget.DangerImportance)
	f.stage.OnChanged = func(string) { f.changed() }

	wastes := []string{noWaste}
	for _, w := range vsm.WasteTypes {
		wastes = append(wastes, wasteLabel(w))
	}
	f.waste = widget.NewSelect(wastes, nil)
	f.waste.Selected = noWaste
	if item.Waste != "" {
		f.waste.Selected = wasteLabel(item.Waste)
	}

	f.team = widget.NewSelectEntry(m.Teams())
	f.team.SetText(item.Team)
	f.team.SetPlaceHolder("The team that owns it")

	f.hypothesis = widget.NewMultiLineEntry()
	f.hypothesis.Wrapping = fyne.TextWrapWord
	f.hypothesis.SetMinRowsVisible(2)
	f.hypothesis.SetPlaceHolder("If we automate the regression suite, Test's wait falls from 4d to 4h")
	f.hypothesis.SetText(item.Hypothesis)

	e := item.Effect
	values := [effCount]*float64{e.WaitHours, e.ProcessHours, e.CompleteAccurate, e.People}
	for i := range f.effect {
		en := widget.NewEntry()
		if v := values[i]; v != nil {
			en.SetText(effectText(i, *v, f.cal))
		}
		en.OnChanged = func(string) { f.changed() }
		f.effect[i] = en
		f.effectNote[i] = newNote(widget.DangerImportance)
		f.effectNow[i] = cell("")
		f.effectNow[i].SizeName = theme.SizeNameCaptionText
	}
	f.effect[effWait].SetPlaceHolder("4h")
	f.effect[effProcess].SetPlaceHolder("2h 30m")
	f.effect[effCA].SetPlaceHolder("95%")
	f.effect[effPeople].SetPlaceHolder("2")
	f.preview = wrapped("")

	f.status = widget.NewSelect(statusLabels(), nil)
	f.status.Selected = statusLabel(item.Status)
	f.statusNote = wrapped("")
	f.statusNote.SizeName = theme.SizeNameCaptionText
	f.status.OnChanged = func(string) { f.updateStatusNote() }

	f.result = widget.NewMultiLineEntry()
	f.result.Wrapping = fyne.TextWrapWord
	f.result.SetMinRowsVisible(2)
	f.result.SetPlaceHolder("When it ends: what happened, also when it did not work")
	f.result.SetText(item.Result)
	f.learned = widget.NewMultiLineEntry()
	f.learned.Wrapping = fyne.TextWrapWord
	f.learned.SetMinRowsVisible(2)
	f.learned.SetPlaceHolder("What we learned from it")
	f.learned.SetText(item.Learning)

	f.links = newCheckSet(1)
	keys, labels := learningOptions(m)
	f.links.setOptions(keys, labels)
	f.links.setChecked(item.LearningID)

	f.realized = wrapped("")
	f.realized.Hide()
	if r, ok := vsm.RealizedEffect(m, item); ok {
		before, after, _ := vsm.RealizedMeasurements(m, item)
		f.realized.SetText(fmt.Sprintf("Realized (measured %s%s%s): %s", day(before.Date), arrow, day(after.Date),
			gainText(*r, vsm.MeasurementTotals(before), f.cal)))
		f.realized.Importance = widget.SuccessImportance
		f.realized.Show()
	}
	f.saveNote = newNote(widget.DangerImportance)

	f.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() { f.submit() })
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.dlg.Hide() })
	f.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), f.confirmDelete)
	f.del.Importance = widget.DangerImportance
	if f.id == "" {
		f.del.Hide()
	}

	effects := container.NewGridWithColumns(effCount)
	for i := range f.effect {
		effects.Add(container.NewVBox(widget.NewLabel(effectCaptions[i]), f.effect[i], f.effectNow[i], f.effectNote[i].box))
	}
	linksBox := fyne.CanvasObject(f.links.box)
	if len(keys) == 0 {
		linksBox = muted("The learning log has no entries yet.")
	}
	f.page = newPage(
		fieldBox("Title", f.title, f.titleNote),
		container.NewGridWithColumns(3,
			fieldBox("Target stage", f.stage, f.stageNote),
			fieldBox("Waste type", f.waste),
			fieldBox("Owning team", f.team)),
		fieldBox("Hypothesis", f.hypothesis),
		heading("Expected effect"),
		hint("Target values for the stage, typed as in the stage table (4h, 2d, 1d 4h, 85%). Leave a field empty to keep its value."),
		effects,
		f.preview,
		widget.NewSeparator(),
		container.NewGridWithColumns(2,
			fieldBox("Status", f.status),
			container.NewVBox(spacer(theme.Padding()*4), f.statusNote)),
		f.realized,
		container.NewGridWithColumns(2,
			fieldBox("Result", f.result),
			fieldBox("Learning", f.learned)),
		fieldBox("Learning-log entries it follows up", linksBox),
		f.saveNote.box,
	)
	f.page.watch(append([]*note{f.titleNote, f.stageNote, f.saveNote}, f.effectNote[:]...)...)
	f.content = f.page.scroll
	f.changed()
	f.updateStatusNote()
	return f
}

// buttons are the dialog's buttons: Delete on its own, then Cancel and Save.
func (f *kaizenForm) buttons() []fyne.CanvasObject {
	return []fyne.CanvasObject{f.del, f.cancel, f.save}
}

// effectText writes a stored target the way the field takes it back.
func effectText(field int, v float64, cal vsm.Calendar) string {
	switch field {
	case effWait, effProcess:
		return vsm.FormatDuration(v, cal)
	case effCA:
		return vsm.FormatPercent(v)
	}
	return uikit.Number(v)
}

// learningOptions are the learning-log entries as (ID, "date · title").
func learningOptions(m *vsm.Map) (keys, labels []string) {
	seen := map[string]bool{}
	for _, e := range m.Learning {
		label := day(e.Date) + " · " + e.Title
		if seen[label] {
			label += " (" + e.ID + ")"
		}
		seen[label] = true
		keys = append(keys, e.ID)
		labels = append(labels, label)
	}
	return keys, labels
}

// parseEffect reads the four target fields. A field that cannot be read has
// its reason in errs; an empty field is nil (unchanged).
func (f *kaizenForm) parseEffect() (vsm.Effect, [effCount]string) {
	var out [effCount]*float64
	var errs [effCount]string
	for i, en := range f.effect {
		text := strings.TrimSpace(en.Text)
		if text == "" {
			continue
		}
		// The values and ranges of a stage's fields (vsm.Stage.SetField).
		probe := vsm.NewStage("effect")
		if err := probe.SetField(effectFields[i], text, f.cal); err != nil {
			errs[i] = uikit.Problem(err)
			continue
		}
		v := effectValues(probe)[i]
		out[i] = &v
	}
	return vsm.Effect{WaitHours: out[effWait], ProcessHours: out[effProcess], CompleteAccurate: out[effCA], People: out[effPeople]}, errs
}

// stageName is the chosen target stage, "" for the whole stream.
func (f *kaizenForm) stageName() string {
	if f.stage.Selected == wholeStream {
		return ""
	}
	return f.stage.Selected
}

// changed checks the effect as typed, shows the stage's current values and
// the gain the effect promises.
func (f *kaizenForm) changed() {
	m := f.s.h.CurrentMap()
	if m == nil {
		return
	}
	eff, errs := f.parseEffect()
	bad := false
	for i := range errs {
		f.effectNote[i].set(errs[i])
		bad = bad || errs[i] != ""
	}
	stage := f.stageName()
	si := m.StageIndex(stage)
	for i := range f.effectNow {
		f.effectNow[i].SetText("")
	}
	switch {
	case stage != "" && si < 0:
		f.stageNote.set(fmt.Sprintf("%q is not a stage of this map any more: choose one, or the whole stream", stage))
	case stage == "" && !eff.IsZero():
		f.stageNote.set("An expected effect sets values of one stage: choose it.")
	default:
		f.stageNote.set("")
	}
	if si >= 0 {
		st := vsm.Compute(m).Stages[si]
		now := [effCount]string{vsm.FormatDuration(st.WaitHours, f.cal), vsm.FormatDuration(st.ProcessHours, f.cal),
			vsm.FormatPercent(st.CompleteAccurate), uikit.Number(st.People)}
		for i := range f.effectNow {
			f.effectNow[i].SetText("now " + now[i])
		}
	}
	switch {
	case bad:
		f.preview.SetText("Expected gain: fix the values marked in red to see it.")
		f.preview.Importance = widget.LowImportance
	case eff.IsZero():
		f.preview.SetText("Expected gain: none yet. Type a target value to see what it does to the whole stream.")
		f.preview.Importance = widget.LowImportance
	case si < 0:
		f.preview.SetText("Expected gain: choose the target stage to see it.")
		f.preview.Importance = widget.LowImportance
	default:
		// A done item is judged where it started, as on the History tab.
		k := vsm.Kaizen{Title: "draft", Stage: stage, Effect: eff, Status: f.item.Status, Changes: f.item.Changes}
		d, before, basis, err := expectedFor(m, k)
		if err != nil {
			f.preview.SetText("Expected gain: " + err.Error())
			f.preview.Importance = widget.DangerImportance
			break
		}
		if basis == "" {
			basis = "the current map"
		}
		f.preview.SetText("Expected gain on " + basis + ": " + gainText(d, before, f.cal))
		f.preview.Importance = widget.HighImportance
		if d.LeadGain() < 0 {
			f.preview.Importance = widget.WarningImportance
		}
	}
	f.preview.Refresh()
}

// updateStatusNote says what a status change will record, and the history.
func (f *kaizenForm) updateStatusNote() {
	var parts []string
	if len(f.item.Changes) > 0 {
		hist := make([]string, len(f.item.Changes))
		for i, c := range f.item.Changes {
			hist[i] = statusLabel(c.Status) + " " + day(c.Date)
		}
		parts = append(parts, "History: "+strings.Join(hist, arrow))
	}
	if st := statusOf(f.status.Selected); f.id == "" || st != f.item.Status {
		parts = append(parts, fmt.Sprintf("Saving records %s on %s.", strings.ToLower(statusLabel(st)), day(f.s.now())))
	}
	f.statusNote.SetText(strings.Join(parts, "\n"))
}

// draft is the item as the form says, and whether every field could be read.
func (f *kaizenForm) draft() (vsm.Kaizen, bool) {
	k := f.item.Clone()
	k.Title = strings.TrimSpace(f.title.Text)
	k.Stage = f.stageName()
	k.Waste = ""
	for _, w := range vsm.WasteTypes {
		if wasteLabel(w) == f.waste.Selected {
			k.Waste = w
		}
	}
	k.Team = strings.TrimSpace(f.team.Text)
	k.Hypothesis = strings.TrimSpace(f.hypothesis.Text)
	k.Result = strings.TrimSpace(f.result.Text)
	k.Learning = strings.TrimSpace(f.learned.Text)
	k.LearningID = f.links.checked()
	eff, errs := f.parseEffect()
	k.Effect = eff
	ok := !slices.ContainsFunc(errs[:], func(s string) bool { return s != "" })
	if k.Title == "" {
		f.titleNote.set("A kaizen needs a title: what will change?")
		ok = false
	}
	if !eff.IsZero() && k.Stage == "" {
		ok = false
	}
	return k, ok
}

// submit saves the form as one change; false when nothing was saved.
func (f *kaizenForm) submit() bool {
	f.changed()
	k, ok := f.draft()
	if !ok {
		f.saveNote.set("Nothing was saved: fix the fields marked in red.")
		return false
	}
	st := statusOf(f.status.Selected)
	now := f.s.now()
	err := f.s.apply(func(m *vsm.Map) error {
		if f.id == "" {
			k.Status, k.Created, k.Changes = st, now, nil
			_, err := m.AddKaizen(k)
			return err
		}
		if _, ok := m.FindKaizen(f.id); !ok {
			return fmt.Errorf("%q is no longer on the map (undone or deleted meanwhile): %w", k.Title, vsm.ErrInvalid)
		}
		if err := m.UpdateKaizen(k); err != nil {
			return err
		}
		return m.SetKaizenStatus(f.id, st, now)
	})
	if err != nil {
		f.saveNote.set("Nothing was saved: " + err.Error())
		return false
	}
	f.dlg.Hide()
	return true
}

// confirmDelete asks, then removes the item and its learning-log links.
func (f *kaizenForm) confirmDelete() {
	msg := fmt.Sprintf("Delete %q? Its links to the learning log go with it. Undo brings it back.", f.item.Title)
	dialog.ShowConfirm("Delete kaizen", msg, func(yes bool) {
		if yes {
			f.remove()
		}
	}, f.s.h.Window())
}

func (f *kaizenForm) remove() {
	err := f.s.apply(func(m *vsm.Map) error { return m.RemoveKaizen(f.id) })
	if err != nil {
		var he hostError
		if !errors.As(err, &he) {
			f.saveNote.set("Nothing was deleted: " + err.Error())
		}
		return
	}
	f.dlg.Hide()
}
