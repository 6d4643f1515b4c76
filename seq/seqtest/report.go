package seqtest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// A kind is a kind of breach. Findings of one kind are reported once, at
// the first range that showed it, with a count of the others.
type kind int

const (
	kindInput kind = iota
	kindStuck
	kindAgain
	kindAfterPanic
	kindAfterReturn
	kindConcurrent
	kindGoroutine
	kindStreamPanic
	kindPanic
	kindPrefix
	kindLeak
	kindReiterate
	kindCancel
)

var kinds = []kind{kindInput, kindStuck, kindAgain, kindAfterPanic, kindAfterReturn, kindConcurrent, kindGoroutine,
	kindStreamPanic, kindPanic, kindPrefix, kindLeak, kindReiterate, kindCancel}

type finding struct {
	where, msg string
	others     int // ranges after the first that showed the same kind
}

type findings struct {
	byKind map[kind]*finding
}

func (f *findings) add(k kind, where, msg string) {
	if f.byKind == nil {
		f.byKind = map[kind]*finding{}
	}
	if old, ok := f.byKind[k]; ok {
		old.others++
		return
	}
	f.byKind[k] = &finding{where: where, msg: msg}
}

// err joins the findings, one per line, in the order of kinds.
func (f *findings) err() error {
	var errs []error
	for _, k := range kinds {
		x, ok := f.byKind[k]
		if !ok {
			continue
		}
		msg := "seqtest: " + x.where + ": " + x.msg
		switch {
		case x.others == 1:
			msg += " (and in 1 more range)"
		case x.others > 1:
			msg += fmt.Sprintf(" (and in %d more ranges)", x.others)
		}
		errs = append(errs, errors.New(msg))
	}
	return errors.Join(errs...)
}

// same reports whether two elements are equal: values by
// [reflect.DeepEqual], errors by [errors.Is] either way or by message.
func same[T any](a, b elem[T]) bool {
	if a.err != nil || b.err != nil {
		return a.err != nil && b.err != nil &&
			(errors.Is(a.err, b.err) || errors.Is(b.err, a.err) || a.err.Error() == b.err.Error())
	}
	return reflect.DeepEqual(a.v, b.v)
}

// diff compares the first n elements of got and want and describes the
// first difference, or returns "".
func diff[T any](got, want []elem[T], n int) string {
	for i := 0; i < n; i++ {
		switch {
		case i >= len(got) && i >= len(want):
			return ""
		case i >= len(got):
			return fmt.Sprintf("the stream ended after %s; want %s", elements(len(got)), elements(min(n, len(want))))
		case i >= len(want):
			return fmt.Sprintf("element %d is %s; want the stream to end after %s", i, show(got[i]), elements(len(want)))
		case !same(got[i], want[i]):
			return fmt.Sprintf("element %d is %s; want %s", i, show(got[i]), show(want[i]))
		}
	}
	return ""
}

// elements returns "1 element" or "n elements".
func elements(n int) string {
	if n == 1 {
		return "1 element"
	}
	return fmt.Sprintf("%d elements", n)
}

// show formats an element for a report.
func show[T any](e elem[T]) string {
	if e.err != nil {
		return "the error " + clip(fmt.Sprintf("%q", e.err.Error()))
	}
	if s, ok := any(e.v).(string); ok {
		return clip(fmt.Sprintf("%q", s))
	}
	return clip(fmt.Sprintf("%+v", e.v))
}

// describe formats a panic value for a report.
func describe(v any) string {
	if err, ok := v.(error); ok {
		return clip(fmt.Sprintf("%T(%q)", v, err.Error()))
	}
	return clip(fmt.Sprintf("%T(%+v)", v, v))
}

func clip(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

// containsMessage reports whether err's message holds target's.
func containsMessage(err, target error) bool {
	return strings.Contains(err.Error(), target.Error())
}
