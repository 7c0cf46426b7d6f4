package form

import (
	"errors"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// huhKeys are huh's keys adapted: enter makes a new line in text, the
// form's owner handles saving and cancelling.
func huhKeys() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithDisabled())
	km.Text.NewLine = key.NewBinding(key.WithKeys("enter", "ctrl+j", "alt+enter"), key.WithHelp("enter", "new line"))
	km.Text.Next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	km.Text.Submit = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save"))
	km.Text.Editor = key.NewBinding(key.WithDisabled())
	km.Select.Filter = key.NewBinding(key.WithDisabled())
	return km
}

// Modal is an open form over values its owner keeps (the closures capture
// them), so a save that fails loses nothing typed. It stays open, marked
// Saving, until the owner hears the save succeeded.
type Modal struct {
	Title, Hint string
	// Err is the last reason the form could not be saved.
	Err error
	// Saving is true while a submitted command is on its way to disk.
	Saving bool

	theme  *huh.Theme // as the view's renderer draws (theme.Form)
	form   *huh.Form
	fields []huh.Field
	last   huh.Field // tab stops here; enter here saves
	build  func() []huh.Field
	submit func() (tea.Cmd, error) // a nil command means just close
	width  int
	height int      // at most, 0 for as many rows as the form needs
	box    draw.Box // drawn by lipgloss once a width
}

// FieldError is a refusal to save that names the field to put right, by
// its huh key: the form reopens with that field focused.
type FieldError struct {
	Key string
	Err error
}

