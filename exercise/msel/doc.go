// Package msel turns the Master Scenario Events List spreadsheets that
// exercise planners already keep (CSV or XLSX, HSEEP columns) into ttx
// scenarios, and writes scenarios back out as spreadsheets.
package msel
