package vsm

import (
	"errors"
	"testing"
)

func TestStatusRoleCheck(t *testing.T) {
	for _, tt := range []struct {
		role     StatusRole
		want     error
		measures bool
	}{
		{StatusRole{Kind: StatusWork, Stage: "Dev"}, nil, true},
		{StatusRole{Kind: StatusWork}, ErrWorkWithoutStage, false},
		{StatusRole{Kind: StatusWork, Stage: "  "}, ErrWorkWithoutStage, false},
		{StatusRole{Kind: StatusWait, Stage: "Test"}, nil, true},
		{StatusRole{Kind: StatusWait}, nil, false}, // wait of the next stage entered
		{StatusRole{Kind: StatusDone}, nil, false},
		{StatusRole{Kind: StatusDone, Stage: "Release"}, ErrStageNotTaken, false},
		{StatusRole{Kind: StatusIgnore}, nil, false},
		{StatusRole{Kind: StatusIgnore, Stage: "Backlog"}, ErrStageNotTaken, false},
		{StatusRole{}, ErrNoStatusKind, false},
		{StatusRole{Kind: "rest", Stage: "Dev"}, ErrUnknownStatusKind, false},
	} {
		if err := tt.role.Check(); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
			t.Errorf("%+v.Check() = %v, want %v", tt.role, err, tt.want)
		}
		if got := tt.role.MeasuresStage(); got != tt.measures {
			t.Errorf("%+v.MeasuresStage() = %v, want %v", tt.role, got, tt.measures)
		}
	}
}

func TestStatusMappingRole(t *testing.T) {
	m := &StatusMapping{Statuses: map[string]StatusRole{
		"Ready for QA": {Kind: StatusWait, Stage: "QA"},
		"In QA":        {Kind: StatusWork, Stage: "QA"},
	}}
	for _, tt := range []struct {
		status string
		want   StatusRole
		ok     bool
	}{
		{"In QA", StatusRole{Kind: StatusWork, Stage: "QA"}, true},
		{"ready  FOR qa ", StatusRole{Kind: StatusWait, Stage: "QA"}, true},
		{"Done", StatusRole{}, false},
	} {
		if got, ok := m.Role(tt.status); got != tt.want || ok != tt.ok {
			t.Errorf("Role(%q) = %+v, %v; want %+v, %v", tt.status, got, ok, tt.want, tt.ok)
		}
	}
	var none *StatusMapping
	if _, ok := none.Role("In QA"); ok {
		t.Error("a nil mapping has a role")
	}
}
