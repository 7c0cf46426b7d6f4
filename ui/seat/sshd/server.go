// Package sshd is ttx serve's SSH server: it proves who each connection
// is (a roster key or a join code, guessing slowed down), bounds what a
// connection may cost (seats each, input rate and paste size, a renderer
// of its own), and gives it the seat (ui/seat) its roster entry allows.
package sshd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/console"
	"ttx/ui/pane"
	"ttx/ui/seat"
	"ttx/ui/seat/door"
	"ttx/ui/seat/paint"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// DefaultAddr is where ttx serve listens unless told otherwise: loopback
// only, so that opening the exercise to the network is a deliberate choice.
const DefaultAddr = "127.0.0.1:2222"

// codeTries is how many join codes one connection may try.
const codeTries = 3

// ServerOptions configure the SSH server.
type ServerOptions struct {
	theme.ViewOptions
	// Addr is the address to listen on.
	Addr string
	// HostKeyPath is the ed25519 host key, created on first use.
	HostKeyPath string
	// SubmitEvery and SubmitBurst throttle each person's submissions.
	SubmitEvery time.Duration
	SubmitBurst int
	// AuthTimeout is how long a connection has to prove who it is,
	// door.DefaultAuthTimeout if 0; MaxUnauthenticated how many may be
	// doing so at once, door.DefaultMaxUnauthenticated if 0.
	AuthTimeout        time.Duration
	MaxUnauthenticated int
}

// Server gives every SSH connection the seat its roster entry allows.
type Server struct {
	sess session.Live
	opts ServerOptions
	srv  *ssh.Server
	ln   net.Listener

	mu       sync.Mutex
	read     map[string]*seat.ReadSet // person -> injects opened, across reconnections
	limits   map[string]*seat.Limiter
	entries  map[styleKey]*pane.EntryLines // under mu
	programs map[*tea.Program]struct{}
	seats    map[string]int       // person -> seats open
	sitting  map[string][]*seated // person -> their seats with programs (sit)
	codes    *access.Guard        // slows down guessing of join codes
	// gate lets at most all cores but one draw and paint seats at once,
	// so that the facilitator's console always finds a core.
	gate *paint.Gate
	// most is the most colour a seat gets: what the terminal ttx serve
	// runs in shows (none with NO_COLOR). Each seat's own is its
	// terminal's (sessionRenderer).
	most termenv.Profile
}

// seatKey holds the seat's program and model in the SSH session's context,
// so that presence can clean up after the program ends.
var seatKey = ctxKey{"seat"}

type running struct {
	prog    *tea.Program
	model   interface{ Close() } // a seat, or a controller's console
	painter *paint.Painter
	seat    *seated
}

type ctxKey struct{ name string }

var (
	personKey = ctxKey{"person"}
	howKey    = ctxKey{"how"}
)

// personName is the name of the person a connection's context has
// proved to be, for the door to count their connections.
func personName(ctx ssh.Context) string {
	p, _ := ctx.Value(personKey).(event.Person)
	return p.Name
}

// DefaultHostKeyPath is ttx's host key under the user's state folder
// ($XDG_STATE_HOME, or ~/.local/state), so that participants' known_hosts
// stays valid from one exercise to the next.
func DefaultHostKeyPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find a folder for the SSH host key: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "ttx", "ssh_host_ed25519"), nil
}

