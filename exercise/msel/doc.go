// Package msel turns the Master Scenario Events List spreadsheets that
// exercise planners already keep (CSV or XLSX, HSEEP columns, read by
// msel/sheet) into ttx scenarios; msel/export writes scenarios back out
// as spreadsheets that import again without loss.
package msel
