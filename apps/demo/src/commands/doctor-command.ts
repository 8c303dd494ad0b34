import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { inspectHfToken, type HfTokenReport } from '@switchyard/auth';
import { defaultModelAliases, defaultAliasName } from '../config/default-models.js';
import { findEmbeddedModelFile } from '../config/embedded-model-file.js';
import type { ProviderSetup } from '../config/provider-setup.js';
import { adviceFor, HF_TOKEN_ADVICE, shortHealthDetail } from '../errors/error-advice.js';
import { printJson } from '../output/print-json.js';
import { UsageLedger } from '../usage/usage-ledger.js';
import type { CommandContext } from './command-context.js';
import { checkHealth, type ProviderHealth } from './provider-health.js';

/** What `auto` would do with one provider for a chat with the default model. */
interface AutoStep {
  provider: string;
  model: string | undefined;
  /** `would-answer`: usable; `would-fail-over`: tried, fails, the next one is tried; `skipped`: never tried. */
  verdict: 'would-answer' | 'would-fail-over' | 'skipped';
  why: string;
}

/** The token part of the report. */
interface TokenFindings {
  found: boolean;
  source: string | undefined;
  /** The redacted form, e.g. `Secret(hf_…wxyz)`. */
  redacted: string | undefined;
  problem: string | undefined;
  lookedAt: readonly string[];
  /** For a token from a file: its permission bits (octal) and whether only its owner can read it. */
  file: { path: string; mode: string; private: boolean } | undefined;
  warnings: string[];
  report: HfTokenReport | undefined;
  /** Why the token could not be inspected (network, rejected). */
  inspectError: string | undefined;
}

/**
 * `switchyard doctor`: the Hugging Face token (where it came from, its role and whether it may call
 * Inference Providers, with least-privilege advice from the Hub's whoami), token file permissions,
 * each provider's health, and what `auto` would try for a chat and why.
 */
export async function doctorCommand(context: CommandContext): Promise<void> {
  const { configuration, environment, out } = context;
  const narrator = context.narrate('checking…');
  let token: TokenFindings;
  let health: ProviderHealth[];
  let autoSteps: AutoStep[];
  try {
    [token, health] = await Promise.all([tokenFindings(context), checkHealth(context, configuration.setups)]);
    autoSteps = await autoPlan(context, health);
  } finally {
    narrator.end();
  }
  const files = { usageLedger: new UsageLedger(environment.stateDir).path, modelsDir: environment.modelsDir, huggingFaceCache: environment.huggingFaceCacheDir };
  if (context.args.json) {
    printJson(out, { node: process.version, hfToken: token, auto: { task: 'chat', steps: autoSteps }, files });
    return;
  }
  const { style } = out;
  const ok = style.green('✓');
  const bad = style.red('✗');
  const warn = style.yellow('!');
  out.line(style.bold('Hugging Face token'));
  if (token.found) {
    out.line(`  ${ok} found: ${token.source}, ${token.redacted}`);
    if (token.file) out.line(`  ${token.file.private ? ok : warn} token file ${tildePath(token.file.path)} has mode ${token.file.mode}${token.file.private ? ' (only you can read it)' : ''}`);
    if (token.report) {
      const report = token.report;
      out.line(`  ${report.canCallInferenceProviders ? ok : bad} user ${report.user}, ${report.role} token${report.tokenName ? ` "${report.tokenName}"` : ''}: ${report.canCallInferenceProviders ? 'may call Inference Providers' : 'may NOT call Inference Providers'}`);
      for (const advice of report.advice) out.line(`  ${warn} ${advice}`);
    } else if (token.inspectError) {
      out.line(`  ${bad} could not check the token: ${token.inspectError}`);
    }
  } else {
    out.line(`  ${bad} ${token.problem ?? 'no token'} — ${HF_TOKEN_ADVICE}`);
    if (token.lookedAt.length > 0) out.line(style.dim(`    looked at: ${token.lookedAt.join('; ')}`));
  }
  for (const warning of token.warnings) out.line(`  ${warn} ${warning}`);
  out.line();
  out.line(style.bold('What `auto` would try for `switchyard chat`, in order'));
  let position = 0;
  for (const step of autoSteps) {
    const marker = step.verdict === 'skipped' ? ' –' : `${++position}.`.padStart(2);
    const verdict = step.verdict === 'would-answer' ? style.green('would answer') : step.verdict === 'would-fail-over' ? style.red('would fail over') : style.yellow('skipped');
    out.line(`  ${marker} ${step.provider}${step.model ? ` · ${step.model}` : ''}: ${verdict} — ${step.why}`);
  }
  const answerer = autoSteps.find((step) => step.verdict === 'would-answer');
  out.line(answerer ? `  → a chat would be answered by ${style.bold(answerer.provider)}` : `  → ${bad} no provider would answer: fix one of the above`);
  out.line();
  out.line(style.bold('Files'));
  out.line(`  usage ledger        ${files.usageLedger}`);
  out.line(`  models folder       ${files.modelsDir}${environment.modelsDirFromEnv ? ' (SWITCHYARD_MODELS_DIR)' : ''}`);
  out.line(`  Hugging Face cache  ${files.huggingFaceCache}`);
}