// NewServer prepares the SSH server for a live session.
func NewServer(sess session.Live, opts ServerOptions) (*Server, error) {
	opts.ViewOptions = opts.WithDefaults(time.Second)
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.SubmitEvery == 0 {
		opts.SubmitEvery = 2 * time.Second
	}
	if opts.SubmitBurst == 0 {
		opts.SubmitBurst = 5
	}
	if opts.AuthTimeout == 0 {
		opts.AuthTimeout = door.DefaultAuthTimeout
	}
	if opts.MaxUnauthenticated == 0 {
		opts.MaxUnauthenticated = door.DefaultMaxUnauthenticated
	}
	if opts.HostKeyPath == "" {
		p, err := DefaultHostKeyPath()
		if err != nil {
			return nil, err
		}
		opts.HostKeyPath = p
	}
	if err := os.MkdirAll(filepath.Dir(opts.HostKeyPath), 0o700); err != nil {
		return nil, fmt.Errorf("create the folder for the SSH host key: %w", err)
	}
	s := &Server{sess: sess, opts: opts, read: map[string]*seat.ReadSet{}, limits: map[string]*seat.Limiter{},
		programs: map[*tea.Program]struct{}{}, seats: map[string]int{}, sitting: map[string][]*seated{},
		codes: access.NewGuard(access.GuardOptions{}), gate: paint.NewGate(max(1, runtime.GOMAXPROCS(0)-1)),
		most: lipgloss.ColorProfile()}
	srv, err := wish.NewServer(
		wish.WithAddress(opts.Addr),
		wish.WithHostKeyPath(opts.HostKeyPath),
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithKeyboardInteractiveAuth(s.joinCode),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, lipgloss.ColorProfile()),
			activeterm.Middleware(),
			s.presence,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("set up the SSH server: %w", err)
	}
	door.New(opts.AuthTimeout, opts.MaxUnauthenticated).Guard(srv, personName)
	s.srv = srv
	return s, nil
}

// Listen opens the port; Addr then says where.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.opts.Addr, err)
	}
	s.ln = ln
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// HostKeyPath is where the host key is kept.
func (s *Server) HostKeyPath() string { return s.opts.HostKeyPath }

// HostKeyFingerprint is the SHA256 fingerprint of the key the server
// offers, as OpenSSH prints it ("SHA256:" and unpadded base64), so that
// participants can check what their ssh client asks them to trust.
func (s *Server) HostKeyFingerprint() string {
	fps := make([]string, 0, len(s.srv.HostSigners))
	for _, k := range s.srv.HostSigners {
		fps = append(fps, gossh.FingerprintSHA256(k.PublicKey()))
	}
	return strings.Join(fps, ", ")
}

// Serve accepts connections until Shutdown.
func (s *Server) Serve() error {
	defer s.watchCodes()()
	err := s.srv.Serve(s.ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown closes every seat politely (each shows that the session ended)
// and stops the server. Seats quit by themselves a moment after they see
// the session closed; Shutdown waits for them until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	for s.open() > 0 {
		select {
		case <-ctx.Done():
			return s.srv.Close()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return s.srv.Shutdown(ctx)
}

// open counts the seats whose programs are running.
func (s *Server) open() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.programs)
}

// publicKey accepts a key on the roster. It journals nothing: clients
// offer several keys in turn, and a person may still join with a code.
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	st := s.sess.State()
	p := access.ByKey(st.Roster, key)
	if p == nil {
		return false
	}
	ctx.SetValue(personKey, *p)
	ctx.SetValue(howKey, "key")
	return true
}

// joinCode asks for a join code when no key matched; wrong codes slow
// down the source's next and are journaled (checkCode).
func (s *Server) joinCode(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	title := s.sess.State().Scenario.Title
	instruction := fmt.Sprintf("%s\nYour SSH key is not on this exercise's roster.\nType the join code the facilitator gave you, or ask them to add you.", title)
	for try := 0; try < codeTries; try++ {
		answers, err := challenge("", instruction, []string{"Join code: "}, []bool{false})
		if err != nil || len(answers) != 1 {
			return false
		}
		p, ok := s.checkCode(ctx, answers[0])
		if !ok {
			challenge("", tooManyCodes, nil, nil)
			return false
		}
		if p != nil {
			ctx.SetValue(personKey, *p)
			ctx.SetValue(howKey, "code")
			return true
		}
		instruction = "That join code is not on the roster. Check it with the facilitator."
	}
	return false
}

