package agen_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestVetReportsCopy runs go vet on a program that copies a Generator and
// checks that the copylocks check reports the copy.
func TestVetReportsCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	out, err := exec.Command(gotool, "vet", "-copylocks", "./testdata/vetcopy").CombinedOutput()
	if err == nil {
		t.Fatalf("go vet ./testdata/vetcopy succeeded, want it to report the copy; output:\n%s", out)
	}
	// The type is spelled differently by different versions of vet.
	for _, want := range []string{"main.go:17:7: assignment copies lock value to h: ", "agen.noCopy"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("go vet ./testdata/vetcopy reported:\n%s\nwant it to contain %q", out, want)
		}
	}
}
