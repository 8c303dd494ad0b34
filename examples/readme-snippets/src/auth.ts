// Mirrors packages/auth/README.md, sections "Quick start", "Sources" (env, file, command, chain,
// cached) and "Secret managers" (vault, aws, azure; the Azure block's placeholders `tenantId`,
// `clientId` and `clientSecret` are given values here).
import { ClientSecretCredential } from '@azure/identity';
import { cached, chain, command, env, file, hfToken, inspectHfToken } from '@switchyard/auth';
import { awsSecret } from '@switchyard/auth/aws';
import { azureSecret } from '@switchyard/auth/azure';
import { vaultSecret } from '@switchyard/auth/vault';

// Quick start
const token = cached(hfToken(), { ttlMs: 60_000 });
const { secret, source } = await token();
console.log(`using ${secret} from ${source}`); // using Secret(hf_…wxyz) from env HF_TOKEN
const report = await inspectHfToken(token);
console.log(report.user, report.role, report.canCallInferenceProviders);
for (const line of report.advice) console.log(line);

// Sources
const openAiKey = env('OPENAI_API_KEY');
await openAiKey();
const myLogger = { warn: (message: string) => console.warn(message) };
file('~/.config/my-app/token', { onWarning: (warning) => myLogger.warn(warning.message) });
command(['op', 'read', 'op://Private/Hugging Face/token'], { timeoutMs: 5_000 });
chain(env('OPENAI_API_KEY'), file('~/.config/openai/key'));
const refreshing = cached(command(['vault', 'kv', 'get', '-field=token', 'secret/hf']), { ttlMs: 5 * 60_000, refreshAheadMs: 30_000 });
refreshing.invalidate();

// Secret managers
cached(vaultSecret({ address: 'https://vault.example.com:8200', mount: 'secret', path: 'switchyard/hf', field: 'token' }), { ttlMs: 5 * 60_000 });
cached(awsSecret({ secretId: 'prod/hf-token', region: 'eu-west-1', field: 'token' }), { ttlMs: 10 * 60_000 });
cached(azureSecret({ vaultUrl: 'https://my-vault.vault.azure.net', name: 'hf-token' }), { ttlMs: 10 * 60_000 });
const [tenantId, clientId, clientSecret] = ['tenant', 'client', 'secret'];
export const ci = azureSecret({
  vaultUrl: 'https://my-vault.vault.azure.net',
  name: 'hf-token',
  credential: new ClientSecretCredential(tenantId, clientId, clientSecret),
});
