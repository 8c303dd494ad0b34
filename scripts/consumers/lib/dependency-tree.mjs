// The installed dependency tree of an npm project, flattened to package names, from
// `npm ls --all --json` (what a user would run to see what an install pulled in).

/** Every package name under `tree.dependencies`, recursively (each once). */
export function installedPackageNames(tree) {
  const names = new Set();
  const visit = (dependencies) => {
    for (const [name, node] of Object.entries(dependencies ?? {})) {
      if (names.has(name)) continue;
      names.add(name);
      visit(node.dependencies);
    }
  };
  visit(tree.dependencies);
  return [...names].sort();
}

/**
 * Packages a lean Switchyard install must never pull in: other Switchyard providers, and vendor
 * SDKs (the providers speak HTTP through core's transport; cloud secret-manager SDKs are optional
 * peers of @switchyard/auth only).
 */
export const CLOUD_SDK_PATTERNS = [
  /^@aws-sdk\//,
  /^@smithy\//,
  /^@azure\//,
  /^@google-cloud\//,
  /^@google\/genai$/,
  /^googleapis$/,
  /^@huggingface\//,
  /^openai$/,
  /^@anthropic-ai\//,
  /^groq-sdk$/,
  /^together-ai$/,
  /^@mistralai\//,
  /^cohere-ai$/,
  /^ollama$/,
  /^node-llama-cpp$/,
  /^@node-llama-cpp\//,
];

/** The names in `installed` that are a provider other than `allowedProviders`, or a cloud SDK. */
export function unwantedPackages(installed, allowedProviders) {
  return installed.filter(
    (name) => (name.startsWith('@switchyard/provider-') && !allowedProviders.includes(name)) || CLOUD_SDK_PATTERNS.some((pattern) => pattern.test(name)),
  );
}
