package vsm

import (
	"fmt"
	"strings"
	"time"
)

// Deployment is one deployment to production, as a deployment-records file
// gives it (one row per deployment). Times keep the UTC offset they were
// written with: durations are measured between instants, and the offset only
// decides which calendar day a deployment falls on (see DORA).
type Deployment struct {
	DeployedAt    time.Time // required: when the change reached production
	ChangeID      string    // the change, merge request or release deployed; "" when not given
	FirstCommitAt time.Time // first commit of the change; zero when not given
	Failed        bool      // the deployment caused a failure in production (a rollback, hotfix or incident)
	FailedAt      time.Time // when the failure began; zero when not given (it is then dated at DeployedAt)
	RestoredAt    time.Time // when service was restored; zero when not restored or not given
	Service       string    // the service deployed; "" when not given
}

// The field names of a deployment record, as the records file's columns and
// every error name them.
const (
	DeploymentFieldDeployedAt    = "deployed_at"
	DeploymentFieldChangeID      = "change_id"
	DeploymentFieldFirstCommitAt = "first_commit_at"
	DeploymentFieldFailed        = "failed"
	DeploymentFieldFailedAt      = "failed_at"
	DeploymentFieldRestoredAt    = "restored_at"
	DeploymentFieldService       = "service"
)

// DeploymentError says which deployment record holds which bad value, and
// why. It wraps ErrInvalid.
type DeploymentError struct {
	Row    int    // the record's row as the caller counts it (a file's row number); 0 when unknown
	Change string // the record's change ID; "" when it has none
	Field  string // one of the DeploymentField names
	Value  string // the value as RFC 3339, "" when missing
	Reason string
}

func (e *DeploymentError) Error() string {
	var b strings.Builder
	b.WriteString("deployment")
	if e.Row > 0 {
		fmt.Fprintf(&b, " row %d", e.Row)
	}
	if e.Change != "" {
		fmt.Fprintf(&b, " (change %q)", clip(e.Change))
	}
	fmt.Fprintf(&b, ": %s: ", e.Field)
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", e.Value)
	}
	b.WriteString(e.Reason)
	return b.String()
}

func (e *DeploymentError) Unwrap() error { return ErrInvalid }

// clip shortens a value quoted in a message to about 80 characters.
func clip(s string) string {
	const most = 80
	if len(s) <= most {
		return s
	}
	r := []rune(s)
	if len(r) <= most {
		return s
	}
	return string(r[:most-1]) + "…"
}

// Validate checks one deployment record; row is its row number as the caller
// counts it (0 when there is none), used to name it in the error. The rules:
//
//   - deployed_at is required;
//   - first_commit_at is not after deployed_at (a change is committed first);
//   - failed_at and restored_at belong to a failed deployment only;
//   - failed_at is not before deployed_at (a deployment fails once deployed);
//   - restored_at is not before the failure began (failed_at, or deployed_at
//     when failed_at is not given).
//
// Equal times are valid: a lead time or a restore time of 0.
func (d Deployment) Validate(row int) error {
	bad := func(field string, t time.Time, reason string) error {
		v := ""
		if !t.IsZero() {
			v = t.Format(time.RFC3339)
		}
		return &DeploymentError{Row: row, Change: d.ChangeID, Field: field, Value: v, Reason: reason}
	}
	at := func(t time.Time) string { return t.Format(time.RFC3339) }
	if d.DeployedAt.IsZero() {
		return bad(DeploymentFieldDeployedAt, time.Time{}, "is required")
	}
	if !d.FirstCommitAt.IsZero() && d.FirstCommitAt.After(d.DeployedAt) {
		return bad(DeploymentFieldFirstCommitAt, d.FirstCommitAt,
			"is after deployed_at ("+at(d.DeployedAt)+"): a change is committed before it is deployed")
	}
	if !d.Failed {
		if !d.FailedAt.IsZero() {
			return bad(DeploymentFieldFailedAt, d.FailedAt, "is given for a deployment not marked failed (mark it failed, or leave failed_at empty)")
		}
		if !d.RestoredAt.IsZero() {
			return bad(DeploymentFieldRestoredAt, d.RestoredAt, "is given for a deployment not marked failed (mark it failed, or leave restored_at empty)")
		}
		return nil
	}
	if !d.FailedAt.IsZero() && d.FailedAt.Before(d.DeployedAt) {
		return bad(DeploymentFieldFailedAt, d.FailedAt,
			"is before deployed_at ("+at(d.DeployedAt)+"): a deployment fails after it is deployed")
	}
	if !d.RestoredAt.IsZero() {
		start, name := d.FailureStart(), DeploymentFieldFailedAt
		if d.FailedAt.IsZero() {
			name = DeploymentFieldDeployedAt
		}
		if d.RestoredAt.Before(start) {
			return bad(DeploymentFieldRestoredAt, d.RestoredAt,
				"is before "+name+" ("+at(start)+"): service is restored after it fails")
		}
	}
	return nil
}

// FailureStart is when a failed deployment's failure began: FailedAt, or
// DeployedAt when FailedAt is not given.
func (d Deployment) FailureStart() time.Time {
	if d.FailedAt.IsZero() {
		return d.DeployedAt
	}
	return d.FailedAt
}

// LeadTimeHours is the deployment's lead time for changes in elapsed hours,
// DeployedAt - FirstCommitAt; ok is false without a first commit time or when
// the commit is after the deployment (Validate refuses that).
func (d Deployment) LeadTimeHours() (hours float64, ok bool) {
	if d.FirstCommitAt.IsZero() || d.DeployedAt.IsZero() || d.FirstCommitAt.After(d.DeployedAt) {
		return 0, false
	}
	return d.DeployedAt.Sub(d.FirstCommitAt).Hours(), true
}

// RestoreHours is the time to restore service of a failed deployment in
// elapsed hours, RestoredAt - FailureStart; ok is false when the deployment
// did not fail, was not restored, or was restored before it failed.
func (d Deployment) RestoreHours() (hours float64, ok bool) {
	if !d.Failed || d.RestoredAt.IsZero() {
		return 0, false
	}
	start := d.FailureStart()
	if start.IsZero() || d.RestoredAt.Before(start) {
		return 0, false
	}
	return d.RestoredAt.Sub(start).Hours(), true
}
