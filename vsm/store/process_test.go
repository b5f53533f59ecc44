package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"flowmap/vsm"
)

// The process tests run this test binary again as a child, selected by these
// variables, so that the store is used by a real second process.
const (
	childEnv = "FLOWMAP_STORE_TEST_CHILD" // "hold" or "save"
	childDB  = "FLOWMAP_STORE_TEST_DB"
	childRun = "FLOWMAP_STORE_TEST_RUN"
)

// TestChildProcess is the child's side; it does nothing in a normal run.
func TestChildProcess(t *testing.T) {
	path := os.Getenv(childDB)
	switch os.Getenv(childEnv) {
	case "":
		t.Skip("the child process of the process tests")
	case "hold":
		holdStore(path)
	case "save":
		run, _ := strconv.Atoi(os.Getenv(childRun))
		saveForever(path, run)
	}
}

// holdStore opens the store, says "open" and keeps it open until stdin closes.
func holdStore(path string) {
	db, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("open")
	io.Copy(io.Discard, os.Stdin)
	db.Close()
	os.Exit(0)
}

// killMaps are the maps the kill test's child saves over and over.
var killMaps = []string{"Kill 0", "Kill 1", "Kill 2", "Kill 3", "Kill 4"}

// saveForever saves the kill maps in turn, writing an increasing sequence
// number as the map's description, and prints an ack line after each Save (or
// Create) returns. Every 15 saves it closes and reopens the store, so kills
// also land in backups and in Open; "phase" lines say where it is. It runs
// until it is killed.
func saveForever(path string, run int) {
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("phase open")
	db, err := Open(path)
	if err != nil {
		fail(err)
	}
	fmt.Println("phase save")
	var maps []*vsm.Map
	for _, name := range killMaps {
		m, err := db.GetByName(name)
		if err != nil {
			fail(err)
		}
		maps = append(maps, m)
	}
	for i := 0; ; i++ {
		seq := run*1_000_000 + i
		m := maps[i%len(maps)]
		m.Description = strconv.Itoa(seq) // a wait of 1,000,000 h would be past vsm.MaxHours
		if err := db.Save(m); err != nil {
			fail(err)
		}
		fmt.Printf("ack save %s %d\n", m.ID, seq)
		if i%10 == 9 {
			c, err := db.Create(twoStageMap(fmt.Sprintf("Run %d item %d", run, i)))
			if err != nil {
				fail(err)
			}
			fmt.Printf("ack create %s\n", c.ID)
		}
		if i%15 == 14 {
			fmt.Println("phase close")
			if err := db.Close(); err != nil {
				fail(err)
			}
			fmt.Println("phase open")
			if db, err = Open(path); err != nil {
				fail(err)
			}
			fmt.Println("phase save")
		}
	}
}

// child starts this test binary as a child in the given mode.
func child(t *testing.T, mode, path string, run int) (*exec.Cmd, io.WriteCloser, <-chan string, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childDB+"="+path, childRun+"="+strconv.Itoa(run))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() }) // never leave a saver running after a failed test
	lines := make(chan string, 1<<16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return cmd, stdin, lines, &stderr
}

func TestSecondProcessGetsAlreadyOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	cmd, stdin, lines, stderr := child(t, "hold", path, 0)
	select {
	case l := <-lines:
		if l != "open" {
			t.Fatalf("child said %q (stderr %s)", l, stderr)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("child did not open the store (stderr %s)", stderr)
	}

	start := time.Now()
	db, err := Open(path)
	took := time.Since(start)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded while another process has the store open")
	}
	t.Logf("second process: %q after %v", err, took.Round(time.Millisecond))
	want := "Flowmap is already open: another window or process is using " + path
	if !errors.Is(err, ErrLocked) || err.Error() != want {
		t.Errorf("Open = %q, want %q wrapping ErrLocked", err, want)
	}
	if took > 2*time.Second {
		t.Errorf("the already-open error took %v, want under 2 s", took)
	}
	if _, err := Restore(path, path+".backup-20300101T000000.000Z"); err == nil {
		t.Errorf("Restore succeeded while the store is open")
	}

	stdin.Close() // the child closes the store and exits
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v (stderr %s)", err, stderr)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatalf("Open after the other process closed the store: %v", err)
	}
	db.Close()
}

