import { describe, expect, it } from 'vitest';
import { stackTraceContinuation } from './index.js';

describe('stackTraceContinuation', () => {
  it.each([
    ['a Java frame', '\tat com.shop.Cart.add(Cart.java:42)', 'java.lang.IllegalStateException: empty'],
    ['a Java "... n more"', '\t... 12 more', '\tat com.shop.Main.main(Main.java:3)'],
    ['a Java cause', 'Caused by: java.io.IOException: disk full', '\tat com.shop.Cart.add(Cart.java:42)'],
    [
      'a Node frame',
      '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
      'TypeError: x is undefined',
    ],
    ['a Python traceback header', 'Traceback (most recent call last):', 'ERROR:root:request failed'],
    [
      'a Python file line',
      '  File "/app/main.py", line 7, in <module>',
      'Traceback (most recent call last):',
    ],
    ['a Python source line', '    handle(request)', '  File "/app/main.py", line 7, in <module>'],
    ['a Python exception line after its source line', 'ValueError: bad request', '    handle(request)'],
    ['the empty line after a Go panic', '', 'panic: runtime error: index out of range [3] with length 3'],
    ['a Go goroutine header', 'goroutine 1 [running]:', ''],
    ['a Go function line after the header', 'main.main()', 'goroutine 1 [running]:'],
    [
      'a Go method frame after a file line',
      'net/http.(*conn).serve(0xc0000b4000, {0x6f0c40, 0xc00008e000})',
      '\t/usr/lib/go/src/net/http/server.go:1995 +0x612',
    ],
    ['a Go file line', '\t/app/main.go:12 +0x1d', 'main.main()'],
    ['Go "created by"', 'created by net/http.(*Server).Serve in goroutine 1', '\t/app/main.go:12 +0x1d'],
  ])('continues on %s', (_what, line, previous) => {
    expect(stackTraceContinuation(line, previous)).toBe(true);
  });

  it.each([
    ['a new log line', '2024-05-01 12:00:01 INFO ready', '\tat com.shop.Main.main(Main.java:3)'],
    ['an exception line after a Node frame (a new error)', 'TypeError: boom', '    at main (app.js:3:9)'],
    ['an exception line after a plain line', 'ValueError: bad request', 'request failed'],
    ['an empty line after an ordinary line', '', 'GET /healthz 200'],
    ['a call-like line after an ordinary line', 'main.main()', 'starting'],
  ])('starts a new entry on %s', (_what, line, previous) => {
    expect(stackTraceContinuation(line, previous)).toBe(false);
  });
});
