import { mountCassette, readCassette, sharedPath } from '@switchyard/testkit';
import type { Cassette, CassetteInteraction, TestServer } from '@switchyard/testkit';

/** The hosts Hugging Face's token belongs to in the recordings: everything else is a provider's CDN. */
const HF_HOSTS = new Set(['huggingface.co', 'router.huggingface.co']);

/** Reads `../shared/fixtures/hf-hub-cassettes/<name>` (never copied into the repository). */
export function hfCassette(name: string): Cassette {
  return readCassette(sharedPath('fixtures', 'hf-hub-cassettes', name));
}

/** True for an interaction with the Hub or the router (not with a provider's CDN). */
export function isHuggingFaceInteraction(interaction: CassetteInteraction): boolean {
  return HF_HOSTS.has(new URL(interaction.request.uri).hostname);
}

/**
 * Replays a cassette on two loopback servers: the Hub and router interactions on `server`, every
 * other host's (fal.media, replicate.delivery…) on `cdn`. Result URLs inside the Hub and router
 * answers are rewritten to point at `cdn`, so a provider that downloads them reaches the second
 * server, and the test can check what that server received.
 */
export function mountWithCdn(cassette: Cassette, server: TestServer, cdn: TestServer): void {
  const cdnOrigins = new Set(cassette.interactions.filter((interaction) => !isHuggingFaceInteraction(interaction)).map(({ request }) => new URL(request.uri).origin));
  const encoder = new TextEncoder();
  const rewritten: Cassette = {
    path: cassette.path,
    interactions: cassette.interactions.map((interaction) => {
      if (!isHuggingFaceInteraction(interaction) || interaction.response.binary) return interaction;
      let body = interaction.response.body;
      for (const origin of cdnOrigins) body = body.split(origin).join(cdn.url);
      return body === interaction.response.body ? interaction : { ...interaction, response: { ...interaction.response, body, bodyBytes: encoder.encode(body) } };
    }),
  };
  mountCassette(server, rewritten, { filter: isHuggingFaceInteraction });
  mountCassette(cdn, rewritten, { filter: (interaction) => !isHuggingFaceInteraction(interaction) });
}

/** The Hub model id of a cassette's first lookup (`/api/models/{id}`). */
export function hubModelOf(cassette: Cassette): string {
  const lookup = cassette.interactions.find(({ request }) => new URL(request.uri).pathname.startsWith('/api/models/'));
  if (!lookup) throw new Error(`${cassette.path} has no Hub lookup`);
  return decodeURIComponent(new URL(lookup.request.uri).pathname.slice('/api/models/'.length));
}

/** The recorded interactions whose URL path starts with `prefix`. */
export function interactionsAt(cassette: Cassette, prefix: string): CassetteInteraction[] {
  return cassette.interactions.filter(({ request }) => new URL(request.uri).pathname.startsWith(prefix));
}
