package kaizenui

import (
	"fmt"
	"image/color"
	"slices"
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
	backlogRows   []*backlogRow
	form          *kaizenForm // the open form, nil when none

	cards map[string]*kaizenCard // by kaizen ID, for tests and focus
}

// boardColumn is one status column of the board.
type boardColumn struct {
	status vsm.KaizenStatus
	title  *widget.Label
	items  *fyne.Container
	scroll *container.Scroll
	ids    []string // the cards shown, in order
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
	if m == nil {
		k.cards = map[string]*kaizenCard{}
		k.add.Disable()
		setText(k.summary, "Open a map to plan its kaizen.")
		for _, c := range k.cols {
			setText(c.title, statusLabel(c.status))
			c.ids = nil
			c.items.Objects = nil
			c.items.Refresh()
		}
		k.backlogRows = nil
		k.backlog.Objects = []fyne.CanvasObject{muted("No map is open.")}
		k.backlog.Refresh()
		return
	}
	k.add.Enable()
	setText(k.summary, k.summaryText(m))
	cal := m.Calendar
	cards := make(map[string]*kaizenCard, len(m.Kaizen))
	for i, col := range vsm.Board(m) {
		c := k.cols[i]
		setText(c.title, fmt.Sprintf("%s (%d)", statusLabel(col.Status), len(col.Items)))
		ids := make([]string, len(col.Items))
		for j, item := range col.Items {
			ids[j] = item.ID
		}
		if slices.Equal(ids, c.ids) && len(ids) > 0 {
			// The same cards: change what changed, so an edit of the stage
			// table costs a few labels, not the whole board.
			moved := false
			for _, item := range col.Items {
				card := k.cards[item.ID]
				moved = card.set(m, item, cal) || moved
				cards[item.ID] = card
			}
			if moved {
				c.items.Refresh()
				c.scroll.Refresh()
			}
			continue
		}
		c.ids = ids
		objs := make([]fyne.CanvasObject, 0, len(col.Items))
		for _, item := range col.Items {
			card := k.newCard(item.ID, item.Status)
			card.set(m, item, cal)
			cards[item.ID] = card
			objs = append(objs, card.box)
		}
		if len(objs) == 0 {
			objs = append(objs, muted("No items"))
		}
		c.items.Objects = objs
		c.items.Refresh()
		c.scroll.Refresh()
	}
	k.cards = cards
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

// newCard builds an empty card for item id with status st; set fills it.
func (k *kaizenScreen) newCard(id string, st vsm.KaizenStatus) *kaizenCard {
	c := &kaizenCard{id: id}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.Wrapping = fyne.TextWrapWord
	c.meta = cell("")
	c.meta.SizeName = theme.SizeNameCaptionText
	c.gain = cell("")
	c.gain.SizeName = theme.SizeNameCaptionText
	c.real = cell("")
	c.real.SizeName = theme.SizeNameCaptionText
	c.real.Importance = widget.SuccessImportance
	c.real.Hide()
	c.status = widget.NewSelect(statusLabels(), nil)
	c.status.Selected = statusLabel(st)
	c.status.OnChanged = func(label string) { k.move(id, statusOf(label)) }
	c.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { k.openForm(id) })
	c.edit.Importance = widget.LowImportance
	body := container.NewVBox(c.title, c.meta, c.gain, c.real,
		container.NewBorder(nil, nil, nil, c.edit, c.status))
	c.box = panel(body, statusColor(st))
	return c
}

