package scenario

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"ttx/exercise/scenario/internal/yamlguard"
	"ttx/exercise/scenario/internal/yamlpos"
)

// MaxFileSize caps the size of a scenario file ttx will read. The largest
// real MSELs are a few hundred injects; 16 MiB leaves room for long bodies.
const MaxFileSize = 16 << 20

// Load reads and validates the scenario file at path. It returns the
// scenario (nil when there are errors) and every problem found, errors and
// warnings, each with the file, line and column.
func Load(path string) (*Scenario, Problems) {
	fi, err := os.Stat(path)
	if err == nil && fi.Size() > MaxFileSize {
		return nil, Problems{{File: path, Msg: fmt.Sprintf("file is %d bytes, more than the %d a scenario may have; split long bodies or reduce the MSEL", fi.Size(), MaxFileSize)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{File: path, Msg: fmt.Sprintf("cannot read the scenario: %v", errors.Unwrap(err))}}
	}
	return Parse(path, data)
}

// Parse validates the scenario YAML in data; name is used in problem
// positions (usually the file path).
func Parse(name string, data []byte) (s *Scenario, probs Problems) {
	l := &loader{name: name, nodes: map[string][]ast.Node{}}
	defer func() {
		// The YAML library must never take the console down with it.
		if r := recover(); r != nil {
			s, probs = nil, append(l.probs, Problem{File: name, Msg: fmt.Sprintf("the YAML could not be read (%v); check the file is a ttx scenario", r)})
		}
	}()
	if len(data) > MaxFileSize {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("scenario is %d bytes, more than the %d allowed", len(data), MaxFileSize)}}
	}
	for _, check := range []func([]byte) *yamlguard.Error{yamlguard.Text, yamlguard.Depth} {
		if e := check(data); e != nil {
			return nil, Problems{{File: name, Line: e.Line, Col: e.Col, Msg: e.Msg}}
		}
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		l.yamlError(err, nil)
		l.probs[0].Msg += "; check the YAML syntax here and just above (indentation, quotes, brackets)"
		return nil, l.probs
	}
	var root ast.Node
	if len(file.Docs) > 0 {
		root = file.Docs[0].Body
	}
	if e := yamlguard.Aliases(root); e != nil {
		return nil, Problems{{File: name, Line: e.Line, Col: e.Col, Msg: e.Msg}}
	}
	sc := &Scenario{}
	l.decode(root, sc)
	if l.broken() {
		return nil, l.probs
	}
	// A misspelt field hides nothing: what the rest of the file says is
	// checked too, and "the scenario has no title" is not said again
	// under "unknown field titel; did you mean title?".
	probs = l.probs
	for _, p := range Validate(sc, l.locate) {
		if !l.saidMissing(p) {
			probs = append(probs, p)
		}
	}
	for i := range probs {
		probs[i].File = name
	}
	probs.sort()
	if probs.HasErrors() {
		return nil, probs
	}
	return sc, probs
}

// loader decodes a YAML AST into a Scenario, collecting problems and
// remembering each list element's node so that later problems can point at
// the exact line and column.
type loader struct {
	name  string
	probs Problems
	root  ast.Node
	nodes map[string][]ast.Node // top-level list key -> element nodes, parallel to the decoded slice
	// unknown counts the problems that are only an unknown field: the
	// rest of the file was still decoded, so it can still be checked.
	unknown int
	// suggested holds the top-level fields an unknown one was taken for;
	// inEntry, those of each list entry, by the entry's line and column.
	suggested map[string]bool
	inEntry   map[[2]int][]string
}

// broken reports whether decoding met a problem other than an unknown
// field, so that what was decoded is not the whole file and checking it
// would report what is only missing because it could not be read.
func (l *loader) broken() bool {
	errs := 0
	for _, p := range l.probs {
		if p.Severity == Error {
			errs++
		}
	}
	return errs > l.unknown
}

// saidMissing reports whether p says the scenario lacks a field that an
// unknown field in the file was already taken for.
func (l *loader) saidMissing(p Problem) bool {
	for name := range l.suggested {
		if strings.HasPrefix(p.Msg, "the scenario has no "+name+";") {
			return true
		}
	}
	for _, name := range l.inEntry[[2]int{p.Line, p.Col}] {
		if strings.Contains(p.Msg, " has no "+name+";") {
			return true
		}
	}
	return false
}

// unknownField reports key, at n, as a field that typ does not have.
func (l *loader) unknownField(n ast.Node, key, in string, typ reflect.Type) {
	hint := yamlguard.Suggest(key, typ)
	if in == "" {
		l.problem(n, "unknown field %q%s", key, hint)
		if best, ok := strings.CutPrefix(hint, "; did you mean "); ok {
			if l.suggested == nil {
				l.suggested = map[string]bool{}
			}
			name, _ := strconv.Unquote(strings.TrimSuffix(best, "?"))
			l.suggested[name] = true
		}
	} else {
		l.problem(n, "unknown field %q in %s%s", key, in, hint)
	}
	l.unknown++
}

