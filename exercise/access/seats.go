package access

// SeatsEach is the most seats one person on the roster may hold at once:
// enough for a laptop, a tablet and a seat left open by a dropped
// connection, and few enough that one key cannot fill the room. The SSH
// server refuses a further seat, saying why, and the facilitator's list
// of seats shows how many each person holds.
const SeatsEach = 3
