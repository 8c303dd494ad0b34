import { SwitchyardError } from '@switchyard/core';
import type { BaseRequest, CallContext, GeneratedMedia, HttpMethod, HttpResponse, ScopedCredential } from '@switchyard/core';
import { hfErrorBodyParser } from '../errors/hf-error-body.js';
import type { MappedProvider } from '../hub/inference-provider-mapping.js';
import { contentMediaType, decodeBase64Media, sniffMediaType } from '../media/media-type.js';
import { pollUntilDone } from '../polling/poll-until-done.js';
import type { PollOutcome } from '../polling/poll-until-done.js';

/** Largest generated video this package buffers (images use the transport's 64 MiB default). */
const MAX_VIDEO_BYTES = 512 * 1024 * 1024;

/** What every call to one upstream shares: where it goes, as whom, and how it polls. */
export interface UpstreamSettings {
  /** The Switchyard provider id (`'hf'`): `providerOptions[providerId]` is merged into request bodies. */
  providerId: string;
  /** Provider name on Hugging Face (`'together'`), `'endpoint'` for a dedicated endpoint, or a router policy. */
  upstream: string;
  /** True when the router, not this package, picks the provider (`:fastest`…): answers say who served. */
  selectedByRouter: boolean;
  /** `https://router.huggingface.co/together`, or the endpoint URL. */
  baseUrl: string;
  /** The Hub model id the caller asked for. */
  hubModel: string;
  /** The upstream's own model id (from the mapping), the Hub id for hf-inference and endpoints. */
  model: string;
  /** The mapping entry the route came from, when there is one (LoRA adapters read it). */
  mapping: MappedProvider | undefined;
  hubUrl: string;
  credential: ScopedCredential;
  /** Extra headers on every authenticated request (`X-HF-Bill-To`). */
  headers: Readonly<Record<string, string>>;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
}

/** Options of one authenticated request to the router or the endpoint. */
export interface UpstreamRequest {
  method?: HttpMethod;
  url: string;
  json?: unknown;
  headers?: Record<string, string>;
  idempotent?: boolean;
  maxBodyBytes?: number;
}

/**
 * One task call to one upstream: authenticated requests to the router (or the endpoint), the
 * credential-free download of results from a provider's CDN, and bounded polling, all on the
 * attempt's transport, signal and deadline.
 */
export class UpstreamCall {
  readonly settings: UpstreamSettings;
  readonly context: CallContext;
  /** `"Hugging Face (together)"`: names the upstream in every error. */
  readonly label: string;
  readonly #parseErrorBody;

  constructor(settings: UpstreamSettings, context: CallContext) {
    this.settings = settings;
    this.context = context;
    this.label =
      settings.upstream === 'endpoint'
        ? `Hugging Face endpoint ${new URL(settings.baseUrl).host}`
        : settings.selectedByRouter
          ? `Hugging Face router (${settings.upstream})`
          : `Hugging Face (${settings.upstream})`;
    this.#parseErrorBody = hfErrorBodyParser(this.label);
  }

  get upstream(): string {
    return this.settings.upstream;
  }

  /** The upstream's own model id. */
  get model(): string {
    return this.settings.model;
  }

  /**
   * `request.providerOptions[providerId]`: upstream-specific body fields the caller wants sent as
   * they are (`{ hf: { num_inference_steps: 4 } }`). Spread last, so they win over mapped fields.
   */
  extraBody(request: BaseRequest): Record<string, unknown> {
    return request.providerOptions?.[this.settings.providerId] ?? {};
  }

  /** `baseUrl` + `path` (which starts with `/`). */
  url(path: string): string {
    return `${this.settings.baseUrl}${path}`;
  }

  /** An authenticated request to the router or the endpoint (the token is scoped to those origins). */
  send(request: UpstreamRequest): Promise<HttpResponse> {
    return this.context.http.request({
      method: request.method ?? (request.json === undefined ? 'GET' : 'POST'),
      url: request.url,
      ...(request.json === undefined ? {} : { json: request.json }),
      headers: { ...this.settings.headers, ...request.headers },
      credential: this.settings.credential,
      model: this.settings.model,
      parseErrorBody: this.#parseErrorBody,
      ...(request.idempotent === undefined ? {} : { idempotent: request.idempotent }),
      ...(request.maxBodyBytes === undefined ? {} : { maxBodyBytes: request.maxBodyBytes }),
    });
  }

  /**
   * Fetches a generated file. `data:` URLs are decoded in place; anything else is fetched from the
   * provider's CDN in a separate request WITHOUT the token (it belongs to Hugging Face only).
   */
  async download(url: string, fallbackMediaType: string): Promise<GeneratedMedia> {
    if (url.startsWith('data:')) return decodeBase64Media(url, fallbackMediaType);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new SwitchyardError('invalid-response', `${this.label} returned a result URL that is not http(s): "${url.slice(0, 100)}".`, {
        model: this.settings.model,
      });
    }
    this.context.emit({ type: 'progress', stage: 'downloading', detail: `${this.label}: ${new URL(url).host}` });
    const response = await this.context.http.request({
      method: 'GET',
      url,
      idempotent: true,
      model: this.settings.model,
      ...(fallbackMediaType.startsWith('video/') ? { maxBodyBytes: MAX_VIDEO_BYTES } : {}),
    });
    const data = await response.bytes();
    return { mediaType: contentMediaType(response.headers['content-type']) ?? sniffMediaType(data, fallbackMediaType), data, url };
  }

  /** Polls a job until done, within the attempt's deadline (see {@link pollUntilDone}). */
  poll<T>(what: string, check: (pollNumber: number) => Promise<PollOutcome<T>>): Promise<T> {
    return pollUntilDone(check, {
      signal: this.context.signal,
      deadline: this.context.deadline,
      intervalMs: this.settings.pollIntervalMs,
      maxIntervalMs: this.settings.maxPollIntervalMs,
      what: `${this.label} ${what}`,
      emit: (event) => this.context.emit(event),
    });
  }

  /** An `invalid-response` error naming the upstream: the answer did not have the expected shape. */
  malformed(what: string): SwitchyardError {
    return new SwitchyardError('invalid-response', `${this.label} answered ${what}.`, { model: this.settings.model });
  }

  /** A `server` error for a job the upstream reports as failed. */
  jobFailed(what: string, reason: string | undefined): SwitchyardError {
    return new SwitchyardError('server', `${this.label}: ${what} failed${reason ? `: ${reason.slice(0, 500)}` : ''}.`, {
      model: this.settings.model,
      retryable: true,
    });
  }
}

/** The URL path of a Hub or provider model id: each segment encoded, the slashes kept. */
export function modelPath(model: string): string {
  return model.split('/').map(encodeURIComponent).join('/');
}
