import type { JSX } from 'preact';
import { api, type Role } from '../../api';
import { ConfirmButton } from '../../components';
import { navigate } from '../../router';
import { can, useSession } from '../../session';
import { isActive, refLabel } from './run-format';
import type { RunDetail } from './types';

const runPath = (app: string, n: number): string => `/apps/${encodeURIComponent(app)}/pipelines/runs/${n}`;

/** Approval steps the run is waiting at, with who may answer (from the pipeline file; default deployer). */
export function waitingApprovals(run: RunDetail): { name: string; message?: string; role: Role }[] {
  if (run.status !== 'waiting') return [];
  return run.steps
    .filter((s) => s.kind === 'approval' && s.status === 'running')
    .map((s) => {
      const spec = run.graph?.steps.find((g) => g.name === s.name);
      return {
        name: s.name,
        ...(spec?.message ? { message: spec.message } : {}),
        role: spec?.role === 'admin' ? 'admin' : 'deployer',
      };
    });
}

/** Why a button is off for this user, in words (the API would answer 403 anyway). */
function refusal(need: Role, app: string, user: { name: string; role: Role }): string {
  return `Needs the ${need} role for ${app}; ${user.name} is a ${user.role}.`;
}

/**
 * The approval panel: the question and Approve / Reject for each step the run waits at. Users without
 * the approver's role see the buttons disabled with the reason.
 */
export function ApprovalPanel({ run, onDone }: { run: RunDetail; onDone: () => void }): JSX.Element | null {
  const { user } = useSession();
  const waiting = waitingApprovals(run);
  if (waiting.length === 0) return null;
  const decide = async (step: string, action: 'approve' | 'reject'): Promise<void> => {
    await api.post(`${runPath(run.app, run.number)}/${action}`, { step });
    onDone();
  };
  return (
    <section class="card approval" aria-labelledby="approval-title">
      <h2 id="approval-title">Waiting for approval</h2>
      {waiting.map((step) => {
        const allowed = can(user, step.role, run.app);
        return (
          <div key={step.name} class="approval-step">
            <p>
              <strong>{step.name}</strong>
              {step.message ? `: ${step.message}` : ''} <span class="muted">({step.role} or admin)</span>
            </p>
            <div class="approval-buttons">
              <ConfirmButton
                onConfirm={() => decide(step.name, 'approve')}
                question={`Approve ${step.name}?`}
                confirmLabel="Approve"
                disabled={!allowed}
              >
                Approve
              </ConfirmButton>
              <ConfirmButton
                onConfirm={() => decide(step.name, 'reject')}
                question={`Reject ${step.name}? The run fails.`}
                confirmLabel="Reject"
                danger
                disabled={!allowed}
              >
                Reject
              </ConfirmButton>
            </div>
            {allowed ? null : <p class="help">{refusal(step.role, run.app, user)}</p>}
          </div>
        );
      })}
    </section>
  );
}

/** Cancel (while the run is not over) and Re-run (a new manual run of the same ref), deployers only. */
export function RunActions({ run, onDone }: { run: RunDetail; onDone: () => void }): JSX.Element {
  const { user } = useSession();
  const allowed = can(user, 'deployer', run.app);
  const ref = refLabel(run);
  const rerun = async (): Promise<void> => {
    const created = await api.post<{ number: number }>(
      `/apps/${encodeURIComponent(run.app)}/pipelines/runs`,
      run.ref ? { ref: run.ref } : {},
    );
    navigate(`/apps/${encodeURIComponent(run.app)}/pipelines/${created.number}`);
  };
  return (
    <div class="run-actions">
      {isActive(run.status) ? (
        <ConfirmButton
          onConfirm={async () => {
            await api.post(`${runPath(run.app, run.number)}/cancel`);
            onDone();
          }}
          question={`Cancel run #${run.number}?`}
          confirmLabel="Cancel run"
          danger
          disabled={!allowed}
        >
          Cancel run
        </ConfirmButton>
      ) : null}
      <ConfirmButton
        onConfirm={rerun}
        question={`Start a new run of ${ref}?`}
        confirmLabel="Re-run"
        disabled={!allowed}
      >
        Re-run
      </ConfirmButton>
      {allowed ? null : <span class="help">{refusal('deployer', run.app, user)}</span>}
    </div>
  );
}
