/*
Package agen provides a handle on a running generator: Python's async
generator object, with its asend, athrow and aclose, for Go.

# Generators

A generator function is a [Func]: it takes a context and a yield function,
and hands values to its consumer by calling yield. Unlike the yield of an
[iter.Seq2], which only learns whether to go on, this yield returns what the
consumer did next: it may send a value in, throw an error in, or close the
generator.

	func squares(ctx context.Context, yield func(int) (struct{}, error)) error {
		for i := 1; ; i++ {
			if _, err := yield(i * i); err != nil {
				return err
			}
		}
	}

[New] wraps such a function in a [Generator], which runs it up to one yield
at a time:

	g := agen.New(ctx, squares)
	defer g.Close()
	v, err := g.Next() // 1, nil
	v, err = g.Next()  // 4, nil

A generator runs its function on a goroutine of its own (a coroutine made by
[iter.Pull2]), but never at the same time as the consumer: each call hands
control over and waits until the function yields or returns. The function
and the consumer may therefore share variables without locks, as the
examples do.

When nothing needs to be sent or thrown in, [Seq] runs the same function
directly in a range loop, with no handle and no goroutine, and [Pull] gives
the handle over a plain stream.

# Calls

The calls on a Generator and what yield returns inside the function for
each:

	Next()     starts or resumes; yield returns (zero S, nil)
	Send(s)    resumes;           yield returns (s, nil)
	Throw(e)   resumes;           yield returns (zero S, e)
	Close()    resumes;           yield returns (zero S, ErrClosed); runs f to its end

The call returns the next value the function yields, or, when it returns,
how it ended: [ErrDone] if it returned nil, otherwise its error, once. After
that every Next, Send and Throw returns ErrDone, and Close returns nil.

# From Python

	Python                                       Go
	async def gen(): ... yield v ...             func(ctx context.Context, yield func(T) (S, error)) error
	ag = gen()                                   g := agen.New(ctx, gen)
	await anext(ag), ag.__anext__()              g.Next()
	await ag.asend(None)                         g.Next()
	await ag.asend(v)                            g.Send(v)
	await ag.athrow(exc)                         g.Throw(err)
	await ag.aclose()                            g.Close()
	await anext(ag, default)                     see below
	async for v in ag: ...                       for v, err := range g.All() { ... }
	async for ... with break                     break: g stays suspended, as in Python
	async with contextlib.aclosing(ag):          defer g.Close()
	StopAsyncIteration                           ErrDone
	GeneratorExit                                ErrClosed (returned by yield)
	RuntimeError: ignored GeneratorExit          ErrIgnoredClose
	ag.ag_running, "already running" errors      ErrRunning
	asend(v) to a just-started generator         ErrNotStarted
	RuntimeError: raised StopAsyncIteration      an error that names the mistake
	finalizer hook (sys.set_asyncgen_hooks)      runtime cleanup (see below)
	[v async for v in ag]                        collect.Slice(g.All())
	result = yield from subgen() (sync only)     if err := sub(ctx, yield); err != nil { return err }
	yield from iterable (sync only)              if err := agen.YieldFrom(yield, s); err != nil { return err }

# Delegation

Python's async generators have no yield from (PEP 525 leaves it out). A
generator function here has both of its forms.

A generator function delegates to another by calling it with its own yield:

	func bar(ctx context.Context, yield func(int) (int, error)) error {
		if err := foo(ctx, yield); err != nil {
			return err
		}
		_, err := yield(42)
		return err
	}

While foo runs, every call on the generator reaches foo exactly as it would
reach bar, which is what PEP 380 asks of yield from: Next and Send resume
foo's pending yield; a thrown error comes out of that yield, where foo may
handle it and go on, or return it, and bar then receives it from foo and
may handle it in turn; Close makes foo's yield return [ErrClosed], so foo
returns and its deferred calls run, then bar's. A panic in foo unwinds bar
too. foo's result, Python's return value of the subgenerator, comes back
through a variable that foo captures, or as an extra result when foo is a
helper written for bar.

[YieldFrom] delegates to a one-way stream: it yields each value of the
stream, and stops the stream as soon as yield returns an error (a thrown
error or ErrClosed) or the stream yields an error element, and returns that
error. A stream cannot receive: a sent value resumes it as Next does.

# Where Go differs

Errors are values. A call returns (v, err) rather than raising, so the end
of the generator is the error ErrDone, and the function's own error reaches
the consumer once, from the call that resumed the function, before ErrDone.
A function that returns an error matching ErrDone — typically the end of an
inner generator passed on by mistake — would end the consumer's loop as if
the generator were done. As with PEP 479, the consumer receives instead an
error that does not match ErrDone and says what happened.

Go has no None: Send on a generator that has not started returns
ErrNotStarted whatever the value, and leaves the generator unstarted.

A function that yields again after being closed does not stay suspended, as
it would in Python: Close returns ErrIgnoredClose, but first lets the
function run to its end, with every further yield returning ErrClosed at
once, so that no goroutine is left behind and its deferred calls run.

There is no event loop. Cancellation is the context given to New or Seq;
the generator itself never looks at it, so the function decides where to
check it.

Throw on a finished generator returns ErrDone, as every call on it does,
where Python's athrow returns None without raising.

A panic in the function is re-raised on the consumer's goroutine by the
call that resumed it, so the stack printed for it, if nothing recovers it,
shows the consumer's frames, not the function's; Python's traceback keeps
the generator's frame. To keep the function's stack, recover in the
function and return an error carrying [runtime/debug.Stack].

Go has no default arguments: anext(ag, default) is

	v, err := g.Next()
	if err == agen.ErrDone {
		v, err = def, nil
	}

[Pull] gives a handle on a stream that has no way to receive sent values or
catch thrown errors: Send only resumes it, and Throw stops it.

# Concurrency

A Generator may be used from any goroutine, one call at a time. A call made
while another call on the same generator is running, from another goroutine
or from inside the function itself, returns [ErrRunning] at once and leaves
the running call undisturbed; the function is never resumed twice.

# Panics

A panic in the function comes out of the call that resumed it, with the same
value, and the generator is finished. A call of [runtime.Goexit] in the
function exits the goroutine that resumed it. Misuse panics, with a message
that starts with the function's name: a nil function, context or stream,
Throw(nil), any method of the zero Generator, and a stream given to
YieldFrom that calls yield after being told to stop.

# Cleanup

A started generator holds a goroutine, with the function's stack, until it
finishes. Run it to the end, or call [Generator.Close], typically with defer
right after New, which also runs the function's deferred calls at a known
time:

	g := agen.New(ctx, f)
	defer g.Close()

As a backstop, a started generator that becomes unreachable without being
closed is closed by a runtime cleanup (a finalizer before Go 1.24), the way
Python's finalizer hooks close abandoned async generators. That happens at
an unknown time, if ever, on a goroutine of its own, and whatever the
function returns or panics with then is dropped. A generator whose function
refers to the generator itself never becomes unreachable, so it is never
cleaned up. The cleanup watches a small object that only the handle refers
to, so it works wherever the handle is stored.

# Cost

A step (Next or Send) is one [iter.Pull2] switch each way, plus a
compare-and-swap and an atomic store, and allocates nothing. BenchmarkStep
measures it beside a bare iter.Pull2 step (Pull2) and beside iter.Pull2 with
one call that is not inlined added on each side of the switch (Pull2Framed):
that is the least a handle with methods and a yield function of its own
adds, because after each switch the CPU mispredicts the return from every
such call, its return-address predictor not surviving the change of stacks.
On a current x86 server a step costs 20 to 30% (some 15 to 20 ns) more
than a bare iter.Pull2 step, and Pull2Framed 17 to 23%. Next and Send are
too large for the compiler to inline, even cut down to their common path; a
build with profile-guided optimisation (go build -pgo) inlines them at hot
call sites, which saves the consumer's side of that cost (some 17% more than
a bare step then). Starting a generator allocates
its coroutine. [YieldFrom] allocates nothing per element; [Seq] costs no
more than a plain range-over-func loop.
*/
package agen
