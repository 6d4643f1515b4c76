package seq_test

import (
	"context"
	"testing"
	"time"

	"github.com/itergen/itergen/seq"
)

func TestTickCallTimePanics(t *testing.T) {
	var nilCtx context.Context
	bg := context.Background()
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"nil context", func() { seq.Tick(nilCtx, time.Second) }, "seq.Tick: nil context"},
		{"zero interval", func() { seq.Tick(bg, 0) }, "seq.Tick: non-positive interval"},
		{"negative interval", func() { seq.Tick(bg, -time.Second) }, "seq.Tick: non-positive interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trPanicValue(tt.call); got != tt.want {
				t.Errorf("Tick with a %s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}
