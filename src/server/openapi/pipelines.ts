import { forges } from '../../pipeline/webhooks/index.js';
import { DecisionSchema, ManualRunSchema, SourceSchema } from '../routes/pipelines.js';
import { SetSecretSchema } from '../routes/secrets.js';
import {
  eventsOrStream,
  appParam,
  errors,
  fromZod,
  json,
  jsonBody,
  pathParam,
  queryParam,
  type ApiArea,
  type Json,
  type Operation,
} from './operation-parts.js';

const runParam = pathParam('number', 'Run number', 1, { type: 'integer', minimum: 1 });
const run = (what: string): Record<string, Json> => ({
  '200': json(what, { number: 'integer', status: 'string', steps: 'array', active: 'boolean' }),
});

const decide = (approved: boolean): Operation => ({
  summary: approved ? 'Approve a step waiting for approval' : 'Reject a step waiting for approval',
  requestBody: jsonBody('DecisionRequest', { step: 'deploy' }, false),
  responses: { ...run('The run'), ...errors('422') },
});

/** Pipeline sources, runs, approvals, secrets and forge webhooks (routes/pipelines.ts, secrets.ts, webhooks.ts). */
export const pipelinesArea: ApiArea = {
  schemas: {
    PipelineSource: fromZod(SourceSchema),
    ManualRunRequest: fromZod(ManualRunSchema),
    DecisionRequest: fromZod(DecisionSchema),
    SetSecretRequest: fromZod(SetSecretSchema),
  },
  paths: {
    '/apps/{app}/pipeline': {
      parameters: [appParam],
      get: {
        summary: 'The app’s pipeline source (secrets shown only as set or not)',
        responses: {
          '200': json('Source', { repoUrl: 'string', branch: 'string', webhookSecretSet: 'boolean' }),
          ...errors('404'),
        },
      },
      put: {
        summary: 'Connect the app to a git repository (and a forge for webhooks)',
        description: 'A new webhook secret is answered once, with the path to paste into the forge.',
        requestBody: jsonBody('PipelineSource', {
          repoUrl: 'https://git.example.com/acme/shop.git',
          branch: 'main',
        }),
        responses: {
          '200': json('Source', { repoUrl: 'string', webhookPath: 'string', webhookSecret: 'string' }),
          ...errors('422'),
        },
      },
    },
    '/pipelines': {
      get: {
        summary: 'Every app with a pipeline source the caller may see (secrets shown only as set or not)',
        responses: { '200': json('Sources', { pipelines: 'array' }) },
      },
    },
    '/apps/{app}/pipelines/runs': {
      parameters: [appParam],
      get: {
        summary: 'Pipeline runs, newest first',
        parameters: [
          queryParam('limit', 'At most this many (default 50)', {
            type: 'integer',
            minimum: 1,
            maximum: 500,
          }),
          queryParam('before', 'Only runs with a smaller number (paging)', { type: 'integer', minimum: 1 }),
        ],
        responses: { '200': json('Runs', { runs: 'array' }) },
      },
      post: {
        summary: 'Start a run by hand (default: the head of the source branch)',
        requestBody: jsonBody('ManualRunRequest', { ref: 'main' }, false),
        responses: {
          '202': json('The queued run', { number: 'integer', status: 'string' }),
          ...errors('422'),
        },
      },
    },
    '/apps/{app}/pipelines/runs/{number}': {
      parameters: [appParam, runParam],
      get: {
        summary: 'One run with its steps, releases and step graph (`graph`: steps with `needs`)',
        responses: { ...run('The run'), ...errors('422') },
      },
    },
    '/apps/{app}/pipelines/runs/{number}/logs': {
      parameters: [appParam, runParam],
      get: {
        summary: 'Step events and log lines of a run; live with `follow=1` or `Accept: text/event-stream`',
        parameters: [
          queryParam('step', 'Only this step', { type: 'string' }),
          queryParam('follow', 'Stream as Server-Sent Events until the run ends (`1`)', { type: 'string' }),
        ],
        responses: {
          '200': eventsOrStream('Events (JSON), or a stream of them ending with an `end` event'),
          ...errors('422'),
        },
      },
    },
    '/apps/{app}/pipelines/runs/{number}/cancel': {
      parameters: [appParam, runParam],
      post: { summary: 'Cancel a queued or running run', responses: { ...run('The run'), ...errors('422') } },
    },
    '/apps/{app}/pipelines/runs/{number}/approve': { parameters: [appParam, runParam], post: decide(true) },
    '/apps/{app}/pipelines/runs/{number}/reject': { parameters: [appParam, runParam], post: decide(false) },
    '/apps/{app}/secrets': {
      parameters: [appParam],
      get: {
        summary: 'Names of the app’s pipeline secrets (values are never returned)',
        responses: { '200': json('Secret names', { app: 'string', secrets: 'array' }), ...errors('422') },
      },
    },
    '/apps/{app}/secrets/{name}': {
      parameters: [appParam, pathParam('name', 'Secret name', 'DEPLOY_KEY')],
      put: {
        summary: 'Set a secret (encrypted at once; steps see it through from_secret)',
        requestBody: jsonBody('SetSecretRequest', { value: 'a-long-random-secret-value' }),
        responses: {
          '200': json('Set', { app: 'string', name: 'string', updatedAt: 'string' }),
          ...errors('422'),
        },
      },
      delete: {
        summary: 'Delete a secret',
        responses: {
          '200': json('Deleted', { app: 'string', name: 'string', deleted: 'boolean' }),
          ...errors('422'),
        },
      },
    },
    '/hooks/{app}/{forge}': {
      // Forges post to this path, outside /api/v1, signed with the app's webhook secret.
      servers: [{ url: '/' }],
      parameters: [
        appParam,
        pathParam('forge', 'The forge that sends', 'github', { type: 'string', enum: forges }),
      ],
      post: {
        summary: 'A forge’s push, tag or ping webhook; queues a run',
        description:
          'Authenticated by the forge’s signature over the raw body (X-Hub-Signature-256, X-Gitea-Signature, X-Gitlab-Token), not by a bearer token. Redeliveries create nothing.',
        security: [],
        'x-berth-role': 'signature',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', description: 'The forge’s own payload' },
              example: { ref: 'refs/heads/main', after: '9fceb02d0ae598e95dc970b74767f19372d61af8' },
            },
          },
        },
        responses: {
          '200': json('A ping, or a redelivery that was ignored', { ok: 'boolean' }),
          '202': json('Queued, or ignored with the reason', {
            ok: 'boolean',
            queued: 'boolean',
            ignored: 'string',
          }),
          '401': { $ref: '#/components/responses/Unauthorized' },
          ...errors('404', '413'),
        },
      },
    },
  },
};
