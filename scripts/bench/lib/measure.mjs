// Whole-process timing and peak memory of child processes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Peak resident memory (VmHWM, bytes) of a running process, or null where /proc is missing. */
function peakMemory(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Runs a command; resolves with wall time (s), peak memory (bytes, sampled), stdout, exit code. */
export function timeProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const out = [];
    const err = [];
    let peak = null;
    const sample = setInterval(() => {
      const m = peakMemory(child.pid);
      if (m !== null) peak = Math.max(peak ?? 0, m);
    }, 20);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ seconds, peak, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
