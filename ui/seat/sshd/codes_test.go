package sshd

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
)

// fastGuard is the server's guard with waits short enough for tests.
func fastGuard() *access.Guard {
	return access.NewGuard(access.GuardOptions{First: 2 * time.Millisecond, Max: 20 * time.Millisecond, Rate: 1000, Burst: 1000})
}

// guesser answers every prompt with a new wrong code and counts them.
func guesser(n *atomic.Int64) gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
		if len(questions) == 0 {
			return nil, nil
		}
		return []string{fmt.Sprintf("GUESS-%06d", n.Add(1))}, nil
	})
}

// refusedLines reads the access.refused lines of a session file as
// generic JSON, so the same reading works on files of any version:
// it returns the lines, the attempts they count and their bytes.
func refusedLines(t testing.TB, path string) (lines, attempts, bytes int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		var e struct {
			Type string `json:"type"`
			Data struct {
				Count int `json:"count"`
			} `json:"data"`
		}
		if json.Unmarshal([]byte(line), &e) != nil || e.Type != "access.refused" {
			continue
		}
		lines++
		attempts += max(e.Data.Count, 1)
		bytes += len(line) + 1
	}
	return lines, attempts, bytes
}

// TestGuessingOverSSHIsSlowedAndBounded: 34 connections from one address
// guess three codes each, all at once. Their 102 guesses are checked one
// after another, each after the wait its source has earned; they make at
// most two lines in the file (the first at once, the rest counted), whose
// counts add up to 102 once the session ends; and the person with the
// right code, from the same address, still gets in.
func TestGuessingOverSSHIsSlowedAndBounded(t *testing.T) {
	jo := scenario.Person{Name: "Jo Park", Team: "transport", Role: scenario.RoleParticipant, Code: "K7QMB-ZWP9T"}
	sess, srv, path := serveDemo(t, ServerOptions{}, jo)
	// Waits of 50 ms: 102 guesses take at least 5 s, longer than they
	// take to check without waits (102 hashes, two at a time).
	g := access.NewGuard(access.GuardOptions{First: 50 * time.Millisecond, Max: 50 * time.Millisecond, Rate: 1000, Burst: 1000})
	srv.codes = g
	addr := srv.Addr().String()

	const conns = 34
	var guesses atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range conns {
		wg.Go(func() {
			if _, err := dial(t, addr, "mallory", guesser(&guesses)); err == nil {
				t.Error("a wrong join code got in")
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	n := int(guesses.Load())
	if n != conns*codeTries {
		t.Fatalf("%d guesses made; want %d", n, conns*codeTries)
	}
	// Each check after a wrong code waited at least the source's delay.
	var least time.Duration
	for i := 1; i < n; i++ {
		least += g.Delay(i)
	}
	if took < least {
		t.Errorf("%d guesses took %v; the waits alone add up to %v", n, took, least)
	}
	if lines, _, _ := refusedLines(t, path); lines > 2 {
		t.Errorf("%d access.refused lines for %d guesses within a minute; want at most 2", lines, n)
	}
	pj, err := dial(t, addr, "jo", codeAnswer("k7qmb zwp9t"))
	if err != nil {
		t.Fatalf("the right join code was refused after the guessing: %v", err)
	}
	pj.waitFor("Jo Park · Station operator")
	pj.client.Close()
	if _, err := sess.Close(session.Facilitator("ana")); err != nil {
		t.Fatal(err)
	}
	lines, attempts, _ := refusedLines(t, path)
	if lines > 3 || attempts != n {
		t.Errorf("after the end: %d lines counting %d attempts; want at most 3 counting %d", lines, attempts, n)
	}
}

// TestWaitingTooLongIsToldToComeBack: a connection whose source must
// wait longer than codeWait is told so and closed, not kept waiting.
func TestWaitingTooLongIsToldToComeBack(t *testing.T) {
	jo := scenario.Person{Name: "Jo Park", Team: "transport", Role: scenario.RoleParticipant, Code: "K7QMB-ZWP9T"}
	_, srv, _ := serveDemo(t, ServerOptions{}, jo)
	srv.codes = access.NewGuard(access.GuardOptions{First: time.Hour, Max: time.Hour})
	was := codeWait
	codeWait = 50 * time.Millisecond
	defer func() { codeWait = was }()
	var told atomic.Bool
	auth := gossh.KeyboardInteractive(func(_, instruction string, questions []string, _ []bool) ([]string, error) {
		if strings.Contains(instruction, "Too many wrong join codes from your address") {
			told.Store(true)
		}
		if len(questions) == 0 {
			return nil, nil
		}
		return []string{"GUESS-000001"}, nil
	})
	start := time.Now()
	if _, err := dial(t, srv.Addr().String(), "mallory", auth); err == nil {
		t.Fatal("a wrong join code got in")
	}
	if !told.Load() || time.Since(start) > 30*time.Second {
		t.Errorf("told to come back: %v, after %v", told.Load(), time.Since(start))
	}
}

// codeAnswer answers every prompt with code.
func codeAnswer(code string) gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
		if len(questions) == 0 {
			return nil, nil
		}
		return []string{code}, nil
	})
}

// TestMeasureGuessing measures, by hand, how fast one address guesses
// join codes with 100 connections in parallel, and what the guessing
// writes to the session file: TTX_MEASURE_GUESSING=SECONDS go test
// ./ui/seat -run TestMeasureGuessing -v. It uses the server as shipped
// (its real waits) and stops by itself.
func TestMeasureGuessing(t *testing.T) {
	secs, _ := strconv.Atoi(os.Getenv("TTX_MEASURE_GUESSING"))
	if secs <= 0 {
		t.Skip("set TTX_MEASURE_GUESSING=SECONDS to measure")
	}
	jo := scenario.Person{Name: "Jo Park", Team: "transport", Role: scenario.RoleParticipant, Code: "K7QMB-ZWP9T"}
	sess, srv, path := serveDemo(t, ServerOptions{}, jo)
	addr := srv.Addr().String()
	var guesses atomic.Int64
	stop := time.Now().Add(time.Duration(secs) * time.Second)
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			for time.Now().Before(stop) {
				conn, err := net.DialTimeout("tcp", addr, time.Second)
				if err != nil {
					continue
				}
				conn.SetDeadline(stop) // a connection waiting for its turn gives up at the end
				c, _, _, err := gossh.NewClientConn(conn, addr, &gossh.ClientConfig{User: "mallory",
					Auth: []gossh.AuthMethod{guesser(&guesses)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
				if err == nil {
					c.Close()
				}
				conn.Close()
			}
		})
	}
	wg.Wait()
	before, _, _ := refusedLines(t, path)
	sess.Close(session.Facilitator("ana")) // journals the counts still open
	lines, attempts, bytes := refusedLines(t, path)
	t.Logf("%d s, 100 connections from one address: %d codes sent, %d checked and refused (%.2f a second); %d access.refused lines during the attack, %d after the end, %d bytes",
		secs, guesses.Load(), attempts, float64(attempts)/float64(secs), before, lines, bytes)
}
