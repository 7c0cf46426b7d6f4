//go:build !linux

// Package huge asks the kernel to back a long list with huge pages. It is
// memory machinery for the fold of a long session, kept out of the model.
package huge

// Advise does nothing where the system has no madvise advice for huge
// pages.
func Advise[T any]([]T) {}
