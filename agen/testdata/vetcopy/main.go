// Command vetcopy copies a Generator, which go vet must report.
package main

import (
	"context"
	"fmt"

	"github.com/itergen/itergen/agen"
)

func main() {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (struct{}, error)) error {
		_, err := yield(1)
		return err
	})
	defer g.Close()
	h := *g
	fmt.Println(h.Next())
}
