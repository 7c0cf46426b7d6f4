// Package mapping is the screen ttx import opens when it is not sure how
// a sheet's columns map to an inject's fields: each column with its
// header, a sample of its cells and the field it became; a preview of the
// injects as they would be imported, with every problem under the row it
// is on. The planner changes a column's field with the keyboard, sees the
// preview and the problems change at once, and saves; the caller writes
// the scenario and the mapping file.
package mapping

import (
	"fmt"
	"maps"
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/msel"
	"ttx/exercise/msel/sheet"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// Options configure the mapping screen.
type Options struct {
	// Import is what the import runs with; its Map (from --map and the
	// mapping file) is where the screen starts.
	Import msel.Options
	// Output and MapFile are where saving writes, for the screen to say:
	// Output "" is standard output, MapFile "" writes no mapping file.
	Output, MapFile string
}

// Model is the mapping screen's root model.
type Model struct {
	book *sheet.Book
	base msel.Options // as given
	out  Options
	// choice is the field the planner gave each column here, by its key
	// in Options.Map, and recent those keys, the latest last; opts is base
	// with the choices applied.
	choice map[string]string
	recent []string
	opts   msel.Options
	res    msel.Result
	cols   []column

	// The panes: the columns and the preview, one of them focused.
	list     *columnList
	preview  *previewPane
	focus    int
	picking  bool // the field list is open
	pick     int  // the field it points at
	confirm  bool // save was pressed once with problems left
	quitting bool // quit was pressed once with changes made
	saved    bool
	showHelp bool
	flash    string

	st   theme.Styles
	keys keyMap
	help help.Model
	w, h int
}

// New opens the screen on the workbook, as opts would import it.
func New(b *sheet.Book, opts Options) *Model {
	m := &Model{book: b, base: opts.Import, out: opts, choice: map[string]string{}, st: theme.DefaultStyles(), keys: newKeyMap(), help: help.New()}
	m.help.Styles = m.st.KeyHelp
	m.list, m.preview = newColumnList(&m.st, &m.keys), &previewPane{ScrollPane: pane.NewScrollPane(&m.st, &m.keys.NavKeys)}
	m.reimport()
	// Open on the first column worth a look: one ttx left out though it
	// has cells, else one with problems.
	for _, look := range []func(c column) bool{
		func(c column) bool { return c.field == "" && c.filled },
		func(c column) bool { return m.columnProblems(c.index) > 0 },
	} {
		if i := slices.IndexFunc(m.cols, look); i >= 0 {
			m.list.Select(i)
			break
		}
	}
	return m
}

// Saved reports whether the planner saved (rather than quit).
func (m *Model) Saved() bool { return m.saved }

// Options are the import's options with the planner's mapping.
func (m *Model) Options() msel.Options { return m.opts }

// Result is the import as the planner last saw it.
func (m *Model) Result() msel.Result { return m.res }

// Init does nothing: the screen waits for keys.
func (m *Model) Init() tea.Cmd { return nil }

// Update dispatches: keys (the field list first), then size.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	}
	return m, nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if cmd, ok := theme.Burst(k, m.handleKey); ok {
		return cmd
	}
	if m.picking {
		m.handlePick(k)
		return nil
	}
	if m.showHelp {
		m.showHelp = false
		if !key.Matches(k, m.keys.Quit) {
			return nil
		}
	}
	confirm, quitting := m.confirm, m.quitting
	m.confirm, m.quitting, m.flash = false, false, ""
	switch {
	case key.Matches(k, m.keys.Quit):
		if n := len(m.choice); n > 0 && !quitting && k.Type != tea.KeyCtrlC {
			m.quitting = true
			m.flash = fmt.Sprintf("Quit and lose %s? q again to quit, w to save.", pane.Plural(n, "change"))
			return nil
		}
		return tea.Quit
	case key.Matches(k, m.keys.Save):
		if n := len(m.res.Problems); n > 0 && !confirm {
			m.confirm = true
			m.flash = fmt.Sprintf("%s left: saving now writes the mapping only, no scenario. Save again to do so.", pane.Plural(n, "problem"))
			return nil
		}
		m.saved = true
		return tea.Quit
	case key.Matches(k, m.keys.Help):
		m.showHelp = true
	case key.Matches(k, m.keys.Focus):
		m.panes()[m.focus].Blur()
		m.focus = (m.focus + 1) % len(m.panes())
		m.panes()[m.focus].Focus()
	case key.Matches(k, m.keys.Sheet) && len(m.book.Sheets) > 1:
		m.nextSheet()
	case len(m.cols) == 0:
	case key.Matches(k, m.keys.Next):
		m.cycle(1)
	case key.Matches(k, m.keys.Prev):
		m.cycle(-1)
	case key.Matches(k, m.keys.Choose):
		m.picking, m.pick = true, fieldIndex(m.selected().field)
	case key.Matches(k, m.keys.Ignore):
		m.set(msel.FieldIgnore)
	case key.Matches(k, m.keys.Reset):
		m.reset()
	default:
		return m.panes()[m.focus].Update(k)
	}
	return nil
}

// panes are the panes the keyboard goes round, in order.
func (m *Model) panes() []pane.Pane { return []pane.Pane{m.list, m.preview} }

