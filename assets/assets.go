// Package assets holds the files Flowmap embeds in its binaries.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is Flowmap's application icon: three stages on a lead-time ladder, the
// constraint in orange. FyneApp.toml points the packager at the same file.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
