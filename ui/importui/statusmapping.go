package importui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// Role choices of the mapping dialog, as shown.
var kindChoices = []struct {
	kind  vsm.StatusKind
	label string
}{
	{vsm.StatusWork, "work of stage"},
	{vsm.StatusWait, "wait for stage"},
	{vsm.StatusDone, "done (flow ends)"},
	{vsm.StatusIgnore, "ignore (not counted)"},
}

func kindLabel(kind vsm.StatusKind) string {
	for _, k := range kindChoices {
		if k.kind == kind {
			return k.label
		}
	}
	return string(kind)
}

func kindOf(label string) vsm.StatusKind {
	for _, k := range kindChoices {
		if k.label == label {
			return k.kind
		}
	}
	return ""
}

// mappingDialog lists every status of a transition log with its role, for
// the person to correct before the statistics are shown.
type mappingDialog struct {
	ei      *eventImport
	log     *vsm.EventLogStats
	d       *dialog.CustomDialog
	kinds   []*widget.Select
	stages  []*widget.SelectEntry
	problem *widget.Label
	compute *widget.Button
}

func (ei *eventImport) showMapping(log *vsm.EventLogStats) *mappingDialog {
	md := &mappingDialog{ei: ei, log: log}
	win := ei.im.host.Window()
	labels := make([]string, len(kindChoices))
	for i, k := range kindChoices {
		labels[i] = k.label
	}
	names := stageNames(log.Statuses, log.Mapping)
	grid := container.New(layout.NewGridLayoutWithColumns(3),
		heading("Status"), heading("Counts as"), heading("Stage"))
	for _, status := range log.Statuses {
		role := roleFor(log.Mapping, status)
		kind := widget.NewSelect(labels, nil)
		stage := widget.NewSelectEntry(names)
		stage.SetText(role.Stage)
		kind.SetSelected(kindLabel(role.Kind))
		kind.OnChanged = func(string) { md.sync() }
		stage.OnChanged = func(string) { md.sync() }
		st := widget.NewLabel(status)
		st.Truncation = fyne.TextTruncateEllipsis
		// In boxes, so the grid's row height does not stretch the fields.
		grid.Add(container.NewVBox(st))
		grid.Add(container.NewVBox(kind))
		grid.Add(container.NewVBox(stage))
		md.kinds = append(md.kinds, kind)
		md.stages = append(md.stages, stage)
	}
	intro := widget.NewLabel("Say what time in each status counts as. Queue-like statuses (Ready for Test, Waiting for Review) were proposed as the wait of their stage; a wait without a stage counts toward the next stage the item enters. Done ends an item's flow; ignored time is not counted (the backlog before commitment, for example).")
	intro.Wrapping = fyne.TextWrapWord
	md.problem = widget.NewLabel("")
	md.problem.Importance = widget.DangerImportance
	md.problem.Wrapping = fyne.TextWrapWord
	md.problem.Hide()
	reset := widget.NewButton("Proposed roles", md.reset)
	cancel := widget.NewButton("Cancel", func() { md.d.Hide() })
	md.compute = widget.NewButton("Compute statistics", md.confirm)
	md.compute.Importance = widget.HighImportance
	bottom := container.NewVBox(md.problem, container.NewHBox(reset, layout.NewSpacer(), cancel, md.compute))
	body := container.NewBorder(intro, bottom, nil, nil, container.NewVScroll(grid))
	md.d = dialog.NewCustomWithoutButtons(fmt.Sprintf("Statuses of %s", log.File), body, win)
	md.d.Resize(dialogSize(win, fyne.NewSize(820, 640)))
	md.sync()
	md.d.Show()
	return md
}

// roleFor is the role mapping gives status; ignore when it gives none.
func roleFor(mapping *vsm.StatusMapping, status string) vsm.StatusRole {
	if r, ok := mapping.Role(status); ok {
		return r
	}
	return vsm.StatusRole{Kind: vsm.StatusIgnore}
}

// stageNames are the distinct stage names mapping gives statuses, in order.
func stageNames(statuses []string, mapping *vsm.StatusMapping) []string {
	var out []string
	for _, status := range statuses {
		r := roleFor(mapping, status)
		if r.Stage != "" && !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, r.Stage) }) {
			out = append(out, r.Stage)
		}
	}
	return out
}

