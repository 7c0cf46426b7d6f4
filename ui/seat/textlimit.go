package seat

// textRoom is how many characters a seat's text field takes: room for a
// whole paste (pasteMost), well past what a record holds, so that the
// field never drops what was typed without a word; pane.Fits then says
// how long it is.
const textRoom = pasteMost