// presence journals the seat opening and closing around the program.
func (s *Server) presence(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		p, ok := sess.Context().Value(personKey).(event.Person)
		if !ok {
			wish.Fatalln(sess, "You are not on this exercise's roster.")
			return
		}
		if !s.takeSeat(p.Name) {
			s.refuseSeat(sess, p.Name)
			return
		}
		defer s.leaveSeat(p.Name)
		actor := session.Actor{Role: p.Role, Name: p.Name, Team: p.Team}
		how, _ := sess.Context().Value(howKey).(string)
		remote := sess.RemoteAddr().String()
		if _, err := s.sess.Do(actor, session.Join{Remote: remote, How: how}); err != nil {
			var unsure *session.UnconfirmedError
			if errors.As(err, &unsure) {
				// The join may be recorded all the same (a cluster that
				// did not confirm it in time): the record must not show
				// this person on a seat they were refused.
				s.sess.Do(actor, session.Leave{Remote: remote})
			}
			wish.Fatalln(sess, "Cannot join: "+err.Error())
			return
		}
		defer s.sess.Do(actor, session.Leave{Remote: remote})
		next(sess)
		if r, ok := sess.Context().Value(seatKey).(running); ok {
			r.painter.Stop()
			r.model.Close()
			s.stand(r.seat)
			s.mu.Lock()
			delete(s.programs, r.prog)
			s.mu.Unlock()
			if why := r.seat.why.Load(); why != nil {
				wish.Fatalln(sess, *why)
			}
		}
	}
}

// entriesFor is the feed entries drawn for seats in r's styles, shared by
// them all: a decision is drawn once per colour profile and background,
// not once per seat.
func (s *Server) entriesFor(r *lipgloss.Renderer) *pane.EntryLines {
	k := styleKey{r.ColorProfile(), r.HasDarkBackground()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries == nil {
		s.entries = map[styleKey]*pane.EntryLines{}
	}
	if s.entries[k] == nil {
		s.entries[k] = pane.NewEntryLines()
	}
	return s.entries[k]
}

// styleKey is what a seat's styles depend on.
type styleKey struct {
	profile termenv.Profile
	dark    bool
}

// program makes the seat's bubbletea program for the person.
func (s *Server) program(sess ssh.Session) *tea.Program {
	door.Started(sess.Context())
	p, _ := sess.Context().Value(personKey).(event.Person)
	actor := session.Actor{Role: p.Role, Name: p.Name, Team: p.Team}
	s.mu.Lock()
	read := s.read[p.Name]
	if read == nil {
		read = seat.NewReadSet()
		s.read[p.Name] = read
	}
	lim := s.limits[p.Name]
	if lim == nil {
		lim = seat.NewLimiter(s.opts.SubmitEvery, s.opts.SubmitBurst)
		s.limits[p.Name] = lim
	}
	s.mu.Unlock()
	pty, _, _ := sess.Pty()
	r := sessionRenderer(sess, sess.Environ(), pty.Term, s.most, s.opts.MarkdownStyle != "light")
	view := s.opts.ViewOptions
	view.MarkdownStyle = "light"
	if r.HasDarkBackground() {
		view.MarkdownStyle = "dark"
	}
	var m interface {
		tea.Model
		Close()
	}
	switch p.Role {
	case scenario.RoleController, scenario.RoleSimCell:
		// The control cell gets the console, its commands checked
		// against their role and scope; it opens on what they missed.
		st := s.sess.State()
		m = console.New(s.sess, console.Options{ViewOptions: view, Facilitator: actor, Remote: true, Notice: sight.Digest(&st, p.Name), Renderer: r})
	default:
		m = seat.New(s.sess, actor, seat.Options{ViewOptions: view, Read: read, Limit: lim, Renderer: r, Entries: s.entriesFor(r)})
	}
	pt := paint.New(sess, s.gate)
	var prog *tea.Program
	prog = tea.NewProgram(paint.NewSeat(m, pt), append(bm.MakeOptions(sess), tea.WithoutRenderer(), boundedInput(sess, &prog))...)
	s.mu.Lock()
	s.programs[prog] = struct{}{}
	s.mu.Unlock()
	st := &seated{prog: prog, name: p.Name}
	if how, _ := sess.Context().Value(howKey).(string); how == "code" {
		st.code = p.CodeHash
	}
	s.sit(st)
	sess.Context().SetValue(seatKey, running{prog: prog, model: m, painter: pt, seat: st})
	return prog
}