// roles is the role of each status as edited, in the order of md.log.Statuses.
func (md *mappingDialog) roles() []vsm.StatusRole {
	out := make([]vsm.StatusRole, len(md.log.Statuses))
	for i := range md.log.Statuses {
		kind := kindOf(md.kinds[i].Selected)
		stage := strings.TrimSpace(md.stages[i].Text)
		if kind == vsm.StatusDone || kind == vsm.StatusIgnore {
			stage = ""
		}
		out[i] = vsm.StatusRole{Kind: kind, Stage: stage}
	}
	return out
}

// mapping is the edited roles as the reader takes them.
func (md *mappingDialog) mapping(roles []vsm.StatusRole) *vsm.StatusMapping {
	m := &vsm.StatusMapping{Statuses: make(map[string]vsm.StatusRole, len(roles))}
	for i, status := range md.log.Statuses {
		m.Statuses[status] = roles[i]
	}
	return m
}

// sync enables the stage fields that matter and checks the mapping.
func (md *mappingDialog) sync() {
	for i := range md.kinds {
		k := kindOf(md.kinds[i].Selected)
		hint := ""
		if k == vsm.StatusWait {
			hint = "the next stage entered"
		}
		if md.stages[i].PlaceHolder != hint {
			md.stages[i].SetPlaceHolder(hint)
		}
		if k == vsm.StatusWork || k == vsm.StatusWait {
			md.stages[i].Enable()
		} else {
			md.stages[i].Disable()
		}
	}
	if err := checkRoles(md.log.Statuses, md.roles()); err != nil {
		md.problem.SetText(err.Error())
		md.problem.Show()
		md.compute.Disable()
		return
	}
	md.problem.Hide()
	md.compute.Enable()
}

// checkRoles says, in the dialog's words, why the roles of statuses (one
// each, in order) cannot be read with: a role vsm.StatusRole.Check refuses,
// or no status measuring a stage.
func checkRoles(statuses []string, roles []vsm.StatusRole) error {
	var missing []string
	measured := false
	for i, r := range roles {
		switch err := r.Check(); {
		case errors.Is(err, vsm.ErrNoStatusKind):
			missing = append(missing, fmt.Sprintf("“%s” needs a role", statuses[i]))
		case errors.Is(err, vsm.ErrWorkWithoutStage):
			missing = append(missing, fmt.Sprintf("“%s” is work: name its stage", statuses[i]))
		case err != nil:
			missing = append(missing, fmt.Sprintf("“%s”: %v", statuses[i], err))
		}
		measured = measured || r.MeasuresStage()
	}
	if len(missing) > 0 {
		return errors.New(strings.Join(missing, "; ") + ".")
	}
	if !measured {
		return errors.New("no status counts as work or wait of a stage, so there is nothing to measure")
	}
	return nil
}

func (md *mappingDialog) reset() {
	for i, status := range md.log.Statuses {
		r := roleFor(md.ei.proposals, status)
		md.kinds[i].SetSelected(kindLabel(r.Kind))
		md.stages[i].SetText(r.Stage)
	}
	md.sync()
}

// confirm computes the statistics with the mapping: at once when it is the
// one the log was read with, else by reading the log again.
func (md *mappingDialog) confirm() {
	roles := md.roles()
	if err := checkRoles(md.log.Statuses, roles); err != nil {
		return
	}
	md.d.Hide()
	ei := md.ei
	if sameRoles(md.log.Statuses, roles, md.log.Mapping) {
		ei.showResult(md.log)
		return
	}
	ei.opt.Mapping = md.mapping(roles)
	ei.read(ei.showResult)
}

// sameRoles reports whether roles (one per status) are the ones mapping
// gives, stage names compared ignoring case.
func sameRoles(statuses []string, roles []vsm.StatusRole, mapping *vsm.StatusMapping) bool {
	for i, status := range statuses {
		r, ok := mapping.Role(status)
		if !ok || r.Kind != roles[i].Kind || !strings.EqualFold(strings.TrimSpace(r.Stage), strings.TrimSpace(roles[i].Stage)) {
			return false
		}
	}
	return true
}
