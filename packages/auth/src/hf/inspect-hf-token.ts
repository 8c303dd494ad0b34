import {
  lazySchema,
  SwitchyardError,
  createTransport,
  isSecretLike,
  isSwitchyardError,
  scopeCredential,
  validateInput,
  type CredentialSource,
  type HttpTransport,
  type SecretLike,
} from '@switchyard/core';
import type { z } from 'zod';
import { explainFailure } from '../support/explain-failure.js';

/** The fine-grained permission that allows calling Inference Providers (the router). */
export const INFERENCE_PERMISSION = 'inference.serverless.write';

const NEW_INFERENCE_TOKEN_URL = `https://huggingface.co/settings/tokens/new?ownUserPermissions=${INFERENCE_PERMISSION}&tokenType=fineGrained`;

/** Options of {@link inspectHfToken}. */
export interface InspectHfTokenOptions {
  /** The Hub's base URL (default `https://huggingface.co`, or `$HF_ENDPOINT` when set). */
  hubUrl?: string;
  /** The transport to use (default: a new one, closed afterwards). */
  transport?: HttpTransport;
  signal?: AbortSignal;
  /** Deadline for the whole call in milliseconds (default 10 000). */
  timeoutMs?: number;
}

/** What a Hugging Face token is and may do, from the Hub's `whoami-v2`. */
export interface HfTokenReport {
  /** The account the token belongs to. */
  user: string;
  /** `user` or `org` as the Hub reports it. */
  accountType: string | undefined;
  /** The token's name, as shown in the Hub's settings. */
  tokenName: string | undefined;
  role: 'read' | 'write' | 'fine-grained' | 'unknown';
  /** The role string the Hub sent (`read`, `write`, `fineGrained`, …). */
  rawRole: string | undefined;
  /** True for read and write tokens, and fine-grained ones with `inference.serverless.write` on the user (or globally). */
  canCallInferenceProviders: boolean;
  /** Organisations for which a fine-grained token holds `inference.serverless.write` (usage billed to them). */
  inferenceBillableOrgs: string[];
  /** For fine-grained tokens: the permissions granted. */
  permissions: HfTokenPermissions | undefined;
  /** Least-privilege advice for a person; empty when the token fits inference use. */
  advice: string[];
}

/** A fine-grained token's permissions: global ones and those scoped to a user, org or repository. */
export interface HfTokenPermissions {
  global: string[];
  scoped: Array<{ entityType: string; entityName: string; permissions: string[] }>;
}

