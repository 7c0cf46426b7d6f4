package session

import (
	"errors"
	"ttx/exercise/session/internal/rules"

	"ttx/exercise/event"
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

func (c Amend) event(s *event.State, a Actor) (string, any, error) {
	e, err := rules.Correctable(s, a, c.Seq)
	if err != nil {
		return "", nil, err
	}
	d := event.Correction{Seq: c.Seq}
	if d.Reason, err = rules.Reason(c.Reason); err != nil {
		return "", nil, err
	}
	if d.Text, err = rules.Fit("the text", c.Text, text.MaxText); err != nil {
		return "", nil, err
	}
	if d.Text == "" {
		return "", nil, errors.New("the corrected text is empty; to take an entry back, strike it through")
	}
	if e.Kind != event.DecisionRecorded && (c.Rationale != "" || c.Stage != "") {
		return "", nil, errors.New("only a decision or action has a rationale and a stage")
	}
	if d.Rationale, err = rules.Fit("the rationale", c.Rationale, text.MaxText); err != nil {
		return "", nil, err
	}
	if d.Stage, err = rules.Stage(c.Stage); err != nil {
		return "", nil, err
	}
	now, _ := event.Corrected(*e, s.FixesOf(c.Seq))
	if d.Text == now.Text && (d.Rationale == "" || d.Rationale == now.Rationale) && (d.Stage == "" || d.Stage == now.Stage) {
		return "", nil, errors.New("the correction changes nothing; edit the words, or press esc")
	}
	return event.DecisionAmended, d, nil
}

func (c Strike) event(s *event.State, a Actor) (string, any, error) {
	if _, err := rules.Correctable(s, a, c.Seq); err != nil {
		return "", nil, err
	}
	r, err := rules.Reason(c.Reason)
	if err != nil {
		return "", nil, err
	}
	return event.DecisionStruck, event.Correction{Seq: c.Seq, Reason: r}, nil
}
