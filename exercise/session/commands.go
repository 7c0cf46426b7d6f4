package session

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"ttx/exercise/session/internal/rules"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session/internal/cell"
	"ttx/exercise/text"
)

// Actor is who sends a command. Role and team come from the roster or the
// command line, never from what a person types.
type Actor = rules.Actor

// Facilitator returns the facilitator actor called name.
func Facilitator(name string) Actor { return Actor{Role: scenario.RoleFacilitator, Name: name} }

// ErrForbidden is returned when an actor's role does not allow a command.
var ErrForbidden = cell.ErrForbidden

// Command is a request to change the session. The session checks it
// against the current state and the actor's role and turns it into one
// event.
type Command interface {
	// event returns the event type and payload, or why the command cannot
	// be carried out now.
	event(s *event.State, a Actor) (typ string, data any, err error)
}

// StartClock starts the exercise clock.
type StartClock struct{}

// PauseClock pauses the exercise clock.
type PauseClock struct{}

// SetSpeed changes the clock speed.
type SetSpeed struct{ Speed float64 }

// StepSpeed moves the clock one step up or down clock.Speeds, from the
// speed it has when the command is carried out.
type StepSpeed struct{ Up bool }

// JumpClock sets the exercise time.
type JumpClock struct{ To time.Duration }

// Release sends an inject to its recipients now.
type Release struct{ Inject string }

// Skip marks an inject as not to be sent.
type Skip struct{ Inject, Reason string }

// Delay moves an inject's due time later, or, with a negative By, brings
// it earlier, never before T+0.
type Delay struct {
	Inject string
	By     time.Duration
}

// Hold keeps an inject from falling due until it is unheld.
type Hold struct{ Inject, Reason string }

// Unhold lifts a hold.
type Unhold struct{ Inject string }

// ChooseBranch records the room's answer at a branch point.
type ChooseBranch struct{ Branch, Option string }

// RecordDecision records a team's decision, or an action it took, with
// the reason for it and its Joint Decision Model stage (optional, one of
// event.Stages' ids).
type RecordDecision struct {
	Team, Who, Text, Inject string
	Action                  bool
	Rationale, Stage        string
	// SaidAt is the exercise time when it was said: when the form was
	// opened. Nil: when it is saved. A time later than the save (the clock
	// set back meanwhile) is recorded as the save's.
	SaidAt *time.Duration
}

// RecordRequest records a team's request for information, To a simulated
// organisation (empty: the control cell); SaidAt is as a decision's: when
// the form was opened (nil: when saved).
type RecordRequest struct {
	Team, Who, Text, Inject, To string
	SaidAt                      *time.Duration
}

// AnswerRequest records the answer to a request for information, As a
// simulated organisation (empty: the one it was addressed to, if any).
type AnswerRequest struct {
	Request  int64
	Text, As string
}

// RecordNote records a note in the controllers' log, about an inject or a
// team (both optional).
type RecordNote struct{ Text, Inject, Team string }

// MaxSpeed is the fastest clock speed a session accepts.
const MaxSpeed = 600

func (StartClock) event(s *event.State, a Actor) (string, any, error) {
	if err := rules.LeadOnly(s, a, "starts the clock"); err != nil {
		return "", nil, err
	}
	if s.Clock.Running() {
		return "", nil, errors.New("the clock is already running")
	}
	return event.ClockStarted, event.ClockChange{Speed: s.Clock.Speed()}, nil
}

func (PauseClock) event(s *event.State, a Actor) (string, any, error) {
	if err := rules.LeadOnly(s, a, "pauses the clock"); err != nil {
		return "", nil, err
	}
	if !s.Clock.Running() {
		return "", nil, errors.New("the clock is already paused")
	}
	return event.ClockPaused, event.ClockChange{}, nil
}

func (c SetSpeed) event(s *event.State, a Actor) (string, any, error) {
	if err := rules.LeadOnly(s, a, "changes the clock's speed"); err != nil {
		return "", nil, err
	}
	if c.Speed <= 0 || c.Speed > MaxSpeed {
		return "", nil, fmt.Errorf("speed %s is out of range; choose from 1x to %dx", clock.FormatSpeed(c.Speed), MaxSpeed)
	}
	if c.Speed == s.Clock.Speed() {
		return "", nil, fmt.Errorf("the clock already runs at %s", clock.FormatSpeed(c.Speed))
	}
	return event.ClockSpeed, event.ClockChange{Speed: c.Speed}, nil
}

