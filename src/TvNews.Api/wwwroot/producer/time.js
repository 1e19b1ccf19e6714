// Times are stored and sent in UTC; producers read and type them in the channel's time zone (manifest timeZone).

const formatters = new Map();

function formatter(timeZone, options) {
  const key = timeZone + JSON.stringify(options);
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat('en-GB', { timeZone, ...options }));
  return formatters.get(key);
}

export function clockTime(iso, timeZone) {
  if (!iso) return '–';
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function dateTime(iso, timeZone) {
  if (!iso) return '–';
  return formatter(timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function duration(seconds) {
  if (seconds == null || Number.isNaN(seconds)) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

function parts(date, timeZone) {
  const out = {};
  for (const p of formatter(timeZone, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** The zone's offset from UTC at that instant, in milliseconds. */
function offset(date, timeZone) {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** "2026-12-02T18:30" typed in the channel's zone → ISO instant in UTC. */
export function zonedToUtc(local, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local || '');
  if (!m) return null;
  const naive = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  // Two passes settle the offset across a daylight-saving change.
  let guess = naive - offset(new Date(naive), timeZone);
  guess = naive - offset(new Date(guess), timeZone);
  return new Date(guess).toISOString();
}

/** ISO instant → "YYYY-MM-DDTHH:mm" in the channel's zone, for a datetime-local input. */
export function utcToZoned(iso, timeZone) {
  if (!iso) return '';
  const p = parts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
