package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"flowmap/vsm"
)

// openTemp opens a new store in a fresh folder and closes it when the test ends.
func openTemp(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "flowmap.db")
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// twoStageMap is a small valid map.
func twoStageMap(name string) *vsm.Map {
	m := vsm.NewMap(name)
	a, b := vsm.NewStage("Code"), vsm.NewStage("Test")
	a.ProcessHours, a.WaitHours = 4, 8
	b.ProcessHours, b.WaitHours, b.CompleteAccurate = 2, 16, 0.8
	b.Waste = []vsm.Waste{vsm.WasteManualTesting}
	m.Stages = []vsm.Stage{a, b}
	return m
}

// sameMap compares maps as the store keeps them.
func sameMap(t *testing.T, got, want *vsm.Map) {
	t.Helper()
	if !got.Created.Equal(want.Created) || !got.Updated.Equal(want.Updated) {
		t.Errorf("times: got created %v updated %v, want %v %v", got.Created, got.Updated, want.Created, want.Updated)
	}
	g, w := got.Clone(), want.Clone()
	g.Created, g.Updated, w.Created, w.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("map differs:\n got  %+v\n want %+v", g, w)
	}
}

func names(t *testing.T, db *DB) []string {
	t.Helper()
	list, err := db.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var out []string
	for _, in := range list {
		out = append(out, in.Name)
	}
	return out
}

func TestOpenNewStoreSeedsExampleAndMakesItCurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "config")
	path := filepath.Join(dir, "flowmap", "flowmap.db")
	before := time.Now().UTC().Truncate(time.Second)
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	list, err := db.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != vsm.ExampleMapName || list[0].Stages != 9 {
		t.Fatalf("List() = %+v, want one map %q with 9 stages", list, vsm.ExampleMapName)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(list[0].ID) {
		t.Errorf("ID %q is not 16 hex characters", list[0].ID)
	}
	cur, err := db.Current()
	if err != nil || cur != list[0].ID {
		t.Errorf("Current() = %q, %v; want the example %q", cur, err, list[0].ID)
	}
	m, err := db.Get(cur)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != cur || m.Created.Before(before) || !m.Updated.Equal(m.Created) || !list[0].Updated.Equal(m.Updated) {
		t.Errorf("example: ID %q created %v updated %v (list says %v), want ID %q and both times >= %v",
			m.ID, m.Created, m.Updated, list[0].Updated, cur, before)
	}
	want := vsm.ExampleMap()
	want.ID, want.Created, want.Updated = cur, m.Created, m.Updated
	sameMap(t, m, want)

	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("store file mode = %v, %v; want 0600", st.Mode(), err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Errorf("folder holds %v, want only flowmap.db (no temporary files)", got)
	}
}

