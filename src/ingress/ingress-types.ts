/** One HTTP route of the ingress: a published port (and optional host names) to a set of replicas. */
export interface IngressRoute {
  /** Stable Caddy `@id`, e.g. `berth_shop_web_8080`. */
  id: string;
  app: string;
  service: string;
  listen: { hostIp: string | undefined; port: number };
  hosts: string[];
  /** The container port the proxy dials on each replica. */
  targetPort: number;
  /** `ip:port` of every replica that may receive traffic (ready and not draining). */
  upstreams: string[];
}
