package kaizenui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"flowmap/vsm"
)

// kaizenScreen is the Kaizen tab: the board by status, the backlog by
// expected gain, and the form to add or edit an item (a dialog).
type kaizenScreen struct {
	s       *Screens
	content fyne.CanvasObject

	add           *widget.Button
	summary       *widget.Label
	cols          []*boardColumn
	backlog       *fyne.Container // rows of the backlog
	backlogScroll *container.Scroll
	form          *kaizenForm // the open form, nil when none

	cards map[string]*kaizenCard // by kaizen ID, for tests and focus
}

// boardColumn is one status column of the board.
type boardColumn struct {
	status vsm.KaizenStatus
	title  *widget.Label
	items  *fyne.Container
	scroll *container.Scroll
}

// kaizenCard is one item on the board.
type kaizenCard struct {
	id     string
	title  *widget.Label
	meta   *widget.Label
	gain   *widget.Label
	real   *widget.Label
	status *widget.Select
	edit   *widget.Button
	box    fyne.CanvasObject
}

// backlog columns: rank, title, stage, status, lead time gain, flow
// efficiency, edit.
var backlogCols = columns{widths: []float32{28, 180, 110, 96, 210, 130, 36}, stretch: 1}

func newKaizenScreen(s *Screens) *kaizenScreen {
	k := &kaizenScreen{s: s, cards: map[string]*kaizenCard{}}
	k.add = widget.NewButtonWithIcon("New kaizen", theme.ContentAddIcon(), func() { k.openForm("") })
	k.add.Importance = widget.HighImportance
	k.summary = cell("")

	board := container.NewGridWithColumns(len(vsm.KaizenStatuses))
	for _, st := range vsm.KaizenStatuses {
		c := &boardColumn{status: st}
		c.title = widget.NewLabelWithStyle(statusLabel(st), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		c.items = container.NewVBox()
		dot := newDot(statusColor(st))
		head := container.NewBorder(nil, nil, container.NewCenter(dot), nil, c.title)
		c.scroll = container.NewVScroll(c.items)
		board.Add(container.NewBorder(head, nil, nil, nil, c.scroll))
		k.cols = append(k.cols, c)
	}

	k.backlog = container.NewVBox()
	backlogHead := container.NewVBox(
		heading("Backlog"),
		hint("Open items, the largest expected lead-time gain first, each applied alone to the current map."),
		backlogCols.header("#", "Kaizen", "Stage", "Status", "Expected lead time", "Flow efficiency", ""),
	)
	k.backlogScroll = container.NewVScroll(k.backlog)
	backlog := container.NewBorder(backlogHead, nil, nil, nil, k.backlogScroll)

	split := container.NewVSplit(board, backlog)
	split.Offset = 0.6
	top := toolbarRow(k.summary, k.add)
	k.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	return k
}

// newDot is a small round marker in c.
func newDot(c color.Color) fyne.CanvasObject {
	return newSwatch(c, 10)
}

// statusColor is the accent of a status on the board.
func statusColor(s vsm.KaizenStatus) color.Color {
	switch s {
	case vsm.KaizenPlanned:
		return theme.Color(theme.ColorNamePrimary)
	case vsm.KaizenInProgress:
		return theme.Color(theme.ColorNameWarning)
	case vsm.KaizenDone:
		return theme.Color(theme.ColorNameSuccess)
	case vsm.KaizenDropped:
		return theme.Color(theme.ColorNameDisabled)
	}
	return theme.Color(theme.ColorNamePlaceHolder)
}

func (k *kaizenScreen) refresh(m *vsm.Map) {
	k.cards = map[string]*kaizenCard{}
	if m == nil {
		k.add.Disable()
		k.summary.SetText("Open a map to plan its kaizen.")
		for _, c := range k.cols {
			c.title.SetText(statusLabel(c.status))
			c.items.Objects = nil
			c.items.Refresh()
		}
		k.backlog.Objects = []fyne.CanvasObject{muted("No map is open.")}
		k.backlog.Refresh()
		return
	}
	k.add.Enable()
	k.summary.SetText(k.summaryText(m))
	cal := m.Calendar
	for i, col := range vsm.Board(m) {
		c := k.cols[i]
		c.title.SetText(fmt.Sprintf("%s (%d)", statusLabel(col.Status), len(col.Items)))
		objs := make([]fyne.CanvasObject, 0, len(col.Items))
		for _, item := range col.Items {
			card := k.newCard(m, item, cal)
			k.cards[item.ID] = card
			objs = append(objs, card.box)
		}
		if len(objs) == 0 {
			objs = append(objs, muted("No items"))
		}
		c.items.Objects = objs
		c.items.Refresh()
		c.scroll.Refresh()
	}
	k.refreshBacklog(m)
}

func (k *kaizenScreen) summaryText(m *vsm.Map) string {
	if len(m.Kaizen) == 0 {
		return "No kaizen yet: add an improvement with New kaizen, give it a target stage and the values you expect."
	}
	open, done, dropped := 0, 0, 0
	for _, it := range m.Kaizen {
		switch {
		case it.Status.Open():
			open++
		case it.Status == vsm.KaizenDone:
			done++
		default:
			dropped++
		}
	}
	return fmt.Sprintf("%s: %d open, %d done, %d dropped. Move a card with its status; the date of the move is kept.",
		plural(len(m.Kaizen), "kaizen item", "kaizen items"), open, done, dropped)
}

// newCard builds the card of item on m.
func (k *kaizenScreen) newCard(m *vsm.Map, item vsm.Kaizen, cal vsm.Calendar) *kaizenCard {
	c := &kaizenCard{id: item.ID}
	c.title = widget.NewLabelWithStyle(item.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.Wrapping = fyne.TextWrapWord
	var meta []string
	if item.Stage != "" {
		meta = append(meta, item.Stage)
	} else {
		meta = append(meta, "Whole stream")
	}
	if item.Waste != "" {
		meta = append(meta, wasteLabel(item.Waste))
	}
	if item.Team != "" {
		meta = append(meta, item.Team)
	}
	c.meta = cell(strings.Join(meta, " · "))
	c.meta.SizeName = theme.SizeNameCaptionText

	c.gain = cell("")
	c.gain.SizeName = theme.SizeNameCaptionText
	if d, _, _, err := expectedFor(m, item); err != nil {
		c.gain.SetText("Expected: cannot compute")
		c.gain.Importance = widget.DangerImportance
	} else if item.Effect.IsZero() {
		c.gain.SetText("No expected effect set")
		c.gain.Importance = widget.LowImportance
	} else {
		c.gain.SetText("Expected " + cardGain(d, cal))
	}
	c.real = cell("")
	c.real.SizeName = theme.SizeNameCaptionText
	c.real.Importance = widget.SuccessImportance
	c.real.Hide()
	if r, ok := vsm.RealizedEffect(m, item); ok {
		c.real.SetText("Realized " + cardGain(*r, cal))
		c.real.Show()
	}

	c.status = widget.NewSelect(statusLabels(), nil)
	c.status.Selected = statusLabel(item.Status)
	id := item.ID
	c.status.OnChanged = func(label string) { k.move(id, statusOf(label)) }
	c.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { k.openForm(id) })
	c.edit.Importance = widget.LowImportance
	body := container.NewVBox(c.title, c.meta, c.gain, c.real,
		container.NewBorder(nil, nil, nil, c.edit, c.status))
	c.box = panel(body, statusColor(item.Status))
	return c
}

// move sets the status of kaizen id, dated today.
func (k *kaizenScreen) move(id string, st vsm.KaizenStatus) {
	err := k.s.apply(func(m *vsm.Map) error {
		return m.SetKaizenStatus(id, st, k.s.now())
	})
	if err != nil {
		k.s.showError(err)
		// Put the card back as it is stored.
		k.refresh(k.s.h.CurrentMap())
	}
}

// refreshBacklog lists the open items by expected lead-time gain.
func (k *kaizenScreen) refreshBacklog(m *vsm.Map) {
	items := vsm.Backlog(m)
	if len(items) == 0 {
		k.backlog.Objects = []fyne.CanvasObject{hint("No open kaizen: ideas, planned and running items appear here.")}
		k.backlog.Refresh()
		return
	}
	before := vsm.Compute(m).Totals
	cal := m.Calendar
	objs := make([]fyne.CanvasObject, 0, len(items))
	for i, it := range items {
		stage := it.Kaizen.Stage
		if stage == "" {
			stage = "Whole stream"
		}
		lead, flow := cell(""), cell("")
		switch {
		case it.Err != nil:
			lead.SetText(problemText(it.Err))
			lead.Importance = widget.DangerImportance
		case it.Kaizen.Effect.IsZero():
			lead.SetText("no effect set")
			lead.Importance = widget.LowImportance
		default:
			lead.SetText(strings.TrimPrefix(leadChange(it.Expected, before, cal), "lead time "))
			if it.Expected.LeadGain() > 0 {
				lead.Importance = widget.SuccessImportance
			}
			if f := flowChange(it.Expected, before); f != "" {
				flow.SetText(strings.TrimPrefix(f, "flow efficiency "))
			}
		}
		id := it.Kaizen.ID
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { k.openForm(id) })
		edit.Importance = widget.LowImportance
		objs = append(objs, backlogCols.row(cell(fmt.Sprint(i+1)), cell(it.Kaizen.Title), cell(stage),
			cell(statusLabel(it.Kaizen.Status)), lead, flow, edit))
	}
	k.backlog.Objects = objs
	k.backlog.Refresh()
	k.backlogScroll.Refresh()
}