func TestSavesSurviveReopening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flowmap.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Create(twoStageMap("Onboarding"))
	if err != nil {
		t.Fatal(err)
	}
	a.Stages[0].WaitHours = 40
	a.Description = "after the first review"
	if err := db.Save(a); err != nil {
		t.Fatal(err)
	}
	b, err := db.Duplicate(a.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Rename(b.ID, "Onboarding v2"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCurrent(b.ID); err != nil {
		t.Fatal(err)
	}
	renamed, err := db.Get(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(path)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer db.Close()
	gotA, err := db.Get(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameMap(t, gotA, a)
	gotB, err := db.GetByName("onboarding V2")
	if err != nil {
		t.Fatal(err)
	}
	sameMap(t, gotB, renamed)
	if cur, _ := db.Current(); cur != b.ID {
		t.Errorf("Current() after reopening = %q, want %q", cur, b.ID)
	}
	if got, want := names(t, db), []string{vsm.ExampleMapName, "Onboarding", "Onboarding v2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}

func TestCreate(t *testing.T) {
	db, _ := openTemp(t)
	in := twoStageMap("  Release train  ")
	inCopy := in.Clone()
	before := time.Now().UTC().Truncate(time.Second)
	m, err := db.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, inCopy) {
		t.Errorf("Create changed its argument: %+v", in)
	}
	if m.ID == "" || m.Name != "Release train" || m.Created.Before(before) || !m.Updated.Equal(m.Created) {
		t.Errorf("Create = ID %q name %q created %v updated %v; want an ID, the trimmed name and times >= %v",
			m.ID, m.Name, m.Created, m.Updated, before)
	}
	got, err := db.Get(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameMap(t, got, m)

	// A map from a file keeps its creation time.
	old := twoStageMap("Imported")
	old.Created = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	imp, err := db.Create(old)
	if err != nil {
		t.Fatal(err)
	}
	if !imp.Created.Equal(old.Created) || imp.Updated.Before(before) {
		t.Errorf("imported map: created %v updated %v, want created %v and updated now", imp.Created, imp.Updated, old.Created)
	}

	for _, name := range []string{"Release train", "release TRAIN", " Release train\t", "Feature Delivery (Example)"} {
		if _, err := db.Create(twoStageMap(name)); !errors.Is(err, ErrNameTaken) {
			t.Errorf("Create(%q) error = %v, want ErrNameTaken", name, err)
		}
	}
	bad := twoStageMap("Broken")
	bad.Stages[1].WaitHours = -2
	_, err = db.Create(bad)
	if !errors.Is(err, vsm.ErrInvalid) || !strings.Contains(err.Error(), `"Broken"`) || !strings.Contains(err.Error(), "wait") {
		t.Errorf("Create(negative wait) error = %v, want ErrInvalid naming the map and the field", err)
	}
	if _, err := db.Create(twoStageMap("   ")); !errors.Is(err, vsm.ErrInvalid) {
		t.Errorf("Create(blank name) error = %v, want ErrInvalid", err)
	}
	if got, want := names(t, db), []string{vsm.ExampleMapName, "Imported", "Release train"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after the failed creates, names = %q, want %q", got, want)
	}
}

func TestSave(t *testing.T) {
	db, _ := openTemp(t)
	a, _ := db.Create(twoStageMap("Alpha"))
	b, _ := db.Create(twoStageMap("Beta"))

	edit := a.Clone()
	edit.Created = time.Time{} // a caller that does not carry it keeps the stored one
	edit.Name = " ALPHA "      // its own name in other case is not a clash
	edit.Stages = append(edit.Stages, vsm.NewStage("Deploy"))
	if err := db.Save(edit); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if edit.Name != "ALPHA" || !edit.Created.Equal(a.Created) || edit.Updated.Before(a.Updated) {
		t.Errorf("after Save: name %q created %v updated %v; want %q, %v and >= %v",
			edit.Name, edit.Created, edit.Updated, "ALPHA", a.Created, a.Updated)
	}
	got, _ := db.Get(a.ID)
	sameMap(t, got, edit)
	list, _ := db.List()
	for _, in := range list {
		if in.ID == a.ID && (in.Stages != 3 || in.Name != "ALPHA" || !in.Updated.Equal(edit.Updated)) {
			t.Errorf("List entry after Save = %+v, want 3 stages, ALPHA, updated %v", in, edit.Updated)
		}
	}

	clash := b.Clone()
	clash.Name = "alpha"
	if err := db.Save(clash); !errors.Is(err, ErrNameTaken) {
		t.Errorf("Save(name of another map) error = %v, want ErrNameTaken", err)
	}
	for _, id := range []string{"", "0123456789abcdef"} {
		m := twoStageMap("Nowhere")
		m.ID = id
		if err := db.Save(m); !errors.Is(err, ErrNotFound) {
			t.Errorf("Save(ID %q) error = %v, want ErrNotFound", id, err)
		}
	}
	invalid := b.Clone()
	invalid.Stages[0].CompleteAccurate = 1.5
	if err := db.Save(invalid); !errors.Is(err, vsm.ErrInvalid) {
		t.Errorf("Save(CA 150%%) error = %v, want ErrInvalid", err)
	}
	if got, _ := db.Get(b.ID); got.Stages[0].CompleteAccurate != 1 {
		t.Errorf("a failed Save changed the stored map: CA = %v", got.Stages[0].CompleteAccurate)
	}
}

func TestRename(t *testing.T) {
	db, _ := openTemp(t)
	a, _ := db.Create(twoStageMap("Alpha"))
	db.Create(twoStageMap("Beta"))
	if err := db.Rename(a.ID, "  Gamma "); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Get(a.ID); got.Name != "Gamma" || got.Updated.Before(a.Updated) {
		t.Errorf("after Rename: %q updated %v", got.Name, got.Updated)
	}
	if err := db.Rename(a.ID, "gamma"); err != nil {
		t.Errorf("Rename to its own name in lower case: %v", err)
	}
	if err := db.Rename(a.ID, "BETA"); !errors.Is(err, ErrNameTaken) {
		t.Errorf("Rename to another map's name: %v, want ErrNameTaken", err)
	}
	if err := db.Rename(a.ID, " "); !errors.Is(err, vsm.ErrInvalid) {
		t.Errorf("Rename to a blank name: %v, want ErrInvalid", err)
	}
	if err := db.Rename("ffffffffffffffff", "Delta"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Rename of a missing map: %v, want ErrNotFound", err)
	}
	if got, want := names(t, db), []string{"Beta", vsm.ExampleMapName, "gamma"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}

func TestDuplicateNaming(t *testing.T) {
	db, _ := openTemp(t)
	src, _ := db.Create(twoStageMap("Flow"))
	var copies []*vsm.Map
	for range 3 {
		c, err := db.Duplicate(src.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		copies = append(copies, c)
	}
	for i, want := range []string{"Flow (copy)", "Flow (copy 2)", "Flow (copy 3)"} {
		if copies[i].Name != want {
			t.Errorf("copy %d named %q, want %q", i+1, copies[i].Name, want)
		}
	}
	// A freed name is reused first; case does not matter for being taken.
	db.Delete(copies[1].ID)
	db.Rename(copies[0].ID, "FLOW (COPY)")
	c, err := db.Duplicate(src.ID, "")
	if err != nil || c.Name != "Flow (copy 2)" {
		t.Errorf("after deleting copy 2: Duplicate = %v, %v; want \"Flow (copy 2)\"", c, err)
	}

	named, err := db.Duplicate(src.ID, " Flow, future state ")
	if err != nil || named.Name != "Flow, future state" {
		t.Fatalf("Duplicate with a name = %v, %v", named, err)
	}
	if named.ID == src.ID || named.Created.Before(src.Created) {
		t.Errorf("copy has ID %q (source %q) created %v", named.ID, src.ID, named.Created)
	}
	want := src.Clone()
	want.ID, want.Name, want.Created, want.Updated = named.ID, named.Name, named.Created, named.Updated
	got, _ := db.Get(named.ID)
	sameMap(t, got, want)
	// The copy is independent of its source.
	got.Stages[0].WaitHours = 99
	db.Save(got)
	if s, _ := db.Get(src.ID); s.Stages[0].WaitHours != 8 {
		t.Errorf("editing the copy changed the source: wait = %v", s.Stages[0].WaitHours)
	}

	if _, err := db.Duplicate(src.ID, "flow"); !errors.Is(err, ErrNameTaken) {
		t.Errorf("Duplicate to a taken name: %v, want ErrNameTaken", err)
	}
	if _, err := db.Duplicate("0000000000000000", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("Duplicate of a missing map: %v, want ErrNotFound", err)
	}
}

func TestDeleteAndCurrent(t *testing.T) {
	db, _ := openTemp(t)
	example, _ := db.Current()
	a, _ := db.Create(twoStageMap("Alpha"))
	if err := db.SetCurrent(a.ID); err != nil {
		t.Fatal(err)
	}
	if cur, _ := db.Current(); cur != a.ID {
		t.Errorf("Current() = %q, want %q", cur, a.ID)
	}
	if err := db.SetCurrent("0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetCurrent(missing) = %v, want ErrNotFound", err)
	}
	if cur, _ := db.Current(); cur != a.ID {
		t.Errorf("a failed SetCurrent changed Current() to %q", cur)
	}

	if err := db.Delete(a.ID); err != nil {
		t.Fatal(err)
	}
	if cur, err := db.Current(); cur != "" || err != nil {
		t.Errorf("Current() after deleting the current map = %q, %v; want \"\"", cur, err)
	}
	if _, err := db.Get(a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(deleted) = %v, want ErrNotFound", err)
	}
	if _, err := db.GetByName("Alpha"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetByName(deleted) = %v, want ErrNotFound", err)
	}
	if err := db.Delete(a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
	if _, err := db.Create(twoStageMap("Alpha")); err != nil {
		t.Errorf("the name of a deleted map is free again: %v", err)
	}

	db.SetCurrent(example)
	if err := db.SetCurrent(""); err != nil {
		t.Fatal(err)
	}
	if cur, _ := db.Current(); cur != "" {
		t.Errorf("Current() after SetCurrent(\"\") = %q", cur)
	}
}

func TestListSortedByNameIgnoringCase(t *testing.T) {
	db, _ := openTemp(t)
	for _, n := range []string{"beta", "Gamma", "alpha 2", "Alpha", "delta"} {
		m := twoStageMap(n)
		m.Stages = append(m.Stages, vsm.NewStage("Extra"))
		if _, err := db.Create(m); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.List()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Alpha", "alpha 2", "beta", "delta", vsm.ExampleMapName, "Gamma"}
	if got := names(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
	for _, in := range list {
		if in.Name != vsm.ExampleMapName && in.Stages != 3 {
			t.Errorf("%q lists %d stages, want 3", in.Name, in.Stages)
		}
		if in.Updated.IsZero() || in.ID == "" {
			t.Errorf("%q lists ID %q updated %v", in.Name, in.ID, in.Updated)
		}
	}
}

func TestGetByName(t *testing.T) {
	db, _ := openTemp(t)
	a, _ := db.Create(twoStageMap("Payments"))
	tests := []struct {
		name string
		want string // ID, "" for ErrNotFound
	}{
		{"Payments", a.ID},
		{"payments", a.ID},
		{"  PAYMENTS ", a.ID},
		{"Payment", ""},
		{"", ""},
	}
	for _, tt := range tests {
		m, err := db.GetByName(tt.name)
		switch {
		case tt.want == "" && !errors.Is(err, ErrNotFound):
			t.Errorf("GetByName(%q) = %v, %v; want ErrNotFound", tt.name, m, err)
		case tt.want != "" && (err != nil || m.ID != tt.want):
			t.Errorf("GetByName(%q) = %v, %v; want ID %q", tt.name, m, err, tt.want)
		}
	}
	_, err := db.GetByName("Payment")
	if err == nil || !strings.Contains(err.Error(), `"Payment"`) {
		t.Errorf("not-found error %q should name the map", err)
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME is the Linux rule")
	}
	t.Setenv("XDG_CONFIG_HOME", "/home/someone/.config")
	got, err := DefaultPath()
	if want := "/home/someone/.config/flowmap/flowmap.db"; got != want || err != nil {
		t.Errorf("DefaultPath() = %q, %v; want %q", got, err, want)
	}
}

func TestSecondOpenInSameProcessIsLocked(t *testing.T) {
	db, path := openTemp(t)
	_, err := Open(path)
	want := "Flowmap is already open: another window or process is using " + path
	if !errors.Is(err, ErrLocked) || err.Error() != want {
		t.Errorf("second Open = %v, want %q wrapping ErrLocked", err, want)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

func TestOpenRefusesAFolderAndNoPath(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "is a folder") || errors.Is(err, ErrDamaged) {
		t.Errorf("Open(a folder) = %v, want an error saying it is a folder", err)
	}
	if _, err := Open(""); err == nil {
		t.Errorf("Open(\"\") succeeded")
	}
}
