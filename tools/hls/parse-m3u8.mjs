// Reads a JSON array of HLS playlists (text) on stdin and writes, for each, what m3u8-parser (video.js's parser)
// makes of it, with every warning it raised: {manifest, warnings}. Used by the live channel tests.
import { Parser } from 'm3u8-parser';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const playlists = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = playlists.map((text) => {
  const parser = new Parser();
  const warnings = [];
  parser.on('warn', (w) => warnings.push(w.message));
  parser.push(text);
  parser.end();
  const m = parser.manifest;
  return {
    warnings,
    manifest: {
      targetDuration: m.targetDuration ?? null,
      mediaSequence: m.mediaSequence ?? null,
      discontinuitySequence: m.discontinuitySequence ?? null,
      endList: m.endList ?? false,
      playlistType: m.playlistType ?? null,
      start: m.start ?? null,
      version: m.version ?? null,
      segments: (m.segments ?? []).map((s) => ({
        uri: s.uri,
        duration: s.duration,
        timeline: s.timeline,
        discontinuity: s.discontinuity ?? false,
        programDateTime: s.programDateTime ?? null,
        dateTimeString: s.dateTimeString ?? null,
      })),
      playlists: (m.playlists ?? []).map((p) => ({ uri: p.uri, attributes: p.attributes })),
    },
  };
});
process.stdout.write(JSON.stringify(results));
