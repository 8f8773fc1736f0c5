import type { DockerLogCheckpoint, DockerStream, StreamCursor } from './docker-log-checkpoint.js';
import { DockerTimestampParser } from './docker-timestamp.js';
import { parseRfc3339 } from './parse-rfc3339.js';
import { ResumeFilter } from './resume-filter.js';

/** One whole log line of a container, rebuilt from Docker's log messages. */
export interface DockerLogLine {
  stream: DockerStream;
  /** Docker's RFC3339Nano timestamp of the line's first message, exactly as sent. */
  timestamp: string;
  timestampNs: bigint;
  timestampMs: number;
  /** The text without its line ending; invalid UTF-8 becomes U+FFFD. */
  line: string;
  /** True when the line was longer than `maxLineBytes` and was cut there. */
  truncated: boolean;
  /** How many Docker messages were merged into this line (more than 1 for lines over 16 KB). */
  messages: number;
  /** The stream's position once this line is stored; pass it to `advanceCheckpoint`. */
  cursor: StreamCursor;
}

export interface DockerLogLineSplitterOptions {
  /** Longest line kept, in UTF-8 bytes; the rest is dropped and the line marked `truncated`. */
  maxLineBytes?: number;
  /**
   * For raw byte streams ({@link DockerLogLineSplitter.pushBytes}): the size at which Docker cut a
   * line into partial messages (`defaultBufSize` in moby's daemon/logger/copier.go).
   */
  partialMessageBytes?: number;
  /** Where a previous run stopped: already consumed messages are skipped. */
  resumeFrom?: DockerLogCheckpoint;
}

const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const DEFAULT_PARTIAL_MESSAGE_BYTES = 16 * 1024;
// `2006-01-02T15:04:05.000000000+07:00` is 35 characters; anything much longer is not a timestamp.
const MAX_PREFIX_CHARS = 40;
const EPOCH = '1970-01-01T00:00:00.000000000Z';
const SPACE = 0x20;
const NEWLINE = 0x0a;

interface Message {
  timestamp: string;
  epochNs: bigint;
  epochMs: number;
}

interface StreamState {
  phase: 'prefix' | 'content' | 'skip';
  /** The timestamp text read so far (ASCII, kept as latin1 so malformed bytes survive). */
  prefix: string;
  /** Content bytes of the current message. */
  messageBytes: number;
  message: Message | undefined;
  line: PendingLine | undefined;
  /** Position after the last message of an emitted line. */
  cursor: (StreamCursor & { epochNs: bigint }) | undefined;
}

interface PendingLine extends Message {
  parts: Buffer[];
  bytes: number;
  truncated: boolean;
  messages: number;
  /** The cursor once every message read so far belongs to an emitted line. */
  cursor: (StreamCursor & { epochNs: bigint }) | undefined;
}

/**
 * Rebuilds log lines from `GET /containers/{id}/logs?follow=1&stdout=1&stderr=1&timestamps=1`. Each
 * Docker log message is `<RFC3339Nano> <text>`; a line longer than 16 KB arrives as several messages
 * of which only the last ends with "\n", each with its own timestamp prefix. They are merged into one
 * line carrying the first message's timestamp.
 *
 * Use {@link pushFrame} with the frames of a multiplexed stream (non-TTY containers; one frame is one
 * message) and {@link pushBytes} with the raw stream of a TTY container (chunks split anywhere; a
 * message without "\n" ends after `partialMessageBytes`). Call {@link flush} when the stream ends.
 *
 * @example
 * const splitter = new DockerLogLineSplitter({ resumeFrom: checkpoint });
 * for (const frame of decoder.push(chunk)) for (const line of splitter.pushFrame(frame)) store(line);
 */
export class DockerLogLineSplitter {
  readonly #maxLineBytes: number;
  readonly #partialMessageBytes: number;
  readonly #filter: ResumeFilter;
  readonly #streams: Record<DockerStream, StreamState>;
  readonly #timestamps = new DockerTimestampParser();
  #malformedPrefixes = 0;

