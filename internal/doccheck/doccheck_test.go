// Package doccheck holds tests over the public packages' documentation:
// every exported identifier has a doc comment that starts with its name
// and a runnable Example.
package doccheck

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var packages = []string{"seq", "seq/seqtest", "collect", "agen"}

// load parses dir with its tests and returns its documentation, with the
// Examples of the external test package attached to what they show.
func load(t *testing.T, dir string) *doc.Package {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/itergen/itergen/"+filepath.Base(dir))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// documented is one exported identifier with its doc and Examples.
type documented struct {
	name     string // as in the Example's name: Func, Type or Type_Method
	doc      string
	examples []*doc.Example
}

func exported(p *doc.Package) []documented {
	var out []documented
	for _, f := range p.Funcs {
		out = append(out, documented{f.Name, f.Doc, f.Examples})
	}
	for _, typ := range p.Types {
		out = append(out, documented{typ.Name, typ.Doc, typ.Examples})
		for _, f := range typ.Funcs { // constructors grouped under their type
			out = append(out, documented{f.Name, f.Doc, f.Examples})
		}
		for _, m := range typ.Methods {
			out = append(out, documented{typ.Name + "_" + m.Name, m.Doc, m.Examples})
		}
	}
	return out
}

func TestEveryExportedIdentifierHasAnExample(t *testing.T) {
	for _, pkg := range packages {
		t.Run(pkg, func(t *testing.T) {
			p := load(t, filepath.Join("..", "..", pkg))
			ids := exported(p)
			if len(ids) == 0 {
				t.Fatalf("package %s: no exported identifiers found", pkg)
			}
			for _, id := range ids {
				if len(id.examples) == 0 {
					t.Errorf("%s.%s has no runnable Example", pkg, id.name)
				}
				for _, ex := range id.examples {
					if ex.Output == "" && !ex.EmptyOutput {
						t.Errorf("%s: Example%s has no // Output: and is never run", pkg, ex.Name)
					}
				}
			}
		})
	}
}

func TestEveryExportedIdentifierHasADocComment(t *testing.T) {
	for _, pkg := range packages {
		t.Run(pkg, func(t *testing.T) {
			p := load(t, filepath.Join("..", "..", pkg))
			if p.Doc == "" {
				t.Errorf("package %s has no package comment", pkg)
			}
			for _, id := range exported(p) {
				name := id.name[strings.LastIndex(id.name, "_")+1:]
				if !strings.HasPrefix(id.doc, name+" ") && !strings.HasPrefix(id.doc, "A "+name+" ") && !strings.HasPrefix(id.doc, "An "+name+" ") {
					t.Errorf("%s.%s: doc comment %q does not start with its name", pkg, id.name, firstLine(id.doc))
				}
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
