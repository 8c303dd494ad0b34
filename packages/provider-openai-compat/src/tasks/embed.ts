import type { CallContext, EmbedRequest, EmbedResult } from '@switchyard/core';
import { extraBodyFor, send, type ProviderConfig } from '../provider-config.js';
import { decodeEmbeddings } from '../wire/embeddings.js';
import { buildEmbeddingsBody } from '../wire/embeddings-request-body.js';

/** `POST /embeddings`: one vector per input, in input order. */
export async function embed(config: ProviderConfig, request: EmbedRequest, context: CallContext): Promise<EmbedResult> {
  const extraBody = extraBodyFor(config, request.providerOptions);
  const body = buildEmbeddingsBody(request, { model: context.model, ...(extraBody === undefined ? {} : { extraBody }) });
  const response = await send(config, context, 'POST', config.urls.embeddings, body);
  const json = await response.json();
  return decodeEmbeddings(json, {
    inputCount: typeof request.input === 'string' ? 1 : request.input.length,
    model: context.model,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  });
}
