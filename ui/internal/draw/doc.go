// Package draw is ttx's drawing engine: cell widths, joins, centring, a
// pane's frame and a form's box, and the caches that keep them (FrameCache,
// JoinCache, Memo). Every function here writes what the lipgloss call it
// names writes, byte for byte, only faster: with two hundred seats
// redrawing, lipgloss measuring every line several times was most of a
// seat's draw. The tests and fuzz targets (TestFrameMatchesLipgloss,
// TestWidthAndJoinsMatchLipgloss, FuzzWidth, FuzzFrame) hold it to
// lipgloss; views call it through ui/pane and never lipgloss's own joins.
package draw
