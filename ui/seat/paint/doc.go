// Package paint puts an SSH seat's frames on its terminal, in place of
// bubbletea's renderer, and bounds what a seat's terminal can cost.
//
// bubbletea v1's renderer compares a copy of the whole last frame with the
// current one sixty times a second, changed or not: with two hundred seats
// open that copy was more than half of everything the server allocated,
// and the collections it caused made the facilitator's console miss
// frames. A Painter does nothing while nothing changes, draws at most once
// a frame, sends only the lines that changed, and finds them in turn with
// the other seats through a Gate the server gives it. A seat with more to
// show than a frame holds (decisions that arrived together) hands its
// painter pages, a screenful each, which it paints in turn, each for at
// least a frame, and never replaces with a later frame.
//
// What would let this package go is bubbletea v2's renderer, which keeps
// the screen as cells and sends only the cells that changed: once the
// seats run on it, and BenchmarkRoomFrames shows it costs no more than a
// Painter, the Painter and Seat go. The Gate and the size bounds (Clamp,
// Sizer) stay with the server whatever draws.
package paint
