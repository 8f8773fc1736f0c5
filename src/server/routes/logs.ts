import { Hono } from 'hono';
import { BerthError } from '../../errors/index.js';
import type { ApiDeps } from '../api-deps.js';
import { LogsQuerySchema } from '../api-schemas.js';
import { ndjson } from '../ndjson-stream.js';

/** Splits decoded frames into whole lines per container and stream. */
function lineSplitter(emit: (stream: string, line: string) => void): (stream: string, chunk: Buffer) => void {
  const pending = new Map<string, string>();
  return (stream, chunk) => {
    const text = (pending.get(stream) ?? '') + chunk.toString('utf8');
    const lines = text.split('\n');
    pending.set(stream, lines.pop() ?? '');
    for (const line of lines) emit(stream, line);
  };
}

/** GET /apps/{app}/logs: raw container output as NDJSON lines `{replica, service, stream, line}`. */
export function logRoutes(deps: ApiDeps): Hono {
  const routes = new Hono();
  routes.get('/:app/logs', async (c) => {
    const app = deps.store.releases.getApp(c.req.param('app'));
    const parsed = LogsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      throw new BerthError(
        'BERTH_BAD_REQUEST',
        `invalid logs query: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const { service, tail } = parsed.data;
    const follow = parsed.data.follow === '1' || parsed.data.follow === 'true';
    const containers = (await deps.engine.listManaged(app.name)).filter(
      (x) => service === undefined || x.service === service,
    );
    if (
      service !== undefined &&
      containers.length === 0 &&
      !deps.store.releases.current(app.name)?.spec.services[service]
    ) {
      throw new BerthError('BERTH_SERVICE_NOT_FOUND', `app "${app.name}" has no service "${service}"`, {
        hint: `See services with: berth ps ${app.name}`,
      });
    }
    return ndjson(c, async (send, signal) => {
      await Promise.all(
        containers.map((container) => {
          const split = lineSplitter(
            (stream, line) =>
              void send({ replica: container.name, service: container.service, stream, line }),
          );
          return deps.engine
            .logs(
              container.id,
              { follow, ...(tail === undefined ? {} : { tail }) },
              (frame) => split(frame.stream, frame.payload),
              signal,
            )
            .catch((error: unknown) =>
              send({
                replica: container.name,
                service: container.service,
                stream: 'stderr',
                line: `[berth] logs unavailable: ${String(error)}`,
              }),
            );
        }),
      );
    });
  });
  return routes;
}