async function tokenFindings(context: CommandContext): Promise<TokenFindings> {
  const { configuration, environment } = context;
  const credential = configuration.hfCredential;
  const warnings = configuration.authWarnings.map((warning) => warning.message);
  const findings: TokenFindings = {
    found: credential !== undefined,
    source: credential?.source,
    redacted: credential ? String(credential.secret) : undefined,
    problem: configuration.hfTokenProblem,
    lookedAt: configuration.hfTokenLookedAt,
    file: undefined,
    warnings,
    report: undefined,
    inspectError: undefined,
  };
  if (!credential) return findings;
  findings.file = await tokenFile(credential.source);
  try {
    findings.report = await inspectHfToken(credential.secret, {
      ...(environment.hfHubUrl ? { hubUrl: environment.hfHubUrl } : {}),
      signal: context.signal,
      timeoutMs: context.args.timeoutMs ?? 10_000,
    });
  } catch (error) {
    if (context.signal.aborted) throw error;
    findings.inspectError = error instanceof Error ? error.message : String(error);
  }
  return findings;
}

/** For a token read from a file (`source` is `file <path>`), the file's permission bits. */
async function tokenFile(source: string): Promise<TokenFindings['file']> {
  const match = /^file (.+?)(?: \(legacy location\))?$/.exec(source);
  if (!match) return undefined;
  const path = match[1]!.replace(/^~(?=\/)/, homedir());
  try {
    const mode = (await stat(path)).mode & 0o777;
    return { path, mode: mode.toString(8).padStart(3, '0'), private: (mode & 0o077) === 0 };
  } catch {
    return undefined;
  }
}

async function autoPlan(context: CommandContext, health: readonly ProviderHealth[]): Promise<AutoStep[]> {
  const aliases = defaultModelAliases(context.environment.openAiModel, context.configuration.setups.map((setup) => setup.id))[defaultAliasName('chat')] ?? {};
  return Promise.all(health.map(({ setup, report }) => autoStep(context, setup, report, aliases[setup.id])));
}

async function autoStep(context: CommandContext, setup: ProviderSetup, report: ProviderHealth['report'], model: string | undefined): Promise<AutoStep> {
  const step = (verdict: AutoStep['verdict'], why: string): AutoStep => ({ provider: setup.id, model: setup.status === 'not-configured' ? undefined : model, verdict, why });
  if (setup.status !== 'ready') return step('skipped', `${setup.skipped}${setup.advice ? ` — ${setup.advice}` : ''}`);
  if (setup.id === 'embedded') {
    const file = findEmbeddedModelFile(context.environment);
    if (file) return step('would-answer', `model file on disk: ${file.path}`);
    return step('would-answer', `downloads the 1.2 MB model from the Hub into ${context.environment.modelsDir} on first use`);
  }
  if (!report?.ok) {
    const advice = adviceFor({ kind: 'network', provider: setup.id, model });
    return step('would-fail-over', `unreachable${report?.detail ? ` (${shortHealthDetail(report.detail)})` : ''}${advice ? ` — ${advice}` : ''}`);
  }
  if (setup.id === 'ollama' && model) {
    try {
      const models = await context.client.listModels('ollama', { signal: context.signal });
      // Ollama names a model without a tag as `:latest`.
      const present = models.some((entry) => entry.id === model || entry.id === `${model}:latest`);
      if (!present) return step('would-fail-over', `reachable, but ${model} is not pulled (run \`ollama pull ${model}\`)`);
    } catch (error) {
      if (context.signal.aborted) throw error;
      return step('would-fail-over', `reachable, but its model list failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return step('would-answer', `reachable${report.version ? ` (version ${report.version})` : ''} and ${model} is pulled`);
  }
  return step('would-answer', `reachable${report.detail ? ` (${report.detail})` : ''}`);
}

function tildePath(path: string): string {
  const home = homedir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
