/**
 * Shared helpers for the benchmarks in scripts/bench/*.ts (run by scripts/bench.ts).
 *
 * Every benchmark prints ONE JSON object per line on stdout (anything else goes to stderr), so the
 * orchestrator can collect results without parsing prose.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { BASE_ARGS, CHROMIUM_PATH as CHROMIUM } from '../chromium';

/** The built extension; BENCH_EXTENSION_PATH points elsewhere (e.g. an unminified build to profile). */
export const BUILT_EXTENSION = resolve(process.env.BENCH_EXTENSION_PATH ?? '.output/chrome-mv3');

let snapshot: string | undefined;

/**
 * A private copy of the built extension, taken once per process: colleagues run `wxt build` in the
 * same checkout, which empties .output while a benchmark's browsers are still loading it.
 */
export function extensionPath(): string {
  if (snapshot) return snapshot;
  if (!existsSync(join(BUILT_EXTENSION, 'manifest.json'))) {
    throw new Error(`no built extension in ${BUILT_EXTENSION}: run \`npx wxt build\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-ext-'));
  cpSync(BUILT_EXTENSION, dir, { recursive: true });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  snapshot = dir;
  return dir;
}
export const WHATSAPP = 'https://web.whatsapp.com/';

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

export type BenchResult = { readonly bench: string } & {
  readonly [key: string]: JsonValue | undefined;
};

/** Prints one result line on stdout (the orchestrator's input). */
export function emit(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Progress for humans: stderr, so stdout stays one JSON object per line. */
export function log(...parts: unknown[]): void {
  process.stderr.write(`${parts.map(String).join(' ')}\n`);
}

// ---- Statistics ---------------------------------------------------------------------------------

/** Nearest-rank percentile (p in 0..100) of a non-empty sample; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Median (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Rounds for output (JSON stays readable; the precision is far beyond the noise anyway). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---- Machine ------------------------------------------------------------------------------------

export interface MachineInfo {
  [key: string]: JsonValue;
  cpuModel: string;
  cores: number;
  node: string;
  chromium: string;
  platform: string;
  date: string;
}

export function chromiumVersion(): string {
  try {
    // Debian's wrapper script prints shell noise on stderr: keep stdout only.
    return execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: process.version,
    chromium: chromiumVersion(),
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

// ---- Browser ------------------------------------------------------------------------------------

export interface Launched {
  context: BrowserContext;
  /** Closes the browser and removes its fresh profile. */
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless in a fresh profile, with the built extension, without it,
 * or with another build of it (`path`); everything else identical. All network is refused except
 * what the caller routes afterwards (Playwright matches routes newest first, so later
 * `context.route` calls take precedence).
 */
export async function launchChromium(opts: {
  extension: boolean;
  path?: string;
}): Promise<Launched> {
  const extension = opts.path ?? (opts.extension ? extensionPath() : '');
  const profile = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const args = [
    ...(extension
      ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`]
      : []),
    ...BASE_ARGS,
  ];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args,
  });
  await context.route(/^https?:\/\//, (route) => route.abort());
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serves `html()` for every WhatsApp Web request. */
export async function serveWhatsApp(context: BrowserContext, html: () => string): Promise<void> {
  await context.route('https://web.whatsapp.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html() }),
  );
}

/** The extension's service worker id, once it has started. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}
