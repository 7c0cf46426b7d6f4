package theme

import (
	"reflect"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Form returns the forms' theme (huh's base theme) as r draws it: every
// style in it takes r's colour profile and background, as NewStyles'
// do, so that an SSH seat's forms are drawn for its own terminal and not
// for the one ttx runs in.
func Form(r *lipgloss.Renderer) *huh.Theme {
	t := huh.ThemeBase()
	restyle(reflect.ValueOf(t).Elem(), r)
	return t
}

// DefaultForm is the forms' theme for the terminal ttx runs in: Form of
// lipgloss's default renderer, as DefaultStyles.
func DefaultForm() *huh.Theme { return Form(lipgloss.DefaultRenderer()) }

// styleType is lipgloss.Style's type.
var styleType = reflect.TypeFor[lipgloss.Style]()

// restyle sets r as the renderer of every style in v, a struct, and in
// the structs it holds.
func restyle(v reflect.Value, r *lipgloss.Renderer) {
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case !f.CanSet():
		case f.Type() == styleType:
			f.Set(reflect.ValueOf(f.Interface().(lipgloss.Style).Renderer(r)))
		case f.Kind() == reflect.Struct:
			restyle(f, r)
		}
	}
}
