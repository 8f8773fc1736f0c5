import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ProbeHandler } from '../app/index.js';

export interface ProbeResult {
  ok: boolean;
  message: string;
}

export interface ProbeTarget {
  /** The replica's IP on its app network (reachable from the host on Linux bridges). */
  ip: string | undefined;
  /** Runs a command in the container; undefined exit code means it timed out. */
  exec: (command: string[], timeoutMs: number) => Promise<number | undefined>;
}

/** Runs one probe attempt with Kubernetes semantics: HTTP 200-399, TCP connect, exec exit 0. */
export async function runProbe(
  handler: ProbeHandler,
  target: ProbeTarget,
  timeoutMs: number,
): Promise<ProbeResult> {
  if (handler.type === 'exec') {
    let code: number | undefined;
    try {
      code = await target.exec(handler.command, timeoutMs);
    } catch (error) {
      return {
        ok: false,
        message: `exec ${JSON.stringify(handler.command)}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (code === undefined)
      return {
        ok: false,
        message: `exec ${JSON.stringify(handler.command)} timed out after ${timeoutMs} ms`,
      };
    return code === 0
      ? { ok: true, message: 'exit 0' }
      : { ok: false, message: `exec ${JSON.stringify(handler.command)} exited ${code}` };
  }
  if (target.ip === undefined) return { ok: false, message: 'replica has no IP address yet' };
  return handler.type === 'tcp'
    ? tcpProbe(target.ip, handler.port, timeoutMs)
    : httpProbe(target.ip, handler, timeoutMs);
}

function tcpProbe(ip: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: ip, port, timeout: timeoutMs });
    const finish = (result: ProbeResult): void => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => finish({ ok: true, message: `tcp ${port} open` }));
    socket.once('timeout', () =>
      finish({ ok: false, message: `tcp ${port}: no connection within ${timeoutMs} ms` }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, message: `tcp ${port}: ${error.code ?? error.message}` }),
    );
  });
}

function httpProbe(
  ip: string,
  handler: Extract<ProbeHandler, { type: 'http' }>,
  timeoutMs: number,
): Promise<ProbeResult> {
  const request = handler.scheme === 'https' ? httpsRequest : httpRequest;
  const what = `GET ${handler.scheme}://${ip}:${handler.port}${handler.path}`;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve(result);
    };
    const req = request(
      {
        host: ip,
        port: handler.port,
        path: handler.path,
        method: 'GET',
        headers: { 'user-agent': 'berth-probe/1', ...handler.headers },
        timeout: timeoutMs,
        rejectUnauthorized: false, // kubelet does not verify probe certificates either
        agent: false,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        finish({ ok: status >= 200 && status < 400, message: `${what} -> ${status}` });
      },
    );
    req.once('timeout', () => finish({ ok: false, message: `${what}: no answer within ${timeoutMs} ms` }));
    req.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, message: `${what}: ${error.code ?? error.message}` }),
    );
    req.end();
  });
}
