package main

import (
	"context"
	"io"
	"iter"
	"net/http"
	"testing"

	"github.com/itergen/itergen/agen"
	"github.com/itergen/itergen/seq"
	"github.com/itergen/itergen/seq/seqtest"
)

// TestProducersKeepTheContract checks the demo's producers with
// seqtest.TestStream, against the in-process API.
func TestProducersKeepTheContract(t *testing.T) {
	srv := newServer(smallConfig())
	defer srv.Close()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	defer tr.CloseIdleConnections()
	p := &printer{w: io.Discard}
	c := newClient(srv.URL, &http.Client{Transport: tr}, p)

	reit, canc := seqtest.Reiterable(), seqtest.Cancellable()
	tests := []struct {
		name  string
		check func() error
	}{
		{"Paginate over pager", func() error {
			return seqtest.TestStream(func(ctx context.Context) iter.Seq2[Item, error] {
				return seq.Paginate(ctx, "", c.pager(5, false))
			}, reit, canc)
		}},
		{"sequentialDetails", func() error {
			return seqtest.TestStream(func(ctx context.Context) iter.Seq2[Detail, error] {
				return sequentialDetails(ctx, c, 5)
			}, reit, canc)
		}},
		{"concurrentDetails", func() error {
			return seqtest.TestStream(func(ctx context.Context) iter.Seq2[Detail, error] {
				return concurrentDetails(ctx, c, 5, 4)
			}, reit, canc)
		}},
		{"skipDeleted", func() error {
			return seqtest.TestStream(func(ctx context.Context) iter.Seq2[Detail, error] {
				return skipDeleted(concurrentDetails(ctx, c, 5, 4), p)
			}, reit, canc)
		}},
		{"listPages", func() error {
			return seqtest.TestStream(func(ctx context.Context) iter.Seq2[[]Item, error] {
				return agen.Seq(ctx, c.listPages)
			}, reit, canc)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.check(); err != nil {
				t.Errorf("seqtest.TestStream(%s):\n%v", tt.name, err)
			}
		})
	}
}
