package event

import "ttx/exercise/internal/wire"

// decodeSaid is Decode for the commonest payload, decisions and requests.
func decodeSaid(data []byte, d *Said, names *wire.Names) bool {
	return wire.Fields(data, names, func(key []byte, s string, n float64, isStr, isBool, _ bool) bool {
		if !isStr {
			if string(key) != "said_t" || isBool || n != float64(int64(n)) {
				return false
			}
			t := int64(n)
			d.SaidT = &t
			return true
		}
		switch string(key) {
		case "team":
			d.Team = s
		case "who":
			d.Who = s
		case "text":
			d.Text = s
		case "inject":
			d.Inject = s
		case "kind":
			d.Kind = s
		case "rationale":
			d.Rationale = s
		case "stage":
			d.Stage = s
		case "to":
			d.To = s
		default:
			return false
		}
		return true
	})
}

// decodeInjectChange is Decode for inject.* payloads.
func decodeInjectChange(data []byte, d *InjectChange) bool {
	return wire.Fields(data, nil, func(key []byte, s string, n float64, isStr, isBool, b bool) bool {
		switch k := string(key); {
		case k == "inject" && isStr:
			d.Inject = s
		case k == "reason" && isStr:
			d.Reason = s
		case k == "auto" && isBool:
			d.Auto = b
		case k == "delay_ms" && !isStr && !isBool && n == float64(int64(n)):
			d.DelayMS = int64(n)
		default:
			return false
		}
		return true
	})
}
