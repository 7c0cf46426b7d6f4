package event

import "ttx/exercise/event/internal/injects"

// Injects is what has happened to each inject, parallel to
// Scenario.Injects: a persistent list (see injects.List).
type Injects = injects.List

// NewInjects returns a list of n injects in their first state.
func NewInjects(n int) Injects { return injects.New(n) }
