import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { measureCpuLoad } from '../../tools/bench/busy.ts';
import { groupedBarChart } from '../../tools/bench/chart.ts';
import { strokesToPgm } from '../../tools/bench/tesseract.ts';

describe('benchmark tools', () => {
  it('draws strokes for Tesseract as dark ink on white', () => {
    const pgm = strokesToPgm([[{ x: 0, y: 0 }, { x: 30, y: 40 }]]);
    const header = pgm.subarray(0, 20).toString('latin1').split('\n');
    expect(header[0]).toBe('P5');
    const [width, height] = header[1]!.split(' ').map(Number) as [number, number];
    expect(height).toBe(32 + 16);
    const pixels = pgm.subarray(pgm.length - width * height);
    expect(pixels[0]).toBe(255);
    expect(Math.min(...pixels)).toBeLessThan(64);
  });

  it('leaves a gap for a missing chart value', () => {
    const svg = groupedBarChart({
      title: 'A <b> & c',
      yLabel: 'CER',
      series: ['one', 'two'],
      groups: [
        { label: 'first\nline', values: [0.5, null] },
        { label: 'second', values: [0.25, 1] },
      ],
      format: (value) => `${Math.round(100 * value)}%`,
    });
    expect(svg).toContain('A &lt;b&gt; &amp; c');
    expect(svg.match(/<rect x=/g)).toHaveLength(3 + 2);
    expect(svg).toContain('<tspan');
  });

  it('sees a process that keeps a core busy', async () => {
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 4000; while (Date.now() < end);']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const load = await measureCpuLoad(1500);
      const busy = load.processes.find((p) => p.pid === child.pid);
      expect(busy?.cores).toBeGreaterThan(0.5);
    } finally {
      child.kill();
    }
  });
});
