package vsm

import "time"

// KaizenStatus is where an improvement stands.
type KaizenStatus string

// The statuses of a kaizen item, in the order of a board's columns.
const (
	KaizenIdea       KaizenStatus = "idea"
	KaizenPlanned    KaizenStatus = "planned"
	KaizenInProgress KaizenStatus = "in-progress"
	KaizenDone       KaizenStatus = "done"
	KaizenDropped    KaizenStatus = "dropped"
)

// KaizenStatuses lists the statuses in board order.
var KaizenStatuses = []KaizenStatus{KaizenIdea, KaizenPlanned, KaizenInProgress, KaizenDone, KaizenDropped}

// StatusChange records when a kaizen item moved to a status.
type StatusChange struct {
	Status KaizenStatus
	Date   time.Time
}

// Effect is what a kaizen is expected to do to its stage: target values, nil
// where the kaizen leaves a field as it is.
type Effect struct {
	WaitHours        *float64
	ProcessHours     *float64
	CompleteAccurate *float64
	People           *float64
}

// Kaizen is one small improvement: a hypothesis about a stage, tested by doing
// it and measuring again.
type Kaizen struct {
	ID         string
	Title      string
	Stage      string // the stage it targets, by name; "" for the whole stream
	Waste      Waste  // the waste it attacks; "" if none
	Hypothesis string // "if we automate the regression suite, Test's wait falls from 4d to 4h"
	Effect     Effect
	Team       string
	Status     KaizenStatus
	Changes    []StatusChange // every status change, oldest first
	Created    time.Time
	Result     string   // what happened, when it ended
	Learning   string   // what we learned, also when it did not work
	LearningID []string // learning-log entries this kaizen follows up

	// A follow-up action has someone who sees it through and a day it is
	// due (see Overdue).
	Owner string    // "" when nobody has taken it yet
	Due   time.Time // zero when it has no due date
}

// Measurement is a dated copy of a map's stage values: what the stream looked
// like on that day.
type Measurement struct {
	ID           string
	Date         time.Time
	Source       string // where the numbers came from: "app", a file name, "events: log.csv"
	Calendar     Calendar
	DemandPerDay *float64
	Stages       []Stage
	DORA         *DORASummary // DORA's four keys measured for the same day; nil when not measured
}

// Factor is a contributing factor of a learning-log entry: always a part of the
// system, never a person.
type Factor string

// The contributing-factor categories of the learning log.
const (
	FactorProcess       Factor = "process"
	FactorTooling       Factor = "tooling"
	FactorEnvironment   Factor = "environment"
	FactorCommunication Factor = "communication"
	FactorKnowledge     Factor = "knowledge"
	FactorMonitoring    Factor = "monitoring"
	FactorDependencies  Factor = "dependencies"
)

// Factors lists the contributing-factor categories in the order the form shows them.
var Factors = []Factor{FactorProcess, FactorTooling, FactorEnvironment, FactorCommunication,
	FactorKnowledge, FactorMonitoring, FactorDependencies}

// Impact is what a failure cost.
type Impact struct {
	HoursLost     float64
	ItemsAffected int
	Description   string
}

// LearningEntry is one blameless learning-log entry about something that went
// wrong, tied to the stages where the system let it happen.
type LearningEntry struct {
	ID           string
	Date         time.Time
	Title        string
	Stages       []string // stage names
	WhatHappened string
	Impact       Impact
	Factors      []Factor
	WentWell     string
	Learned      string
	FollowUps    []string // IDs of the kaizen items that follow it up

	// Timeline is what happened when, oldest first (AddLearning and
	// UpdateLearning keep it so): many moments, as contributing factors are
	// many, rather than one root cause.
	Timeline []TimelineEvent
}

// TimelineEvent is one moment of a learning-log entry's timeline: what
// happened, and when.
type TimelineEvent struct {
	At   time.Time
	What string
}

func clonePtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Clone is a deep copy of k.
func (k Kaizen) Clone() Kaizen {
	c := k
	c.Effect = Effect{clonePtr(k.Effect.WaitHours), clonePtr(k.Effect.ProcessHours),
		clonePtr(k.Effect.CompleteAccurate), clonePtr(k.Effect.People)}
	c.Changes = cloneSlice(k.Changes)
	c.LearningID = cloneSlice(k.LearningID)
	return c
}

// Clone is a deep copy of x.
func (x Measurement) Clone() Measurement {
	c := x
	c.DemandPerDay = clonePtr(x.DemandPerDay)
	if x.DORA != nil {
		d := x.DORA.Clone()
		c.DORA = &d
	}
	if x.Stages != nil {
		c.Stages = make([]Stage, len(x.Stages))
		for i, s := range x.Stages {
			c.Stages[i] = s.Clone()
		}
	}
	return c
}

// Clone is a deep copy of e.
func (e LearningEntry) Clone() LearningEntry {
	c := e
	c.Stages = cloneSlice(e.Stages)
	c.Factors = cloneSlice(e.Factors)
	c.FollowUps = cloneSlice(e.FollowUps)
	c.Timeline = cloneSlice(e.Timeline)
	return c
}

// cloneSlice copies s, keeping nil as nil.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append([]T(nil), s...)
}
