package form

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// Pick is a choice that takes type-ahead: a huh select whose options are
// chosen by what is typed as well as by the arrows. A team is chosen by
// its number or the first letters of its id or name ("6", "tfl",
// "trans"), an inject by its id ("L-07", "l07", or just "7"); in a
// narrowing list (Narrow) what is typed filters the options, and a number
// finds the option with that value. Every key typed in it is type-ahead,
// so no letter moves the choice the way huh's h/j/k/l would; the arrows
// still do. The title says what was typed, or that it matched nothing.
type Pick struct {
	*huh.Select[string]
	title, what string
	all, shown  []huh.Option[string]
	labels      []string // the options' labels as the caller gave them
	value       *string
	typed, miss string
	numbered    bool
	narrow      bool
	onChange    func(string)
	lookup      func(typed string) (huh.Option[string], bool)
}

// NewPick returns a choice titled title among opts, bound to value; what
// names one option in messages ("team", "inject").
func NewPick(title, what string, opts []huh.Option[string], value *string) *Pick {
	p := &Pick{Select: huh.NewSelect[string](), title: title, what: what, value: value}
	for _, o := range opts {
		p.labels = append(p.labels, o.Key)
	}
	p.all, p.shown = opts, opts
	p.Select.Title(title).Options(opts...).Value(value)
	return p
}

// Numbered numbers the options from 1, and makes a number typed choose
// by it.
func (p *Pick) Numbered() *Pick {
	p.numbered = true
	p.all = append([]huh.Option[string](nil), p.all...)
	for i := range p.all {
		p.all[i].Key = strconv.Itoa(i+1) + " " + p.labels[i]
	}
	p.shown = p.all
	p.Select.Options(p.all...)
	return p
}

// Inline draws the choice on one line, ←/→ moving it.
func (p *Pick) Inline() *Pick {
	p.Select.Inline(true)
	return p
}

// Narrow makes what is typed filter the options, a list of rows options
// under the title.
func (p *Pick) Narrow(rows int) *Pick {
	p.narrow = true
	p.Select.Height(rows + 1)
	return p
}

// OnChange calls f with the new value each time the person changes the
// choice (Set does not).
func (p *Pick) OnChange(f func(string)) *Pick {
	p.onChange = f
	return p
}

// Lookup finds an option not in the list by what was typed (an entry's
// number older than the list goes back), for a narrowing list.
func (p *Pick) Lookup(f func(typed string) (huh.Option[string], bool)) *Pick {
	p.lookup = f
	return p
}

// Set chooses v, as another field's change calls for.
func (p *Pick) Set(v string) {
	*p.value = v
	p.Select.Options(p.shown...)
}

// Focus starts a fresh type-ahead; a narrowing list keeps its filter.
func (p *Pick) Focus() tea.Cmd {
	if !p.narrow {
		p.typed, p.miss = "", ""
		p.retitle()
	}
	return p.Select.Focus()
}

// Update takes type-ahead keys; every other message goes to the select.
func (p *Pick) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	was := *p.value
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case k.Type == tea.KeyRunes && !k.Alt:
			p.add(string(k.Runes))
			p.changed(was)
			return p, nil
		case k.Type == tea.KeySpace:
			p.add(" ")
			p.changed(was)
			return p, nil
		case k.Type == tea.KeyBackspace:
			r := []rune(p.typed)
			p.typed, p.miss = string(r[:max(len(r)-1, 0)]), ""
			p.choose(p.typed)
			p.retitle()
			p.changed(was)
			return p, nil
		}
	}
	_, cmd := p.Select.Update(msg)
	if *p.value != was && !p.narrow {
		p.typed, p.miss = "", ""
		p.retitle()
	}
	p.changed(was)
	return p, cmd
}

func (p *Pick) changed(was string) {
	if *p.value != was && p.onChange != nil {
		p.onChange(*p.value)
	}
}

// add types s: the choice follows what was typed so far with s, else s
// alone (one key starts afresh); what matches nothing leaves the choice
// as it was, and says so.
func (p *Pick) add(s string) {
	p.miss = ""
	switch {
	case p.choose(p.typed + s):
		p.typed += s
	case len([]rune(s)) == 1 && p.typed != "" && p.choose(s):
		p.typed = s
	default:
		p.miss = p.typed + s
		if p.narrow {
			*p.value = "" // nothing chosen until what is typed finds one
		}
	}
	p.retitle()
}

