// The dashboard's shared components: pages import from 'components' (this file).
export { ConfirmButton } from './confirm-button';
export { DataTable } from './data-table';
export type { Column, DataTableProps } from './data-table';
export { ErrorBanner } from './error-banner';
export { Layout } from './layout';
export { LiveStatus } from './live-status';
export { activeSection, navItems } from './nav-items';
export { Pager } from './pager';
export { Sparkline } from './sparkline';
export { sparklinePoints } from './sparkline-points';
export { ScrollRegion } from './scroll-region';
export { Progress, Spinner } from './spinner';
export { StatusBadge } from './status-badge';
export { statusLabel, statusTone } from './status-tone';
export type { Tone } from './status-tone';
export { TimeAgo } from './time-ago';
