// Package desktop is what the desktop app's process needs around Fyne: an
// account readied before the first window (Prepare) and a polite end when the
// system asks the process to stop (OnTerminate). It has no widgets; the ui
// package has those.
package desktop
