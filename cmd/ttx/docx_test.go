package main

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportWritesDOCX: --format docx -o writes a Word package on the
// paper asked for; without -o, or on a paper ttx does not know, it is
// refused with an error that says what to do, and nothing is written.
func TestReportWritesDOCX(t *testing.T) {
	dir := t.TempDir()
	for paper, want := range map[string]string{"a4": `<w:pgSz w:w="11906" w:h="16838"/>`, "letter": `<w:pgSz w:w="12240" w:h="15840"/>`} {
		out := filepath.Join(dir, paper+".docx")
		if code, _, errOut := run(t, "report", "--format", "docx", "--paper", paper, "-o", out, hostileSession); code != 0 {
			t.Fatalf("%s: code %d: %s", paper, code, errOut)
		}
		z, err := zip.OpenReader(out)
		if err != nil {
			t.Fatalf("%s: %v", paper, err)
		}
		f, err := z.Open("word/document.xml")
		if err != nil {
			t.Fatalf("%s: %v", paper, err)
		}
		doc, _ := io.ReadAll(f)
		z.Close()
		if !strings.Contains(string(doc), want) {
			t.Errorf("%s: the document lacks %s", paper, want)
		}
	}
	if code, out, errOut := run(t, "report", "--format", "docx", hostileSession); code == 0 || out != "" || !strings.Contains(errOut, "-o FILE.docx") {
		t.Errorf("no -o: code %d, out %q, err %q", code, out[:min(len(out), 40)], errOut)
	}
	if code, _, errOut := run(t, "report", "--format", "docx", "--paper", "a3", "-o", filepath.Join(dir, "a3.docx"), hostileSession); code == 0 || !strings.Contains(errOut, "choose a4 or letter") {
		t.Errorf("--paper a3: code %d, err %q", code, errOut)
	}
}
