/**
 * Tells whether `line` continues the entry whose last line is `previous`: the built-in multiline preset
 * for stack traces of Java, Python, Node.js and Go, as their runtimes print them.
 */
export type ContinuationTest = (line: string, previous: string) => boolean;

// Java `\tat com.x.Y.z(Y.java:1)`, Node `    at f (file.js:1:2)`, Python `  File "x.py", line 1`, its
// source lines, Go `\t/src/main.go:12 +0x1d`: every indented line continues the entry before it.
const INDENTED = /^[ \t]+\S/;
// Lines that are not indented but only ever appear inside a trace.
const TRACE_LINE =
  /^(?:Traceback \(most recent call last\):|Caused by: |Suppressed: |\.\.\. \d+ (?:more|common frames omitted)|goroutine \d+ \[|created by |During handling of the above exception|The above exception was the direct cause)/;
// Python ends a traceback with `ValueError: message` right after an indented source line.
const PYTHON_EXCEPTION = /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration)\b/;
// A Go frame's function line (`main.main()`, `net/http.(*conn).serve(0xc000...)`) after a frame or header.
const GO_FUNCTION = /^[\w./-]*[\w)]\.[\w.$*()-]*\(.*\)$/;
const GO_HEADER = /^(?:goroutine \d+ \[.*\]:|\t.*)$/;
const GO_FILE_LINE = /^\t.+\.go:\d+/;
const NODE_FRAME = /^\s+at /;

/**
 * The stack-trace preset: indented lines and trace headers (`Traceback`, `Caused by:`, `goroutine N [`)
 * continue an entry; so do Python's closing exception line, Go's frame function lines and the empty line
 * after a Go `panic:`, when the line before belongs to a trace.
 *
 * @example
 * stackTraceContinuation('    at main (app.js:3:9)', 'Error: boom'); // true
 */
export const stackTraceContinuation: ContinuationTest = (line, previous) => {
  if (INDENTED.test(line) || TRACE_LINE.test(line)) return true;
  // Go prints an empty line after `panic: ...` and between goroutines of a dump.
  if (line === '') return /^(?:panic|fatal error): /.test(previous) || GO_FILE_LINE.test(previous);
  // Node frames are indented too, but a Node trace never ends with an exception line.
  if (INDENTED.test(previous) && !NODE_FRAME.test(previous) && PYTHON_EXCEPTION.test(line)) return true;
  // The length guard keeps the backtracking of GO_FUNCTION bounded on long lines.
  return line.length <= 1024 && GO_HEADER.test(previous) && GO_FUNCTION.test(line);
};