const optionsSchema = lazySchema((z) =>
  z
    .object({
      hubUrl: z.url({ protocol: /^https?$/, error: 'expected the Hub URL, e.g. "https://huggingface.co"' }).optional(),
      transport: z.custom<HttpTransport>((value) => typeof (value as HttpTransport | null)?.request === 'function', 'expected an HttpTransport').optional(),
      signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'expected an AbortSignal').optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .strict()
    .optional(),
);

// The parts of GET /api/whoami-v2 this reads (a user's answer also has email, orgs, isPro, …):
// { type, name, auth: { type: 'access_token', accessToken: { displayName, role, fineGrained? } } }
// where fineGrained = { global: string[], scoped: [{ entity: { type, name, _id }, permissions: string[] }] }.
const whoamiSchema = lazySchema((z) =>
  z.looseObject({
    name: z.string(),
    type: z.string().optional(),
    auth: z
      .looseObject({
        accessToken: z
          .looseObject({
            displayName: z.string().optional(),
            role: z.string().optional(),
            fineGrained: z
              .looseObject({
                global: z.array(z.string()).optional(),
                scoped: z
                  .array(z.looseObject({ entity: z.looseObject({ type: z.string(), name: z.string() }), permissions: z.array(z.string()) }))
                  .optional(),
              })
              .nullable()
              .optional(),
          })
          .optional(),
      })
      .optional(),
  }),
);

type Whoami = z.infer<ReturnType<typeof whoamiSchema>>;

/**
 * Asks the Hub who a token belongs to and what it may do (`GET {hubUrl}/api/whoami-v2`, through
 * core's transport with the token scoped to the Hub's origin): the user, the token's role (read,
 * write or fine-grained), whether it may call Inference Providers, and least-privilege advice —
 * a write token used for inference should become a fine-grained token with only
 * `inference.serverless.write`. A rejected token is an `auth` error that says to create a new one.
 *
 * @param token a string, a `Secret` or a source such as `hfToken()`.
 * @example
 * const report = await inspectHfToken(hfToken());
 * for (const line of report.advice) console.log(line);
 */
export async function inspectHfToken(token: string | SecretLike | CredentialSource, options?: InspectHfTokenOptions): Promise<HfTokenReport> {
  // Checked by hand: a validation message must never be able to echo a token.
  if (!((typeof token === 'string' && token.trim().length > 0) || isSecretLike(token) || typeof token === 'function')) {
    throw new SwitchyardError('invalid-request', 'Invalid inspectHfToken() token: expected a non-empty string, a Secret or a credential source such as hfToken().', { retryable: false });
  }
  const parsed = validateInput(optionsSchema, options, 'inspectHfToken() options');
  const hub = new URL(parsed?.hubUrl ?? (process.env.HF_ENDPOINT?.trim() || 'https://huggingface.co'));
  const url = new URL(`${hub.pathname.replace(/\/+$/, '')}/api/whoami-v2`, hub.origin);
  const credential = scopeCredential(typeof token === 'string' ? token.trim() : token, { origins: [hub.origin] });
  const transport = parsed?.transport ?? createTransport();
  try {
    const response = await transport.request({
      method: 'GET',
      url: url.href,
      credential,
      idempotent: true,
      ...(parsed?.signal ? { signal: parsed.signal } : {}),
      timeouts: { totalMs: parsed?.timeoutMs ?? 10_000 },
    });
    return reportFrom(await response.json(whoamiSchema()));
  } catch (error) {
    if (isSwitchyardError(error) && error.status === 401) {
      throw new SwitchyardError('auth', `Hugging Face rejected the token at ${url.href} (401): it is invalid, expired or revoked. Create a new one at https://huggingface.co/settings/tokens.`, { status: 401, retryable: false, cause: error });
    }
    throw explainFailure(error, `token details from ${url.href}`, undefined);
  } finally {
    if (!parsed?.transport) await transport.close();
  }
}

function reportFrom(whoami: Whoami): HfTokenReport {
  const accessToken = whoami.auth?.accessToken;
  const rawRole = accessToken?.role;
  const role = rawRole === 'read' ? 'read' : rawRole === 'write' ? 'write' : rawRole === 'fineGrained' ? 'fine-grained' : 'unknown';
  const fineGrained = accessToken?.fineGrained ?? undefined;
  const permissions: HfTokenPermissions | undefined =
    role === 'fine-grained'
      ? {
          global: fineGrained?.global ?? [],
          scoped: (fineGrained?.scoped ?? []).map((scoped) => ({ entityType: scoped.entity.type, entityName: scoped.entity.name, permissions: scoped.permissions })),
        }
      : undefined;
  const userScoped = permissions?.scoped.filter((scoped) => scoped.entityType === 'user' && scoped.entityName === whoami.name) ?? [];
  const canCallInferenceProviders =
    role === 'read' ||
    role === 'write' ||
    (permissions !== undefined &&
      (permissions.global.includes(INFERENCE_PERMISSION) || userScoped.some((scoped) => scoped.permissions.includes(INFERENCE_PERMISSION))));
  const inferenceBillableOrgs =
    permissions?.scoped.filter((scoped) => scoped.entityType === 'org' && scoped.permissions.includes(INFERENCE_PERMISSION)).map((scoped) => scoped.entityName) ?? [];
  return {
    user: whoami.name,
    accountType: whoami.type,
    tokenName: accessToken?.displayName,
    role,
    rawRole,
    canCallInferenceProviders,
    inferenceBillableOrgs,
    permissions,
    advice: adviceFor(role, canCallInferenceProviders, inferenceBillableOrgs, permissions),
  };
}

function adviceFor(role: HfTokenReport['role'], canCall: boolean, billableOrgs: string[], permissions: HfTokenPermissions | undefined): string[] {
  const narrower = `For inference only, create a fine-grained token with just "Make calls to Inference Providers": ${NEW_INFERENCE_TOKEN_URL}`;
  if (role === 'write') return [`This is a write token: anyone holding it can change or delete every repository you can write to. ${narrower}`];
  if (role === 'read') return [`This is a read token: it can read all your private repositories. ${narrower}`];
  if (role === 'unknown') return [`The Hub did not report this token's role, so its permissions are unknown. ${narrower}`];
  const advice: string[] = [];
  if (!canCall) {
    advice.push(
      billableOrgs.length
        ? `This token may call Inference Providers only billed to ${billableOrgs.join(', ')} (send X-HF-Bill-To). To bill your own account, enable "Make calls to Inference Providers" for your user at https://huggingface.co/settings/tokens.`
        : `This fine-grained token cannot call Inference Providers: edit it at https://huggingface.co/settings/tokens and enable "Make calls to Inference Providers" (${INFERENCE_PERMISSION}).`,
    );
  }
  const extra = new Set<string>();
  for (const permission of permissions?.global ?? []) if (permission !== INFERENCE_PERMISSION) extra.add(permission);
  for (const scoped of permissions?.scoped ?? []) {
    for (const permission of scoped.permissions) if (permission !== INFERENCE_PERMISSION) extra.add(`${permission} on ${scoped.entityType} ${scoped.entityName}`);
  }
  if (canCall && extra.size) {
    advice.push(`Besides inference, this token grants: ${[...extra].join(', ')}. A token used only for inference needs just ${INFERENCE_PERMISSION}.`);
  }
  return advice;
}
