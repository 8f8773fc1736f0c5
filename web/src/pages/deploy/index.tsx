import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBanner, Progress } from '../../components';
import { navigate, useQuery, type PageProps } from '../../router';
import { can, useSession } from '../../session';
import { ComposeEditor } from './compose-editor';
import './deploy.css';
import { appNamePattern, defaultProjectDir, nameFromCompose, offsetOf, parseEnv } from './deploy-form';
import { deployWithProgress, DeployError } from './deploy-request';

/** The file last deployed for an app from this browser, to start the next version from. */
const draftKey = (app: string): string => `berth.deploy.compose.${app}`;

function readDraft(app: string): string {
  try {
    return app ? (localStorage.getItem(draftKey(app)) ?? '') : '';
  } catch {
    return '';
  }
}

/**
 * Deploys a Compose file from the browser (`POST /apps`, streamed): paste or load the file, name the
 * app, optionally set variables; progress lines show while the daemon pulls and checks; a Compose error
 * is shown at its line with the daemon's hint; on success the app page opens.
 */
export function DeployPage(_props: PageProps): JSX.Element {
  const { user } = useSession();
  const query = useQuery();
  const initialApp = query.get('app') ?? '';
  const [name, setName] = useState(initialApp);
  const [nameEdited, setNameEdited] = useState(initialApp !== '');
  const [compose, setCompose] = useState(() => readDraft(initialApp));
  const [prefilled] = useState(() => readDraft(initialApp) !== '');
  const [env, setEnv] = useState('');
  const [dir, setDir] = useState('');
  const [lines, setLines] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const editor = useRef<HTMLTextAreaElement>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const app = name.trim();
  const mayDeploy = can(user, 'deployer', app || undefined);
  const parsedEnv = parseEnv(env);
  const nameValid = appNamePattern.test(app);
  const position = error instanceof DeployError ? error.position : undefined;
  const ready = nameValid && compose.trim() !== '' && parsedEnv.badLines.length === 0;

  const changeCompose = (text: string): void => {
    setCompose(text);
    if (error !== undefined) setError(undefined);
    const fromFile = nameFromCompose(text);
    if (!nameEdited && fromFile) setName(fromFile);
  };
  const load = async (file: File | undefined): Promise<void> => {
    if (file) changeCompose(await file.text());
  };
  const goToError = (): void => {
    const area = editor.current;
    if (!area || !position) return;
    const at = offsetOf(compose, position.line, position.column);
    area.focus();
    area.setSelectionRange(at, at);
    // Put the line in view: the editor's line height is fixed (CSS), so this is exact enough.
    area.scrollTop = Math.max(0, (position.line - 3) * parseFloat(getComputedStyle(area).lineHeight));
  };
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!ready || !mayDeploy || running) return;
    const projectDir = dir.trim() || defaultProjectDir(app);
    abort.current = new AbortController();
    setRunning(true);
    setError(undefined);
    setLines([]);
    try {
      const { release } = await deployWithProgress(
        {
          project: app,
          composeFile: { path: `${projectDir}/compose.yaml`, content: compose },
          projectDir,
          environment: parsedEnv.environment,
        },
        (line) => setLines((l) => [...l, line]),
        abort.current.signal,
      );
      try {
        localStorage.setItem(draftKey(release.app), compose);
      } catch {
        // Private mode or a full quota: the next deploy just starts empty.
      }
      navigate(`/apps/${encodeURIComponent(release.app)}`);
    } catch (failure) {
      if (!abort.current?.signal.aborted) setError(failure);
      setRunning(false);
    }
  };

  return (
    <section class="page deploy-page" aria-labelledby="page-title" data-testid="deploy-page">
      <header class="page-header">
        <h1 id="page-title">Deploy</h1>
      </header>
      {!mayDeploy ? (
        <p class="role-note" role="note" id="deploy-role">
          You are signed in as <strong>{user.name}</strong> ({user.role}): deploying needs the deployer role
          {app && user.apps && !user.apps.includes(app) ? ` for ${app}` : ''}.
        </p>
      ) : null}
      <form class="card form deploy-form" onSubmit={(e) => void submit(e)} aria-label="Deploy a Compose file">
        <div class="field">
          <label for="deploy-app">App name</label>
          <input
            id="deploy-app"
            value={name}
            required
            autocomplete="off"
            spellcheck={false}
            aria-invalid={app !== '' && !nameValid}
            aria-describedby="deploy-app-help"
            onInput={(e) => {
              setName(e.currentTarget.value);
              setNameEdited(e.currentTarget.value !== '');
            }}
          />
          <p id="deploy-app-help" class="help">
            {app !== '' && !nameValid
              ? 'Lowercase letters, digits, "-" and "_", starting with a letter or digit.'
              : 'Deploying to an existing app records its next release. Taken from name: in the file until you type one.'}
          </p>
        </div>
        <div class="field">
          <div class="field-head">
            <label for="deploy-compose">Compose file</label>
            <label class="button button-small file-button">
              Load from a file…
              <input
                type="file"
                class="visually-hidden"
                accept=".yaml,.yml,application/yaml,text/yaml,text/plain"
                onChange={(e) => void load(e.currentTarget.files?.[0])}
              />
            </label>
          </div>
          <ComposeEditor
            id="deploy-compose"
            value={compose}
            onInput={changeCompose}
            errorLine={position?.line}
            describedBy={position ? 'compose-error' : 'deploy-compose-help'}
            textareaRef={editor}
          />
          {position && error instanceof DeployError ? (
            <div id="compose-error" class="banner banner-bad compose-error" role="alert">
              <div>
                <strong class="banner-title">
                  Line {position.line}, column {position.column}
                  {position.file ? <span class="muted mono"> ({position.file})</span> : null}
                </strong>
                <p class="banner-message">{error.message}</p>
                {error.hint ? <p class="banner-hint">{error.hint}</p> : null}
                <p class="banner-code mono">{error.code}</p>
              </div>
              <button type="button" class="button button-small" onClick={goToError}>
                Go to line {position.line}
              </button>
            </div>
          ) : (
            <p id="deploy-compose-help" class="help">
              {prefilled
                ? `The file last deployed for ${initialApp} from this browser; change it and deploy the next version.`
                : 'Paste the file or load it. Images are pulled on the daemon; build: contexts and relative paths resolve in the project folder below.'}
            </p>
          )}
        </div>
        <details class="deploy-more">
          <summary>Variables and project folder</summary>
          <div class="field">
            <label for="deploy-env">Variables (one KEY=value a line, as in .env)</label>
            <textarea
              id="deploy-env"
              class="mono"
              rows={3}
              value={env}
              spellcheck={false}
              aria-invalid={parsedEnv.badLines.length > 0}
              aria-describedby="deploy-env-help"
              onInput={(e) => setEnv(e.currentTarget.value)}
            />
            <p id="deploy-env-help" class="help">
              {parsedEnv.badLines.length > 0
                ? `Line ${parsedEnv.badLines.join(', ')} is not KEY=value.`
                : 'Used for ${VAR} in the file; the daemon’s own environment is not.'}
            </p>
          </div>
          <div class="field">
            <label for="deploy-dir">Project folder on the daemon’s host</label>
            <input
              id="deploy-dir"
              class="mono"
              value={dir}
              placeholder={defaultProjectDir(app)}
              spellcheck={false}
              onInput={(e) => setDir(e.currentTarget.value)}
            />
          </div>
        </details>
        {running ? <Progress label={`Deploying ${app}`} lines={lines} maxLines={8} /> : null}
        {error !== undefined && !position ? <ErrorBanner title="The deploy failed" error={error} /> : null}
        <div class="form-actions">
          <button
            type="submit"
            class="button button-primary"
            disabled={!ready || !mayDeploy || running}
            {...(!mayDeploy ? { 'aria-describedby': 'deploy-role' } : {})}
          >
            {running ? 'Deploying…' : 'Deploy'}
          </button>
          {running ? (
            <button type="button" class="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