// selected is the selected column; there is one whenever m.cols has any.
func (m *Model) selected() column { c, _ := m.list.Selected(); return c }

// handlePick moves in the open field list, and picks or closes it.
func (m *Model) handlePick(k tea.KeyMsg) {
	switch {
	case key.Matches(k, m.keys.Pick):
		m.picking = false
		m.set(fields[m.pick])
	case key.Matches(k, m.keys.Cancel):
		m.picking = false
	case key.Matches(k, m.keys.Up):
		m.pick = (m.pick + len(fields) - 1) % len(fields)
	case key.Matches(k, m.keys.Down):
		m.pick = (m.pick + 1) % len(fields)
	}
}

// fieldIndex is field's place in fields; "" (ignored) is ignore's.
func fieldIndex(field string) int {
	if i := slices.Index(fields, field); i >= 0 {
		return i
	}
	return len(fields) - 1
}

// cycle gives the selected column the next field (or the previous)
// after the one the planner gave it, or ttx's.
func (m *Model) cycle(step int) {
	c := m.selected()
	if f, ok := m.choice[c.key]; ok {
		c.field = f
	}
	m.set(fields[(fieldIndex(c.field)+step+len(fields))%len(fields)])
}

// nextSheet shows the workbook's next sheet, with the same choices: a
// workbook of one sheet a day or an agency has the same columns on each.
func (m *Model) nextSheet() {
	i := slices.Index(m.book.Sheets, sheetOf(m.book, m.opts, m.res))
	m.base.Sheet = m.book.Sheets[(i+1)%len(m.book.Sheets)].Sheet
	m.reimport()
	m.flash = fmt.Sprintf("Sheet “%s” · %s, %s", show(m.base.Sheet), pane.Plural(m.injects(), "inject"), pane.Plural(len(m.res.Problems), "problem"))
}

// reset gives the selected column back ttx's reading of its header.
func (m *Model) reset() {
	c := m.selected()
	delete(m.choice, c.key)
	m.recent = slices.DeleteFunc(m.recent, func(k string) bool { return k == c.key })
	m.reimport()
	m.flash = fmt.Sprintf("%s “%s” is as ttx reads it: %s", c.letter, c.header, m.selected().fieldName())
}

// set makes the selected column field, and says what that changed.
func (m *Model) set(field string) {
	c := m.selected()
	m.choice[c.key] = field
	m.recent = append(slices.DeleteFunc(m.recent, func(k string) bool { return k == c.key }), c.key)
	before := m.cols
	m.reimport()
	m.flash = fmt.Sprintf("%s “%s” → %s", c.letter, c.header, field)
	for _, o := range before {
		if o.index == c.index || o.field == "" {
			continue
		}
		if now := m.column(o.index); now != nil && now.field == "" {
			m.flash += fmt.Sprintf("; %s “%s” was the %s column, now ignored", o.letter, o.header, o.field)
		}
	}
	m.flash += fmt.Sprintf(" · %s, %s", pane.Plural(m.injects(), "inject"), pane.Plural(len(m.res.Problems), "problem"))
}

// reimport reads the sheet again with the planner's choices. The field
// the planner last gave a column is taken from any other column that had
// it, by an earlier choice or by ttx's reading, which is then ignored:
// the planner's latest word wins, and an earlier choice comes back when
// the field moves on.
func (m *Model) reimport() {
	m.opts = m.base
	m.opts.Map = maps.Clone(m.base.Map)
	if m.opts.Map == nil {
		m.opts.Map = map[string]string{}
	}
	won := map[string]string{} // field -> the key of the latest choice of it
	for _, k := range m.recent {
		if f := m.choice[k]; f != msel.FieldIgnore {
			if prev, ok := won[f]; ok {
				m.opts.Map[prev] = msel.FieldIgnore
			}
			won[f] = k
		}
		m.opts.Map[k] = m.choice[k]
	}
	m.res = msel.ImportBook(m.book, m.opts)
	taken := false
	for _, c := range m.res.Columns {
		if k := sheet.Normalize(c.Header); c.Field != "" && won[c.Field] != "" && won[c.Field] != k {
			m.opts.Map[k], taken = msel.FieldIgnore, true
		}
	}
	if taken {
		m.res = msel.ImportBook(m.book, m.opts)
	}
	m.cols = columnsOf(sheetOf(m.book, m.opts, m.res), m.res, m.opts.Map)
	problems := map[int]int{}
	for _, p := range m.res.Problems {
		problems[p.Col]++
	}
	m.list.SetColumns(m.cols, problems, len(m.choice))
	m.fillPreview(true)
}

// column returns the column at sheet index i, or nil.
func (m *Model) column(i int) *column {
	for k := range m.cols {
		if m.cols[k].index == i {
			return &m.cols[k]
		}
	}
	return nil
}

// columnProblems counts the problems in sheet column i.
func (m *Model) columnProblems(i int) int { return m.list.problems[i] }

// injects counts the injects the import would make.
func (m *Model) injects() int {
	if m.res.Draft == nil {
		return 0
	}
	return len(m.res.Draft.Injects)
}