func (l *loader) problem(n ast.Node, format string, args ...any) {
	p := Problem{File: l.name, Msg: fmt.Sprintf(format, args...)}
	if n != nil && n.GetToken() != nil {
		p.Line, p.Col = n.GetToken().Position.Line, n.GetToken().Position.Column
	}
	l.probs = append(l.probs, p)
}

func (l *loader) yamlError(err error, at ast.Node) {
	var ye yaml.Error
	p := Problem{File: l.name, Msg: err.Error()}
	if errors.As(err, &ye) {
		p.Msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil {
			p.Line, p.Col = tk.Position.Line, tk.Position.Column
		}
	} else if at != nil && at.GetToken() != nil {
		p.Line, p.Col = at.GetToken().Position.Line, at.GetToken().Position.Column
	}
	l.probs = append(l.probs, p)
}

func (l *loader) decode(root ast.Node, s *Scenario) {
	l.root = root
	m, ok := root.(*ast.MappingNode)
	if !ok {
		l.problem(root, "a scenario is a YAML mapping with title, duration, teams and injects; see docs in the README")
		return
	}
	seen := map[string]bool{}
	for _, kv := range m.Values {
		key := kv.Key.String()
		if seen[key] {
			l.problem(kv.Key, "%s appears twice; keep one", key)
			continue
		}
		seen[key] = true
		switch key {
		case "title":
			l.scalar(kv.Value, &s.Title)
		case "summary":
			l.scalar(kv.Value, &s.Summary)
		case "start":
			l.scalar(kv.Value, &s.Start)
		case "duration":
			l.scalar(kv.Value, &s.Duration)
		case "teams":
			s.Teams = decodeList[Team](l, key, kv.Value)
		case "objectives":
			s.Objectives = decodeList[Objective](l, key, kv.Value)
		case "roster":
			s.Roster = decodeList[Person](l, key, kv.Value)
		case "branches":
			s.Branches = decodeList[Branch](l, key, kv.Value)
		case "injects":
			s.Injects = decodeList[Inject](l, key, kv.Value)
		case "overview":
			s.Overview = l.overview(kv.Value)
		case "simulated":
			s.Simulated = decodeList[Organisation](l, key, kv.Value)
		default:
			l.unknownField(kv.Key, key, "", reflect.TypeFor[Scenario]())
		}
	}
}

func (l *loader) scalar(n ast.Node, dst *string) {
	switch n.(type) {
	case *ast.MappingNode, *ast.SequenceNode:
		l.problem(n, "expected a single value here, not a list or mapping")
		return
	}
	if err := yaml.NodeToValue(n, dst); err != nil {
		l.yamlError(err, n)
	}
}

// decodeList decodes a top-level list element by element, so that one bad
// element does not hide the problems of the others.
func decodeList[T any](l *loader, key string, n ast.Node) []T {
	if _, null := n.(*ast.NullNode); null || n == nil {
		return nil
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		l.problem(n, "%s must be a list: put each entry on its own line starting with \"- \"", key)
		return nil
	}
	var out []T
	typ := reflect.TypeFor[T]()
	for _, el := range seq.Values {
		if _, ok := el.(*ast.MappingNode); !ok {
			l.problem(el, "each entry of %s must be a mapping of fields (id: …, …)", key)
			continue
		}
		// Every unknown field of the entry is named, each where it is;
		// the entry is still read, so that the rest of the file is
		// checked against it.
		reported, meant := map[string]bool{}, []string(nil)
		for _, kv := range el.(*ast.MappingNode).Values {
			if name := kv.Key.String(); !yamlguard.HasField(typ, name) {
				l.unknownField(kv.Key, name, key, typ)
				if best, ok := strings.CutPrefix(yamlguard.Suggest(name, typ), "; did you mean "); ok {
					field, _ := strconv.Unquote(strings.TrimSuffix(best, "?"))
					meant = append(meant, field)
				}
				reported[name] = true
			}
		}
		var v T
		if err := yaml.NodeToValue(el, &v, yaml.DisallowUnknownField()); err != nil {
			var uf *yaml.UnknownFieldError
			if !errors.As(err, &uf) {
				l.yamlError(err, el)
				continue
			}
			if name := strings.TrimSuffix(strings.TrimPrefix(uf.GetMessage(), `unknown field "`), `"`); !reported[name] {
				// A field deeper in the entry (an option of a branch).
				l.yamlError(err, el)
				l.probs[len(l.probs)-1].Msg = fmt.Sprintf("unknown field %q in %s", name, key)
				l.unknown++
			}
			v = *new(T)
			if err := yaml.NodeToValue(el, &v); err != nil {
				l.yamlError(err, el)
				continue
			}
		}
		out = append(out, v)
		l.nodes[key] = append(l.nodes[key], el)
		if meant != nil {
			if l.inEntry == nil {
				l.inEntry = map[[2]int][]string{}
			}
			line, col := l.locate(key, len(out)-1)
			l.inEntry[[2]int{line, col}] = meant
		}
	}
	return out
}

// locate returns the position of the node at path (yamlpos.Locate).
func (l *loader) locate(path ...any) (line, col int) { return yamlpos.Locate(l.root, l.nodes, path...) }
