package importers

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"flowmap/vsm"
)

func TestParseStatusMapping(t *testing.T) {
	m, err := ParseStatusMapping(strings.NewReader("\ufeff" + strings.ReplaceAll(evMappingFile, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]StatusRole{
		"Backlog":         {"", KindIgnore},
		"Doing":           {"Build", KindWork},
		"Blocked":         {"", KindWait},
		"Ready for check": {"Check", KindWait},
		"CHECKING":        {"Check", KindWork},
		"Done = shipped":  {"", KindDone},
		"Cancelled":       {"", KindIgnore},
	}
	if !reflect.DeepEqual(m.Statuses, want) {
		t.Errorf("parsed %v\nwant   %v", m.Statuses, want)
	}
	if r, ok := m.Role("ready  FOR check"); !ok || r != (StatusRole{"Check", KindWait}) {
		t.Errorf("Role ignoring case and spaces = %+v %v", r, ok)
	}
	// Written out and read back, the mapping is the same.
	text, err := m.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseStatusMapping(strings.NewReader(string(text)))
	if err != nil {
		t.Fatalf("reading MarshalText output: %v\n%s", err, text)
	}
	if !reflect.DeepEqual(back.Statuses, m.Statuses) {
		t.Errorf("round trip:\n%s\ngave %v", text, back.Statuses)
	}
	// Stage-less roles first, then by stage (wait before work), done last.
	wantText := "# Flowmap status mapping: STATUS = work STAGE | wait [STAGE] | done | ignore\n" +
		"Backlog          = ignore\n" +
		"Cancelled        = ignore\n" +
		"Blocked          = wait\n" +
		"Doing            = work Build\n" +
		"Ready for check  = wait Check\n" +
		"CHECKING         = work Check\n" +
		"\"Done = shipped\" = done\n"
	if string(text) != wantText {
		t.Errorf("MarshalText =\n%s\nwant\n%s", text, wantText)
	}
}

func TestParseStatusMappingErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"", "the mapping names no status"},
		{"# only a comment\n\n", "the mapping names no status"},
		{"Ready for QA\n", "line 1: expected STATUS = work STAGE, wait [STAGE], done or ignore"},
		{"# c\n= work QA\n", "line 2: no status before ="},
		{"In QA = wrok QA\n", `line 1: "wrok" is not a kind: use work, wait, done or ignore`},
		{"In QA =\n", `line 1: no role after "In QA" =`},
		{"In QA = work\n", `line 1: "In QA" = work needs a stage: write In QA = work STAGE`},
		{"Done = done Release\n", `line 1: "Done" = done takes no stage (found "Release")`},
		{"Backlog = ignore\nbacklog  = done\n", `line 2: status "backlog" is already mapped on line 1`},
		{"\"Open = x\n", "line 1: the quoted status has no closing quote"},
		{"\"Open\" work X\n", "line 1: expected = after the quoted status"},
	} {
		_, err := ParseStatusMapping(strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseStatusMapping(%q) = %v, want %q", tc.text, err, tc.want)
			continue
		}
		if !errors.Is(err, vsm.ErrInvalid) {
			t.Errorf("%q: %v does not wrap vsm.ErrInvalid", tc.text, err)
		}
	}
}

func TestProposeMapping(t *testing.T) {
	statuses := []string{
		"Backlog", "To Do", "Open", "Selected for Development", "Ready", "Cancelled", "Won't Do",
		"Ready for Review", "In Review", "Ready for QA", "In QA", "Waiting for Approval",
		"Test Queue", "Testing", "To Deploy", "Awaiting Deploy", "Deploying",
		"Blocked", "On Hold", "Reopened", "Dev Done",
		"In Progress", "Dev In Progress", "Development", "Ready for Code Review", "Code Review",
		"Done", "Closed", "Resolved", "Released", "Deployed", "Completed",
	}
	want := map[string]StatusRole{
		"Backlog": {"", KindIgnore}, "To Do": {"", KindIgnore}, "Open": {"", KindIgnore},
		"Selected for Development": {"", KindIgnore}, "Ready": {"", KindIgnore},
		"Cancelled": {"", KindIgnore}, "Won't Do": {"", KindIgnore},
		"Ready for Review": {"Review", KindWait}, "In Review": {"Review", KindWork},
		"Ready for QA": {"QA", KindWait}, "In QA": {"QA", KindWork},
		"Waiting for Approval": {"Approval", KindWait},
		// Test and Testing are one stage, named after its work status.
		"Test Queue": {"Testing", KindWait}, "Testing": {"Testing", KindWork},
		"To Deploy": {"Deploying", KindWait}, "Awaiting Deploy": {"Deploying", KindWait},
		"Deploying": {"Deploying", KindWork},
		"Blocked":   {"", KindWait}, "On Hold": {"", KindWait}, "Reopened": {"", KindWait},
		"Dev Done":    {"", KindWait},
		"In Progress": {"In Progress", KindWork}, "Dev In Progress": {"Dev", KindWork},
		"Development":           {"Development", KindWork},
		"Ready for Code Review": {"Code Review", KindWait}, "Code Review": {"Code Review", KindWork},
		"Done": {"", KindDone}, "Closed": {"", KindDone}, "Resolved": {"", KindDone},
		"Released": {"", KindDone}, "Deployed": {"", KindDone}, "Completed": {"", KindDone},
	}
	m := ProposeMapping(statuses)
	for _, s := range statuses {
		if got := m.Statuses[s]; got != want[s] {
			t.Errorf("ProposeMapping: %q = %+v, want %+v", s, got, want[s])
		}
	}
	if len(m.Statuses) != len(statuses) {
		t.Errorf("%d roles for %d statuses", len(m.Statuses), len(statuses))
	}
}

func TestEventStageKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Testing", "test"}, {"Code  review", "code-review"}, {"Planning", "PLAN"},
		{"Shipping", "ship"}, {"Billing", "bill"}, {"QA", "qa"},
	} {
		if evStageKey(tc.a) != evStageKey(tc.b) {
			t.Errorf("evStageKey(%q) = %q, evStageKey(%q) = %q: want equal", tc.a, evStageKey(tc.a), tc.b, evStageKey(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{{"Dev", "Deploy"}, {"Sing", "S"}, {"Coding", "Cod"}} {
		if evStageKey(tc.a) == evStageKey(tc.b) {
			t.Errorf("evStageKey(%q) = evStageKey(%q) = %q: want different", tc.a, tc.b, evStageKey(tc.a))
		}
	}
}