func (c StepSpeed) event(s *event.State, a Actor) (string, any, error) {
	cur := s.Clock.Speed()
	next := clock.Slower(cur)
	if c.Up {
		next = clock.Faster(cur)
	}
	if next == cur {
		word := "slowest"
		if c.Up {
			word = "fastest"
		}
		return "", nil, fmt.Errorf("the clock is already at its %s speed, %s", word, clock.FormatSpeed(cur))
	}
	return SetSpeed{Speed: next}.event(s, a)
}

func (c JumpClock) event(s *event.State, a Actor) (string, any, error) {
	if err := rules.LeadOnly(s, a, "moves the clock"); err != nil {
		return "", nil, err
	}
	if c.To < 0 {
		return "", nil, errors.New("cannot jump before the exercise start")
	}
	return event.ClockJumped, event.ClockChange{To: c.To.Milliseconds()}, nil
}

func (c Release) event(s *event.State, a Actor) (string, any, error) {
	if _, err := rules.InjectFor(s, a, c.Inject); err != nil {
		return "", nil, err
	}
	return event.InjectReleased, event.InjectChange{Inject: c.Inject}, nil
}

func (c Skip) event(s *event.State, a Actor) (string, any, error) {
	is, err := rules.InjectFor(s, a, c.Inject)
	if err != nil {
		return "", nil, err
	}
	if is.Skipped {
		return "", nil, fmt.Errorf("%s is already skipped", c.Inject)
	}
	reason, err := rules.FitLine("the reason", c.Reason, text.MaxName)
	if err != nil {
		return "", nil, err
	}
	return event.InjectSkipped, event.InjectChange{Inject: c.Inject, Reason: reason}, nil
}

func (c Delay) event(s *event.State, a Actor) (string, any, error) {
	is, err := rules.InjectFor(s, a, c.Inject)
	if err != nil {
		return "", nil, err
	}
	switch {
	case is.Skipped:
		return "", nil, fmt.Errorf("%s is skipped; there is nothing to delay", c.Inject)
	case s.Scenario.Inject(c.Inject).Contingency():
		return "", nil, fmt.Errorf("%s is a contingency inject with no scheduled time; release it when it is needed", c.Inject)
	case c.By.Abs() < time.Minute || c.By.Abs() > 24*time.Hour:
		return "", nil, errors.New("a delay is from 1 minute to 24 hours, later or (negative) earlier")
	}
	if due, _ := s.DueAt(s.Scenario.InjectIndex(c.Inject)); due+c.By < 0 {
		return "", nil, fmt.Errorf("%s is due at T+%s: brought %d min earlier it would fall before T+0; bring it at most %d min earlier",
			c.Inject, scenario.FormatOffset(due), int(-c.By/time.Minute), int(due/time.Minute))
	}
	return event.InjectDelayed, event.InjectChange{Inject: c.Inject, DelayMS: c.By.Milliseconds()}, nil
}

func (c Hold) event(s *event.State, a Actor) (string, any, error) {
	is, err := rules.InjectFor(s, a, c.Inject)
	if err != nil {
		return "", nil, err
	}
	switch {
	case is.Skipped:
		return "", nil, fmt.Errorf("%s is skipped; there is nothing to hold", c.Inject)
	case is.Held:
		return "", nil, fmt.Errorf("%s is already held", c.Inject)
	}
	reason, err := rules.FitLine("the reason", c.Reason, text.MaxName)
	if err != nil {
		return "", nil, err
	}
	return event.InjectHeld, event.InjectChange{Inject: c.Inject, Reason: reason}, nil
}

func (c Unhold) event(s *event.State, a Actor) (string, any, error) {
	is, err := rules.InjectFor(s, a, c.Inject)
	if err != nil {
		return "", nil, err
	}
	if !is.Held {
		return "", nil, fmt.Errorf("%s is not held", c.Inject)
	}
	return event.InjectUnheld, event.InjectChange{Inject: c.Inject}, nil
}

