package desktop

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
)

// OnTerminate runs quit on Fyne's goroutine when the process is asked to stop
// (Ctrl+C in its terminal, SIGTERM from a session ending or `kill`), so a
// polite kill is a Quit: what is typed is kept, and the store is closed
// properly. A second signal finds the default handling again and ends the
// process at once.
func OnTerminate(quit func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		signal.Stop(sig)
		fyne.Do(quit)
	}()
}
