package main

import (
	"flag"

	"flowmap/vsm"
)

func cmdEvents(args []string, e env) error { return notYet("events") }

type eventFlags struct{}

func (ef *eventFlags) register(fs *flag.FlagSet, _ bool) {}

func readEventMap(path string, ef *eventFlags, sf *stageFlags) (*vsm.Map, error) {
	return nil, notYet("event log import")
}
func looksLikeNoStageHeader(err error) bool { return false }
func looksLikeNoEventHeader(err error) bool { return true }
