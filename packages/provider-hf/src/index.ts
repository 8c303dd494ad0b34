// Public API of @switchyard/provider-hf: explicit names only.

export { huggingface } from './huggingface.js';
export type { HuggingFaceProvider } from './huggingface.js';
export { ROUTER_POLICIES } from './options.js';
export type { HuggingFaceOptions, ProviderSelection, RouterPolicy } from './options.js';

// Wire helpers, for tools that read the same Hugging Face answers.
export { usableMappings, HUB_TASK } from './hub/inference-provider-mapping.js';
export type { MappedProvider, ModelMappingResponse } from './hub/inference-provider-mapping.js';
export { parseRouterModels } from './router/router-models.js';
export type { RouterModelCatalog, RouterProviderOffer } from './router/router-models.js';
export { hfErrorBodyParser } from './errors/hf-error-body.js';
