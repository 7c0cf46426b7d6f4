// Package common holds what every ttx view shares: styles, text helpers,
// the Markdown renderer, and the panes that show a session's state (the
// MSEL timeline, an inject's detail, the decision feed). Panes only draw
// and scroll; the views that own them talk to the session.
package common
