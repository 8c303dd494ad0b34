import { SwitchyardError } from '@switchyard/core';
import type { EmbedRequest, EmbedResult, ImageRequest, ImageResult } from '@switchyard/core';
import { contentMediaType, decodeBase64Media } from '../media/media-type.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import { modelPath } from '../upstream/upstream-call.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';
import { hfInferenceModelUrl } from './hf-inference-model-url.js';
import { featureExtractionVectors } from './feature-extraction-vectors.js';
import { hfInferenceMetadata, usageFromHeaders } from './hf-inference-usage.js';
import { tgiComplete, tgiStreamComplete } from './tgi-generate.js';

/**
 * Hugging Face's own serverless inference (`{router}/hf-inference/models/{id}`), and the same
 * protocol on a dedicated Inference Endpoint or a self-hosted TGI / TEI server (the endpoint URL
 * itself, no model path).
 */
export const hfInference: UpstreamAdapter = {
  chatPath: (model) => `/models/${modelPath(model)}/v1/chat/completions`,
  complete: tgiComplete,
  streamComplete: tgiStreamComplete,
  embed: hfInferenceEmbed,
  textToImage: hfInferenceTextToImage,
};

async function hfInferenceEmbed(request: EmbedRequest, call: UpstreamCall): Promise<EmbedResult> {
  if (request.dimensions !== undefined) {
    throw new SwitchyardError('unsupported', `${call.label} feature extraction cannot shorten vectors: leave "dimensions" unset.`, {
      model: call.model,
    });
  }
  // The router serves both sentence-similarity and feature-extraction models at the
  // feature-extraction pipeline; an endpoint (TEI, Inference Endpoints) takes the same body at its root.
  const url = call.upstream === 'endpoint' ? call.settings.baseUrl : `${hfInferenceModelUrl(call)}/pipeline/feature-extraction`;
  const singleInput = typeof request.input === 'string';
  const inputCount = singleInput ? 1 : request.input.length;
  const response = await call.send({ url, json: { inputs: request.input, ...call.extraBody(request) } });
  const output = await response.json();
  const vectors = featureExtractionVectors(output, inputCount, singleInput);
  if (vectors === undefined) throw call.malformed(`feature-extraction output that is not ${inputCount} vector(s) of numbers`);
  return {
    model: call.model,
    embeddings: vectors.embeddings,
    usage: usageFromHeaders(response.headers),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, ...hfInferenceMetadata(response.headers), ...(vectors.pooled ? { pooling: 'mean' } : {}) },
  };
}

async function hfInferenceTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  const parameters: Record<string, unknown> = {};
  if (request.negativePrompt !== undefined) parameters.negative_prompt = request.negativePrompt;
  if (request.width !== undefined) parameters.width = request.width;
  if (request.height !== undefined) parameters.height = request.height;
  if (request.steps !== undefined) parameters.num_inference_steps = request.steps;
  if (request.guidanceScale !== undefined) parameters.guidance_scale = request.guidanceScale;
  if (request.seed !== undefined) parameters.seed = request.seed;
  const response = await call.send({
    url: hfInferenceModelUrl(call),
    json: { inputs: request.prompt, parameters: { ...parameters, ...call.extraBody(request) } },
    headers: { accept: 'image/png' },
  });
  const mediaType = contentMediaType(response.headers['content-type']);
  const base = {
    model: call.model,
    usage: usageFromHeaders(response.headers),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    metadata: { inferenceProvider: call.upstream, ...hfInferenceMetadata(response.headers) },
  };
  // The recorded answer is the image itself (`image/jpeg`, test_text_to_image_default[hf-inference…]).
  if (mediaType?.startsWith('image/')) return { ...base, images: [{ mediaType, data: await response.bytes() }] };
  const body = await response.json();
  const images = await imagesFromJson(body, call);
  if (images.length === 0) throw call.malformed('neither an image nor JSON with an image (expected image bytes)');
  return { ...base, images };
}

/** Diffusers servers on endpoints sometimes answer JSON: `{data:[{b64_json}]}` or `{output:[url]}`. */
async function imagesFromJson(body: unknown, call: UpstreamCall): Promise<ImageResult['images']> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (Array.isArray(record.data)) {
    return record.data
      .map((item) => (item as { b64_json?: unknown } | null)?.b64_json)
      .filter((value): value is string => typeof value === 'string')
      .map((encoded) => decodeBase64Media(encoded, 'image/png'));
  }
  const outputs = Array.isArray(record.output) ? record.output : typeof record.output === 'string' ? [record.output] : [];
  const urls = outputs.filter((value): value is string => typeof value === 'string');
  return Promise.all(urls.map((url) => call.download(url, 'image/png')));
}
