/**
 * Tells whether other processes keep the CPU busy, from two samples of /proc (Linux). Benchmarks
 * taken while, say, a training run uses the cores would measure the contention, not the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface BusyProcess {
  pid: number;
  command: string;
  /** Average number of cores the process used during the sample. */
  cores: number;
}

export interface CpuLoad {
  /** Cores in use by all processes except this one, averaged over the sample. */
  cores: number;
  total: number;
  processes: BusyProcess[];
}

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on Linux for x86 and ARM. */
const TICKS_PER_SECOND = 100;

function processTicks(): Map<number, { command: string; ticks: number }> {
  const result = new Map<number, { command: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command sits in parentheses and may contain spaces; the fields after it are numbers.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      result.set(Number(entry), { command: stat.slice(stat.indexOf('(') + 1, close), ticks });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return result;
}

/** Measures the CPU used by other processes over `sampleMs` milliseconds. */
export async function measureCpuLoad(sampleMs = 2000): Promise<CpuLoad> {
  const before = processTicks();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const seconds = (performance.now() - started) / 1000;
  const after = processTicks();

  const processes: BusyProcess[] = [];
  for (const [pid, { command, ticks }] of after) {
    if (pid === process.pid) continue;
    const previous = before.get(pid)?.ticks ?? ticks;
    const cores = (ticks - previous) / TICKS_PER_SECOND / seconds;
    if (cores > 0.05) processes.push({ pid, command, cores });
  }
  processes.sort((a, b) => b.cores - a.cores);
  const cores = processes.reduce((sum, p) => sum + p.cores, 0);
  const total = cpus().length;
  return { cores, total, processes };
}

/** Describes a load in one line for the console and the report. */
export function describeLoad(load: CpuLoad): string {
  const top = load.processes
    .slice(0, 3)
    .map((p) => `${p.command} (pid ${p.pid}) ${p.cores.toFixed(1)}`)
    .join(', ');
  return `${load.cores.toFixed(1)} of ${load.total} cores in use by other processes${top ? `: ${top}` : ''}`;
}
