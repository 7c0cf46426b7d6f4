// Package newest hands over the newest of a stream of values: a reader
// that falls behind takes the latest, never a queue of old ones.
package newest

// Put puts v on ch, a channel of one slot, in place of a value not yet
// taken.
func Put[T any](ch chan T, v T) {
	for {
		select {
		case ch <- v:
			return
		default:
			select {
			case <-ch:
			default:
			}
		}
	}
}
