import type { JSX } from 'preact';
import type { ReplicaStatus, ServiceStatus } from '../../api';
import { DataTable, Progress, Sparkline, StatusBadge } from '../../components';
import { formatDuration } from '../../format/time-ago';
import { serviceCount, serviceTone } from '../overview/health';
import { formatBytes, formatCpu, trendWindow, type ReplicaTrend } from './replica-metrics';
import { ScaleForm } from './scale-form';

function health(replica: ReplicaStatus): { status: string; label: string } {
  if (replica.health) return { status: replica.health, label: replica.health };
  if (replica.state !== 'running') return { status: replica.state, label: '–' };
  return replica.ready ? { status: 'ready', label: 'ready' } : { status: 'starting', label: 'not ready' };
}

function Trend({
  values,
  what,
  format,
  max,
}: {
  values: readonly number[] | undefined;
  what: string;
  format: (v: number) => string;
  max?: number;
}): JSX.Element {
  const last = values?.at(-1);
  if (!values || last === undefined) return <span class="muted">–</span>;
  return (
    <span class="trend">
      <Sparkline
        values={values}
        label={`${what} over the last ${trendWindow.since}, now ${format(last)}`}
        {...(max === undefined ? {} : { max })}
      />
      <span class="num">{format(last)}</span>
    </span>
  );
}

/** One service: ready/desired, replicas with state, health, restarts, uptime, CPU and memory; scale. */
function ServiceCard({
  app,
  service,
  trends,
  now,
  mayScale,
  onChanged,
}: {
  app: string;
  service: ServiceStatus;
  trends: ReadonlyMap<string, ReplicaTrend>;
  now: number;
  mayScale: boolean;
  onChanged: () => void;
}): JSX.Element {
  const up = service.ready + service.completed;
  return (
    <section class="card service-card" aria-labelledby={`service-${service.name}`}>
      <header class="card-header">
        <h3 id={`service-${service.name}`}>{service.name}</h3>
        <span
          class={`chip chip-${serviceTone(service)}`}
          aria-label={`${service.name} ready ${serviceCount(service)}`}
        >
          ready <strong class="num">{serviceCount(service)}</strong>
        </span>
        {mayScale ? (
          <ScaleForm app={app} service={service.name} desired={service.desired} onScaled={onChanged} />
        ) : null}
      </header>
      {service.waiting ? <p class="banner banner-warn">{service.waiting}</p> : null}
      {up < service.desired ? (
        <Progress
          label={`${service.name}: ${up} of ${service.desired} replicas ready`}
          value={up}
          max={service.desired}
        />
      ) : null}
      <DataTable
        caption={`Replicas of ${service.name}`}
        rows={service.replicas}
        rowKey={(r) => r.id}
        pageSize={10}
        pageParam={`replicas-${service.name}`}
        empty={service.desired === 0 ? 'Scaled to 0: no replicas.' : 'No replicas yet.'}
        columns={[
          {
            key: 'replica',
            header: 'Replica',
            render: (r) => (
              <span class="nowrap" title={r.name}>
                {service.name}.{r.replica}
                {r.outdated ? <span class="muted"> (old)</span> : null}
              </span>
            ),
          },
          { key: 'state', header: 'State', render: (r) => <StatusBadge status={r.state} /> },
          {
            key: 'health',
            header: 'Health',
            render: (r) => {
              const h = health(r);
              return (
                <span title={r.message}>
                  <StatusBadge status={h.status} label={h.label} />
                </span>
              );
            },
          },
          { key: 'restarts', header: 'Restarts', align: 'end' },
          {
            key: 'uptime',
            header: 'Uptime',
            hideOnNarrow: true,
            render: (r) => (r.state === 'running' ? formatDuration(Math.max(0, now - r.startedAt)) : '–'),
          },
          {
            key: 'cpu',
            header: 'CPU',
            render: (r) => <Trend values={trends.get(r.name)?.cpuCores} what="CPU" format={formatCpu} />,
          },
          {
            key: 'memory',
            header: 'Memory',
            render: (r) => (
              <Trend values={trends.get(r.name)?.memoryBytes} what="Memory" format={formatBytes} />
            ),
          },
          {
            key: 'release',
            header: 'Release',
            align: 'end',
            hideOnNarrow: true,
            render: (r) => `#${r.release}`,
          },
        ]}
      />
    </section>
  );
}

/** Every service of the app, each in its own card. */
export function ServicesPanel(props: {
  app: string;
  services: readonly ServiceStatus[];
  trends: ReadonlyMap<string, ReplicaTrend>;
  now: number;
  mayScale: boolean;
  onChanged: () => void;
}): JSX.Element {
  if (props.services.length === 0) {
    return (
      <p class="empty">
        This app has no running services (it was taken down, or its release is not deployed yet).
      </p>
    );
  }
  return (
    <div class="services">
      {props.services.map((service) => (
        <ServiceCard key={service.name} {...props} service={service} />
      ))}
    </div>
  );
}
