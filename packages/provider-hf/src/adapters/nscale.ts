import type { ImageRequest, ImageResult } from '@switchyard/core';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import type { UpstreamCall } from '../upstream/upstream-call.js';
import { openAIImageGeneration } from './openai-images.js';

/** Nscale behind the router: OpenAI-style chat and images (`response_format: "b64_json"`, size as `"WxH"`). */
export const nscale: UpstreamAdapter = {
  chatPath: () => '/v1/chat/completions',
  textToImage: nscaleTextToImage,
};

function nscaleTextToImage(request: ImageRequest, call: UpstreamCall): Promise<ImageResult> {
  return openAIImageGeneration(request, call, { response_format: 'b64_json' });
}