// choose chooses the option typed names, reporting whether one does;
// typed empty chooses nothing (a narrowing list shows every option).
func (p *Pick) choose(typed string) bool {
	if p.narrow {
		shown := Narrowed(p.all, typed)
		if o, ok := p.found(typed, shown); ok {
			shown = append([]huh.Option[string]{o}, shown...)
		}
		if len(shown) == 0 {
			return false
		}
		p.shown = shown
		*p.value = shown[0].Value
		p.Select.Options(shown...)
		return true
	}
	if typed == "" {
		return false
	}
	i := Match(p.all, p.labels, typed, p.numbered)
	if i < 0 {
		return false
	}
	p.Set(p.all[i].Value)
	return true
}

// found is the option Lookup finds for typed, when none shown has it as
// its value.
func (p *Pick) found(typed string, shown []huh.Option[string]) (huh.Option[string], bool) {
	if p.lookup == nil || typed == "" || len(shown) > 0 && shown[0].Value == typed {
		return huh.Option[string]{}, false
	}
	return p.lookup(typed)
}

// retitle says in the title what was typed; the title's bracketed help
// gives way to it, so that it stays one line.
func (p *Pick) retitle() {
	t, short := p.title, p.title
	if i := strings.Index(short, " ("); i > 0 {
		short = short[:i]
	}
	switch {
	case p.miss != "":
		t = fmt.Sprintf("%s · no %s matches %q", short, p.what, p.miss)
	case p.typed != "":
		t = fmt.Sprintf("%s · %q", short, p.typed)
	}
	p.Select.Title(t)
}

// Match returns the index of the option typed names, or -1: by number
// (numbered options, from 1), then by its value, the start of its value
// or label, its value without punctuation ("l07" for L-07), its
// initials ("tfl" for Transport for London), the start of a word of its
// label, and a number typed alone by the number a value ends in ("7" for
// L-07). Case does not count; of options named alike the first wins.
func Match(opts []huh.Option[string], labels []string, typed string, numbered bool) int {
	t := strings.ToLower(typed)
	n, digits := strconv.Atoi(t)
	best, bestRank := -1, 99
	for i, o := range opts {
		v, l := strings.ToLower(o.Value), strings.ToLower(labels[i])
		rank := 99
		switch {
		case numbered && digits == nil:
			if n == i+1 {
				rank = 0
			}
		case v == t:
			rank = 0
		case strings.HasPrefix(v, t):
			rank = 1
		case strings.HasPrefix(l, t):
			rank = 2
		case alnum(t) != "" && strings.HasPrefix(alnum(v), alnum(t)):
			rank = 3
		case strings.HasPrefix(initials(l), t):
			rank = 4
		case wordPrefix(l, t):
			rank = 5
		case digits == nil && trailing(v) == n:
			rank = 6
		}
		if rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// Narrowed returns the options typed picks out: with a number, those
// whose value starts with it (the exact one first); else those whose
// label holds every word typed. Typed empty: all of them.
func Narrowed(opts []huh.Option[string], typed string) []huh.Option[string] {
	t := strings.ToLower(strings.TrimSpace(typed))
	if t == "" {
		return opts
	}
	var out []huh.Option[string]
	if _, err := strconv.Atoi(t); err == nil {
		for _, o := range opts {
			switch {
			case o.Value == t:
				out = append([]huh.Option[string]{o}, out...)
			case strings.HasPrefix(o.Value, t):
				out = append(out, o)
			}
		}
		return out
	}
	words := strings.Fields(t)
	for _, o := range opts {
		l := strings.ToLower(o.Key)
		all := true
		for _, w := range words {
			all = all && strings.Contains(l, w)
		}
		if all {
			out = append(out, o)
		}
	}
	return out
}

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func initials(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		r := []rune(w)
		b.WriteRune(r[0])
	}
	return b.String()
}

func wordPrefix(s, t string) bool {
	for _, w := range words(s) {
		if strings.HasPrefix(w, t) {
			return true
		}
	}
	return false
}

// trailing is the number s ends in, or -1.
func trailing(s string) int {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil {
		return -1
	}
	return n
}
