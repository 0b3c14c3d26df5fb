/** Pretty-printing of the pino JSON lines that every KennisCloud process writes. */

export const LEVELS: Record<number, { label: string; colour: number }> = {
  10: { label: 'TRACE', colour: 90 },
  20: { label: 'DEBUG', colour: 90 },
  30: { label: 'INFO ', colour: 32 },
  40: { label: 'WARN ', colour: 33 },
  50: { label: 'ERROR', colour: 31 },
  60: { label: 'FATAL', colour: 41 },
};

export const clock = (d: Date) => d.toTimeString().slice(0, 8);
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'err', 'error', 'req', 'res', 'responseTime', 'correlationId', 'context']);

/**
 * Turns one pino JSON line into `HH:MM:SS LEVEL message key=value …` (with the request, the
 * short correlation id and an error's stack); other lines pass through unchanged.
 */
export function formatLogLine(raw: string): { text: string; level: number } | null {
  const line = raw.trimEnd();
  if (!line) return null;
  if (!line.startsWith('{')) return { text: line, level: 30 };
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { text: line, level: 30 };
  }
  const level = typeof entry.level === 'number' && LEVELS[entry.level] ? entry.level : 30;
  const time = typeof entry.time === 'string' || typeof entry.time === 'number' ? new Date(entry.time) : new Date();
  const parts: string[] = [clock(Number.isNaN(time.getTime()) ? new Date() : time), LEVELS[level].label];
  if (typeof entry.context === 'string') parts.push(`(${entry.context})`);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`.trim());
  if (res?.statusCode) parts.push(`→ ${res.statusCode}${typeof entry.responseTime === 'number' ? ` ${Math.round(entry.responseTime)}ms` : ''}`);
  if (entry.msg !== undefined) parts.push(String(entry.msg));
  for (const [key, value] of Object.entries(entry)) {
    if (OMIT.has(key) || value === undefined) continue;
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(`${key}=${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}`);
  }
  if (typeof entry.correlationId === 'string') parts.push(`cid=${entry.correlationId.slice(0, 8)}`);
  let text = parts.join(' ');
  const err = (entry.err ?? entry.error) as { message?: string; stack?: string; code?: string } | string | undefined;
  if (typeof err === 'string') text += ` error=${err}`;
  else if (err && typeof err === 'object') {
    if (err.code) text += ` code=${err.code}`;
    text += err.stack ? `\n    ${err.stack.split('\n').join('\n    ')}` : ` error=${err.message ?? JSON.stringify(err)}`;
  }
  return { text, level };
}
