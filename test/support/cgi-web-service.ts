import type { AppPlace } from './app-fixture.js';
import { testImage } from './test-image.js';

/** How the traffic-verification tests vary the one `web` service. */
export interface CgiWebOptions {
  /** The answer's body: one shell word, `$$` being Compose's escape for `$` (e.g. `"$$VERSION"`). */
  body: string;
  replicas: number;
  /** `deploy.update_config` as a YAML flow map, e.g. `{ order: start-first }`. */
  updateConfig: string;
  /** The lines under `x-berth.rollout`, e.g. `['verify: { window: 6s }']`. */
  rollout: readonly string[];
}

/**
 * Compose text of an app whose one service `web` (busybox httpd, published on the place's port) answers
 * /cgi-bin/app with `body` and the HTTP status in $CODE (200 unless set; $VERSION is v1 unless set).
 * Readiness only checks a static file, so a version answering 500 is ready and only the verification of
 * its traffic can catch it.
 *
 * @example
 * cgiWebService({ app, port }, { body: '"$$VERSION"', replicas: 2, updateConfig: '{}', rollout: [] });
 */
export const cgiWebService = ({ app, port }: AppPlace, options: CgiWebOptions): string => `
name: ${app}
services:
  web:
    image: ${testImage}
    command:
      - sh
      - -c
      - >-
        echo ok > /www/ready.txt; mkdir -p /www/cgi-bin;
        printf '#!/bin/sh\\necho "Status: %s"\\necho "Content-Type: text/plain"\\necho\\necho %s\\n' "$$CODE" ${options.body} > /www/cgi-bin/app;
        /bin/busybox chmod +x /www/cgi-bin/app; exec httpd -f -p 8080 -h /www
    environment: { CODE: "\${CODE:-200}", VERSION: "\${VERSION:-v1}" }
    ports: ["127.0.0.1:${port}:8080"]
    stop_grace_period: 1s
    deploy: { replicas: ${options.replicas}, update_config: ${options.updateConfig} }
    x-berth:
      ingress: { drain: 500ms }
      readiness: { http: { port: 8080, path: /ready.txt }, period: 1s }
      rollout:${options.rollout.map((line) => `\n        ${line}`).join('') || ' {}'}
`;