// set shows item on the card; it reports whether the card's height may have
// changed (a new title, the realized line shown or hidden).
func (c *kaizenCard) set(m *vsm.Map, item vsm.Kaizen, cal vsm.Calendar) (resized bool) {
	resized = c.title.Text != item.Title
	setText(c.title, item.Title)
	meta := []string{"Whole stream"}
	if item.Stage != "" {
		meta[0] = item.Stage
	}
	if item.Waste != "" {
		meta = append(meta, wasteLabel(item.Waste))
	}
	if item.Team != "" {
		meta = append(meta, item.Team)
	}
	setText(c.meta, strings.Join(meta, " · "))
	switch d, _, _, err := expectedFor(m, item); {
	case err != nil:
		setLabel(c.gain, "Expected: cannot compute", widget.DangerImportance)
	case item.Effect.IsZero():
		setLabel(c.gain, "No expected effect set", widget.LowImportance)
	default:
		setLabel(c.gain, "Expected "+cardGain(d, cal), widget.MediumImportance)
	}
	if r, ok := vsm.RealizedEffect(m, item); ok {
		setText(c.real, "Realized "+cardGain(*r, cal))
		if !c.real.Visible() {
			c.real.Show()
			resized = true
		}
	} else if c.real.Visible() {
		c.real.Hide()
		resized = true
	}
	// A refused move puts the select back; assigning skips OnChanged.
	if want := statusLabel(item.Status); c.status.Selected != want {
		c.status.Selected = want
		c.status.Refresh()
	}
	return resized
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
		k.backlogRows = nil
		k.backlog.Objects = []fyne.CanvasObject{hint("No open kaizen: ideas, planned and running items appear here.")}
		k.backlog.Refresh()
		return
	}
	// Rows are reused while their number stays: a stage edit changes the
	// gains, rarely the list.
	rebuild := len(items) != len(k.backlogRows)
	if rebuild {
		k.backlogRows = make([]*backlogRow, len(items))
		objs := make([]fyne.CanvasObject, len(items))
		for i := range items {
			// Figures are short and fit their columns: plain labels, which
			// shape their text once instead of searching for a cut.
			r := &backlogRow{rank: widget.NewLabel(fmt.Sprint(i + 1)), title: cell(""), stage: cell(""),
				status: cell(""), lead: widget.NewLabel(""), flow: widget.NewLabel("")}
			r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { k.openForm(r.id) })
			r.edit.Importance = widget.LowImportance
			k.backlogRows[i] = r
			objs[i] = backlogCols.row(r.rank, r.title, r.stage, r.status, r.lead, r.flow, r.edit)
		}
		k.backlog.Objects = objs
	}
	before := vsm.Compute(m).Totals
	cal := m.Calendar
	for i, it := range items {
		r := k.backlogRows[i]
		r.id = it.Kaizen.ID
		stage := it.Kaizen.Stage
		if stage == "" {
			stage = "Whole stream"
		}
		setText(r.title, it.Kaizen.Title)
		setText(r.stage, stage)
		setText(r.status, statusLabel(it.Kaizen.Status))
		flow := ""
		switch {
		case it.Err != nil:
			setLabel(r.lead, problemText(it.Err), widget.DangerImportance)
		case it.Kaizen.Effect.IsZero():
			setLabel(r.lead, "no effect set", widget.LowImportance)
		default:
			imp := widget.MediumImportance
			if it.Expected.LeadGain() > 0 {
				imp = widget.SuccessImportance
			}
			setLabel(r.lead, strings.TrimPrefix(leadChange(it.Expected, before, cal), "lead time "), imp)
			flow = strings.TrimPrefix(flowChange(it.Expected, before), "flow efficiency ")
		}
		setText(r.flow, flow)
	}
	if rebuild {
		k.backlog.Refresh()
		k.backlogScroll.Refresh()
	}
}

// backlogRow is one line of the backlog.
type backlogRow struct {
	id                                     string
	rank, title, stage, status, lead, flow *widget.Label
	edit                                   *widget.Button
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
// measured from (vsm.ExpectationBase: for a done item the last measurement
// before it was done, else the current map). basis names the measurement,
// "" for the current map.
func expectedFor(m *vsm.Map, k vsm.Kaizen) (d vsm.TotalsDelta, before vsm.Totals, basis string, err error) {
	base, x := vsm.ExpectationBase(m, k)
	if x != nil {
		basis = "the measurement of " + day(x.Date)
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
