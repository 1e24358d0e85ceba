/**
 * A grouped bar chart as a standalone SVG string: one group per label, one bar per series.
 * Enough for the benchmark report without a charting dependency.
 */
export interface ChartGroup {
  /** Axis label; a newline starts a second line. */
  label: string;
  /** One value per series, in the order of `series`; null leaves a gap. */
  values: (number | null)[];
}

export interface ChartSpec {
  title: string;
  yLabel: string;
  series: string[];
  groups: ChartGroup[];
  /** Formats a value for the bar labels and the axis. */
  format: (value: number) => string;
}

const COLORS = ['#9b2226', '#577590', '#ee9b00', '#2d6a4f'];
const WIDTH = 760;
const HEIGHT = 380;
const PLOT = { left: 70, right: 20, top: 50, bottom: 70 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds the axis maximum up to 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

export function groupedBarChart(spec: ChartSpec): string {
  const values = spec.groups.flatMap((group) => group.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(...values, 0));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const groupWidth = plotWidth / Math.max(1, spec.groups.length);
  const barWidth = (groupWidth * 0.8) / spec.series.length;
  const y = (value: number) => PLOT.top + plotHeight * (1 - value / max);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(spec.title)}</text>`,
    `<text transform="translate(16 ${PLOT.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  ];

  // Horizontal grid lines at fifths of the axis.
  for (let i = 0; i <= 5; i++) {
    const value = (max * i) / 5;
    parts.push(`<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PLOT.left - 6}" y="${y(value) + 4}" text-anchor="end">${escapeXml(spec.format(value))}</text>`);
  }

  spec.groups.forEach((group, g) => {
    const left = PLOT.left + g * groupWidth + groupWidth * 0.1;
    group.values.forEach((value, s) => {
      if (value === null) return;
      const x = left + s * barWidth;
      parts.push(`<rect x="${x}" y="${y(value)}" width="${barWidth - 2}" height="${PLOT.top + plotHeight - y(value)}" fill="${COLORS[s % COLORS.length]}"/>`);
      parts.push(`<text x="${x + barWidth / 2 - 1}" y="${y(value) - 4}" text-anchor="middle" font-size="10">${escapeXml(spec.format(value))}</text>`);
    });
    const center = left + groupWidth * 0.4;
    const lines = group.label.split('\n').map((line, i) => `<tspan x="${center}" dy="${i === 0 ? 0 : 14}">${escapeXml(line)}</tspan>`);
    parts.push(`<text x="${center}" y="${HEIGHT - PLOT.bottom + 18}" text-anchor="middle">${lines.join('')}</text>`);
  });

  // Legend under the axis labels.
  spec.series.forEach((name, s) => {
    const x = PLOT.left + s * 200;
    parts.push(`<rect x="${x}" y="${HEIGHT - 28}" width="12" height="12" fill="${COLORS[s % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 18}" y="${HEIGHT - 18}">${escapeXml(name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