func (e *FieldError) Error() string { return e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// InField says that err is about the field with key.
func InField(key string, err error) error { return &FieldError{Key: key, Err: err} }

// NewModal opens a form drawn in form, the theme of the view's renderer
// (theme.Styles.Form: an SSH seat's forms are in its terminal's colours);
// build makes its fields, submit turns the values into the command that
// saves them.
func NewModal(form *huh.Theme, title, hint string, width int, build func() []huh.Field, submit func() (tea.Cmd, error)) (*Modal, tea.Cmd) {
	m := &Modal{Title: title, Hint: hint, theme: form, build: build, submit: submit, width: width}
	return m, m.rebuild(nil)
}

// rebuild makes a fresh form over the same values (after a failed save the
// old form has completed and takes no more keys). The field focused is the
// one err names, if it names one, else the one that was focused: a person
// who saved from the third field and was refused goes on typing there.
func (m *Modal) rebuild(err error) tea.Cmd {
	at := 0
	if m.form != nil {
		at = max(0, slices.Index(m.fields, m.form.GetFocusedField()))
	}
	fields := m.build()
	var fe *FieldError
	if errors.As(err, &fe) {
		if i := slices.IndexFunc(fields, func(f huh.Field) bool { return f.GetKey() == fe.Key }); i >= 0 {
			at = i
		}
	}
	m.fields, m.last = fields, fields[len(fields)-1]
	m.form = huh.NewForm(huh.NewGroup(fields...)).
		WithShowHelp(false).
		WithKeyMap(huhKeys()).
		WithTheme(m.theme).
		WithWidth(m.width)
	cmds := []tea.Cmd{m.form.Init(), m.fit()}
	if !fields[at].Skip() { // tab never stops on a note
		for slices.Index(fields, m.form.GetFocusedField()) < at {
			cmds = append(cmds, m.form.NextField())
		}
	}
	return tea.Batch(cmds...)
}

// SetSize fits the form to w columns and at most h rows (as many as it
// needs when h is 0).
func (m *Modal) SetSize(w, h int) tea.Cmd {
	m.width, m.height = w, h
	m.form = m.form.WithWidth(w)
	return m.fit()
}

// fit tells the form how much room it has. huh sizes a form's group to
// its fields, as they wrap at the form's width, only when it is told the
// window's size; until then a description that wraps pushes the last line
// out of sight, which for a confirmation is its buttons.
func (m *Modal) fit() tea.Cmd {
	h := m.height
	if h <= 0 {
		h = math.MaxInt32
	}
	f, cmd := m.form.Update(tea.WindowSizeMsg{Width: m.width, Height: h})
	if ff, ok := f.(*huh.Form); ok {
		m.form = ff
	}
	return cmd
}

// HandleKey takes a key; it returns the command to run and whether the
// modal is done (cancelled, or submitted with nothing to save).
//
// Moving between fields is done here, at once, rather than through huh's
// own message round trip, so that keys typed quickly after tab or enter
// land in the next field and not the one just left. Runes that arrive
// together are text (see AsText), never one of these keys.
func (m *Modal) HandleKey(k tea.KeyMsg, keys theme.FormKeys) (tea.Cmd, bool) {
	k = theme.AsText(k)
	switch {
	case key.Matches(k, keys.Cancel):
		return nil, true
	case key.Matches(k, keys.Save):
		return m.Submit()
	case m.Saving:
		return nil, false
	case key.Matches(k, keys.NextField):
		if m.form.GetFocusedField() != m.last {
			return m.form.NextField(), false
		}
		return nil, false
	case key.Matches(k, keys.PrevField):
		return m.form.PrevField(), false
	case key.Matches(k, keys.Confirm) && !m.inText():
		if m.form.GetFocusedField() == m.last {
			return m.Submit()
		}
		return m.form.NextField(), false
	}
	return m.Update(k)
}

func (m *Modal) inText() bool {
	_, ok := m.form.GetFocusedField().(*huh.Text)
	return ok
}

// Update passes any other message to the form; a form that completes on
// its own (a confirm answered with y) is submitted.
func (m *Modal) Update(msg tea.Msg) (tea.Cmd, bool) {
	if m.Saving {
		return nil, false
	}
	f, cmd := m.form.Update(msg)
	if ff, ok := f.(*huh.Form); ok {
		m.form = ff
	}
	if m.form.State == huh.StateCompleted {
		sub, done := m.Submit()
		return tea.Batch(cmd, sub), done
	}
	return cmd, false
}

// Submit sends the form's command; it reports done when there was nothing
// to save.
func (m *Modal) Submit() (tea.Cmd, bool) {
	if m.Saving {
		return nil, false
	}
	cmd, err := m.submit()
	if err != nil {
		m.Err = err
		return m.rebuild(err), false
	}
	if cmd == nil {
		return nil, true
	}
	m.Saving, m.Err = true, nil
	return cmd, false
}

// Failed reopens the form, values intact, after its save failed.
func (m *Modal) Failed(err error) tea.Cmd {
	m.Saving, m.Err = false, err
	return m.rebuild(err)
}

// View draws the form in a box.
func (m *Modal) View(st *theme.Styles) string {
	var b strings.Builder
	b.WriteString(st.ModalTitle.Render(m.Title) + "\n")
	b.WriteString(m.form.View())
	switch {
	case m.Saving:
		b.WriteString("\n" + st.Dim.Render("Saving…"))
	case m.Err != nil:
		b.WriteString("\n" + st.Status["error"].Render(strings.Join(draw.Wrap("✗ "+m.Err.Error(), m.width), "\n")))
	}
	return m.box.Render(&st.Modal, b.String(), m.width+2)
}

// Route passes a message to the open modal, if there is one, and closes
// it when it is done. It reports whether a modal took the message.
func Route(md **Modal, msg tea.Msg, keys theme.FormKeys) (tea.Cmd, bool) {
	if *md == nil {
		return nil, false
	}
	var (
		cmd  tea.Cmd
		done bool
	)
	if k, ok := msg.(tea.KeyMsg); ok {
		cmd, done = (*md).HandleKey(k, keys)
	} else {
		cmd, done = (*md).Update(msg)
	}
	if done {
		*md = nil
	}
	return cmd, true
}

// RouteKey is where a view's keys go first: to the open form, if there is
// one, where keys typed fast are text; outside a form, keys typed faster
// than the terminal is read are split into one key each, handled by
// handle (theme.Burst). It reports false when the key is the view's own.
func RouteKey(md **Modal, k tea.KeyMsg, keys theme.FormKeys, handle func(tea.KeyMsg) tea.Cmd) (tea.Cmd, bool) {
	if cmd, ok := Route(md, k, keys); ok {
		return cmd, true
	}
	return theme.Burst(k, handle)
}
