package scenario

import "encoding/json"

func jsonMarshal(s *Scenario) ([]byte, error) { return json.Marshal(s) }