// problemText is why an expected effect cannot be computed, short enough for
// a list: the stage is not on the map.
func problemText(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "targets stage "); i >= 0 {
		return "targets " + strings.TrimSuffix(msg[i+len("targets stage "):], ": "+vsm.ErrUnknownStage.Error()) + ", not on the map"
	}
	if strings.Contains(msg, "targets no stage") {
		return "has an effect but no stage"
	}
	return msg
}

// expectedFor is the change of totals kaizen k expects, with the totals it is
// measured from. A done item is judged on the last measurement before it was
// done, as the current map already has its effect; otherwise (and when there
// is no such measurement) on the current map. basis names the measurement,
// "" for the current map.
func expectedFor(m *vsm.Map, k vsm.Kaizen) (d vsm.TotalsDelta, before vsm.Totals, basis string, err error) {
	base := m
	if done, ok := k.DoneDate(); ok {
		for i := len(m.Measurements) - 1; i >= 0; i-- {
			x := m.Measurements[i]
			if vsm.DaysBetween(x.Date, done) > 0 {
				base = x.Map()
				basis = "the measurement of " + day(x.Date)
				break
			}
		}
	}
	d, err = vsm.ExpectedEffect(base, k)
	return d, vsm.Compute(base).Totals, basis, err
}

// openForm opens the kaizen form on item id ("" for a new one).
func (k *kaizenScreen) openForm(id string) {
	m := k.s.h.CurrentMap()
	if m == nil {
		k.s.showError(errNoMap)
		return
	}
	item := vsm.Kaizen{Status: vsm.KaizenIdea}
	if id != "" {
		var ok bool
		if item, ok = m.FindKaizen(id); !ok {
			k.s.showError(fmt.Errorf("the kaizen item %s is no longer on the map", id))
			return
		}
	}
	f := newKaizenForm(k.s, m, item)
	win := k.s.h.Window()
	title := "New kaizen"
	if id != "" {
		title = "Kaizen: " + item.Title
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, f.content, win)
	f.dlg.SetButtons(f.buttons())
	f.dlg.SetOnClosed(func() {
		if k.form == f {
			k.form = nil
		}
	})
	size := win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(min(860, max(size.Width-40, 400)), min(800, max(size.Height-40, 400))))
	k.form = f
	f.dlg.Show()
	win.Canvas().Focus(f.title)
}
