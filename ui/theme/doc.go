// Package theme holds what every ttx view draws and reads keys with: the
// styles, the navigation and form keys, the rule that runes read together
// are typed text (AsText, Burst), the Markdown renderer, and the options
// every view takes from its caller.
package theme
