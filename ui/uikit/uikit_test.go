package uikit

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"flowmap/vsm"
)

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{2, "2"}, {2.125, "2.13"}, {2.5, "2.5"}, {0.004, "0"}, {-1.333, "-1.33"}, {math.Inf(-1), "—"},
	} {
		if got := Number(c.v); got != c.want {
			t.Errorf("Number(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestMinWidth(t *testing.T) {
	small := canvas.NewRectangle(nil)
	small.SetMinSize(fyne.NewSize(40, 10))
	wide := canvas.NewRectangle(nil)
	wide.SetMinSize(fyne.NewSize(300, 20))
	if got := MinWidth(160).MinSize([]fyne.CanvasObject{small}); got != fyne.NewSize(160, 10) {
		t.Errorf("narrow content: %v, want 160x10", got)
	}
	if got := MinWidth(160).MinSize([]fyne.CanvasObject{small, wide}); got != fyne.NewSize(300, 20) {
		t.Errorf("wide content: %v, want 300x20", got)
	}
	MinWidth(160).Layout([]fyne.CanvasObject{small, wide}, fyne.NewSize(500, 30))
	if small.Size() != fyne.NewSize(500, 30) || wide.Position() != fyne.NewPos(0, 0) {
		t.Errorf("layout: %v at %v", small.Size(), wide.Position())
	}
}

func TestProblem(t *testing.T) {
	s := vsm.NewStage("Dev")
	people := s.SetField(vsm.PeopleField, "0", vsm.Calendar{})
	name := s.SetField(vsm.NameField, " ", vsm.Calendar{})
	for _, c := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{people, `"0" must be more than 0 people (0.5 for half a person's time)`}, // the field is named beside it
		{name, "is required (a stage needs a name)"},                              // no value to quote
		{fmt.Errorf("%q is not a number: %w", "x", vsm.ErrInvalid), `"x" is not a number`},
		{errors.New("disk full"), "disk full"},
	} {
		if got := Problem(c.err); got != c.want {
			t.Errorf("Problem(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
