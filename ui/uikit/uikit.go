// Package uikit holds the small display helpers the Flowmap screens share
// (the editor in ui, the import screens, the kaizen screens): how a number
// reads, what a refused value says, and a layout. It depends on Fyne and vsm only, so
// each screen package can use it without depending on the others.
package uikit

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"flowmap/vsm"
)

// Number writes a count with at most two decimals and no trailing zeros.
// NaN and infinities are "—".
func Number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// Problem writes a refused value for the note beside the field it was typed
// into, which names the field already: a *vsm.FieldError reads as the value
// and why ("\"0\" must be more than 0 people"), any other error as its
// message without the ": invalid value" of vsm.ErrInvalid.
func Problem(err error) string {
	var fe *vsm.FieldError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &fe) && fe.Value == "":
		return fe.Reason
	case errors.As(err, &fe):
		return fmt.Sprintf("%q %s", fe.Value, fe.Reason)
	}
	return strings.TrimSuffix(err.Error(), ": "+vsm.ErrInvalid.Error())
}

// MinWidth is a layout that gives its content at least this width, and
// stacks it (every object gets the whole size).
type MinWidth float32

// Layout gives every object the whole size.
func (w MinWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the largest object's minimum, at least w wide.
func (w MinWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(float32(w), 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
