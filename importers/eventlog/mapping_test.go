package eventlog

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"flowmap/vsm"
)

func TestParseStatusMapping(t *testing.T) {
	m, err := ParseMapping(strings.NewReader("\ufeff" + strings.ReplaceAll(mappingFile, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]vsm.StatusRole{
		"Backlog":         {Stage: "", Kind: vsm.StatusIgnore},
		"Doing":           {Stage: "Build", Kind: vsm.StatusWork},
		"Blocked":         {Stage: "", Kind: vsm.StatusWait},
		"Ready for check": {Stage: "Check", Kind: vsm.StatusWait},
		"CHECKING":        {Stage: "Check", Kind: vsm.StatusWork},
		"Done = shipped":  {Stage: "", Kind: vsm.StatusDone},
		"Cancelled":       {Stage: "", Kind: vsm.StatusIgnore},
	}
	if !reflect.DeepEqual(m.Statuses, want) {
		t.Errorf("parsed %v\nwant   %v", m.Statuses, want)
	}
	if r, ok := m.Role("ready  FOR check"); !ok || r != (vsm.StatusRole{Stage: "Check", Kind: vsm.StatusWait}) {
		t.Errorf("Role ignoring case and spaces = %+v %v", r, ok)
	}
	// Written out and read back, the mapping is the same.
	text := FormatMapping(m)
	back, err := ParseMapping(strings.NewReader(string(text)))
	if err != nil {
		t.Fatalf("reading FormatMapping's output: %v\n%s", err, text)
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
		t.Errorf("FormatMapping =\n%s\nwant\n%s", text, wantText)
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
		_, err := ParseMapping(strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseMapping(%q) = %v, want %q", tc.text, err, tc.want)
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
	want := map[string]vsm.StatusRole{
		"Backlog": {Stage: "", Kind: vsm.StatusIgnore}, "To Do": {Stage: "", Kind: vsm.StatusIgnore}, "Open": {Stage: "", Kind: vsm.StatusIgnore},
		"Selected for Development": {Stage: "", Kind: vsm.StatusIgnore}, "Ready": {Stage: "", Kind: vsm.StatusIgnore},
		"Cancelled": {Stage: "", Kind: vsm.StatusIgnore}, "Won't Do": {Stage: "", Kind: vsm.StatusIgnore},
		"Ready for Review": {Stage: "Review", Kind: vsm.StatusWait}, "In Review": {Stage: "Review", Kind: vsm.StatusWork},
		"Ready for QA": {Stage: "QA", Kind: vsm.StatusWait}, "In QA": {Stage: "QA", Kind: vsm.StatusWork},
		"Waiting for Approval": {Stage: "Approval", Kind: vsm.StatusWait},
		// Test and Testing are one stage, named after its work status.
		"Test Queue": {Stage: "Testing", Kind: vsm.StatusWait}, "Testing": {Stage: "Testing", Kind: vsm.StatusWork},
		"To Deploy": {Stage: "Deploying", Kind: vsm.StatusWait}, "Awaiting Deploy": {Stage: "Deploying", Kind: vsm.StatusWait},
		"Deploying": {Stage: "Deploying", Kind: vsm.StatusWork},
		"Blocked":   {Stage: "", Kind: vsm.StatusWait}, "On Hold": {Stage: "", Kind: vsm.StatusWait}, "Reopened": {Stage: "", Kind: vsm.StatusWait},
		"Dev Done":    {Stage: "", Kind: vsm.StatusWait},
		"In Progress": {Stage: "In Progress", Kind: vsm.StatusWork}, "Dev In Progress": {Stage: "Dev", Kind: vsm.StatusWork},
		"Development":           {Stage: "Development", Kind: vsm.StatusWork},
		"Ready for Code Review": {Stage: "Code Review", Kind: vsm.StatusWait}, "Code Review": {Stage: "Code Review", Kind: vsm.StatusWork},
		"Done": {Stage: "", Kind: vsm.StatusDone}, "Closed": {Stage: "", Kind: vsm.StatusDone}, "Resolved": {Stage: "", Kind: vsm.StatusDone},
		"Released": {Stage: "", Kind: vsm.StatusDone}, "Deployed": {Stage: "", Kind: vsm.StatusDone}, "Completed": {Stage: "", Kind: vsm.StatusDone},
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
		if stageNameKey(tc.a) != stageNameKey(tc.b) {
			t.Errorf("stageNameKey(%q) = %q, stageNameKey(%q) = %q: want equal", tc.a, stageNameKey(tc.a), tc.b, stageNameKey(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{{"Dev", "Deploy"}, {"Sing", "S"}, {"Coding", "Cod"}} {
		if stageNameKey(tc.a) == stageNameKey(tc.b) {
			t.Errorf("stageNameKey(%q) = stageNameKey(%q) = %q: want different", tc.a, tc.b, stageNameKey(tc.a))
		}
	}
}
