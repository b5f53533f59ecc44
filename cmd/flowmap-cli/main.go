// Command flowmap-cli is Flowmap without a window: it computes, imports and
// exports value stream maps the same way as the desktop app, for scripts and
// pipelines. shared/cli.md is its contract.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}