  constructor(options: DockerLogLineSplitterOptions = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.#partialMessageBytes = options.partialMessageBytes ?? DEFAULT_PARTIAL_MESSAGE_BYTES;
    this.#filter = new ResumeFilter(options.resumeFrom ?? {});
    this.#streams = {
      stdout: newState(options.resumeFrom?.stdout),
      stderr: newState(options.resumeFrom?.stderr),
    };
  }

  /** Messages whose prefix was not a timestamp; their text is kept with the stream's last timestamp. */
  get malformedPrefixes(): number {
    return this.#malformedPrefixes;
  }

  /** One frame of the multiplexed stream (a whole Docker message); its end ends the message. */
  pushFrame(frame: { stream: DockerStream; payload: Uint8Array }): DockerLogLine[] {
    const out: DockerLogLine[] = [];
    const state = this.#streams[frame.stream];
    this.#consume(frame.stream, state, asBuffer(frame.payload), Number.POSITIVE_INFINITY, out);
    if (state.phase === 'prefix' && state.prefix !== '') this.#startMessage(frame.stream, state, false);
    if (state.phase !== 'prefix') this.#endMessage(frame.stream, state, false, out);
    return out;
  }

  /** Any slice of a raw (TTY) log stream; message boundaries come from "\n" and the partial size. */
  pushBytes(stream: DockerStream, chunk: Uint8Array): DockerLogLine[] {
    const out: DockerLogLine[] = [];
    this.#consume(stream, this.#streams[stream], asBuffer(chunk), this.#partialMessageBytes, out);
    return out;
  }

  /** The stream ended: emits lines still waiting for their last message. */
  flush(): DockerLogLine[] {
    const out: DockerLogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const state = this.#streams[stream];
      if (state.phase === 'prefix' && state.prefix !== '') this.#startMessage(stream, state, false);
      if (state.phase !== 'prefix') this.#endMessage(stream, state, false, out);
      if (state.line !== undefined) this.#emit(stream, state, out);
    }
    return out;
  }

  #consume(
    stream: DockerStream,
    state: StreamState,
    chunk: Buffer,
    partialBytes: number,
    out: DockerLogLine[],
  ): void {
    let i = 0;
    while (i < chunk.length) {
      if (state.phase === 'prefix') {
        const space = chunk.indexOf(SPACE, i);
        const end = space === -1 ? chunk.length : space;
        state.prefix += chunk.toString('latin1', i, end);
        if (space === -1) {
          // No space in sight: keep reading unless this cannot be a timestamp any more.
          if (state.prefix.length > MAX_PREFIX_CHARS) this.#startMessage(stream, state, false);
          i = chunk.length;
          continue;
        }
        i = space + 1;
        this.#startMessage(stream, state, true);
        continue;
      }
      const limit = Math.min(chunk.length, i + (partialBytes - state.messageBytes));
      const newline = chunk.indexOf(NEWLINE, i);
      if (newline !== -1 && newline < limit) {
        this.#append(state, chunk.subarray(i, newline));
        i = newline + 1;
        this.#endMessage(stream, state, true, out);
      } else {
        this.#append(state, chunk.subarray(i, limit));
        state.messageBytes += limit - i;
        i = limit;
        if (state.messageBytes >= partialBytes) this.#endMessage(stream, state, false, out);
      }
    }
  }

  /** The prefix is complete (`sawSpace`) or can no longer be a timestamp. */
  #startMessage(stream: DockerStream, state: StreamState, sawSpace: boolean): void {
    const instant = sawSpace ? this.#timestamps.parse(state.prefix) : undefined;
    let message: Message;
    if (instant === undefined) {
      // Not Docker's format: keep the text rather than lose it, with the stream's latest timestamp so
      // the line still sorts and checkpoints in place.
      this.#malformedPrefixes++;
      const last = state.line ?? state.cursor;
      message = last === undefined ? { timestamp: EPOCH, epochNs: 0n, epochMs: 0 } : messageFrom(last);
    } else {
      message = { timestamp: state.prefix, epochNs: instant.epochNs, epochMs: instant.epochMs };
    }
    state.message = message;
    state.messageBytes = 0;
    if (!this.#filter.accept(stream, message.epochNs)) {
      state.phase = 'skip';
    } else {
      state.phase = 'content';
      state.line ??= {
        timestamp: message.timestamp,
        epochNs: message.epochNs,
        epochMs: message.epochMs,
        parts: [],
        bytes: 0,
        truncated: false,
        messages: 0,
        cursor: state.cursor,
      };
      if (instant === undefined)
        this.#append(state, Buffer.from(sawSpace ? `${state.prefix} ` : state.prefix, 'latin1'));
    }
    state.prefix = '';
  }

  #append(state: StreamState, bytes: Buffer): void {
    const line = state.line;
    if (state.phase !== 'content' || line === undefined || line.truncated || bytes.length === 0) return;
    const room = this.#maxLineBytes - line.bytes;
    if (bytes.length <= room) {
      line.parts.push(bytes);
      line.bytes += bytes.length;
      return;
    }
    line.truncated = true;
    const cut = utf8Boundary(bytes, room);
    if (cut > 0) {
      line.parts.push(bytes.subarray(0, cut));
      line.bytes += cut;
    }
  }

  /** The current message ended; `complete` when it ended with "\n" (the line is whole). */
  #endMessage(stream: DockerStream, state: StreamState, complete: boolean, out: DockerLogLine[]): void {
    const message = state.message;
    const line = state.line;
    if (state.phase === 'content' && line !== undefined && message !== undefined) {
      line.messages++;
      const sameInstant = line.cursor !== undefined && line.cursor.epochNs === message.epochNs;
      line.cursor = {
        timestamp: sameInstant ? (line.cursor?.timestamp ?? message.timestamp) : message.timestamp,
        epochNs: message.epochNs,
        count: sameInstant ? (line.cursor?.count ?? 0) + 1 : 1,
      };
    }
    const wasContent = state.phase === 'content';
    state.phase = 'prefix';
    state.messageBytes = 0;
    state.message = undefined;
    if (complete && wasContent) this.#emit(stream, state, out);
  }

  #emit(stream: DockerStream, state: StreamState, out: DockerLogLine[]): void {
    const line = state.line;
    state.line = undefined;
    if (line === undefined || line.cursor === undefined) return;
    state.cursor = line.cursor;
    const [only] = line.parts;
    let text = (
      line.parts.length === 1 && only !== undefined ? only : Buffer.concat(line.parts, line.bytes)
    ).toString('utf8');
    // TTY output ends lines with "\r\n" (the terminal's onlcr); the "\r" is not part of the line.
    if (text.endsWith('\r')) text = text.slice(0, -1);
    out.push({
      stream,
      timestamp: line.timestamp,
      timestampNs: line.epochNs,
      timestampMs: line.epochMs,
      line: text,
      truncated: line.truncated,
      messages: line.messages,
      cursor: { timestamp: line.cursor.timestamp, count: line.cursor.count },
    });
  }
}

function newState(cursor: StreamCursor | undefined): StreamState {
  const epochNs = cursor === undefined ? undefined : parseRfc3339(cursor.timestamp)?.epochNs;
  return {
    phase: 'prefix',
    prefix: '',
    messageBytes: 0,
    message: undefined,
    line: undefined,
    cursor: cursor === undefined || epochNs === undefined ? undefined : { ...cursor, epochNs },
  };
}

function messageFrom(last: { timestamp: string; epochNs: bigint }): Message {
  return { timestamp: last.timestamp, epochNs: last.epochNs, epochMs: Number(last.epochNs / 1_000_000n) };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The largest length ≤ `max` that does not cut a UTF-8 sequence (continuation bytes are 10xxxxxx). */
function utf8Boundary(bytes: Buffer, max: number): number {
  let cut = max;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut;
}
