/**
 * `npm run bench` (after `wxt build`): runs scripts/bench/spine.ts, then every other
 * scripts/bench/*.ts, ONE AT A TIME (benchmarks on a 2-core machine must not compete), collects
 * the JSON lines each prints on stdout, echoes them, and writes them with the machine's details to
 * bench-results/latest.json.
 *
 * A bench that crashes, exits non-zero, times out or prints no result is recorded as
 * `{ "bench": name, "error": "..." }`; the others still run, and this script exits 1 at the end.
 * Missed targets (`"pass": false`) are results, not failures; set BENCH_STRICT=1 to fail on them.
 *
 * Options (environment): BENCH_ONLY=spine,classify runs only those; BENCH_TIMEOUT_S (default 180,
 * per bench; spine gets BENCH_SPINE_TIMEOUT_S, default 540, and stops starting new pairs after its
 * own BENCH_SPINE_BUDGET_S). Each bench is told its limit in BENCH_BUDGET_S. spine takes about
 * 3 minutes on a quiet 2-core machine (6 at load average 15); the limits keep a busy run bounded.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { machineInfo, type BenchResult, type JsonValue } from './bench/lib';

const BENCH_DIR = resolve('scripts/bench');
const OUT_DIR = resolve('bench-results');
/** Helpers, not benchmarks. */
const NOT_BENCHES = new Set(['lib.ts']);

interface RunOutcome {
  results: BenchResult[];
  error?: string;
  durationMs: number;
}

function benchFiles(): string[] {
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .filter((f) => !NOT_BENCHES.has(f) && !f.startsWith('_'))
    .sort();
  const ordered = [
    ...files.filter((f) => f === 'spine.ts'),
    ...files.filter((f) => f !== 'spine.ts'),
  ];
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim().replace(/\.ts$/, ''));
  return only ? ordered.filter((f) => only.includes(f.replace(/\.ts$/, ''))) : ordered;
}

function isResult(value: unknown): value is BenchResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { bench?: unknown }).bench === 'string'
  );
}

function runBench(file: string, name: string, timeoutMs: number): Promise<RunOutcome> {
  const started = Date.now();
  return new Promise((done) => {
    // Own process group, so a timeout can stop the bench AND the browsers it started.
    const child = spawn('npx', ['tsx', join(BENCH_DIR, file)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // The hard limit, so a bench can scale itself down rather than be killed.
      env: { ...process.env, BENCH_BUDGET_S: String(Math.floor(timeoutMs / 1000)) },
    });
    const results: BenchResult[] = [];
    const stderrTail: string[] = [];
    let pending = '';
    let timedOut = false;

    const takeLine = (line: string) => {
      const text = line.trim();
      if (!text) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        process.stderr.write(`[${name}] ${text}\n`); // not a result: pass it on as a log line
        return;
      }
      // A bench that forgot its name still gets one.
      const result: BenchResult = isResult(parsed)
        ? parsed
        : { bench: name, value: parsed as JsonValue };
      results.push(result);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(takeLine);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      process.stderr.write(chunk.replace(/^(?=.)/gm, `[${name}] `));
      stderrTail.push(...chunk.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn')));
      stderrTail.splice(0, Math.max(0, stderrTail.length - 8));
    });

    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);

    const finish = (error: string | undefined) => {
      clearTimeout(timer);
      if (pending) takeLine(pending);
      pending = '';
      const tail = stderrTail.join(' | ').slice(-600);
      let message = error;
      if (!message && results.length === 0) message = 'printed no JSON result line';
      if (message && tail && !timedOut) message += ` — stderr: ${tail}`;
      done({ results, durationMs: Date.now() - started, ...(message ? { error: message } : {}) });
    };
    child.on('error', (err) => finish(`could not start: ${err.message}`));
    child.on('close', (code, signal) => {
      if (timedOut) finish(`timed out after ${Math.round(timeoutMs / 1000)} s (killed)`);
      else if (code !== 0) finish(`exited with ${code ?? signal}`);
      else finish(undefined);
    });
  });
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(resolve('.output/chrome-mv3/manifest.json'))) {
    process.stderr.write(
      'No .output/chrome-mv3: run `npx wxt build` first (npm run bench does).\n',
    );
  }
  const machine = machineInfo();
  process.stderr.write(
    `bench on ${machine.cpuModel} × ${machine.cores}, node ${machine.node}, ${machine.chromium}\n`,
  );

  const perBench = Number(process.env.BENCH_TIMEOUT_S ?? 180) * 1000;
  const spineTimeout = Number(process.env.BENCH_SPINE_TIMEOUT_S ?? 540) * 1000;
  const all: BenchResult[] = [];
  const runs: { bench: string; durationMs: number; results: number; error?: string }[] = [];
  for (const file of benchFiles()) {
    const name = basename(file, '.ts');
    process.stderr.write(`\n▶ ${name}\n`);
    const outcome = await runBench(file, name, name === 'spine' ? spineTimeout : perBench);
    all.push(...outcome.results);
    if (outcome.error) {
      const failure: BenchResult = { bench: name, error: outcome.error };
      all.push(failure);
      process.stdout.write(`${JSON.stringify(failure)}\n`);
    }
    runs.push({
      bench: name,
      durationMs: outcome.durationMs,
      results: outcome.results.length,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    process.stderr.write(`■ ${name}: ${(outcome.durationMs / 1000).toFixed(1)} s\n`);
  }

  const failed = runs.filter((r) => r.error).map((r) => r.bench);
  const missed = all.filter((r) => r.pass === false);
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, 'latest.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        machine,
        commit: gitCommit(),
        durationMs: Date.now() - started,
        runs,
        failed,
        results: all,
      },
      null,
      2,
    )}\n`,
  );
  process.stderr.write(
    `\n${all.length} results from ${runs.length} benches in ${((Date.now() - started) / 1000).toFixed(0)} s → ${file}\n`,
  );
  for (const m of missed) {
    process.stderr.write(`  target missed: ${m.bench} ${String(m.metric ?? '')}\n`);
  }
  if (failed.length) process.stderr.write(`  FAILED: ${failed.join(', ')}\n`);
  const strict = process.env.BENCH_STRICT === '1' && missed.length > 0;
  process.exitCode = failed.length > 0 || strict ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