// A child saves in a loop and prints an ack after every Save that returned;
// the parent kills it with SIGKILL at a random moment, reopens the store and
// checks that every acknowledged save is there. One run in five is killed at
// a random moment from its start, so some kills land in Open.
func TestKilledWriterNeverLosesAnAcknowledgedSave(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs SIGKILL")
	}
	kills := 50
	if testing.Short() || raceDetector {
		kills = 25
	}
	path := filepath.Join(t.TempDir(), "flowmap.db")
	session(t, path, func(db *DB) {
		for _, name := range killMaps {
			mustCreate(t, db, name)
		}
	})
	seed := uint64(time.Now().UnixNano())
	r := rand.New(rand.NewPCG(seed, 2))
	t.Logf("random kill moments from seed %d", seed)

	lastAck := map[string]int{} // map ID -> highest acknowledged sequence number
	var created []string
	totalAcks, totalLost := 0, 0
	phases := map[string]int{} // where the child last said it was when killed
	for run := 1; run <= kills; run++ {
		cmd, _, lines, stderr := child(t, "save", path, run)
		var got []string
		var delay time.Duration
		if run%5 == 0 {
			delay = time.Duration(r.IntN(20)) * time.Millisecond
			time.Sleep(delay)
		} else {
			timeout := time.After(20 * time.Second)
		wait:
			for {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("run %d: child ended before its first save (stderr %s)", run, stderr)
					}
					got = append(got, l)
					if strings.HasPrefix(l, "ack ") {
						break wait
					}
				case <-timeout:
					t.Fatalf("run %d: no save acknowledged in 20 s (stderr %s)", run, stderr)
				}
			}
			delay = time.Duration(r.IntN(150)) * time.Millisecond
			time.Sleep(delay)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("run %d: kill: %v", run, err)
		}
		for l := range lines { // what the child printed before it died
			got = append(got, l)
		}
		cmd.Wait()

		acks, phase := 0, "start-up"
		for _, l := range got {
			f := strings.Fields(l)
			switch {
			case len(f) == 4 && f[0] == "ack" && f[1] == "save":
				seq, _ := strconv.Atoi(f[3])
				lastAck[f[2]] = max(lastAck[f[2]], seq)
				acks++
			case len(f) == 3 && f[0] == "ack" && f[1] == "create":
				created = append(created, f[2])
				acks++
			case len(f) == 2 && f[0] == "phase":
				phase = f[1]
			case strings.HasPrefix(l, "error"):
				t.Fatalf("run %d: child failed: %s", run, l)
			}
		}
		totalAcks += acks
		phases[phase]++

		db, err := Open(path)
		if err != nil {
			t.Fatalf("run %d: the store does not open after the kill: %v", run, err)
		}
		lost := 0
		for id, seq := range lastAck {
			m, err := db.Get(id)
			if err != nil {
				t.Fatalf("run %d: %v", run, err)
			}
			if got, _ := strconv.Atoi(m.Description); got < seq {
				t.Errorf("run %d: map %s holds save %d, but save %d was acknowledged", run, id, got, seq)
				lost++
			}
		}
		for _, id := range created {
			if _, err := db.Get(id); err != nil {
				t.Errorf("run %d: acknowledged new map %s is gone: %v", run, id, err)
				lost++
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		totalLost += lost
		when := fmt.Sprintf("%v after the first ack", delay)
		if run%5 == 0 {
			when = fmt.Sprintf("%v after start", delay)
		}
		t.Logf("kill %2d: SIGKILL %s (in %s); %3d acks this run; lost %d; store opens", run, when, phase, acks, lost)
	}

	leftovers, _ := filepath.Glob(path + ".tmp-*")
	creating, _ := filepath.Glob(path + ".new-*")
	backups, _ := Backups(path)
	t.Logf("kill test: %d SIGKILLs (last phase: %d start-up, %d open, %d save, %d close+backup), %d saves acknowledged, %d lost; the store opened after every kill; %d backups kept, %d interrupted backup files left",
		kills, phases["start-up"], phases["open"], phases["save"], phases["close"], totalAcks, totalLost, len(backups), len(leftovers))
	if len(backups) > BackupsKept || len(creating) > 0 {
		t.Errorf("%d backups (want at most %d), %d half-made stores left", len(backups), BackupsKept, len(creating))
	}
}

// A first start killed while it creates the store leaves either no store or a
// whole one (never a 0-byte or half-made file at the store's path), so the
// next start opens it or creates it again.
func TestKilledWhileCreatingTheStore(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs SIGKILL")
	}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	existed, midCreate := 0, 0
	const kills = 12
	for run := range kills {
		path := filepath.Join(t.TempDir(), "flowmap.db")
		cmd, _, lines, _ := child(t, "hold", path, run)
		time.Sleep(time.Duration(r.IntN(10)) * time.Millisecond)
		cmd.Process.Kill()
		for range lines {
		}
		cmd.Wait()
		if _, err := os.Stat(path); err == nil {
			existed++
		}
		if tmp, _ := filepath.Glob(path + ".new-*"); len(tmp) > 0 {
			midCreate++ // killed between making the temporary store and linking it
		}
		db, err := Open(path)
		if err != nil {
			t.Fatalf("kill %d: Open after a kill during creation: %v", run, err)
		}
		if got := names(t, db); len(got) != 1 || got[0] != vsm.ExampleMapName {
			t.Errorf("kill %d: the store holds %q, want the example", run, got)
		}
		if tmp, _ := filepath.Glob(path + ".new-*"); len(tmp) > 0 {
			t.Errorf("kill %d: Open left the half-made store %q", run, tmp)
		}
		db.Close()
	}
	t.Logf("%d kills during first start: %d left a whole store, %d left none; %d were mid-creation (a temporary store left beside it); every next start opened",
		kills, existed, kills-existed, midCreate)
}
