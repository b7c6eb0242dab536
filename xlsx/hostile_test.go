package xlsx_test

import (
	"errors"
	"strings"
	"testing"

	"nianbao/internal/hostile"
	"nianbao/report"
	"nianbao/xlsx"
)

// Every input of the hostile catalogue gets its answer: a refusal or a
// problem with the expected words, naming the expected cell, or a report.
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: reads the whole hostile catalogue")
	}
	dir := t.TempDir()
	for _, c := range hostile.Catalogue() {
		t.Run(c.Name, func(t *testing.T) {
			path, err := c.Make(dir)
			if err != nil {
				t.Fatal(err)
			}
			r, probs, err := xlsx.Read(path)
			if c.Want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c.Problem != "" && !hasProblem(probs, c.Problem, c.Cell) {
					t.Errorf("problems %v lack %q at %s", probs, c.Problem, c.Cell)
				}
				report.Check(r)
				return
			}
			if err != nil {
				var re *xlsx.RefusedError
				if !errors.As(err, &re) {
					t.Fatalf("not a refusal: %v", err)
				}
				if !strings.Contains(err.Error(), c.Want) || !strings.Contains(err.Error(), c.Name) {
					t.Errorf("refusal %q lacks %q or the file name", err, c.Want)
				}
				safe(t, err.Error())
				return
			}
			if !hasProblem(probs, c.Want, c.Cell) {
				t.Errorf("problems %v lack %q at %s", probs, c.Want, c.Cell)
			}
			for _, p := range probs {
				safe(t, p.String())
			}
		})
	}
}

func hasProblem(probs []report.Problem, want, cell string) bool {
	for _, p := range probs {
		if strings.Contains(p.String(), want) && (cell == "" || p.Cell == cell) {
			return true
		}
	}
	return false
}

// safe fails on a message that would print a character that does not show.
func safe(t *testing.T, msg string) {
	t.Helper()
	for _, r := range msg {
		if report.Invisible(r) {
			t.Errorf("message prints U+%04X: %q", r, msg)
		}
	}
	if n := len([]rune(msg)); n > 400 {
		t.Errorf("message of %d characters", n)
	}
}
