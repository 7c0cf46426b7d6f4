package session

import (
	"errors"
	"fmt"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// Amend corrects an entry entered wrongly (a decision, action, request for
// information, note or observation): the new words, and for a decision its
// rationale and Joint Decision Model stage (empty keeps the original's),
// with the reason. The original stays in the record, shown struck
// through; the correction is a new event that points at it.
type Amend struct {
	// Seq is the seq of the event that recorded the entry.
	Seq                    int64
	Text, Rationale, Stage string
	Reason                 string
}

// Strike strikes an entry through, with the reason: it no longer counts,
// and it stays in the record as it was.
type Strike struct {
	Seq    int64
	Reason string
}

// correctable returns the entry the event seq recorded, if a may correct
// it: a facilitator any entry; a participant or evaluator only what they
// entered themselves, while their input is open.
func correctable(s *event.State, a Actor, seq int64) (*event.Entry, error) {
	e := s.Recorded(seq)
	if e == nil {
		return nil, fmt.Errorf("there is no entry %d to correct; give the number of a decision, action, request, note or observation", seq)
	}
	switch a.Role {
	case scenario.RoleFacilitator:
	case scenario.RoleController:
		if _, err := control(s, a); err != nil {
			return nil, err
		}
	case scenario.RoleParticipant, scenario.RoleEvaluator:
		if e.By != a.By() {
			return nil, fmt.Errorf("%w: you may correct only what you entered; ask the facilitator to correct entry %d", ErrForbidden, seq)
		}
		if len(s.Roster) > 0 {
			if _, err := onRoster(s, a); err != nil {
				return nil, err
			}
		}
		if a.Role == scenario.RoleParticipant && s.InputPaused {
			return nil, ErrInputPaused
		}
	default:
		return nil, fmt.Errorf("%w: a %s does not correct the record", ErrForbidden, a.Role)
	}
	if _, struck := event.Corrected(*e, s.FixesOf(seq)); struck != nil {
		return nil, fmt.Errorf("entry %d was struck through at %s; it cannot be changed now", seq, scenario.FormatOffset(struck.T))
	}
	return e, nil
}

// reason checks the reason a correction gives.
func reason(r string) (string, error) {
	r, err := fitLine("the reason", r, text.MaxText)
	if err != nil {
		return "", err
	}
	if r == "" {
		return "", errors.New("say why it is corrected: the reason is part of the record")
	}
	return r, nil
}

func (c Amend) event(s *event.State, a Actor) (string, any, error) {
	e, err := correctable(s, a, c.Seq)
	if err != nil {
		return "", nil, err
	}
	d := event.Correction{Seq: c.Seq}
	if d.Reason, err = reason(c.Reason); err != nil {
		return "", nil, err
	}
	if d.Text, err = fit("the text", c.Text, text.MaxText); err != nil {
		return "", nil, err
	}
	if d.Text == "" {
		return "", nil, errors.New("the corrected text is empty; to take an entry back, strike it through")
	}
	if e.Kind != event.DecisionRecorded && (c.Rationale != "" || c.Stage != "") {
		return "", nil, errors.New("only a decision or action has a rationale and a stage")
	}
	if d.Rationale, err = fit("the rationale", c.Rationale, text.MaxText); err != nil {
		return "", nil, err
	}
	if d.Stage, err = stage(c.Stage); err != nil {
		return "", nil, err
	}
	now, _ := event.Corrected(*e, s.FixesOf(c.Seq))
	if d.Text == now.Text && (d.Rationale == "" || d.Rationale == now.Rationale) && (d.Stage == "" || d.Stage == now.Stage) {
		return "", nil, errors.New("the correction changes nothing; edit the words, or press esc")
	}
	return event.DecisionAmended, d, nil
}

func (c Strike) event(s *event.State, a Actor) (string, any, error) {
	if _, err := correctable(s, a, c.Seq); err != nil {
		return "", nil, err
	}
	r, err := reason(c.Reason)
	if err != nil {
		return "", nil, err
	}
	return event.DecisionStruck, event.Correction{Seq: c.Seq, Reason: r}, nil
}