func (c ChooseBranch) event(s *event.State, a Actor) (string, any, error) {
	if p, err := rules.Control(s, a); err != nil {
		return "", nil, err
	} else if p != nil && p.Scoped() && !s.IsLead(a.By()) {
		return "", nil, fmt.Errorf("%w: a branch changes what every team gets next; the lead (%s) or an unscoped controller answers it", ErrForbidden, strings.Join(s.Leads(), ", "))
	}
	b := s.Scenario.Branch(c.Branch)
	if b == nil {
		return "", nil, fmt.Errorf("there is no branch %q", c.Branch)
	}
	if b.Option(c.Option) == nil {
		return "", nil, fmt.Errorf("branch %q has no option %q", c.Branch, c.Option)
	}
	if prev, ok := s.Choices[c.Branch]; ok {
		return "", nil, fmt.Errorf("%q was already answered: %s", b.Title, b.Option(prev).Label)
	}
	return event.BranchChosen, event.BranchChoice{Branch: c.Branch, Option: c.Option}, nil
}

func (c RecordDecision) event(s *event.State, a Actor) (string, any, error) {
	d, err := rules.Said(s, a, c.Team, c.Who, c.Text, c.Inject)
	if err != nil {
		return "", nil, err
	}
	if c.Action {
		d.Kind = "action"
	}
	if d.Rationale, err = rules.Fit("the rationale", c.Rationale, text.MaxText); err != nil {
		return "", nil, err
	}
	if d.Stage, err = rules.Stage(c.Stage); err != nil {
		return "", nil, err
	}
	if d.SaidT, err = rules.SaidT(c.SaidAt); err != nil {
		return "", nil, err
	}
	return event.DecisionRecorded, d, nil
}

func (c RecordRequest) event(s *event.State, a Actor) (string, any, error) {
	d, err := rules.Said(s, a, c.Team, c.Who, c.Text, c.Inject)
	if err != nil {
		return "", nil, err
	}
	if c.To != "" {
		if s.Scenario.Org(c.To) == nil {
			return "", nil, fmt.Errorf("there is no simulated organisation %q to ask; use one of %s", c.To, cell.Orgs(s))
		}
		d.To = c.To
	}
	if d.SaidT, err = rules.SaidT(c.SaidAt); err != nil {
		return "", nil, err
	}
	return event.RequestRecorded, d, nil
}

func (c AnswerRequest) event(s *event.State, a Actor) (string, any, error) {
	r, err := rules.RequestFor(s, a, c.Request, "answer")
	if err != nil {
		return "", nil, err
	}
	as := c.As
	if as == "" {
		as = r.To
	}
	if err := cell.MayPlay(s, a.Role, a.Name, as); err != nil {
		return "", nil, err
	}
	if h, held := s.ClaimOf(c.Request); held && h.By != a.By() {
		return "", nil, fmt.Errorf("%s has claimed request %d; they answer it or give it back", h.By, c.Request)
	}
	body, err := rules.Fit("the answer", c.Text, text.MaxText)
	if err != nil {
		return "", nil, err
	}
	if body == "" {
		return "", nil, errors.New("the answer is empty")
	}
	return event.RequestAnswered, event.Answer{Request: c.Request, Text: body, As: as}, nil
}

func (c RecordNote) event(s *event.State, a Actor) (string, any, error) {
	switch a.Role {
	case scenario.RoleFacilitator, scenario.RoleEvaluator:
	case scenario.RoleController, scenario.RoleSimCell:
		if _, err := rules.OnRoster(s, a); err != nil {
			return "", nil, err
		}
	default:
		return "", nil, fmt.Errorf("%w: the controllers' log is for controllers, the SimCell and evaluators", ErrForbidden)
	}
	if c.Inject != "" && s.Scenario.Inject(c.Inject) == nil {
		return "", nil, fmt.Errorf("there is no inject %q", c.Inject)
	}
	if c.Team != "" && s.Scenario.Team(c.Team) == nil {
		return "", nil, fmt.Errorf("there is no team %q", c.Team)
	}
	body, err := rules.Fit("the note", c.Text, text.MaxText)
	if err != nil {
		return "", nil, err
	}
	if body == "" {
		return "", nil, errors.New("the note is empty")
	}
	return event.NoteRecorded, event.Note{Text: body, Inject: c.Inject, Team: c.Team}, nil
}
