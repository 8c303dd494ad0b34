/**
 * `"hf/together"` → `"hf"`: the provider a route candidate belongs to. Its limits, budgets and
 * subscription cover all its routes.
 */
export function baseProviderId(candidateKey: string): string {
  const slash = candidateKey.indexOf('/');
  return slash === -1 ? candidateKey : candidateKey.slice(0, slash);
}

/** Whether `candidateKey` is `providerId` itself or one of its routes. */
export function belongsTo(candidateKey: string, providerId: string): boolean {
  return candidateKey === providerId || candidateKey.startsWith(`${providerId}/`);
}
